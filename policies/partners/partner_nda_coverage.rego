# METADATA
# title: Partner NDAs cover all the data the partner receives
# description: |
#   A partner that receives customer data and has an NDA in force fails when some
#   data asset it receives, by its receives list or by a transfer, is not in the
#   `covers` list of any of its NDAs in force. Partners with no NDA in force are
#   left to partner-nda.
# custom:
#   id: BM-4.5.1-03
#   short_code: partner-nda-coverage
#   article: "4.5.1"
#   severity: high
#   title_zh: 保密协议覆盖外部单位接收的全部客户资料
#   remediation: Extend an NDA in force with the partner (or sign a new one) so that its `covers` list names every data asset the partner receives, or stop providing the uncovered data.
#   remediation_zh: 补充或新签与该外部单位的保密协议,使其 `covers` 列明对方接收的全部客户资料;否则停止提供未覆盖的客户资料。
package baomi.controls.partner_nda_coverage

import data.baomi.lib

# The receiving partners that have an NDA in force (partner_ndas holds no empty set).
applicable contains addr if some addr in (lib.receiving_partners & object.keys(lib.partner_ndas))

deny contains {
	"resource": addr,
	"message": sprintf("%s receives data that none of its NDAs in force (%s) covers: %s", [addr, concat(", ", sort(lib.partner_ndas[addr])), concat(", ", uncovered)]),
	"message_zh": sprintf("%s 接收的以下客户资料未被其任何有效保密协议(%s)覆盖:%s", [addr, concat(", ", sort(lib.partner_ndas[addr])), concat(", ", uncovered)]),
	"attribute": "receives",
} if {
	uncovered_data := lib.uncovered_data
	some addr in applicable
	uncovered := object.get(uncovered_data, addr, [])
	count(uncovered) > 0
}
