package baomi.controls.classification_catalog_test

import data.baomi.controls.classification_catalog

_inv(org) := {
	"as_of": "2026-11-26",
	"organization": {"organization.acme": org},
	"departments": {"department.legal": {}},
}

_catalog(catalog) := _inv({"classification_catalog": catalog})

_good := {"owner": "department.legal", "last_reviewed": "2026-06-30"}

_attributes(inv) := {f.attribute | some f in classification_catalog.deny with input as inv}

test_pass if {
	inv := _catalog(_good)
	classification_catalog.applicable == {"organization.acme"} with input as inv
	count(classification_catalog.deny) == 0 with input as inv
}

test_fail_no_catalog if {
	inv := _inv({"lead_department": "department.legal"})
	some f in classification_catalog.deny with input as inv
	f.resource == "organization.acme"
	f.attribute == "classification_catalog"
	count(classification_catalog.deny) == 1 with input as inv
}

test_fail_catalog_null if {
	inv := _inv({"classification_catalog": null})
	_attributes(inv) == {"classification_catalog"}
}

test_fail_owner_absent if {
	inv := _catalog(object.remove(_good, ["owner"]))
	some f in classification_catalog.deny with input as inv
	f.resource == "organization.acme"
	f.attribute == "classification_catalog.owner"
	_attributes(inv) == {"classification_catalog.owner"}
}

test_fail_last_reviewed_absent if {
	inv := _catalog(object.remove(_good, ["last_reviewed"]))
	_attributes(inv) == {"classification_catalog.last_reviewed"}
}

test_fail_empty_catalog if {
	inv := _catalog({})
	_attributes(inv) == {"classification_catalog.owner", "classification_catalog.last_reviewed"}
}

test_pass_reviewed_exactly_365_days_ago if {
	inv := _catalog(object.union(_good, {"last_reviewed": "2025-11-26"}))
	count(classification_catalog.deny) == 0 with input as inv
}

test_fail_reviewed_366_days_ago if {
	inv := _catalog(object.union(_good, {"last_reviewed": "2025-11-25"}))
	some f in classification_catalog.deny with input as inv
	f.attribute == "classification_catalog.last_reviewed"
	contains(f.message, "2025-11-25")
	count(classification_catalog.deny) == 1 with input as inv
}

test_pass_reviewed_on_as_of if {
	inv := _catalog(object.union(_good, {"last_reviewed": "2026-11-26"}))
	count(classification_catalog.deny) == 0 with input as inv
}

test_setting_overrides_max_age if {
	inv := object.union(_catalog(_good), {"settings": {"catalog_review_max_age_days": 90}})
	_attributes(inv) == {"classification_catalog.last_reviewed"}
}

test_not_applicable_without_organization if {
	inv := {"as_of": "2026-11-26", "organization": {}}
	count(classification_catalog.applicable) == 0 with input as inv
	count(classification_catalog.deny) == 0 with input as inv
}
