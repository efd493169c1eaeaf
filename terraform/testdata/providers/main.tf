provider "aws" {
  default_tags {
    tags = { team = "web" }
  }
}

provider "aws" {
  alias = "billing"
  default_tags {
    tags = { "baomi-system" = "billing_db" }
  }
}

module "store" {
  source = "./modules/store"
  providers = {
    aws = aws.billing
  }
}

module "plain" {
  source = "./modules/store"
}
