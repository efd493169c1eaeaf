package baomi.lib.backups_test

import data.baomi.lib

test_backed_up_systems if {
	inv := {
		"systems": {
			"system.two": {"backup": [{"frequency": "daily"}, {}]},
			"system.one": {"backup": [{}]},
			"system.empty": {"backup": []},
			"system.absent": {},
			"system.null": {"backup": null},
			"system.string": {"backup": "daily"},
			"system.object": {"backup": {"frequency": "daily"}},
			"system.idle": {"backup": [{"frequency": "daily"}]},
		},
		"data_assets": {"data_asset.a": {"stored_in": [
			"system.two", "system.one", "system.empty", "system.absent",
			"system.null", "system.string", "system.object", "system.ghost",
			"paper_archive.p",
		]}},
	}
	lib.backed_up_systems == {"system.two", "system.one"} with input as inv
}

test_backed_up_systems_without_systems if {
	count(lib.backed_up_systems) == 0 with input as {"data_assets": {"data_asset.a": {"stored_in": ["system.a"]}}}
}
