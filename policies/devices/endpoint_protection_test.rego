package baomi.controls.endpoint_protection_test

import data.baomi.controls.endpoint_protection

_findings(inv) := {[f.resource, f.attribute] | some f in deny} if {
	deny := endpoint_protection.deny with input as inv
}

_server(attrs) := {
	"as_of": "2026-11-26",
	"systems": {"system.db": object.union({"kind": "server"}, attrs)},
	"data_assets": {"data_asset.a": {"stored_in": ["system.db"]}},
	"devices": {},
}

_device(attrs) := {
	"as_of": "2026-11-26",
	"systems": {},
	"data_assets": {},
	"devices": {"device.d": object.union({"handles_customer_data": true}, attrs)},
}

test_pass_server if {
	inv := _server({"antivirus": true, "firewall": true})
	endpoint_protection.applicable == {"system.db"} with input as inv
	count(endpoint_protection.deny) == 0 with input as inv
}

test_pass_devices_of_every_kind if {
	every kind in ["desktop", "laptop", "mobile", "server", "network"] {
		inv := _device({"kind": kind, "antivirus": true, "firewall": true})
		endpoint_protection.applicable == {"device.d"} with input as inv
		count(endpoint_protection.deny) == 0 with input as inv
	}
}

test_pass_network_device_firewall_only if {
	inv := _device({"kind": "network", "firewall": true})
	count(endpoint_protection.deny) == 0 with input as inv
}

test_fail_network_device_without_firewall if {
	inv := _device({"kind": "network", "antivirus": true, "firewall": false})
	_findings(inv) == {["device.d", "firewall"]}
}

test_fail_server_without_antivirus if {
	inv := _server({"antivirus": false, "firewall": true})
	endpoint_protection.deny == {{
		"resource": "system.db",
		"message": "system.db handles customer data but is not declared to run antivirus software",
		"message_zh": "system.db 处理客户资料,但未声明安装杀毒软件",
		"attribute": "antivirus",
	}} with input as inv
}

test_fail_server_without_firewall if {
	inv := _server({"antivirus": true, "firewall": false})
	endpoint_protection.deny == {{
		"resource": "system.db",
		"message": "system.db handles customer data but is not declared to run a firewall",
		"message_zh": "system.db 处理客户资料,但未声明启用防火墙",
		"attribute": "firewall",
	}} with input as inv
}

test_fail_server_attributes_absent if {
	inv := _server({})
	_findings(inv) == {["system.db", "antivirus"], ["system.db", "firewall"]}
}

test_fail_device_attributes_absent if {
	inv := _device({"kind": "laptop"})
	_findings(inv) == {["device.d", "antivirus"], ["device.d", "firewall"]}
}

test_fail_device_without_kind_needs_both if {
	inv := _device({"firewall": true})
	_findings(inv) == {["device.d", "antivirus"]}
}

test_not_applicable_server_holding_nothing if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {"system.db": {"kind": "server"}},
		"data_assets": {"data_asset.a": {"stored_in": []}},
		"devices": {},
	}
	count(endpoint_protection.applicable) == 0 with input as inv
	count(endpoint_protection.deny) == 0 with input as inv
}

test_not_applicable_holding_system_not_server if {
	every kind in ["cloud", "third_party_platform", "personal_computer", "removable_media"] {
		inv := _server({"kind": kind})
		count(endpoint_protection.applicable) == 0 with input as inv
		count(endpoint_protection.deny) == 0 with input as inv
	}
}

test_not_applicable_device_without_customer_data if {
	every attrs in [{"handles_customer_data": false}, {"handles_customer_data": null}, {}] {
		inv := {"as_of": "2026-11-26", "devices": {"device.d": object.union({"kind": "laptop"}, attrs)}}
		count(endpoint_protection.applicable) == 0 with input as inv
		count(endpoint_protection.deny) == 0 with input as inv
	}
}

test_servers_and_devices_together if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {"system.db": {"kind": "server", "antivirus": true, "firewall": true}},
		"data_assets": {"data_asset.a": {"stored_in": ["system.db"]}},
		"devices": {
			"device.laptops": {"kind": "laptop", "handles_customer_data": true, "firewall": true},
			"device.routers": {"kind": "network", "handles_customer_data": true, "firewall": true},
		},
	}
	endpoint_protection.applicable == {"system.db", "device.laptops", "device.routers"} with input as inv
	_findings(inv) == {["device.laptops", "antivirus"]}
}

test_fail_attributes_null_or_not_a_bool if {
	every v in [null, "true", 1] {
		_findings(_server({"antivirus": v, "firewall": v})) == {["system.db", "antivirus"], ["system.db", "firewall"]}
	}
}

# Each resource is judged by its own attributes: one declaring both passes
# whatever the others declare.
test_several_resources_each_judged_alone if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {
			"system.ok": {"kind": "server", "antivirus": true, "firewall": true},
			"system.nofw": {"kind": "server", "antivirus": true},
			"system.noav": {"kind": "server", "firewall": true},
			"system.idle": {"kind": "server"},
		},
		"data_assets": {"data_asset.a": {"stored_in": ["system.ok", "system.nofw", "system.noav"]}},
		"devices": {
			"device.net": {"kind": "network", "handles_customer_data": true, "firewall": true},
			"device.netnofw": {"kind": "network", "handles_customer_data": true, "antivirus": true},
			"device.laptops": {"kind": "laptop", "handles_customer_data": true, "antivirus": true, "firewall": true},
		},
	}
	endpoint_protection.applicable == {"system.ok", "system.nofw", "system.noav", "device.net", "device.netnofw", "device.laptops"} with input as inv
	_findings(inv) == {["system.nofw", "firewall"], ["system.noav", "antivirus"], ["device.netnofw", "firewall"]}
}
