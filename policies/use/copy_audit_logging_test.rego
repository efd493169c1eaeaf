package baomi.controls.copy_audit_logging_test

import data.baomi.controls.copy_audit_logging

_inv(system) := {
	"as_of": "2026-11-26",
	"systems": {
		"system.vault": system,
		"system.crm_db": {"audit_logging": false},
		"system.spare": {"audit_logging": false},
	},
	"data_assets": {
		"data_asset.plans": {"classification": "top_secret", "stored_in": ["system.vault"]},
		"data_asset.orders": {"classification": "confidential", "stored_in": ["system.vault", "paper_archive.cabinet"]},
		"data_asset.contacts": {"classification": "secret", "stored_in": ["system.crm_db", "system.vault"]},
		"data_asset.unrated": {"stored_in": ["system.crm_db"]},
	},
	"paper_archives": {"paper_archive.cabinet": {}},
}

_findings(inv) := {[f.resource, f.attribute] | some f in copy_audit_logging.deny with input as inv}

test_pass if {
	inv := _inv({"audit_logging": true})
	copy_audit_logging.applicable == {"system.vault"} with input as inv
	count(copy_audit_logging.deny) == 0 with input as inv
}

test_fail_no_audit_logging if {
	inv := _inv({"audit_logging": false})
	_findings(inv) == {["system.vault", "audit_logging"]}
}

test_fail_audit_logging_absent if {
	inv := _inv({"kind": "server"})
	_findings(inv) == {["system.vault", "audit_logging"]}
}

test_applicable_confidential_only if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {"system.db": {}},
		"data_assets": {"data_asset.orders": {"classification": "confidential", "stored_in": ["system.db"]}},
	}
	copy_audit_logging.applicable == {"system.db"} with input as inv
	_findings(inv) == {["system.db", "audit_logging"]}
}

test_not_applicable_secret_or_unrated_data_only if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {"system.crm_db": {"audit_logging": false}},
		"data_assets": {
			"data_asset.contacts": {"classification": "secret", "stored_in": ["system.crm_db"]},
			"data_asset.unrated": {"stored_in": ["system.crm_db"]},
		},
	}
	count(copy_audit_logging.applicable) == 0 with input as inv
	count(copy_audit_logging.deny) == 0 with input as inv
}

test_not_applicable_paper_archive if {
	inv := {
		"as_of": "2026-11-26",
		"paper_archives": {"paper_archive.cabinet": {}},
		"data_assets": {"data_asset.plans": {"classification": "top_secret", "stored_in": ["paper_archive.cabinet"]}},
	}
	count(copy_audit_logging.applicable) == 0 with input as inv
}

test_fail_audit_logging_null_or_not_a_bool if {
	every v in [null, "true", 1] {
		_findings(_inv({"audit_logging": v})) == {["system.vault", "audit_logging"]}
	}
}

# Only top_secret and confidential, spelled exactly, make a system applicable;
# an asset with no stored_in, or one that is not a list, holds nothing.
test_applicable_exact_classifications_only if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {"system.a": {}, "system.b": {}, "system.c": {}, "system.d": {}, "system.e": {"audit_logging": true}},
		"data_assets": {
			"data_asset.upper": {"classification": "Top_Secret", "stored_in": ["system.a"]},
			"data_asset.null": {"classification": null, "stored_in": ["system.b"]},
			"data_asset.nowhere": {"classification": "top_secret"},
			"data_asset.string": {"classification": "confidential", "stored_in": "system.c"},
			"data_asset.both": {"classification": "confidential", "stored_in": ["system.d", "system.e", "system.ghost"]},
		},
	}
	copy_audit_logging.applicable == {"system.d", "system.e", "system.ghost"} with input as inv
	_findings(inv) == {["system.d", "audit_logging"], ["system.ghost", "audit_logging"]}
}
