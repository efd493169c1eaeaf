package baomi.controls.storage_access_tiered_test

import data.baomi.controls.storage_access_tiered

_inv(sys) := {
	"as_of": "2026-11-26",
	"systems": {"system.s": sys, "system.idle": {"access_control": "none"}},
	"data_assets": {"data_asset.c": {"stored_in": ["system.s"]}},
}

test_pass_role_based if {
	inv := _inv({"access_control": "role_based"})
	storage_access_tiered.applicable == {"system.s"} with input as inv
	count(storage_access_tiered.deny) == 0 with input as inv
}

test_pass_attribute_based if {
	inv := _inv({"access_control": "attribute_based"})
	count(storage_access_tiered.deny) == 0 with input as inv
}

test_fail_none if {
	inv := _inv({"access_control": "none"})
	some f in storage_access_tiered.deny with input as inv
	f.resource == "system.s"
	f.attribute == "access_control"
	contains(f.message, "none")
	count(storage_access_tiered.deny) == 1 with input as inv
}

test_fail_shared_account if {
	inv := _inv({"access_control": "shared_account"})
	some f in storage_access_tiered.deny with input as inv
	f.resource == "system.s"
	f.attribute == "access_control"
	contains(f.message, "shared_account")
	count(storage_access_tiered.deny) == 1 with input as inv
}

test_fail_access_control_absent if {
	inv := _inv({"kind": "server"})
	some f in storage_access_tiered.deny with input as inv
	f.resource == "system.s"
	f.attribute == "access_control"
	count(storage_access_tiered.deny) == 1 with input as inv
}

test_not_applicable_system_holding_nothing if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {"system.idle": {"access_control": "none"}},
		"data_assets": {"data_asset.c": {"stored_in": []}},
	}
	count(storage_access_tiered.applicable) == 0 with input as inv
	count(storage_access_tiered.deny) == 0 with input as inv
}
