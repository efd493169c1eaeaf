# METADATA
# title: Management is accountable for customer-data confidentiality
# description: |
#   The organization names a member of management who answers for the
#   confidentiality of customer data, and management has reviewed that work
#   within management_review_max_age_days (365 by default). Fails when no
#   accountable executive is named, or the last management review is not
#   declared or is older than the limit.
# custom:
#   id: BM-2.1-01
#   short_code: management-accountability
#   article: "2.1"
#   severity: medium
#   title_zh: 管理层对客户资料保密工作负总责
#   remediation: Name the accountable member of management in `accountable_executive`, have management review the confidentiality work at least once within the review period, and record the date in `last_management_review`.
#   remediation_zh: 在 `accountable_executive` 中明确对客户资料保密工作负总责的管理层成员;管理层应在评审周期内至少听取、审议一次保密工作,并将日期记入 `last_management_review`。
package baomi.controls.management_accountability

import data.baomi.lib

applicable contains addr if some addr, _ in input.organization

deny contains {
	"resource": addr,
	"message": sprintf("%s names no member of management accountable for customer-data confidentiality", [addr]),
	"message_zh": sprintf("%s 未明确对客户资料保密工作负总责的管理层成员", [addr]),
	"attribute": "accountable_executive",
} if {
	some addr in applicable
	not lib.has_text(input.organization[addr], "accountable_executive")
}

deny contains {
	"resource": addr,
	"message": sprintf("%s declares no management review of confidentiality work (last_management_review)", [addr]),
	"message_zh": sprintf("%s 未声明管理层最近一次听取保密工作汇报的日期(last_management_review)", [addr]),
	"attribute": "last_management_review",
} if {
	some addr in applicable
	not is_string(object.get(input.organization[addr], "last_management_review", null))
}

deny contains {
	"resource": addr,
	"message": sprintf("the last management review of %s, on %s, is more than %d days before %s", [addr, reviewed, max_age, lib.as_of]),
	"message_zh": sprintf("%s 的管理层保密工作评审停留在 %s,距 %s 已超过 %d 天", [addr, reviewed, lib.as_of, max_age]),
	"attribute": "last_management_review",
} if {
	some addr in applicable
	reviewed := input.organization[addr].last_management_review
	is_string(reviewed)
	max_age := lib.settings.management_review_max_age_days
	lib.older_than(reviewed, max_age)
}
