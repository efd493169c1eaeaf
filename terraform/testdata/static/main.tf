variable "retention" {
  default = 7
}

variable "encrypted" {
  type    = bool
  default = false
}

variable "region" {}

variable "kms" {}

locals {
  name    = "crm-${var.retention}"
  created = timestamp()
  common  = { team = "crm" }
}

provider "aws" {
  region = var.region
  default_tags {
    tags = {
      "baomi-system" = "crm_db"
      owner          = "ops"
    }
  }
}

resource "aws_db_instance" "crm" {
  identifier              = local.name
  storage_encrypted       = var.encrypted
  backup_retention_period = var.retention
  kms_key_id              = var.kms
  publicly_accessible     = var.retention > 3 ? true : false
  created                 = local.created
  engine                  = lower("POSTGRES")
  tags                    = local.common
}

resource "aws_s3_bucket" "docs" {
  bucket = "acme-docs"
  tags = {
    "baomi-system" = "none"
    built          = "${local.created}-x"
  }
}

resource "aws_s3_bucket_acl" "docs" {
  bucket = aws_s3_bucket.docs.id
  acl    = "private"
}

resource "aws_s3_bucket_versioning" "docs" {
  bucket = "${aws_s3_bucket.docs.bucket}-versions"
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "docs" {
  bucket = aws_s3_bucket.docs.arn
  rule {
    id     = "a"
    status = "Enabled"
  }
  rule {
    id     = "b"
    status = var.kms
  }
  dynamic "transition" {
    for_each = []
    content {}
  }
}

resource "aws_ebs_volume" "disk" {
  count     = 2
  encrypted = count.index == 0
  size      = count.index
}

resource "aws_s3_bucket" "regional" {
  for_each = { eu = "acme-eu", us = "acme-us" }
  bucket   = each.value
}

resource "aws_s3_bucket" "maybe" {
  count  = var.region == "cn" ? 1 : 0
  bucket = "acme-maybe-${count.index}"
  tags   = { nested = var.nested }
}

data "aws_kms_key" "k" {
  key_id = "alias/x"
}

resource "aws_efs_file_system" "share" {
  encrypted  = true
  kms_key_id = data.aws_kms_key.k.arn
  tags       = { extra = ["a", var.kms] }
}

variable "nested" {}
