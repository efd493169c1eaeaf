package baomi.controls.lead_department_test

import data.baomi.controls.lead_department

_inv(org) := {
	"as_of": "2026-11-26",
	"organization": {"organization.acme": org},
	"departments": {"department.legal": {}},
}

test_pass if {
	inv := _inv({"lead_department": "department.legal"})
	lead_department.applicable == {"organization.acme"} with input as inv
	count(lead_department.deny) == 0 with input as inv
}

test_fail_lead_department_absent if {
	inv := _inv({"name": "Acme"})
	lead_department.applicable == {"organization.acme"} with input as inv
	some f in lead_department.deny with input as inv
	f.resource == "organization.acme"
	f.attribute == "lead_department"
	count(lead_department.deny) == 1 with input as inv
}

test_fail_lead_department_null if {
	inv := _inv({"lead_department": null})
	count(lead_department.deny) == 1 with input as inv
}

test_not_applicable_without_organization if {
	inv := {"as_of": "2026-11-26", "organization": {}, "departments": {"department.legal": {}}}
	count(lead_department.applicable) == 0 with input as inv
	count(lead_department.deny) == 0 with input as inv
}

test_not_applicable_organization_collection_missing if {
	inv := {"as_of": "2026-11-26"}
	count(lead_department.applicable) == 0 with input as inv
}
