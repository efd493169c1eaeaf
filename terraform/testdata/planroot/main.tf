resource "aws_s3_bucket" "docs" {
  bucket = "acme-docs"

  versioning {
    enabled = true
  }
}

resource "aws_s3_bucket_acl" "docs" {
  bucket = aws_s3_bucket.docs.id
  acl    = "public-read"
}

module "remote" {
  source = "terraform-aws-modules/rds/aws"
}
