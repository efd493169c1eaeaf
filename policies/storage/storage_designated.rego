# METADATA
# title: Customer data is kept on designated systems
# description: |
#   A system that holds customer data fails unless the enterprise has designated it
#   for customer data (`designated = true`). A system whose designation is not
#   declared fails too.
# custom:
#   id: BM-4.2.1-01
#   short_code: storage-designated
#   article: "4.2.1"
#   severity: high
#   title_zh: 客户资料存放于指定系统
#   remediation: Have the enterprise designate the system for customer data and declare `designated = true`, or move the data to a designated system.
#   remediation_zh: 经企业指定后在该系统中声明 `designated = true`,或将客户资料迁移至企业指定的存储系统。
package baomi.controls.storage_designated

import data.baomi.lib

applicable contains addr if {
	some addr in lib.holding_systems
}

deny contains {
	"resource": addr,
	"message": sprintf("%s holds customer data but is not declared a designated system (designated = true)", [addr]),
	"message_zh": sprintf("%s 存放客户资料,但未声明为企业指定的存储系统(designated = true)", [addr]),
	"attribute": "designated",
} if {
	some addr in (lib.holding_systems - _designated)
}

# Systems declared designated, found in one walk over the systems rather than
# a lookup of each holding system.
_designated := {addr |
	some addr, sys in input.systems
	sys.designated == true
}
