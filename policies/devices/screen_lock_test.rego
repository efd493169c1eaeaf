package baomi.controls.screen_lock_test

import data.baomi.controls.screen_lock

_findings(inv) := {[f.resource, f.attribute] | some f in deny} if {
	deny := screen_lock.deny with input as inv
}

_inv(attrs) := {
	"as_of": "2026-11-26",
	"devices": {"device.d": object.union({"kind": "laptop", "handles_customer_data": true}, attrs)},
}

test_pass_every_kind if {
	every kind in ["desktop", "laptop", "mobile"] {
		inv := _inv({"kind": kind, "screen_lock_minutes": 5})
		screen_lock.applicable == {"device.d"} with input as inv
		count(screen_lock.deny) == 0 with input as inv
	}
}

test_pass_locks_immediately if {
	inv := _inv({"screen_lock_minutes": 0})
	count(screen_lock.deny) == 0 with input as inv
}

test_boundary_threshold_met_passes if {
	inv := _inv({"screen_lock_minutes": 10})
	count(screen_lock.deny) == 0 with input as inv
}

test_boundary_one_over_fails if {
	inv := _inv({"screen_lock_minutes": 11})
	screen_lock.deny == {{
		"resource": "device.d",
		"message": "device.d locks its screen after 11 minutes, more than the 10 allowed",
		"message_zh": "device.d 无操作 11 分钟后才锁屏,超过允许的 10 分钟",
		"attribute": "screen_lock_minutes",
	}} with input as inv
}

test_setting_overrides_max if {
	inv := object.union(_inv({"screen_lock_minutes": 5}), {"settings": {"screen_lock_max_minutes": 3}})
	_findings(inv) == {["device.d", "screen_lock_minutes"]}
}

test_fail_absent if {
	inv := _inv({})
	screen_lock.deny == {{
		"resource": "device.d",
		"message": "device.d does not declare after how many minutes its screen locks",
		"message_zh": "device.d 未声明无操作自动锁屏的时间",
		"attribute": "screen_lock_minutes",
	}} with input as inv
}

test_fail_null if {
	inv := _inv({"screen_lock_minutes": null})
	_findings(inv) == {["device.d", "screen_lock_minutes"]}
}

test_not_applicable_servers_and_network if {
	every kind in ["server", "network"] {
		inv := _inv({"kind": kind})
		count(screen_lock.applicable) == 0 with input as inv
		count(screen_lock.deny) == 0 with input as inv
	}
}

test_not_applicable_kind_absent if {
	inv := {"as_of": "2026-11-26", "devices": {"device.d": {"handles_customer_data": true}}}
	count(screen_lock.applicable) == 0 with input as inv
}

test_not_applicable_without_customer_data if {
	every attrs in [{"handles_customer_data": false}, {"handles_customer_data": null}] {
		inv := _inv(attrs)
		count(screen_lock.applicable) == 0 with input as inv
		count(screen_lock.deny) == 0 with input as inv
	}
}
