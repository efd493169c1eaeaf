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
