# 站点: the places where customer data is kept.

organization "某某贸易" {
  name            = "某某贸易有限公司"
  lead_department = department.法务部
}

department "法务部" {
  name = "法务部"
  head = "王芳"
}

site "上海_dc" {
  name = "上海数据中心"
  city = "上海"
  kind = "datacenter"
}

site "hz_dc" {
  name = "杭州机房 🏢"
  city = "杭州"
  kind = "datacenter"
}
