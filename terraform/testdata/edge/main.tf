variable "days" {
  type = number
}

variable "encrypted" {
  type = bool
}

variable "label" {
  type    = string
  default = 42
}

locals {
  a  = [local.b, local.b, local.b, local.b, local.b, local.b, local.b, local.b, local.b, local.b]
  b  = [local.c, local.c, local.c, local.c, local.c, local.c, local.c, local.c, local.c, local.c]
  c  = [local.d, local.d, local.d, local.d, local.d, local.d, local.d, local.d, local.d, local.d]
  d  = [local.e, local.e, local.e, local.e, local.e, local.e, local.e, local.e, local.e, local.e]
  e  = [local.f, local.f, local.f, local.f, local.f, local.f, local.f, local.f, local.f, local.f]
  f  = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
  p  = local.q
  q  = local.p
}

resource "aws_db_instance" "db" {
  backup_retention_period = var.days
  storage_encrypted       = true
  identifier              = var.label
  huge                    = local.a
  loop                    = local.p
}

resource "aws_s3_bucket" "count" {
  count  = 100000000
  bucket = "x"
}
