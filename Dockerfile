# The release image (.goreleaser.yaml, dockers_v2): goreleaser puts each
# platform's binary under $TARGETPLATFORM in the build context.
FROM gcr.io/distroless/static-debian12:nonroot
ARG TARGETPLATFORM
COPY $TARGETPLATFORM/baomi /usr/local/bin/baomi
USER nonroot:nonroot
WORKDIR /src
ENTRYPOINT ["/usr/local/bin/baomi"]
