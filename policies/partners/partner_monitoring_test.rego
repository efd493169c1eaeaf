package baomi.controls.partner_monitoring_test

import data.baomi.controls.partner_monitoring

# as_of 2026-11-26: 365 days before is 2025-11-26, 366 days before is 2025-11-25.
_inv(partner) := {
	"as_of": "2026-11-26",
	"partners": {"partner.p": object.union({"receives": ["data_asset.a"]}, partner)},
	"transfers": {},
}

_findings(inv) := {[f.resource, f.attribute] | some f in deny} if {
	deny := partner_monitoring.deny with input as inv
}

test_pass_recent_review if {
	inv := _inv({"monitoring": {"method": "quarterly audit", "last_review": "2026-09-01"}})
	partner_monitoring.applicable == {"partner.p"} with input as inv
	count(partner_monitoring.deny) == 0 with input as inv
}

test_pass_review_on_as_of if {
	inv := _inv({"monitoring": {"last_review": "2026-11-26"}})
	count(partner_monitoring.deny) == 0 with input as inv
}

test_boundary_exactly_max_age_passes if {
	inv := _inv({"monitoring": {"last_review": "2025-11-26"}})
	count(partner_monitoring.deny) == 0 with input as inv
}

test_boundary_one_day_over_fails if {
	inv := _inv({"monitoring": {"method": "Secret method", "last_review": "2025-11-25"}})
	partner_monitoring.deny == {{
		"resource": "partner.p",
		"message": "the last monitoring review of partner.p, on 2025-11-25, is older than 365 days",
		"message_zh": "partner.p 最近一次监督检查日期为 2025-11-25,已超过 365 天",
		"attribute": "monitoring.last_review",
	}} with input as inv
}

test_setting_overrides_max_age if {
	inv := object.union(_inv({"monitoring": {"last_review": "2026-09-01"}}), {"settings": {"monitoring_max_age_days": 60}})
	_findings(inv) == {["partner.p", "monitoring.last_review"]}
}

test_fail_no_monitoring if {
	inv := _inv({})
	partner_monitoring.deny == {{
		"resource": "partner.p",
		"message": "partner.p receives customer data but declares no monitoring of its use",
		"message_zh": "partner.p 接收客户资料,但未声明对其使用情况的监督(monitoring)",
		"attribute": "monitoring",
	}} with input as inv
}

test_fail_monitoring_null if {
	inv := _inv({"monitoring": null})
	_findings(inv) == {["partner.p", "monitoring"]}
}

test_fail_last_review_absent if {
	inv := _inv({"monitoring": {"method": "annual audit"}})
	partner_monitoring.deny == {{
		"resource": "partner.p",
		"message": "the monitoring of partner.p declares no last review date",
		"message_zh": "partner.p 的监督记录未写明最近一次检查日期",
		"attribute": "monitoring.last_review",
	}} with input as inv
}

test_applicable_by_transfer if {
	inv := {
		"as_of": "2026-11-26",
		"partners": {"partner.t": {}},
		"transfers": {"transfer.x": {"asset": "data_asset.a", "to": "partner.t"}},
	}
	partner_monitoring.applicable == {"partner.t"} with input as inv
	_findings(inv) == {["partner.t", "monitoring"]}
}

test_not_applicable_partner_receiving_nothing if {
	inv := {
		"as_of": "2026-11-26",
		"partners": {"partner.idle": {}},
		"transfers": {},
	}
	count(partner_monitoring.applicable) == 0 with input as inv
	count(partner_monitoring.deny) == 0 with input as inv
}

# A partner that only a transfer names has no block, so no monitoring: it fails
# for that alone, like a declared partner without a monitoring block, and each
# partner is judged on its own block.
test_fail_undeclared_partner_by_transfer if {
	inv := {
		"as_of": "2026-11-26",
		"partners": {"partner.p": {"receives": ["data_asset.a"], "monitoring": {"last_review": "2025-11-25"}}, "partner.q": {"receives": ["data_asset.a"], "monitoring": {}}},
		"transfers": {"transfer.x": {"asset": "data_asset.a", "to": "partner.ghost"}},
	}
	partner_monitoring.applicable == {"partner.p", "partner.q", "partner.ghost"} with input as inv
	_findings(inv) == {["partner.ghost", "monitoring"], ["partner.p", "monitoring.last_review"], ["partner.q", "monitoring.last_review"]}
}
