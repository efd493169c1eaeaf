# METADATA
# title: Taking customer data off the premises is approved twice
# description: |
#   Customer data is taken out of the office only when the head of the department
#   and the lead department have both approved it. Fails for a removal when either
#   approval is not recorded.
# custom:
#   id: BM-4.3.3-01
#   short_code: removal-approved
#   article: "4.3.3"
#   severity: high
#   title_zh: 携带客户资料外出已经双重审批
#   remediation: Obtain the approval of the department head and of the lead department before the data leaves the premises, and record who approved in `approved_by_department_head` and `approved_by_lead_department`.
#   remediation_zh: 客户资料带离办公场所前,须经部门负责人及牵头部门批准,并在 `approved_by_department_head` 和 `approved_by_lead_department` 中记录审批人。
package baomi.controls.removal_approved

import data.baomi.lib

applicable contains addr if some addr, _ in input.removals

deny contains {
	"resource": addr,
	"message": sprintf("removal %s has no recorded approval by the department head", [addr]),
	"message_zh": sprintf("外带记录 %s 缺少部门负责人的审批", [addr]),
	"attribute": "approved_by_department_head",
} if {
	some addr in applicable
	not lib.has_text(input.removals[addr], "approved_by_department_head")
}

deny contains {
	"resource": addr,
	"message": sprintf("removal %s has no recorded approval by the lead department", [addr]),
	"message_zh": sprintf("外带记录 %s 缺少牵头部门的审批", [addr]),
	"attribute": "approved_by_lead_department",
} if {
	some addr in applicable
	not lib.has_text(input.removals[addr], "approved_by_lead_department")
}
