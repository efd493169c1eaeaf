package baomi.controls.remote_work_secure_test

import data.baomi.controls.remote_work_secure

_findings(inv) := {[f.resource, f.attribute] | some f in deny} if {
	deny := remote_work_secure.deny with input as inv
}

_inv(attrs) := {
	"as_of": "2026-11-26",
	"devices": {"device.d": object.union({"kind": "laptop", "handles_customer_data": true, "remote_work": true}, attrs)},
}

test_pass_laptop if {
	inv := _inv({"vpn": true, "disk_encryption": true})
	remote_work_secure.applicable == {"device.d"} with input as inv
	count(remote_work_secure.deny) == 0 with input as inv
}

test_pass_mobile_with_mdm if {
	inv := _inv({"kind": "mobile", "vpn": true, "disk_encryption": true, "mdm": true})
	count(remote_work_secure.deny) == 0 with input as inv
}

test_fail_no_vpn if {
	inv := _inv({"vpn": false, "disk_encryption": true})
	remote_work_secure.deny == {{
		"resource": "device.d",
		"message": "device.d is used for remote work with customer data but is not declared to connect through a VPN",
		"message_zh": "device.d 用于远程办公并处理客户资料,但未声明通过 VPN 接入",
		"attribute": "vpn",
	}} with input as inv
}

test_fail_no_disk_encryption if {
	inv := _inv({"vpn": true, "disk_encryption": false})
	remote_work_secure.deny == {{
		"resource": "device.d",
		"message": "device.d is used for remote work with customer data but is not declared to encrypt its disks",
		"message_zh": "device.d 用于远程办公并处理客户资料,但未声明启用磁盘加密",
		"attribute": "disk_encryption",
	}} with input as inv
}

test_fail_mobile_without_mdm if {
	inv := _inv({"kind": "mobile", "vpn": true, "disk_encryption": true, "mdm": false})
	remote_work_secure.deny == {{
		"resource": "device.d",
		"message": "device.d is a mobile fleet used for remote work with customer data but is not declared enrolled in mobile device management",
		"message_zh": "device.d 为用于远程办公并处理客户资料的移动设备,但未声明已纳入移动设备管理(MDM)",
		"attribute": "mdm",
	}} with input as inv
}

test_fail_all_absent_laptop if {
	inv := _inv({})
	_findings(inv) == {["device.d", "vpn"], ["device.d", "disk_encryption"]}
}

test_fail_all_absent_mobile if {
	inv := _inv({"kind": "mobile"})
	_findings(inv) == {["device.d", "vpn"], ["device.d", "disk_encryption"], ["device.d", "mdm"]}
}

test_laptop_needs_no_mdm if {
	inv := _inv({"vpn": true, "disk_encryption": true, "mdm": false})
	count(remote_work_secure.deny) == 0 with input as inv
}

test_not_applicable_no_remote_work if {
	every attrs in [{"remote_work": false}, {"remote_work": null}, {"handles_customer_data": false}] {
		inv := _inv(attrs)
		count(remote_work_secure.applicable) == 0 with input as inv
		count(remote_work_secure.deny) == 0 with input as inv
	}
}

test_not_applicable_attributes_absent if {
	inv := {"as_of": "2026-11-26", "devices": {"device.d": {"kind": "mobile"}}}
	count(remote_work_secure.applicable) == 0 with input as inv
	count(remote_work_secure.deny) == 0 with input as inv
}
