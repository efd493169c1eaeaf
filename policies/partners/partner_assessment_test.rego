package baomi.controls.partner_assessment_test

import data.baomi.controls.partner_assessment

# as_of 2026-11-26: 365 days before is 2025-11-26, 366 days before is 2025-11-25.
_inv(assessments) := {
	"as_of": "2026-11-26",
	"partners": {"partner.p": {"receives": ["data_asset.a"], "security_assessment": assessments}},
	"transfers": {},
}

_findings(inv) := {[f.resource, f.attribute] | some f in deny} if {
	deny := partner_assessment.deny with input as inv
}

test_pass_recent_pass if {
	inv := _inv([{"date": "2026-03-01", "result": "pass"}])
	partner_assessment.applicable == {"partner.p"} with input as inv
	count(partner_assessment.deny) == 0 with input as inv
}

test_pass_conditional if {
	inv := _inv([{"date": "2026-03-01", "result": "conditional"}])
	count(partner_assessment.deny) == 0 with input as inv
}

test_pass_dated_as_of if {
	inv := _inv([{"date": "2026-11-26", "result": "pass"}])
	count(partner_assessment.deny) == 0 with input as inv
}

test_boundary_exactly_max_age_passes if {
	inv := _inv([{"date": "2025-11-26", "result": "pass"}])
	count(partner_assessment.deny) == 0 with input as inv
}

test_boundary_one_day_over_fails if {
	inv := _inv([{"date": "2025-11-25", "result": "pass"}])
	partner_assessment.deny == {{
		"resource": "partner.p",
		"message": "the latest security assessment of partner.p (security_assessment block 1, dated 2025-11-25) is older than 365 days",
		"message_zh": "partner.p 最近一次保密能力评估(第 1 条评估记录,日期 2025-11-25)已超过 365 天",
		"attribute": "security_assessment[0].date",
	}} with input as inv
}

test_setting_overrides_max_age if {
	inv := object.union(_inv([{"date": "2026-10-01", "result": "pass"}]), {"settings": {"assessment_max_age_days": 30}})
	_findings(inv) == {["partner.p", "security_assessment[0].date"]}
}

test_fail_none if {
	inv := _inv([])
	partner_assessment.deny == {{
		"resource": "partner.p",
		"message": "partner.p receives customer data but has no security assessment dated on or before 2026-11-26",
		"message_zh": "partner.p 接收客户资料,但截至 2026-11-26 没有任何有日期的保密能力评估记录",
		"attribute": "security_assessment",
	}} with input as inv
}

test_fail_block_absent if {
	inv := {"as_of": "2026-11-26", "partners": {"partner.p": {"receives": ["data_asset.a"]}}}
	_findings(inv) == {["partner.p", "security_assessment"]}
}

test_fail_only_undated if {
	inv := _inv([{"result": "pass"}, {"date": null, "result": "pass"}])
	_findings(inv) == {["partner.p", "security_assessment"]}
}

test_fail_only_future if {
	inv := _inv([{"date": "2026-11-27", "result": "pass"}])
	_findings(inv) == {["partner.p", "security_assessment"]}
}

test_future_assessment_ignored if {
	inv := _inv([{"date": "2026-03-01", "result": "pass"}, {"date": "2027-01-01", "result": "fail"}])
	count(partner_assessment.deny) == 0 with input as inv
}

test_undated_assessment_ignored if {
	inv := _inv([{"result": "fail"}, {"date": "2026-03-01", "result": "pass"}])
	count(partner_assessment.deny) == 0 with input as inv
}

test_fail_latest_fails if {
	inv := _inv([{"date": "2025-12-01", "result": "pass"}, {"date": "2026-06-01", "result": "fail"}])
	partner_assessment.deny == {{
		"resource": "partner.p",
		"message": "the latest security assessment of partner.p (security_assessment block 2, dated 2026-06-01) has result fail",
		"message_zh": "partner.p 最近一次保密能力评估(第 2 条评估记录,日期 2026-06-01)结论为不通过(fail)",
		"attribute": "security_assessment[1].result",
	}} with input as inv
}

test_pass_latest_passes_after_earlier_fail if {
	inv := _inv([{"date": "2026-06-01", "result": "pass"}, {"date": "2025-12-01", "result": "fail"}])
	count(partner_assessment.deny) == 0 with input as inv
}

test_fail_worst_on_latest_date_counts if {
	inv := _inv([
		{"date": "2026-06-01", "result": "pass"},
		{"date": "2026-06-01", "result": "fail"},
		{"date": "2026-06-01", "result": "conditional"},
	])
	_findings(inv) == {["partner.p", "security_assessment[1].result"]}
}

test_pass_conditional_and_pass_on_latest_date if {
	inv := _inv([{"date": "2026-06-01", "result": "pass"}, {"date": "2026-06-01", "result": "conditional"}])
	count(partner_assessment.deny) == 0 with input as inv
}

test_fail_result_absent if {
	inv := _inv([{"date": "2026-06-01"}])
	_findings(inv) == {["partner.p", "security_assessment[0].result"]}
}

test_fail_old_and_failed if {
	inv := _inv([{"date": "2024-01-01", "result": "fail"}])
	_findings(inv) == {["partner.p", "security_assessment[0].date"], ["partner.p", "security_assessment[0].result"]}
}

test_applicable_by_transfer if {
	inv := {
		"as_of": "2026-11-26",
		"partners": {"partner.t": {"security_assessment": []}},
		"transfers": {"transfer.x": {"asset": "data_asset.a", "to": "partner.t"}},
	}
	partner_assessment.applicable == {"partner.t"} with input as inv
	_findings(inv) == {["partner.t", "security_assessment"]}
}

test_not_applicable_partner_receiving_nothing if {
	inv := {
		"as_of": "2026-11-26",
		"partners": {"partner.idle": {"receives": [], "security_assessment": []}},
		"transfers": {"transfer.x": {"asset": "data_asset.a", "to": "department.ops"}},
	}
	count(partner_assessment.applicable) == 0 with input as inv
	count(partner_assessment.deny) == 0 with input as inv
}
