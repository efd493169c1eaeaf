# METADATA
# title: Equipment is wiped before it is scrapped, repaired or resold
# description: |
#   Every disposal of a device or system (scrapping, repair or resale) declares that
#   the equipment was wiped of sensitive information first. `wiped` absent or false
#   fails.
# custom:
#   id: BM-4.6.3-01
#   short_code: disposal-wiped
#   article: "4.6.3"
#   severity: high
#   title_zh: 设备报废或维修前已彻底清除数据
#   remediation: Wipe all customer data from the equipment so that it cannot be recovered before it leaves for scrapping, repair or resale, and declare `wiped = true` in the disposal record.
#   remediation_zh: 设备报废、送修或转售前,应彻底清除其中的客户资料并确保无法恢复,并在处置记录中声明 `wiped = true`。
package baomi.controls.disposal_wiped

applicable contains addr if some addr, _ in input.disposals

deny contains {
	"resource": addr,
	"message": sprintf("%s does not declare that the equipment was wiped before it left", [addr]),
	"message_zh": sprintf("%s 未声明设备在处置前已彻底清除数据", [addr]),
	"attribute": "wiped",
} if {
	some addr, d in input.disposals
	not d.wiped == true
}
