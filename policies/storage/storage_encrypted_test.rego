package baomi.controls.storage_encrypted_test

import data.baomi.controls.storage_encrypted

_inv(sys) := {
	"as_of": "2026-11-26",
	"systems": {"system.s": sys, "system.idle": {"encryption_at_rest": "none"}},
	"data_assets": {"data_asset.c": {"stored_in": ["system.s"]}},
}

test_pass_sm4 if {
	inv := _inv({"encryption_at_rest": "SM4"})
	storage_encrypted.applicable == {"system.s"} with input as inv
	count(storage_encrypted.deny) == 0 with input as inv
}

test_pass_every_algorithm if {
	every v in ["SM4", "AES-128", "AES-192", "AES-256"] {
		inv := _inv({"encryption_at_rest": v})
		count(storage_encrypted.deny) == 0 with input as inv
	}
}

test_fail_none if {
	inv := _inv({"encryption_at_rest": "none"})
	some f in storage_encrypted.deny with input as inv
	f.resource == "system.s"
	f.attribute == "encryption_at_rest"
	f.message == "system.s holds customer data without encryption at rest (encryption_at_rest is none)"
	count(storage_encrypted.deny) == 1 with input as inv
}

# The decoder refuses anything but the enum; should another value reach the
# control all the same, it fails rather than passes.
test_fail_value_outside_the_enum if {
	every v in ["no", "false", "disabled", "TDE", "AES256", "NONE", " none ", "", "AES-256 (nonempty key)"] {
		inv := _inv({"encryption_at_rest": v})
		some f in storage_encrypted.deny with input as inv
		f.resource == "system.s"
		f.attribute == "encryption_at_rest"
		count(storage_encrypted.deny) == 1 with input as inv
	}
}

test_fail_not_a_string if {
	every v in [true, false, 0, ["SM4"]] {
		inv := _inv({"encryption_at_rest": v})
		count(storage_encrypted.deny) == 1 with input as inv
	}
}

test_fail_absent if {
	inv := _inv({"kind": "server"})
	some f in storage_encrypted.deny with input as inv
	f.resource == "system.s"
	f.attribute == "encryption_at_rest"
	count(storage_encrypted.deny) == 1 with input as inv
}

test_fail_null if {
	inv := _inv({"encryption_at_rest": null})
	count(storage_encrypted.deny) == 1 with input as inv
}

test_not_applicable_system_holding_nothing if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {"system.idle": {"encryption_at_rest": "none"}},
		"data_assets": {"data_asset.c": {"stored_in": []}},
	}
	count(storage_encrypted.applicable) == 0 with input as inv
	count(storage_encrypted.deny) == 0 with input as inv
}

test_fail_lower_case_algorithm if {
	inv := _inv({"encryption_at_rest": "sm4"})
	[f.message | some f in storage_encrypted.deny] == ["system.s holds customer data and declares encryption at rest sm4, which is not a known algorithm (SM4, AES-128, AES-192, AES-256)"] with input as inv
}

# Each holding system is judged by its own declaration; a holding system the
# input does not declare (the decoder rejects such a reference) has no finding.
test_several_systems_each_judged_alone if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {
			"system.sm4": {"encryption_at_rest": "SM4"},
			"system.none": {"encryption_at_rest": "none"},
			"system.des": {"encryption_at_rest": "DES"},
			"system.absent": {},
			"system.idle": {"encryption_at_rest": "none"},
		},
		"data_assets": {"data_asset.c": {"stored_in": ["system.sm4", "system.none", "system.des", "system.absent", "system.ghost"]}},
	}
	storage_encrypted.applicable == {"system.sm4", "system.none", "system.des", "system.absent", "system.ghost"} with input as inv
	{[f.resource, f.message] | some f in storage_encrypted.deny} == {
		["system.none", "system.none holds customer data without encryption at rest (encryption_at_rest is none)"],
		["system.des", "system.des holds customer data and declares encryption at rest DES, which is not a known algorithm (SM4, AES-128, AES-192, AES-256)"],
		["system.absent", "system.absent holds customer data but declares no encryption at rest"],
	} with input as inv
}
