# METADATA
# title: Devices used for remote work are secured
# description: |
#   Device fleets used for remote work that handle customer data connect through a
#   VPN and encrypt their disks; mobiles are also enrolled in mobile device
#   management. Each measure that is absent or false fails on its own.
# custom:
#   id: BM-4.7-01
#   short_code: remote-work-secure
#   article: "4.7"
#   severity: high
#   title_zh: 远程办公设备采取安全防护措施
#   remediation: Require a VPN for remote access and full-disk encryption on the devices, enroll mobiles in mobile device management, and declare `vpn = true`, `disk_encryption = true` and, for mobiles, `mdm = true`.
#   remediation_zh: 远程访问须经 VPN,设备须启用全盘加密,移动设备须纳入移动设备管理(MDM),并声明 `vpn = true`、`disk_encryption = true`,移动设备还须声明 `mdm = true`。
package baomi.controls.remote_work_secure

applicable contains addr if {
	some addr, dev in input.devices
	dev.remote_work == true
	dev.handles_customer_data == true
}

# The measures every remote-work device needs, with the finding's wording.
_measures := {
	"vpn": {"en": "connect through a VPN", "zh": "通过 VPN 接入"},
	"disk_encryption": {"en": "encrypt its disks", "zh": "启用磁盘加密"},
}

deny contains {
	"resource": addr,
	"message": sprintf("%s is used for remote work with customer data but is not declared to %s", [addr, m.en]),
	"message_zh": sprintf("%s 用于远程办公并处理客户资料,但未声明%s", [addr, m.zh]),
	"attribute": attr,
} if {
	some addr in applicable
	dev := input.devices[addr]
	some attr, m in _measures
	not dev[attr] == true
}

deny contains {
	"resource": addr,
	"message": sprintf("%s is a mobile fleet used for remote work with customer data but is not declared enrolled in mobile device management", [addr]),
	"message_zh": sprintf("%s 为用于远程办公并处理客户资料的移动设备,但未声明已纳入移动设备管理(MDM)", [addr]),
	"attribute": "mdm",
} if {
	some addr in applicable
	dev := input.devices[addr]
	dev.kind == "mobile"
	not dev.mdm == true
}
