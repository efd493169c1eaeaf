package baomi.controls.backup_offsite_test

import data.baomi.controls.backup_offsite

_sites := {
	"site.sh_dc1": {"city": "Shanghai", "kind": "datacenter"},
	"site.sh_dc2": {"city": " shanghai ", "kind": "datacenter"},
	"site.hz_dc": {"city": "Hangzhou", "kind": "datacenter"},
	"site.nocity": {"kind": "datacenter"},
	"site.blank": {"city": "  "},
}

_inv(sys) := {
	"as_of": "2026-11-26",
	"sites": _sites,
	"systems": {"system.db": sys, "system.idle": {"site": "site.sh_dc1", "backup": [{"site": "site.sh_dc1"}]}},
	"data_assets": {"data_asset.c": {"stored_in": ["system.db"]}},
}

test_pass_backup_in_other_city if {
	inv := _inv({"site": "site.sh_dc1", "backup": [{"frequency": "daily", "site": "site.hz_dc"}]})
	backup_offsite.applicable == {"system.db"} with input as inv
	count(backup_offsite.deny) == 0 with input as inv
	count(backup_offsite.warn) == 0 with input as inv
}

test_pass_one_of_several_backups_in_other_city if {
	inv := _inv({"site": "site.sh_dc1", "backup": [
		{"site": "site.sh_dc1"},
		{"site": "site.sh_dc2"},
		{},
		{"site": "site.nocity"},
		{"site": "site.hz_dc"},
	]})
	count(backup_offsite.deny) == 0 with input as inv
	count(backup_offsite.warn) == 0 with input as inv
}

test_fail_system_site_absent if {
	inv := _inv({"backup": [{"site": "site.hz_dc"}]})
	backup_offsite.applicable == {"system.db"} with input as inv
	some f in backup_offsite.deny with input as inv
	f.resource == "system.db"
	f.attribute == "site"
	count(backup_offsite.deny) == 1 with input as inv
	count(backup_offsite.warn) == 0 with input as inv
}

test_fail_system_site_absent_no_warn_for_same_city if {
	inv := _inv({"backup": [{"site": "site.sh_dc1"}, {"site": "site.sh_dc2"}]})
	count(backup_offsite.deny) == 1 with input as inv
	count(backup_offsite.warn) == 0 with input as inv
}

test_fail_every_backup_at_own_site if {
	inv := _inv({"site": "site.sh_dc1", "backup": [{"site": "site.sh_dc1"}, {"site": "site.sh_dc1"}]})
	some f in backup_offsite.deny with input as inv
	f.resource == "system.db"
	f.attribute == "backup[0].site"
	contains(f.message, "site.sh_dc1")
	count(backup_offsite.deny) == 1 with input as inv
	count(backup_offsite.warn) == 0 with input as inv
}

test_fail_backup_site_absent if {
	inv := _inv({"site": "site.sh_dc1", "backup": [{"frequency": "daily", "encrypted": true}]})
	some f in backup_offsite.deny with input as inv
	f.resource == "system.db"
	f.attribute == "backup[0].site"
	count(backup_offsite.deny) == 1 with input as inv
	count(backup_offsite.warn) == 0 with input as inv
}

test_warn_offsite_in_same_city if {
	inv := _inv({"site": "site.sh_dc1", "backup": [{"site": "site.sh_dc2"}]})
	count(backup_offsite.deny) == 0 with input as inv
	some w in backup_offsite.warn with input as inv
	w.resource == "system.db"
	w.attribute == "backup[0].site"
	contains(w.message, "site.sh_dc2")
	count(backup_offsite.warn) == 1 with input as inv
}

# A site that declares no city is not taken to be in the same city: no warning.
test_pass_offsite_city_absent if {
	inv := _inv({"site": "site.sh_dc1", "backup": [{"site": "site.nocity"}]})
	count(backup_offsite.deny) == 0 with input as inv
	count(backup_offsite.warn) == 0 with input as inv
	backup_offsite.applicable == {"system.db"} with input as inv
}

test_pass_offsite_city_blank if {
	inv := _inv({"site": "site.sh_dc1", "backup": [{"site": "site.blank"}, {"site": "site.sh_dc2"}]})
	count(backup_offsite.deny) == 0 with input as inv
	count(backup_offsite.warn) == 0 with input as inv
}

test_pass_own_city_absent if {
	inv := _inv({"site": "site.nocity", "backup": [{"site": "site.sh_dc2"}]})
	count(backup_offsite.deny) == 0 with input as inv
	count(backup_offsite.warn) == 0 with input as inv
}

test_pass_sites_collection_absent if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {"system.db": {"site": "site.a", "backup": [{"site": "site.b"}]}},
		"data_assets": {"data_asset.c": {"stored_in": ["system.db"]}},
	}
	count(backup_offsite.deny) == 0 with input as inv
	count(backup_offsite.warn) == 0 with input as inv
}

test_not_applicable_without_backups if {
	inv := _inv({"site": "site.sh_dc1", "backup": []})
	count(backup_offsite.applicable) == 0 with input as inv
	count(backup_offsite.deny) == 0 with input as inv
	count(backup_offsite.warn) == 0 with input as inv
}

test_not_applicable_backup_block_absent if {
	inv := _inv({"site": "site.sh_dc1"})
	count(backup_offsite.applicable) == 0 with input as inv
	count(backup_offsite.deny) == 0 with input as inv
}

test_not_applicable_system_holding_nothing if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {"system.idle": {"backup": [{"site": "site.x"}]}},
		"data_assets": {},
	}
	count(backup_offsite.applicable) == 0 with input as inv
	count(backup_offsite.deny) == 0 with input as inv
	count(backup_offsite.warn) == 0 with input as inv
}
