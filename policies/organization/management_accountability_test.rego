package baomi.controls.management_accountability_test

import data.baomi.controls.management_accountability

_inv(org) := {
	"as_of": "2026-11-26",
	"organization": {"organization.acme": org},
}

_good := {"accountable_executive": "Vice President Li", "last_management_review": "2026-03-01"}

_attributes(inv) := {f.attribute | some f in management_accountability.deny with input as inv}

test_pass if {
	inv := _inv(_good)
	management_accountability.applicable == {"organization.acme"} with input as inv
	count(management_accountability.deny) == 0 with input as inv
}

test_fail_executive_absent if {
	inv := _inv(object.remove(_good, ["accountable_executive"]))
	some f in management_accountability.deny with input as inv
	f.resource == "organization.acme"
	f.attribute == "accountable_executive"
	_attributes(inv) == {"accountable_executive"}
}

test_fail_executive_blank if {
	inv := _inv(object.union(_good, {"accountable_executive": "  "}))
	_attributes(inv) == {"accountable_executive"}
}

test_fail_executive_null if {
	inv := _inv(object.union(_good, {"accountable_executive": null}))
	_attributes(inv) == {"accountable_executive"}
}

test_message_does_not_echo_executive if {
	inv := _inv(object.union(_good, {"last_management_review": "2020-01-01"}))
	some f in management_accountability.deny with input as inv
	not contains(f.message, "Li")
	not contains(f.message_zh, "Li")
}

test_fail_review_absent if {
	inv := _inv(object.remove(_good, ["last_management_review"]))
	some f in management_accountability.deny with input as inv
	f.resource == "organization.acme"
	f.attribute == "last_management_review"
	_attributes(inv) == {"last_management_review"}
}

test_fail_both_absent if {
	inv := _inv({"name": "Acme"})
	_attributes(inv) == {"accountable_executive", "last_management_review"}
	count(management_accountability.deny) == 2 with input as inv
}

# 2025-11-26 is exactly 365 days before 2026-11-26.
test_pass_review_exactly_365_days_old if {
	inv := _inv(object.union(_good, {"last_management_review": "2025-11-26"}))
	count(management_accountability.deny) == 0 with input as inv
}

test_fail_review_366_days_old if {
	inv := _inv(object.union(_good, {"last_management_review": "2025-11-25"}))
	some f in management_accountability.deny with input as inv
	f.resource == "organization.acme"
	f.attribute == "last_management_review"
	contains(f.message, "2025-11-25")
}

test_pass_review_on_as_of if {
	inv := _inv(object.union(_good, {"last_management_review": "2026-11-26"}))
	count(management_accountability.deny) == 0 with input as inv
}

test_pass_review_after_as_of if {
	inv := _inv(object.union(_good, {"last_management_review": "2026-12-01"}))
	count(management_accountability.deny) == 0 with input as inv
}

test_setting_overrides_max_age if {
	inv := object.union(
		_inv(object.union(_good, {"last_management_review": "2026-05-01"})),
		{"settings": {"management_review_max_age_days": 180}},
	)
	_attributes(inv) == {"last_management_review"}
}

test_not_applicable_without_organization if {
	inv := {"as_of": "2026-11-26", "organization": {}}
	count(management_accountability.applicable) == 0 with input as inv
	count(management_accountability.deny) == 0 with input as inv
}
