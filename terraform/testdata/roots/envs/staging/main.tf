module "db" {
  source = "../../modules/db"
}

resource "aws_s3_bucket" "scratch" {
  bucket = "acme-scratch"
}
