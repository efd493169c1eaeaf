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

# The walk over the systems judges each system by its own site and backups:
# one passes, one warns, one fails and one without a site fails on the site.
test_several_systems_each_judged_alone if {
	inv := {
		"as_of": "2026-11-26",
		"sites": _sites,
		"systems": {
			"system.pass": {"site": "site.sh_dc1", "backup": [{"site": "site.hz_dc"}]},
			"system.warn": {"site": "site.sh_dc2", "backup": [{"site": "site.sh_dc1"}, {"site": "site.sh_dc1"}]},
			"system.own": {"site": "site.hz_dc", "backup": [{"site": "site.hz_dc"}]},
			"system.nosite": {"backup": [{"site": "site.hz_dc"}]},
			"system.idle": {"site": "site.sh_dc1", "backup": [{"site": "site.sh_dc1"}]},
		},
		"data_assets": {"data_asset.c": {"stored_in": ["system.pass", "system.warn", "system.own", "system.nosite"]}},
	}
	backup_offsite.applicable == {"system.pass", "system.warn", "system.own", "system.nosite"} with input as inv
	backup_offsite.deny == {
		{
			"resource": "system.own",
			"message": "no backup of system.own is declared at a site other than its own site site.hz_dc",
			"message_zh": "system.own 没有任何一份备份声明存放于其所在场所 site.hz_dc 以外的场所",
			"attribute": "backup[0].site",
		},
		{
			"resource": "system.nosite",
			"message": "system.nosite has backups but declares no site of its own, so no backup can be shown to be off-site",
			"message_zh": "system.nosite 已配置备份但未声明自身所在场所(site),无法证明备份为异地存放",
			"attribute": "site",
		},
	} with input as inv
	backup_offsite.warn == {{
		"resource": "system.warn",
		"message": "every off-site backup of system.warn (site.sh_dc1) is in the same city as its site site.sh_dc2",
		"message_zh": "system.warn 的异地备份(site.sh_dc1)均与其所在场所 site.sh_dc2 位于同一城市",
		"attribute": "backup[0].site",
	}} with input as inv
}

test_fail_system_site_null if {
	inv := _inv({"site": null, "backup": [{"site": "site.hz_dc"}]})
	{f.attribute | some f in backup_offsite.deny} == {"site"} with input as inv
	count(backup_offsite.warn) == 0 with input as inv
}

test_fail_backup_sites_null_or_not_a_site if {
	inv := _inv({"site": "site.sh_dc1", "backup": [{"site": null}, {"site": 3}, {}]})
	{f.attribute | some f in backup_offsite.deny} == {"backup[0].site"} with input as inv
	count(backup_offsite.warn) == 0 with input as inv
}

# Two off-site sites, both in the system's city, are listed sorted in the warning.
test_warn_lists_every_offsite_site_sorted if {
	inv := {
		"as_of": "2026-11-26",
		"sites": object.union(_sites, {"site.sh_dc3": {"city": "SHANGHAI"}}),
		"systems": {"system.db": {"site": "site.sh_dc1", "backup": [{"site": "site.sh_dc3"}, {"site": "site.sh_dc2"}]}},
		"data_assets": {"data_asset.c": {"stored_in": ["system.db"]}},
	}
	[w.message | some w in backup_offsite.warn] == ["every off-site backup of system.db (site.sh_dc2, site.sh_dc3) is in the same city as its site site.sh_dc1"] with input as inv
}

test_warn_needs_every_offsite_site_in_the_city if {
	inv := _inv({"site": "site.sh_dc1", "backup": [{"site": "site.sh_dc2"}, {"site": "site.ghost"}]})
	count(backup_offsite.deny) == 0 with input as inv
	count(backup_offsite.warn) == 0 with input as inv
}

# A backup attribute that is not a list (no inventory gives one) declares no backup.
test_not_applicable_backup_not_a_list if {
	inv := _inv({"site": "site.sh_dc1", "backup": {"site": "site.hz_dc"}})
	count(backup_offsite.applicable) == 0 with input as inv
	count(backup_offsite.deny) == 0 with input as inv
}
