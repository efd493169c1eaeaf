# METADATA
# title: Partner NDAs state obligations, scope of use and liability
# description: |
#   Every NDA in force with a partner that receives customer data fails for each
#   term it does not declare: the partner's confidentiality obligations
#   (`confidentiality_obligations = true`), a non-empty scope of use
#   (`scope_of_use`), and liability for a breach (`liability = true`). The result
#   is on the agreement.
# custom:
#   id: BM-4.5.1-02
#   short_code: partner-nda-terms
#   article: "4.5.1"
#   severity: high
#   title_zh: 保密协议载明保密义务、使用范围和违约责任
#   remediation: Amend the NDA so that it states the partner's confidentiality obligations, the permitted uses of the data and the liability for a breach, then declare `confidentiality_obligations = true`, `scope_of_use = [...]` and `liability = true` on the agreement.
#   remediation_zh: 修订保密协议,写明对方的保密义务、客户资料的使用范围及违约责任,并在 agreement 中声明 `confidentiality_obligations = true`、`scope_of_use = [...]` 和 `liability = true`。
package baomi.controls.partner_nda_terms

import data.baomi.lib

applicable contains addr if {
	ndas := lib.partner_ndas
	some partner in lib.receiving_partners
	some addr in object.get(ndas, partner, set())
}

deny contains {
	"resource": addr,
	"message": sprintf("NDA %s with %s does not declare the partner's confidentiality obligations (confidentiality_obligations = true)", [addr, ag.partner]),
	"message_zh": sprintf("与 %s 签订的保密协议 %s 未声明对方的保密义务(confidentiality_obligations = true)", [ag.partner, addr]),
	"attribute": "confidentiality_obligations",
} if {
	some addr in applicable
	ag := input.agreements[addr]
	"confidentiality_obligations" in lib.missing_terms(ag)
}

deny contains {
	"resource": addr,
	"message": sprintf("NDA %s with %s declares no scope of use (scope_of_use)", [addr, ag.partner]),
	"message_zh": sprintf("与 %s 签订的保密协议 %s 未声明资料使用范围(scope_of_use)", [ag.partner, addr]),
	"attribute": "scope_of_use",
} if {
	some addr in applicable
	ag := input.agreements[addr]
	"scope_of_use" in lib.missing_terms(ag)
}

deny contains {
	"resource": addr,
	"message": sprintf("NDA %s with %s does not declare liability for a breach (liability = true)", [addr, ag.partner]),
	"message_zh": sprintf("与 %s 签订的保密协议 %s 未声明违约责任(liability = true)", [ag.partner, addr]),
	"attribute": "liability",
} if {
	some addr in applicable
	ag := input.agreements[addr]
	"liability" in lib.missing_terms(ag)
}
