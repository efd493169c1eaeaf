# METADATA
# title: Paper archives keep a lending register with a time limit
# description: |
#   Lending of paper customer records is registered, and a loan has a time limit
#   by which the records come back. Fails for a paper archive holding customer
#   data when it keeps no lending register or sets no positive max_lending_days.
# custom:
#   id: BM-4.2.2-02
#   short_code: paper-lending-register
#   article: "4.2.2"
#   severity: low
#   title_zh: 纸质资料建立借阅登记并规定归还时限
#   remediation: Register every loan of the paper records, declare `lending_register = true`, and set the longest loan in days in `max_lending_days`.
#   remediation_zh: 建立纸质客户资料借阅登记制度并声明 `lending_register = true`,同时在 `max_lending_days` 中规定借阅归还的最长天数。
package baomi.controls.paper_lending_register

import data.baomi.lib

applicable contains addr if some addr in lib.holding_archives

deny contains {
	"resource": addr,
	"message": sprintf("paper archive %s keeps no lending register", [addr]),
	"message_zh": sprintf("纸质档案 %s 未建立借阅登记", [addr]),
	"attribute": "lending_register",
} if {
	some addr in applicable
	not input.paper_archives[addr].lending_register == true
}

deny contains {
	"resource": addr,
	"message": sprintf("paper archive %s sets no time limit for loans (max_lending_days)", [addr]),
	"message_zh": sprintf("纸质档案 %s 未规定借阅归还时限(max_lending_days)", [addr]),
	"attribute": "max_lending_days",
} if {
	some addr in applicable
	not is_number(object.get(object.get(input.paper_archives, addr, {}), "max_lending_days", null))
}

deny contains {
	"resource": addr,
	"message": sprintf("paper archive %s sets a loan time limit of %v days, which is not a positive number", [addr, days]),
	"message_zh": sprintf("纸质档案 %s 的借阅时限为 %v 天,应为正数", [addr, days]),
	"attribute": "max_lending_days",
} if {
	some addr in applicable
	days := input.paper_archives[addr].max_lending_days
	is_number(days)
	days <= 0
}
