package baomi.controls.storage_designated_test

import data.baomi.controls.storage_designated

_inv(sys) := {
	"as_of": "2026-11-26",
	"systems": {"system.db": sys, "system.idle": {"designated": false}},
	"data_assets": {"data_asset.c": {"stored_in": ["system.db"]}},
}

test_pass_designated if {
	inv := _inv({"kind": "server", "designated": true})
	storage_designated.applicable == {"system.db"} with input as inv
	count(storage_designated.deny) == 0 with input as inv
}

test_fail_not_designated if {
	inv := _inv({"kind": "server", "designated": false})
	some f in storage_designated.deny with input as inv
	f.resource == "system.db"
	f.attribute == "designated"
	count(storage_designated.deny) == 1 with input as inv
}

test_fail_designated_absent if {
	inv := _inv({"kind": "server"})
	some f in storage_designated.deny with input as inv
	f.resource == "system.db"
	f.attribute == "designated"
}

test_fail_designated_not_a_bool if {
	inv := _inv({"designated": "yes"})
	some f in storage_designated.deny with input as inv
	f.resource == "system.db"
}

test_not_applicable_system_holding_nothing if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {"system.idle": {"designated": false}},
		"data_assets": {"data_asset.c": {"stored_in": []}},
	}
	count(storage_designated.applicable) == 0 with input as inv
	count(storage_designated.deny) == 0 with input as inv
}

test_paper_archive_not_applicable if {
	inv := {
		"as_of": "2026-11-26",
		"paper_archives": {"paper_archive.hq": {}},
		"data_assets": {"data_asset.c": {"stored_in": ["paper_archive.hq"]}},
	}
	count(storage_designated.applicable) == 0 with input as inv
	count(storage_designated.deny) == 0 with input as inv
}

test_fail_designated_null if {
	inv := _inv({"designated": null})
	{f.resource | some f in storage_designated.deny} == {"system.db"} with input as inv
}

# Each holding system is judged by its own designation, and a holding system the
# input does not declare (the decoder rejects such a reference) is not designated.
test_several_systems_each_judged_alone if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {
			"system.yes": {"designated": true},
			"system.no": {"designated": false},
			"system.idle": {"designated": true},
		},
		"data_assets": {"data_asset.c": {"stored_in": ["system.yes", "system.no", "system.ghost"]}},
	}
	storage_designated.applicable == {"system.yes", "system.no", "system.ghost"} with input as inv
	{f.resource | some f in storage_designated.deny} == {"system.no", "system.ghost"} with input as inv
}
