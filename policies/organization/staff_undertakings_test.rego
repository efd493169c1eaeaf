package baomi.controls.staff_undertakings_test

import data.baomi.controls.staff_undertakings

_inv(dep) := {
	"as_of": "2026-11-26",
	"departments": {"department.sales": dep, "department.canteen": {"staff": 5}},
	"data_assets": {"data_asset.orders": {"owner": "department.sales"}},
}

_findings(inv) := {[f.resource, f.attribute] | some f in staff_undertakings.deny with input as inv}

test_pass_all_signed if {
	inv := _inv({"staff": 12, "undertakings_signed": 12})
	staff_undertakings.applicable == {"department.sales"} with input as inv
	count(staff_undertakings.deny) == 0 with input as inv
}

test_pass_more_signed_than_staff if {
	inv := _inv({"staff": 12, "undertakings_signed": 13})
	count(staff_undertakings.deny) == 0 with input as inv
}

test_fail_below_staff if {
	inv := _inv({"staff": 12, "undertakings_signed": 11})
	_findings(inv) == {["department.sales", "undertakings_signed"]}
	some f in staff_undertakings.deny with input as inv
	f.message == "only 11 of the 12 staff of department.sales signed a confidentiality undertaking"
}

test_fail_undertakings_absent if {
	inv := _inv({"staff": 12})
	_findings(inv) == {["department.sales", "undertakings_signed"]}
}

# "All staff signed" cannot be shown without a headcount.
test_fail_staff_absent if {
	inv := _inv({"undertakings_signed": 12})
	"department.sales" in staff_undertakings.applicable with input as inv
	_findings(inv) == {["department.sales", "staff"]}
	some f in staff_undertakings.deny with input as inv
	f.message == "department.sales does not declare its staff count (staff), so it cannot show that all staff signed a confidentiality undertaking"
}

test_fail_staff_null_or_not_a_number if {
	every v in [null, "12", true] {
		inv := _inv({"staff": v, "undertakings_signed": 12})
		_findings(inv) == {["department.sales", "staff"]}
	}
}

test_fail_both_absent if {
	inv := _inv({"handles_customer_data": true})
	_findings(inv) == {["department.sales", "staff"], ["department.sales", "undertakings_signed"]}
}

test_pass_handler_without_data_assets if {
	inv := {
		"as_of": "2026-11-26",
		"departments": {"department.sales": {"handles_customer_data": true, "staff": 3, "undertakings_signed": 3}},
	}
	staff_undertakings.applicable == {"department.sales"} with input as inv
	count(staff_undertakings.deny) == 0 with input as inv
}

test_not_applicable if {
	inv := {
		"as_of": "2026-11-26",
		"departments": {"department.canteen": {"handles_customer_data": false, "staff": 5}},
		"data_assets": {"data_asset.orders": {"owner": "department.sales"}},
	}
	count(staff_undertakings.applicable) == 0 with input as inv
	count(staff_undertakings.deny) == 0 with input as inv
}
