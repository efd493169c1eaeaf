region = "cn-north-1"
