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

test_fail_access_control_null_or_not_a_string if {
	every v in [null, 1, true, ["role_based"]] {
		inv := _inv({"access_control": v})
		[f.message | some f in storage_access_tiered.deny] == ["system.s holds customer data but declares no access control; role_based or attribute_based is required"] with input as inv
	}
}

# Each holding system is judged by its own declaration; a holding system the
# input does not declare (the decoder rejects such a reference) has no finding.
test_several_systems_each_judged_alone if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {
			"system.role": {"access_control": "role_based"},
			"system.attr": {"access_control": "attribute_based"},
			"system.shared": {"access_control": "shared_account"},
			"system.rbac": {"access_control": "RBAC"},
			"system.idle": {"access_control": "none"},
		},
		"data_assets": {"data_asset.c": {"stored_in": ["system.role", "system.attr", "system.shared", "system.rbac", "system.ghost"]}},
	}
	{[f.resource, f.message] | some f in storage_access_tiered.deny} == {
		["system.shared", "system.shared holds customer data with access control shared_account, which is not tiered; role_based or attribute_based is required"],
		["system.rbac", "system.rbac holds customer data with access control RBAC, which is not tiered; role_based or attribute_based is required"],
	} with input as inv
}
