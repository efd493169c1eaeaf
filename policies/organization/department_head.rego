# METADATA
# title: Each department handling customer data has a head responsible for it
# description: |
#   A department that handles customer data, or owns a data asset, names its head
#   as the person first responsible for the confidentiality of customer data in
#   the department. Fails when no head is named.
# custom:
#   id: BM-2.3-01
#   short_code: department-head
#   article: "2.3"
#   severity: medium
#   title_zh: 部门客户资料保密第一责任人已明确
#   remediation: Name the head of the department, who is first responsible for customer-data confidentiality in it, in the department's `head` attribute.
#   remediation_zh: 在该部门的 `head` 属性中写明部门负责人,由其担任本部门客户资料保密管理的第一责任人。
package baomi.controls.department_head

import data.baomi.lib

applicable contains addr if some addr in lib.responsible_departments

deny contains {
	"resource": addr,
	"message": sprintf("%s handles or owns customer data but names no head responsible for its confidentiality", [addr]),
	"message_zh": sprintf("%s 处理或负责客户资料,但未明确保密管理第一责任人", [addr]),
	"attribute": "head",
} if {
	some addr in applicable
	not lib.has_text(input.departments[addr], "head")
}
