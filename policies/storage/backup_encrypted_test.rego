package baomi.controls.backup_encrypted_test

import data.baomi.controls.backup_encrypted

_inv(backups) := {
	"as_of": "2026-11-26",
	"systems": {"system.db": {"kind": "server", "backup": backups}},
	"data_assets": {"data_asset.c": {"stored_in": ["system.db"]}},
}

test_pass_all_encrypted if {
	inv := _inv([{"encrypted": true}, {"encrypted": true}])
	backup_encrypted.applicable == {"system.db"} with input as inv
	count(backup_encrypted.deny) == 0 with input as inv
}

test_fail_one_unencrypted if {
	inv := _inv([{"encrypted": true}, {"encrypted": false}])
	some f in backup_encrypted.deny with input as inv
	f.resource == "system.db"
	f.attribute == "backup[1].encrypted"
}

test_fail_encrypted_absent if {
	inv := _inv([{"frequency": "daily"}])
	count(backup_encrypted.deny) == 1 with input as inv
}

test_not_applicable_without_backups if {
	inv := _inv([])
	count(backup_encrypted.applicable) == 0 with input as inv
}

test_not_applicable_system_holding_nothing if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {"system.db": {"backup": [{"encrypted": false}]}},
		"data_assets": {},
	}
	count(backup_encrypted.applicable) == 0 with input as inv
	count(backup_encrypted.deny) == 0 with input as inv
}
