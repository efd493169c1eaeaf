# METADATA
# title: Access to stored customer data is tiered
# description: |
#   A system that holds customer data fails unless it grants access by role or by
#   attribute (`access_control` role_based or attribute_based). No declared access
#   control, `none` and a shared account all fail.
# custom:
#   id: BM-4.2.1-03
#   short_code: storage-access-tiered
#   article: "4.2.1"
#   severity: high
#   title_zh: 存储系统实行分级访问权限
#   remediation: Give each user an individual account with permissions set by role or attribute, and declare `access_control = "role_based"` or `"attribute_based"`.
#   remediation_zh: 为每名用户设置个人账号,按角色或属性分级授权,并声明 `access_control = "role_based"` 或 `"attribute_based"`。
package baomi.controls.storage_access_tiered

import data.baomi.lib

_tiered := {"role_based", "attribute_based"}

applicable contains addr if {
	some addr in lib.holding_systems
}

deny contains {
	"resource": addr,
	"message": sprintf("%s holds customer data but declares no access control; role_based or attribute_based is required", [addr]),
	"message_zh": sprintf("%s 存放客户资料但未声明访问控制方式,应为 role_based 或 attribute_based", [addr]),
	"attribute": "access_control",
} if {
	some addr in _untiered
	not _declared(input.systems[addr])
}

deny contains {
	"resource": addr,
	"message": sprintf("%s holds customer data with access control %s, which is not tiered; role_based or attribute_based is required", [addr, ac]),
	"message_zh": sprintf("%s 存放客户资料,访问控制方式为 %s,未实行分级授权,应为 role_based 或 attribute_based", [addr, ac]),
	"attribute": "access_control",
} if {
	some addr in _untiered
	ac := input.systems[addr].access_control
	is_string(ac)
	not ac in _tiered
}

_declared(sys) if is_string(sys.access_control)

# Holding systems whose access control is not declared tiered: the only ones
# the deny rules can find anything in. The others are found in one walk over
# the systems rather than a lookup of each holding system in each rule.
_untiered := lib.holding_systems - {addr |
	tiered := _tiered
	some addr, sys in input.systems
	sys.access_control in tiered
}
