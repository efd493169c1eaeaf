# METADATA
# title: A lead department manages customer-data confidentiality
# description: |
#   The organization designates one department (legal, administration or
#   compliance, for example) to lead the management of customer-data
#   confidentiality. Fails when no lead department is declared.
# custom:
#   id: BM-2.2-01
#   short_code: lead-department
#   article: "2.2"
#   severity: medium
#   title_zh: 已指定客户资料保密管理牵头部门
#   remediation: Designate the department that leads customer-data confidentiality management and reference it in `lead_department` of the organization block.
#   remediation_zh: 指定负责客户资料保密管理的牵头部门(如法务部、行政部或合规部),并在 organization 块的 `lead_department` 中引用该部门。
package baomi.controls.lead_department

import data.baomi.lib

applicable contains addr if some addr, _ in input.organization

deny contains {
	"resource": addr,
	"message": sprintf("%s designates no lead department for customer-data confidentiality", [addr]),
	"message_zh": sprintf("%s 未指定客户资料保密管理的牵头部门", [addr]),
	"attribute": "lead_department",
} if {
	some addr in applicable
	not lib.has_text(input.organization[addr], "lead_department")
}
