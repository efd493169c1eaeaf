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

test_fail_exact_finding if {
	inv := _inv([{"encrypted": true}, {"encrypted": null}, "copy", {"encrypted": "true"}])
	backup_encrypted.deny == {
		{
			"resource": "system.db",
			"message": "backup 2 of system.db is not declared encrypted",
			"message_zh": "system.db 的第 2 份备份未声明加密",
			"attribute": "backup[1].encrypted",
		},
		{
			"resource": "system.db",
			"message": "backup 3 of system.db is not declared encrypted",
			"message_zh": "system.db 的第 3 份备份未声明加密",
			"attribute": "backup[2].encrypted",
		},
		{
			"resource": "system.db",
			"message": "backup 4 of system.db is not declared encrypted",
			"message_zh": "system.db 的第 4 份备份未声明加密",
			"attribute": "backup[3].encrypted",
		},
	} with input as inv
}

# Each system is judged by its own backups.
test_several_systems_each_judged_alone if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {
			"system.db": {"backup": [{"encrypted": true}, {}]},
			"system.ok": {"backup": [{"encrypted": true}]},
			"system.none": {"backup": []},
		},
		"data_assets": {"data_asset.c": {"stored_in": ["system.db", "system.ok", "system.none"]}},
	}
	backup_encrypted.applicable == {"system.db", "system.ok"} with input as inv
	{f.attribute | some f in backup_encrypted.deny} == {"backup[1].encrypted"} with input as inv
}

# A backup attribute that is not a list (no inventory gives one) counts by its
# length and has no backup to judge, as before the walk over the systems.
test_backup_a_string if {
	inv := _inv("daily")
	backup_encrypted.applicable == {"system.db"} with input as inv
	count(backup_encrypted.deny) == 0 with input as inv
}
