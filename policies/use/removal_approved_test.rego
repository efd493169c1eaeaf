package baomi.controls.removal_approved_test

import data.baomi.controls.removal_approved

_good := {
	"asset": "data_asset.contracts",
	"approved_by_department_head": "Head Sun",
	"approved_by_lead_department": "Legal Zhou",
	"date": "2026-11-01",
	"due": "2026-11-10",
	"returned": true,
}

_inv(removal) := {
	"as_of": "2026-11-26",
	"data_assets": {"data_asset.contracts": {}},
	"removals": {"removal.r": removal},
}

_findings(inv) := {[f.resource, f.attribute] | some f in removal_approved.deny with input as inv}

test_pass if {
	inv := _inv(_good)
	removal_approved.applicable == {"removal.r"} with input as inv
	count(removal_approved.deny) == 0 with input as inv
}

test_fail_department_head_absent if {
	inv := _inv(object.remove(_good, ["approved_by_department_head"]))
	_findings(inv) == {["removal.r", "approved_by_department_head"]}
}

test_fail_lead_department_absent if {
	inv := _inv(object.remove(_good, ["approved_by_lead_department"]))
	_findings(inv) == {["removal.r", "approved_by_lead_department"]}
}

test_fail_blank_approval if {
	inv := _inv(object.union(_good, {"approved_by_lead_department": ""}))
	_findings(inv) == {["removal.r", "approved_by_lead_department"]}
	some f in removal_approved.deny with input as inv
	f.message == "removal removal.r has no recorded approval by the lead department"
}

test_fail_both_absent if {
	inv := _inv({"asset": "data_asset.contracts"})
	_findings(inv) == {["removal.r", "approved_by_department_head"], ["removal.r", "approved_by_lead_department"]}
	count(removal_approved.deny) == 2 with input as inv
}

test_not_applicable_without_removals if {
	inv := {"as_of": "2026-11-26", "removals": {}}
	count(removal_approved.applicable) == 0 with input as inv
	count(removal_approved.deny) == 0 with input as inv
}
