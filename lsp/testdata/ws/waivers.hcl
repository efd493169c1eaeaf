# 豁免: accepted exceptions.

waiver "账单库_防火墙" {
  control     = "endpoint-protection"
  resource    = system.账单库
  reason      = "机房防火墙统一防护 🔥"
  approved_by = "王芳"
  expires     = "2027-03-31"
}
