package baomi.lib.devices_test

import data.baomi.lib

test_endpoint_resources if {
	inv := {
		"systems": {
			"system.db": {"kind": "server"},
			"system.cloud": {"kind": "cloud"},
			"system.idle": {"kind": "server"},
			"system.nokind": {},
		},
		"data_assets": {"data_asset.a": {"stored_in": ["system.db", "system.cloud", "system.nokind"]}},
		"devices": {
			"device.laptops": {"kind": "laptop", "handles_customer_data": true},
			"device.kiosks": {"kind": "desktop", "handles_customer_data": false},
			"device.printers": {"kind": "desktop"},
		},
	}
	r := lib.endpoint_resources with input as inv
	object.keys(r) == {"system.db", "device.laptops"}
	r["system.db"] == {"kind": "server"}
}

test_endpoint_resources_empty if {
	count(lib.endpoint_resources) == 0 with input as {"systems": {}, "data_assets": {}, "devices": {}}
}
