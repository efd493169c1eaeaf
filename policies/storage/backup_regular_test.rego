package baomi.controls.backup_regular_test

import data.baomi.controls.backup_regular

_inv(backups) := {
	"as_of": "2026-11-26",
	"systems": {"system.db": {"kind": "server", "backup": backups}, "system.idle": {"backup": []}},
	"data_assets": {"data_asset.c": {"stored_in": ["system.db"]}},
}

test_pass_daily if {
	inv := _inv([{"frequency": "daily"}])
	backup_regular.applicable == {"system.db"} with input as inv
	count(backup_regular.deny) == 0 with input as inv
}

test_pass_weekly_exactly_meets_default if {
	inv := _inv([{"frequency": "weekly"}])
	count(backup_regular.deny) == 0 with input as inv
}

test_pass_one_frequent_enough_among_several if {
	inv := _inv([{"frequency": "quarterly"}, {"frequency": "none"}, {}, {"frequency": "weekly"}])
	count(backup_regular.deny) == 0 with input as inv
}

test_fail_monthly_below_default if {
	inv := _inv([{"frequency": "monthly"}, {"frequency": "quarterly"}])
	some f in backup_regular.deny with input as inv
	f.resource == "system.db"
	f.attribute == "backup[0].frequency"
	contains(f.message, "weekly")
	count(backup_regular.deny) == 1 with input as inv
}

test_fail_no_backup if {
	inv := _inv([])
	backup_regular.applicable == {"system.db"} with input as inv
	some f in backup_regular.deny with input as inv
	f.resource == "system.db"
	object.get(f, "attribute", null) == null
	count(backup_regular.deny) == 1 with input as inv
}

test_fail_backup_block_absent if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {"system.db": {"kind": "server"}},
		"data_assets": {"data_asset.c": {"stored_in": ["system.db"]}},
	}
	some f in backup_regular.deny with input as inv
	f.resource == "system.db"
	count(backup_regular.deny) == 1 with input as inv
}

test_fail_frequency_absent if {
	inv := _inv([{"encrypted": true}])
	some f in backup_regular.deny with input as inv
	f.resource == "system.db"
	f.attribute == "backup[0].frequency"
}

test_fail_frequency_none if {
	inv := _inv([{"frequency": "none"}])
	some f in backup_regular.deny with input as inv
	f.resource == "system.db"
	f.attribute == "backup[0].frequency"
}

test_setting_monthly_accepts_monthly if {
	inv := object.union(_inv([{"frequency": "monthly"}]), {"settings": {"backup_min_frequency": "monthly"}})
	count(backup_regular.deny) == 0 with input as inv
}

test_setting_monthly_rejects_quarterly if {
	inv := object.union(_inv([{"frequency": "quarterly"}]), {"settings": {"backup_min_frequency": "monthly"}})
	some f in backup_regular.deny with input as inv
	contains(f.message, "monthly")
}

test_setting_daily_rejects_weekly if {
	inv := object.union(_inv([{"frequency": "weekly"}]), {"settings": {"backup_min_frequency": "daily"}})
	count(backup_regular.deny) == 1 with input as inv
}

test_setting_none_still_rejects_frequency_none if {
	inv := object.union(_inv([{"frequency": "none"}]), {"settings": {"backup_min_frequency": "none"}})
	count(backup_regular.deny) == 1 with input as inv
}

test_setting_none_accepts_quarterly if {
	inv := object.union(_inv([{"frequency": "quarterly"}]), {"settings": {"backup_min_frequency": "none"}})
	count(backup_regular.deny) == 0 with input as inv
}

test_not_applicable_system_holding_nothing if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {"system.idle": {"backup": []}},
		"data_assets": {},
	}
	count(backup_regular.applicable) == 0 with input as inv
	count(backup_regular.deny) == 0 with input as inv
}

test_fail_backup_null if {
	inv := _inv(null)
	[f.message | some f in backup_regular.deny] == ["system.db holds customer data but has no backup"] with input as inv
}

# A backup attribute that is not a list (no inventory gives one) declares no backup.
test_fail_backup_not_a_list if {
	inv := _inv({"frequency": "daily"})
	[f.message | some f in backup_regular.deny] == ["system.db holds customer data but has no backup"] with input as inv
}

test_fail_message_counts_the_backups if {
	inv := _inv([{"frequency": "monthly"}, {"frequency": null}, {"frequency": 4}, "daily"])
	[f.message | some f in backup_regular.deny] == ["none of the 4 backups of system.db is declared at least as frequent as weekly"] with input as inv
}

# Each system is judged by its own backups: another's daily backup does not count.
test_several_systems_each_judged_alone if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {
			"system.db": {"backup": [{"frequency": "monthly"}]},
			"system.ok": {"backup": [{"frequency": "monthly"}, {"frequency": "daily"}]},
			"system.none": {"backup": []},
			"system.idle": {"backup": [{"frequency": "daily"}]},
		},
		"data_assets": {"data_asset.c": {"stored_in": ["system.db", "system.ok", "system.none"]}},
	}
	backup_regular.applicable == {"system.db", "system.ok", "system.none"} with input as inv
	{f.resource | some f in backup_regular.deny} == {"system.db", "system.none"} with input as inv
}

# A holding system the input does not declare (the decoder rejects such a
# reference) is applicable but has nothing to judge.
test_undeclared_system_has_no_finding if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {},
		"data_assets": {"data_asset.c": {"stored_in": ["system.ghost"]}},
	}
	backup_regular.applicable == {"system.ghost"} with input as inv
	count(backup_regular.deny) == 0 with input as inv
}
