# METADATA
# title: Customer data taken off the premises comes back on time
# description: |
#   Customer data taken out of the office is returned or destroyed as soon as the
#   work is done. Fails for a removal whose due date is before the as-of date and
#   that is not declared returned. A removal due on the as-of date, or with no due
#   date, is not yet overdue.
# custom:
#   id: BM-4.3.3-02
#   short_code: removal-closed
#   article: "4.3.3"
#   severity: medium
#   title_zh: 外带客户资料已按期归还或销毁
#   remediation: Have the data returned or destroyed, then declare `returned = true`; give every removal a `due` date.
#   remediation_zh: 督促及时归还或销毁外带的客户资料,完成后声明 `returned = true`;每次外带均应在 `due` 中明确归还期限。
package baomi.controls.removal_closed

import data.baomi.lib

applicable contains addr if some addr, _ in input.removals

deny contains {
	"resource": addr,
	"message": sprintf("removal %s was due back on %s and is not declared returned or destroyed", [addr, due]),
	"message_zh": sprintf("外带记录 %s 的归还期限为 %s,已逾期且未声明归还或销毁", [addr, due]),
	"attribute": "returned",
} if {
	some addr in applicable
	removal := input.removals[addr]
	due := removal.due
	is_string(due)
	due < lib.as_of
	not removal.returned == true
}
