package baomi.controls.partner_nda_expiring_test

import data.baomi.controls.partner_nda_expiring

# With as_of 2026-11-26 and the default 60 days, the horizon is 2027-01-25.

_nda(covers, fields) := object.union(
	{"partner": "partner.p", "kind": "nda", "signed": "2025-01-10", "covers": covers},
	fields,
)

_inv(receives, agreements) := {
	"as_of": "2026-11-26",
	"data_assets": {"data_asset.a": {}, "data_asset.b": {}, "data_asset.c": {}},
	"partners": {"partner.p": {"receives": receives}, "partner.idle": {}},
	"transfers": {},
	"agreements": agreements,
}

test_pass_no_expiry if {
	inv := _inv(["data_asset.a"], {"agreement.n": _nda(["data_asset.a"], {})})
	partner_nda_expiring.applicable == {"partner.p"} with input as inv
	count(partner_nda_expiring.warn) == 0 with input as inv
}

test_pass_expires_on_horizon if {
	inv := _inv(["data_asset.a"], {"agreement.n": _nda(["data_asset.a"], {"expires": "2027-01-25"})})
	count(partner_nda_expiring.warn) == 0 with input as inv
}

test_warn_expires_day_before_horizon if {
	inv := _inv(["data_asset.a"], {"agreement.n": _nda(["data_asset.a"], {"expires": "2027-01-24"})})
	some w in partner_nda_expiring.warn with input as inv
	w.resource == "partner.p"
	contains(w.message, "2027-01-25")
	contains(w.message, "data_asset.a (covered until 2027-01-24)")
	count(partner_nda_expiring.warn) == 1 with input as inv
}

test_warn_expires_on_as_of if {
	inv := _inv(["data_asset.a"], {"agreement.n": _nda(["data_asset.a"], {"expires": "2026-11-26"})})
	partner_nda_expiring.applicable == {"partner.p"} with input as inv
	some w in partner_nda_expiring.warn with input as inv
	w.resource == "partner.p"
}

test_pass_renewal_signed_covers_on if {
	inv := _inv(["data_asset.a"], {
		"agreement.n": _nda(["data_asset.a"], {"expires": "2026-12-31"}),
		"agreement.renewal": _nda(["data_asset.a"], {"signed": "2026-11-01", "expires": "2028-12-31"}),
	})
	count(partner_nda_expiring.warn) == 0 with input as inv
}

test_warn_lists_only_lapsing_assets_sorted if {
	inv := _inv(["data_asset.c", "data_asset.a", "data_asset.b"], {
		"agreement.short": _nda(["data_asset.a", "data_asset.b", "data_asset.c"], {"expires": "2026-12-31"}),
		"agreement.shorter": _nda(["data_asset.c"], {"expires": "2026-12-01"}),
		"agreement.long": _nda(["data_asset.b"], {}),
	})
	some w in partner_nda_expiring.warn with input as inv
	w.resource == "partner.p"
	endswith(w.message, ": data_asset.a (covered until 2026-12-31), data_asset.c (covered until 2026-12-31)")
	count(partner_nda_expiring.warn) == 1 with input as inv
}

test_uncovered_asset_not_warned if {
	inv := _inv(["data_asset.a", "data_asset.b"], {"agreement.n": _nda(["data_asset.a"], {})})
	count(partner_nda_expiring.warn) == 0 with input as inv
}

test_covers_absent_not_warned if {
	inv := _inv(["data_asset.a"], {"agreement.n": object.remove(_nda([], {"expires": "2026-12-01"}), ["covers"])})
	partner_nda_expiring.applicable == {"partner.p"} with input as inv
	count(partner_nda_expiring.warn) == 0 with input as inv
}

# A dpa never counts; an NDA signed tomorrow without expiry does: it will be in
# force at the horizon.
test_dpa_ignored_future_nda_counted if {
	dpa_only := _inv(["data_asset.a"], {
		"agreement.n": _nda(["data_asset.a"], {"expires": "2027-01-01"}),
		"agreement.dpa": _nda(["data_asset.a"], {"kind": "dpa"}),
	})
	some w in partner_nda_expiring.warn with input as dpa_only
	w.resource == "partner.p"
	renewed := _inv(["data_asset.a"], {
		"agreement.n": _nda(["data_asset.a"], {"expires": "2027-01-01"}),
		"agreement.future": _nda(["data_asset.a"], {"signed": "2026-11-27"}),
	})
	count(partner_nda_expiring.warn) == 0 with input as renewed
}

test_asset_received_by_transfer if {
	inv := object.union(
		_inv([], {"agreement.n": _nda(["data_asset.c"], {"expires": "2027-01-01"})}),
		{"transfers": {"transfer.x": {"asset": "data_asset.c", "to": "partner.p"}}},
	)
	some w in partner_nda_expiring.warn with input as inv
	w.resource == "partner.p"
	contains(w.message, "data_asset.c")
}

test_setting_shorter_window if {
	inv := object.union(
		_inv(["data_asset.a"], {"agreement.n": _nda(["data_asset.a"], {"expires": "2026-12-26"})}),
		{"settings": {"nda_expiry_warning_days": 30}},
	)
	count(partner_nda_expiring.warn) == 0 with input as inv
}

test_setting_shorter_window_day_before if {
	inv := object.union(
		_inv(["data_asset.a"], {"agreement.n": _nda(["data_asset.a"], {"expires": "2026-12-25"})}),
		{"settings": {"nda_expiry_warning_days": 30}},
	)
	some w in partner_nda_expiring.warn with input as inv
	contains(w.message, "2026-12-26")
}

test_not_applicable_without_nda_in_force if {
	inv := _inv(["data_asset.a"], {"agreement.old": _nda(["data_asset.a"], {"expires": "2026-11-25"})})
	count(partner_nda_expiring.applicable) == 0 with input as inv
	count(partner_nda_expiring.warn) == 0 with input as inv
}

test_not_applicable_partner_receiving_nothing if {
	inv := _inv([], {"agreement.n": _nda(["data_asset.a"], {"partner": "partner.idle", "expires": "2026-12-01"})})
	count(partner_nda_expiring.applicable) == 0 with input as inv
	count(partner_nda_expiring.warn) == 0 with input as inv
}

# A renewal already signed for a date before the horizon keeps the data covered.
test_no_warning_when_renewal_signed_before_horizon if {
	inv := {
		"as_of": "2026-11-26",
		"settings": {},
		"data_assets": {"data_asset.x": {}},
		"partners": {"partner.p": {"receives": ["data_asset.x"]}},
		"agreements": {
			"agreement.old": {"partner": "partner.p", "kind": "nda", "signed": "2020-01-01", "expires": "2026-12-10", "covers": ["data_asset.x"]},
			"agreement.new": {"partner": "partner.p", "kind": "nda", "signed": "2026-12-01", "covers": ["data_asset.x"]},
		},
	}
	partner_nda_expiring.applicable == {"partner.p"} with input as inv
	count(partner_nda_expiring.warn) == 0 with input as inv
}

# A renewal signed only after the horizon, or another partner's NDA, does not.
test_warning_when_renewal_signed_after_horizon if {
	inv := {
		"as_of": "2026-11-26",
		"settings": {},
		"data_assets": {"data_asset.x": {}},
		"partners": {"partner.p": {"receives": ["data_asset.x"]}, "partner.q": {}},
		"agreements": {
			"agreement.old": {"partner": "partner.p", "kind": "nda", "signed": "2020-01-01", "expires": "2026-12-10", "covers": ["data_asset.x"]},
			"agreement.late": {"partner": "partner.p", "kind": "nda", "signed": "2027-01-26", "covers": ["data_asset.x"]},
			"agreement.other": {"partner": "partner.q", "kind": "nda", "signed": "2026-12-01", "covers": ["data_asset.x"]},
			"agreement.dpa": {"partner": "partner.p", "kind": "dpa", "signed": "2026-12-01", "covers": ["data_asset.x"]},
		},
	}
	{w.resource | some w in partner_nda_expiring.warn} == {"partner.p"} with input as inv
}

# Issue 12: the only NDA expires 2026-12-10 and its renewal is signed
# 2026-12-20, ten days later. The renewal does not carry the cover across the
# gap: the cover lapses on 2026-12-10, inside the window.
test_warn_renewal_after_gap if {
	inv := _inv(["data_asset.a"], {
		"agreement.n": _nda(["data_asset.a"], {"expires": "2026-12-10"}),
		"agreement.renewal": _nda(["data_asset.a"], {"signed": "2026-12-20", "expires": "2028-12-19"}),
	})
	some w in partner_nda_expiring.warn with input as inv
	w.resource == "partner.p"
	endswith(w.message, ": data_asset.a (covered until 2026-12-10)")
}

# A renewal signed the day after the expiry continues the cover.
test_pass_renewal_signed_day_after_expiry if {
	inv := _inv(["data_asset.a"], {
		"agreement.n": _nda(["data_asset.a"], {"expires": "2026-12-10"}),
		"agreement.renewal": _nda(["data_asset.a"], {"signed": "2026-12-11", "expires": "2028-12-19"}),
	})
	count(partner_nda_expiring.warn) == 0 with input as inv
}

# Two days after leaves one day uncovered.
test_warn_renewal_signed_two_days_after_expiry if {
	inv := _inv(["data_asset.a"], {
		"agreement.n": _nda(["data_asset.a"], {"expires": "2026-12-10"}),
		"agreement.renewal": _nda(["data_asset.a"], {"signed": "2026-12-12"}),
	})
	some w in partner_nda_expiring.warn with input as inv
	endswith(w.message, ": data_asset.a (covered until 2026-12-10)")
}

# Overlapping NDAs join into one cover; it lapses when the last of the chain
# expires.
test_overlapping_ndas_join if {
	pass := _inv(["data_asset.a"], {
		"agreement.n": _nda(["data_asset.a"], {"expires": "2026-12-31"}),
		"agreement.overlap": _nda(["data_asset.a"], {"signed": "2026-12-01", "expires": "2027-01-25"}),
	})
	count(partner_nda_expiring.warn) == 0 with input as pass
	warn := _inv(["data_asset.a"], {
		"agreement.n": _nda(["data_asset.a"], {"expires": "2026-12-31"}),
		"agreement.overlap": _nda(["data_asset.a"], {"signed": "2026-12-01", "expires": "2027-01-24"}),
	})
	some w in partner_nda_expiring.warn with input as warn
	endswith(w.message, ": data_asset.a (covered until 2027-01-24)")
}

# An NDA without expires, in force or as a timely renewal, covers for good.
test_pass_renewal_without_expiry if {
	inv := _inv(["data_asset.a"], {
		"agreement.n": _nda(["data_asset.a"], {"expires": "2026-12-10"}),
		"agreement.renewal": _nda(["data_asset.a"], {"signed": "2026-12-11"}),
	})
	count(partner_nda_expiring.warn) == 0 with input as inv
}

# Several partners: each is warned of its own lapsing cover only; a partner
# named only by a transfer is judged like a declared one.
test_several_partners if {
	inv := object.union(
		_inv(["data_asset.a", "data_asset.b"], {
			"agreement.p": _nda(["data_asset.a", "data_asset.b"], {"expires": "2026-12-31"}),
			"agreement.idle": _nda(["data_asset.a"], {"partner": "partner.idle", "expires": "2026-12-01"}),
			"agreement.ghost": _nda(["data_asset.c"], {"partner": "partner.ghost", "expires": "2027-01-01"}),
			"agreement.other": _nda(["data_asset.c"], {"partner": "partner.other"}),
		}),
		{"transfers": {
			"transfer.g": {"to": "partner.ghost", "asset": "data_asset.c"},
			"transfer.o": {"to": "partner.other", "asset": "data_asset.c"},
		}},
	)
	partner_nda_expiring.applicable == {"partner.p", "partner.ghost", "partner.other"} with input as inv
	{[w.resource, w.message] | some w in partner_nda_expiring.warn} == {
		["partner.p", "NDA cover of data received by partner.p ends before 2027-01-25 (60 days ahead): data_asset.a (covered until 2026-12-31), data_asset.b (covered until 2026-12-31)"],
		["partner.ghost", "NDA cover of data received by partner.ghost ends before 2027-01-25 (60 days ahead): data_asset.c (covered until 2027-01-01)"],
	} with input as inv
}
