# 系统: storage systems and the data they hold.

system "客户库" {
  name = "客户数据库 👩‍💻"
  kind = "server"
  /* 主站 🏢 */ site = site.上海_dc
  designated         = true
  encryption_at_rest = "SM4"
  access_control     = "role_based"

  backup {
    frequency = "daily"
    /* 异地 👩‍💻 */ site = site.hz_dc
  }
}

data_asset "客户名单" {
  name           = "客户名单"
  category       = "identity"
  classification = "confidential"
  owner          = department.法务部
  stored_in      = [system.客户库, system.账单库]
}

system "账单库" {
  name = "账单库"
  kind = "server"
  site = site.hz_dc
  /* 未加密 🔓 */ encryption_at_rest = "none"
}
