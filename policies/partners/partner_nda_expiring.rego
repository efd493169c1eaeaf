# METADATA
# title: Partner NDA cover does not lapse soon
# description: |
#   A warning, never a failure. A partner that receives customer data and has an
#   NDA in force is warned when the NDA cover of some data asset it receives that
#   an NDA in force covers today lapses before the date `nda_expiry_warning_days`
#   (60) after the as-of date. Cover runs unbroken from today through NDAs that
#   overlap or follow one another: a renewal already signed that starts by the
#   day after the previous NDA expires carries it on; one that starts later
#   leaves a gap, and the cover lapses where the gap begins. An NDA with no
#   expiry date covers for good; one that expires on that very date still
#   covers. Data not covered today is left to partner-nda-coverage.
# custom:
#   id: BM-4.5.1-04
#   short_code: partner-nda-expiring
#   article: "4.5.1"
#   severity: low
#   title_zh: 保密协议即将到期
#   remediation: Renew or extend the partner's NDA before it expires, or sign a new one covering the same data, and record it as an `agreement` with `kind = "nda"`.
#   remediation_zh: 在保密协议到期前与该外部单位续签或延长协议,或另签覆盖相同客户资料的保密协议,并以 `kind = "nda"` 的 agreement 块记录。
package baomi.controls.partner_nda_expiring

import data.baomi.lib

_days := lib.settings.nda_expiry_warning_days

# The first day on which cover must still hold.
_horizon := lib.days_after(_days)

# The receiving partners that have an NDA in force (partner_ndas holds no empty set).
applicable contains addr if some addr in (lib.receiving_partners & object.keys(lib.partner_ndas))

warn contains {
	"resource": addr,
	"message": sprintf("NDA cover of data received by %s ends before %s (%d days ahead): %s", [addr, _horizon, _days, concat(", ", lapsing)]),
	"message_zh": sprintf("%s 接收的以下客户资料的保密协议覆盖将在 %s(%d 天后)之前终止:%s", [addr, _horizon, _days, concat(", ", lapsing_zh)]),
} if {
	some addr, ends in lib.cover_lapsing_soon
	addr in applicable
	lapsing := [sprintf("%s (covered until %s)", [asset, end]) | some [asset, end] in ends]
	lapsing_zh := [sprintf("%s(覆盖至 %s)", [asset, end]) | some [asset, end] in ends]
}
