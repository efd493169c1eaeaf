package baomi.controls.storage_prohibited_media_test

import data.baomi.controls.storage_prohibited_media

_inv(sys) := {
	"as_of": "2026-11-26",
	"systems": {"system.s": sys, "system.usb": {"kind": "removable_media"}},
	"data_assets": {"data_asset.c": {"stored_in": ["system.s"]}},
}

test_pass_server if {
	inv := _inv({"kind": "server"})
	storage_prohibited_media.applicable == {"system.s"} with input as inv
	count(storage_prohibited_media.deny) == 0 with input as inv
}

test_pass_cloud if {
	inv := _inv({"kind": "cloud"})
	count(storage_prohibited_media.deny) == 0 with input as inv
}

test_pass_approved_third_party_platform if {
	inv := _inv({"kind": "third_party_platform", "approved": true})
	count(storage_prohibited_media.deny) == 0 with input as inv
}

test_fail_personal_computer if {
	inv := _inv({"kind": "personal_computer", "approved": true})
	some f in storage_prohibited_media.deny with input as inv
	f.resource == "system.s"
	f.attribute == "kind"
	contains(f.message, "personal_computer")
	count(storage_prohibited_media.deny) == 1 with input as inv
}

test_fail_removable_media if {
	inv := _inv({"kind": "removable_media"})
	some f in storage_prohibited_media.deny with input as inv
	f.resource == "system.s"
	f.attribute == "kind"
	contains(f.message, "removable_media")
}

test_fail_third_party_platform_not_approved if {
	inv := _inv({"kind": "third_party_platform", "approved": false})
	some f in storage_prohibited_media.deny with input as inv
	f.resource == "system.s"
	f.attribute == "approved"
	count(storage_prohibited_media.deny) == 1 with input as inv
}

test_fail_third_party_platform_approval_absent if {
	inv := _inv({"kind": "third_party_platform"})
	some f in storage_prohibited_media.deny with input as inv
	f.resource == "system.s"
	f.attribute == "approved"
}

test_approved_ignored_for_other_kinds if {
	inv := _inv({"kind": "server", "approved": false})
	count(storage_prohibited_media.deny) == 0 with input as inv
}

test_pass_kind_absent if {
	inv := _inv({"designated": true})
	"system.s" in storage_prohibited_media.applicable with input as inv
	denied := storage_prohibited_media.deny with input as inv
	every f in denied {
		f.resource != "system.s"
	}
}

test_not_applicable_system_holding_nothing if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {"system.usb": {"kind": "removable_media"}},
		"data_assets": {},
	}
	count(storage_prohibited_media.applicable) == 0 with input as inv
	count(storage_prohibited_media.deny) == 0 with input as inv
}

test_fail_third_party_platform_approval_null_or_not_a_bool if {
	every v in [null, "true", 1] {
		inv := _inv({"kind": "third_party_platform", "approved": v})
		{f.attribute | some f in storage_prohibited_media.deny} == {"approved"} with input as inv
	}
}

# Each holding system is judged by its own kind; an unknown kind, a kind of
# another case and a holding system the input does not declare (the decoder
# rejects such a reference) are none of the prohibited ones.
test_several_systems_each_judged_alone if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {
			"system.pc": {"kind": "personal_computer"},
			"system.usb": {"kind": "removable_media", "approved": true},
			"system.saas": {"kind": "third_party_platform"},
			"system.ok": {"kind": "third_party_platform", "approved": true},
			"system.srv": {"kind": "server"},
			"system.upper": {"kind": "Personal_Computer"},
			"system.null": {"kind": null},
			"system.idle": {"kind": "personal_computer"},
		},
		"data_assets": {"data_asset.c": {"stored_in": ["system.pc", "system.usb", "system.saas", "system.ok", "system.srv", "system.upper", "system.null", "system.ghost"]}},
	}
	{[f.resource, f.attribute] | some f in storage_prohibited_media.deny} == {
		["system.pc", "kind"],
		["system.usb", "kind"],
		["system.saas", "approved"],
	} with input as inv
}
