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

test_pass_algorithm_containing_none_text if {
	inv := _inv({"encryption_at_rest": "AES-256 (nonempty key)"})
	count(storage_encrypted.deny) == 0 with input as inv
}

test_fail_none if {
	inv := _inv({"encryption_at_rest": "none"})
	some f in storage_encrypted.deny with input as inv
	f.resource == "system.s"
	f.attribute == "encryption_at_rest"
	count(storage_encrypted.deny) == 1 with input as inv
}

test_fail_none_any_case_and_spaces if {
	every v in ["None", "NONE", " none ", "\tNoNe"] {
		inv := _inv({"encryption_at_rest": v})
		some f in storage_encrypted.deny with input as inv
		f.resource == "system.s"
		f.attribute == "encryption_at_rest"
		count(storage_encrypted.deny) == 1 with input as inv
	}
}

test_fail_empty if {
	every v in ["", "   "] {
		inv := _inv({"encryption_at_rest": v})
		some f in storage_encrypted.deny with input as inv
		f.resource == "system.s"
		f.attribute == "encryption_at_rest"
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
