# METADATA
# title: Receiving partners have an NDA in force
# description: |
#   A partner that receives customer data, by its receives list or by a transfer,
#   fails unless it has an agreement of kind nda in force on the as-of date: signed
#   on or before that date and not expired. A data processing or service agreement
#   does not count.
# custom:
#   id: BM-4.5.1-01
#   short_code: partner-nda
#   article: "4.5.1"
#   related_articles: ["1.2"]
#   severity: critical
#   title_zh: 接收客户资料的外部单位已签订有效的保密协议
#   remediation: Sign a non-disclosure agreement with the partner before providing customer data, renew it before it expires, and record it as an `agreement` with `kind = "nda"`, its `partner`, `signed` and `expires` dates.
#   remediation_zh: 向外部单位提供客户资料前须与其签订保密协议,并在到期前续签;以 `agreement` 块记录,写明 `kind = "nda"`、`partner`、签订日期 `signed` 和到期日期 `expires`。
package baomi.controls.partner_nda

import data.baomi.lib

applicable contains addr if {
	some addr in lib.receiving_partners
}

deny contains {
	"resource": addr,
	"message": sprintf("%s receives customer data but has no NDA (agreement of kind nda) in force on %s", [addr, lib.as_of]),
	"message_zh": sprintf("%s 接收客户资料,但截至 %s 没有有效的保密协议(kind 为 nda 的 agreement)", [addr, lib.as_of]),
} if {
	some addr in (applicable - object.keys(lib.partner_ndas))
}
