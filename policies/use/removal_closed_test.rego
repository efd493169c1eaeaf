package baomi.controls.removal_closed_test

import data.baomi.controls.removal_closed

_inv(removal) := {
	"as_of": "2026-11-26",
	"data_assets": {"data_asset.contracts": {}},
	"removals": {"removal.r": object.union({"asset": "data_asset.contracts", "date": "2026-11-01"}, removal)},
}

_findings(inv) := {[f.resource, f.attribute] | some f in removal_closed.deny with input as inv}

test_pass_returned_after_due if {
	inv := _inv({"due": "2026-11-10", "returned": true})
	removal_closed.applicable == {"removal.r"} with input as inv
	count(removal_closed.deny) == 0 with input as inv
}

test_pass_not_yet_due if {
	inv := _inv({"due": "2026-12-01", "returned": false})
	count(removal_closed.deny) == 0 with input as inv
}

test_pass_due_on_as_of if {
	inv := _inv({"due": "2026-11-26"})
	count(removal_closed.deny) == 0 with input as inv
}

test_fail_overdue_day_before_as_of if {
	inv := _inv({"due": "2026-11-25"})
	_findings(inv) == {["removal.r", "returned"]}
	some f in removal_closed.deny with input as inv
	contains(f.message, "2026-11-25")
}

test_fail_overdue_returned_false if {
	inv := _inv({"due": "2026-11-10", "returned": false})
	_findings(inv) == {["removal.r", "returned"]}
}

# With no due date a removal is not overdue: only a past due date fails.
test_pass_no_due_not_returned if {
	inv := _inv({})
	removal_closed.applicable == {"removal.r"} with input as inv
	count(removal_closed.deny) == 0 with input as inv
}

test_pass_no_due_returned if {
	inv := _inv({"returned": true})
	count(removal_closed.deny) == 0 with input as inv
}

test_not_applicable_without_removals if {
	inv := {"as_of": "2026-11-26", "removals": {}}
	count(removal_closed.applicable) == 0 with input as inv
	count(removal_closed.deny) == 0 with input as inv
}
