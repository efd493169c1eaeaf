package acme.system_named_test

import data.acme.system_named

test_unnamed_fails if {
	system_named.deny == {{"resource": "system.a", "message": "system.a has no name", "attribute": "name"}} with input as {
		"systems": {"system.a": {}},
		"data_assets": {"data_asset.d": {"stored_in": ["system.a"]}},
	}
}
