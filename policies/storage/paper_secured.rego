# METADATA
# title: Paper archives are locked and have a custodian
# description: |
#   Paper customer records are kept in a locked, secure cabinet or room, and a named
#   person is responsible for them. Fails for a paper archive holding customer
#   data when it is not declared locked or names no custodian.
# custom:
#   id: BM-4.2.2-01
#   short_code: paper-secured
#   article: "4.2.2"
#   severity: medium
#   title_zh: 纸质资料加锁存放并由专人保管
#   remediation: Keep the paper records in a locked cabinet or room, declare `locked = true`, and name the person responsible for them in `custodian`.
#   remediation_zh: 将纸质客户资料存放于可上锁的安全文件柜或档案室并声明 `locked = true`,同时在 `custodian` 中写明专职保管人。
package baomi.controls.paper_secured

import data.baomi.lib

applicable contains addr if some addr in lib.holding_archives

deny contains {
	"resource": addr,
	"message": sprintf("paper archive %s is not declared locked", [addr]),
	"message_zh": sprintf("纸质档案 %s 未声明加锁存放", [addr]),
	"attribute": "locked",
} if {
	some addr in applicable
	not input.paper_archives[addr].locked == true
}

deny contains {
	"resource": addr,
	"message": sprintf("paper archive %s names no custodian responsible for it", [addr]),
	"message_zh": sprintf("纸质档案 %s 未指定专人保管", [addr]),
	"attribute": "custodian",
} if {
	some addr in applicable
	not lib.has_text(object.get(input.paper_archives, addr, {}), "custodian")
}
