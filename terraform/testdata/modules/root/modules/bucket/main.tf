variable "name" {}

variable "encryption" {
  default = "KMS"
}

resource "alicloud_oss_bucket" "this" {
  bucket = var.name
  server_side_encryption_rule {
    sse_algorithm = var.encryption
  }
}

resource "alicloud_oss_bucket_acl" "this" {
  bucket = alicloud_oss_bucket.this.id
  acl    = "private"
}
