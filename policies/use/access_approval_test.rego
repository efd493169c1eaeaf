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

test_fail_approval_null_or_not_a_bool if {
	every v in [null, "true", 1] {
		_findings(_inv({"access_approval": v})) == {["system.crm_db", "access_approval"]}
	}
}

# Each holding system is judged by its own declaration; a holding system the
# input does not declare (the decoder rejects such a reference) declares none.
test_several_systems_each_judged_alone if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {
			"system.ok": {"access_approval": true},
			"system.no": {"access_approval": false},
			"system.idle": {"access_approval": true},
		},
		"data_assets": {"data_asset.c": {"stored_in": ["system.ok", "system.no", "system.ghost"]}},
	}
	_findings(inv) == {["system.no", "access_approval"], ["system.ghost", "access_approval"]}
}
