package baomi.controls.patch_currency_test

import data.baomi.controls.patch_currency

_findings(inv) := {[f.resource, f.attribute] | some f in deny} if {
	deny := patch_currency.deny with input as inv
}

_server(attrs) := {
	"as_of": "2026-11-26",
	"systems": {"system.db": object.union({"kind": "server"}, attrs)},
	"data_assets": {"data_asset.a": {"stored_in": ["system.db"]}},
	"devices": {},
}

_device(attrs) := {
	"as_of": "2026-11-26",
	"devices": {"device.d": object.union({"kind": "laptop", "handles_customer_data": true}, attrs)},
}

test_pass_fully_patched if {
	inv := _server({"patch_age_days": 0})
	patch_currency.applicable == {"system.db"} with input as inv
	count(patch_currency.deny) == 0 with input as inv
}

test_boundary_threshold_met_passes if {
	inv := _device({"patch_age_days": 30})
	patch_currency.applicable == {"device.d"} with input as inv
	count(patch_currency.deny) == 0 with input as inv
}

test_boundary_one_over_fails if {
	inv := _device({"patch_age_days": 31})
	patch_currency.deny == {{
		"resource": "device.d",
		"message": "device.d has a security patch missing for 31 days, more than the 30 allowed",
		"message_zh": "device.d 有安全补丁已 31 天未安装,超过允许的 30 天",
		"attribute": "patch_age_days",
	}} with input as inv
}

test_fail_server_stale if {
	inv := _server({"patch_age_days": 90})
	_findings(inv) == {["system.db", "patch_age_days"]}
}

test_setting_overrides_max_age if {
	inv := object.union(_server({"patch_age_days": 10}), {"settings": {"patch_max_age_days": 7}})
	_findings(inv) == {["system.db", "patch_age_days"]}
}

test_fail_patch_age_absent if {
	inv := _server({})
	patch_currency.deny == {{
		"resource": "system.db",
		"message": "system.db handles customer data but does not declare how old its oldest missing security patch is",
		"message_zh": "system.db 处理客户资料,但未声明最久未安装安全补丁的天数",
		"attribute": "patch_age_days",
	}} with input as inv
}

test_fail_patch_age_null if {
	inv := _device({"patch_age_days": null})
	_findings(inv) == {["device.d", "patch_age_days"]}
}

test_not_applicable_server_holding_nothing if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {"system.db": {"kind": "server", "patch_age_days": 400}},
		"data_assets": {},
	}
	count(patch_currency.applicable) == 0 with input as inv
	count(patch_currency.deny) == 0 with input as inv
}

test_not_applicable_cloud_system if {
	inv := _server({"kind": "cloud", "patch_age_days": 400})
	count(patch_currency.applicable) == 0 with input as inv
	count(patch_currency.deny) == 0 with input as inv
}

test_not_applicable_device_without_customer_data if {
	inv := _device({"handles_customer_data": false, "patch_age_days": 400})
	count(patch_currency.applicable) == 0 with input as inv
	count(patch_currency.deny) == 0 with input as inv
}

test_fail_patch_age_not_a_number if {
	every v in ["10", true, [1]] {
		inv := _server({"patch_age_days": v})
		[f.message | some f in patch_currency.deny] == ["system.db handles customer data but does not declare how old its oldest missing security patch is"] with input as inv
	}
}

test_boundary_fraction_over_fails if {
	inv := _server({"patch_age_days": 30.5})
	[f.message | some f in patch_currency.deny] == ["system.db has a security patch missing for 30.5 days, more than the 30 allowed"] with input as inv
}

# Each resource is judged by its own patch age, against the setting in force.
test_several_resources_each_judged_alone if {
	inv := {
		"as_of": "2026-11-26",
		"settings": {"patch_max_age_days": 7},
		"systems": {
			"system.ok": {"kind": "server", "patch_age_days": 7},
			"system.stale": {"kind": "server", "patch_age_days": 8},
			"system.none": {"kind": "server"},
			"system.idle": {"kind": "server", "patch_age_days": 100},
		},
		"data_assets": {"data_asset.a": {"stored_in": ["system.ok", "system.stale", "system.none"]}},
		"devices": {
			"device.ok": {"handles_customer_data": true, "patch_age_days": 0},
			"device.stale": {"handles_customer_data": true, "patch_age_days": 30},
		},
	}
	_findings(inv) == {["system.stale", "patch_age_days"], ["system.none", "patch_age_days"], ["device.stale", "patch_age_days"]}
}
