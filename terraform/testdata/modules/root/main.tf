module "kyc" {
  source     = "./modules/bucket"
  name       = "acme-kyc"
  encryption = "AES256"
}

module "web" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "4.1.0"
  bucket  = "acme-web"
}

module "twice" {
  source = "./modules/bucket"
  count  = 2
  name   = "acme-twice-${count.index}"
}

module "maybe" {
  source   = "./modules/bucket"
  for_each = var.buckets
  name     = each.key
}

variable "buckets" {}
