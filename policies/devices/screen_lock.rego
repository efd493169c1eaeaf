# METADATA
# title: End-user devices lock their screens promptly
# description: |
#   Desktops, laptops and mobiles that handle customer data lock the screen after at
#   most screen_lock_max_minutes of inactivity. An absent screen_lock_minutes fails;
#   0 (locks at once) passes.
# custom:
#   id: BM-4.6.2-01
#   short_code: screen-lock
#   article: "4.6.2"
#   severity: low
#   title_zh: 终端设备及时自动锁屏
#   remediation: Enforce an automatic screen lock after at most the allowed minutes of inactivity and declare it in `screen_lock_minutes`.
#   remediation_zh: 强制设置不超过规定分钟数的无操作自动锁屏,并在 `screen_lock_minutes` 中声明。
package baomi.controls.screen_lock

import data.baomi.lib

_kinds := {"desktop", "laptop", "mobile"}

applicable contains addr if {
	kinds := _kinds
	some addr, dev in input.devices
	dev.handles_customer_data == true
	dev.kind in kinds
}

deny contains {
	"resource": addr,
	"message": sprintf("%s does not declare after how many minutes its screen locks", [addr]),
	"message_zh": sprintf("%s 未声明无操作自动锁屏的时间", [addr]),
	"attribute": "screen_lock_minutes",
} if {
	some addr in applicable
	not is_number(object.get(input.devices[addr], "screen_lock_minutes", null))
}

deny contains {
	"resource": addr,
	"message": sprintf("%s locks its screen after %v minutes, more than the %v allowed", [addr, minutes, max_minutes]),
	"message_zh": sprintf("%s 无操作 %v 分钟后才锁屏,超过允许的 %v 分钟", [addr, minutes, max_minutes]),
	"attribute": "screen_lock_minutes",
} if {
	max_minutes := lib.settings.screen_lock_max_minutes
	some addr in applicable
	minutes := input.devices[addr].screen_lock_minutes
	is_number(minutes)
	minutes > max_minutes
}
