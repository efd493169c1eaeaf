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

# A holding server is kept with its whole declaration; an undeclared holding
# system, a kind spelled otherwise or not a string is no server; without
# systems (or with systems that are not an object) only the devices count.
test_endpoint_resources_servers_only if {
	inv := {
		"systems": {
			"system.db": {"kind": "server", "antivirus": true, "patch_age_days": 3},
			"system.upper": {"kind": "Server"},
			"system.null": {"kind": null},
			"system.list": {"kind": ["server"]},
		},
		"data_assets": {"data_asset.a": {"stored_in": ["system.db", "system.upper", "system.null", "system.list", "system.ghost"]}},
		"devices": {"device.laptops": {"handles_customer_data": true}},
	}
	lib.endpoint_resources == {
		"system.db": {"kind": "server", "antivirus": true, "patch_age_days": 3},
		"device.laptops": {"handles_customer_data": true},
	} with input as inv
	every systems in [null, [{"kind": "server"}], "system.db"] {
		object.keys(lib.endpoint_resources) == {"device.laptops"} with input as object.union(inv, {"systems": systems})
	}
	object.keys(lib.endpoint_resources) == {"device.laptops"} with input as object.remove(inv, ["systems"])
}
