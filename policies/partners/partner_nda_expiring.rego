# METADATA
# title: Partner NDA cover does not lapse soon
# description: |
#   A warning, never a failure. A partner that receives customer data and has an
#   NDA in force is warned when some data asset it receives that an NDA in force
#   covers today will be covered by none of them on the date
#   `nda_expiry_warning_days` (60) after the as-of date: every NDA covering it
#   expires before that date. An NDA with no expiry date covers for good; one that
#   expires on that very date still covers; a renewal already signed for a date up
#   to then counts too. Data not covered today is left to partner-nda-coverage.
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

# The date by which cover must still hold.
_horizon := lib.days_after(_days)

applicable contains addr if {
	some addr in lib.receiving_partners
	count(object.get(lib.partner_ndas, addr, set())) > 0
}

warn contains {
	"resource": addr,
	"message": sprintf("NDA cover of data received by %s ends before %s (%d days ahead): %s", [addr, _horizon, _days, concat(", ", sort(lapsing))]),
	"message_zh": sprintf("%s 接收的以下客户资料的保密协议覆盖将在 %s(%d 天后)之前终止:%s", [addr, _horizon, _days, concat(", ", sort(lapsing_zh))]),
} if {
	some addr in applicable
	ndas := [lib.ndas_in_force[n] | some n in lib.partner_ndas[addr]]
	at_horizon := array.concat(ndas, object.get(_renewals, addr, []))
	ends := {asset: max(dates) |
		some asset in object.get(lib.partner_data, addr, set())
		dates := {ag.expires |
			some ag in ndas
			asset in _covers(ag)
		}
		count(dates) > 0
		not _covered_at_horizon(at_horizon, asset)
	}
	count(ends) > 0
	lapsing := {sprintf("%s (covered until %s)", [asset, end]) | some asset, end in ends}
	lapsing_zh := {sprintf("%s(覆盖至 %s)", [asset, end]) | some asset, end in ends}
}

# NDAs signed after the as-of date but by the horizon, by partner: renewals that
# will be in force then.
_renewal_pairs := [[ag.partner, ag] |
	some ag in input.agreements
	ag.kind == "nda"
	is_string(ag.signed)
	ag.signed > lib.as_of
	ag.signed <= _horizon
]

_renewals := {p: ags |
	some p in {q | some [q, _] in _renewal_pairs}
	ags := [ag | some [q, ag] in _renewal_pairs; q == p]
}

_covers(ag) := c if {
	c := ag.covers
	is_array(c)
} else := []

_covered_at_horizon(ndas, asset) if {
	some ag in ndas
	asset in _covers(ag)
	_lasts(ag)
}

# An NDA lasts to the horizon when it has no expiry date or expires on or after it.
_lasts(ag) if not _expires(ag)

_lasts(ag) if _expires(ag) >= _horizon

_expires(ag) := ag.expires if is_string(ag.expires)
