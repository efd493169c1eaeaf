package baomi.controls.access_approval_test

import data.baomi.controls.access_approval

_inv(system) := {
	"as_of": "2026-11-26",
	"systems": {"system.crm_db": system, "system.test_box": {"access_approval": false}},
	"data_assets": {"data_asset.contacts": {"stored_in": ["system.crm_db"]}},
}

_findings(inv) := {[f.resource, f.attribute] | some f in access_approval.deny with input as inv}

test_pass if {
	inv := _inv({"kind": "server", "access_approval": true})
	access_approval.applicable == {"system.crm_db"} with input as inv
	count(access_approval.deny) == 0 with input as inv
}

test_fail_no_approval if {
	inv := _inv({"kind": "server", "access_approval": false})
	_findings(inv) == {["system.crm_db", "access_approval"]}
}

test_fail_approval_absent if {
	inv := _inv({"kind": "server"})
	_findings(inv) == {["system.crm_db", "access_approval"]}
}

test_not_applicable_system_holding_nothing if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {"system.test_box": {"access_approval": false}},
		"data_assets": {"data_asset.contacts": {"stored_in": ["paper_archive.cabinet"]}},
	}
	count(access_approval.applicable) == 0 with input as inv
	count(access_approval.deny) == 0 with input as inv
}
