package baomi.lib.partners_test

import data.baomi.lib

# Day numbers: calendar days, whatever the year.

test_day_number if {
	lib.day_number("1970-01-01") == 0
	lib.day_number("2000-01-01") == 10957
	lib.day_number("1677-12-31") == -106651
	lib.day_number("1678-01-01") == -106650
	lib.day_number("2261-12-31") == 106650
	lib.day_number("2262-01-01") == 106651
	lib.day_number("2024-03-01") - lib.day_number("2024-02-28") == 2
	lib.day_number("2100-03-01") - lib.day_number("2100-02-28") == 1
	lib.days_between("2026-11-26", "9999-12-31") == 2912113
	lib.days_between("0001-01-01", "2026-11-26") == 739945
}

# Cover lapses. As of 2026-11-26, with the default 60-day window (the first day
# the cover must still hold is 2027-01-25).

_nda(signed, expires, covers) := {"partner": "partner.p", "kind": "nda", "signed": signed, "expires": expires, "covers": covers}

_open_nda(signed, covers) := {"partner": "partner.p", "kind": "nda", "signed": signed, "covers": covers}

_inv(agreements) := {
	"as_of": "2026-11-26",
	"data_assets": {"data_asset.a": {"classification": "confidential"}, "data_asset.b": {"classification": "top_secret"}},
	"partners": {"partner.p": {"name": "P Ltd", "receives": ["data_asset.a"]}},
	"transfers": {},
	"channels": {},
	"agreements": agreements,
}

_asset(agreements) := f.receives[0] if {
	f := lib.partner_facts["partner.p"] with input as _inv(agreements)
}

_cover(agreements) := f.cover if {
	f := lib.partner_facts["partner.p"] with input as _inv(agreements)
}

test_lapses_on_expiry_of_only_nda if {
	ags := {"agreement.n": _nda("2025-01-01", "2026-12-10", ["data_asset.a"])}
	_asset(ags).covered_by == ["agreement.n"]
	_asset(ags).covered_until == "2026-12-10"
	_cover(ags) == {"status": "lapses", "lapses": "2026-12-10", "days_left": 14, "expiring_soon": true}
}

# The disagreement of issue 12: a renewal signed ten days after the expiry does
# not carry the cover across the gap.
test_renewal_after_gap_does_not_carry_cover if {
	ags := {
		"agreement.n": _nda("2025-01-01", "2026-12-10", ["data_asset.a"]),
		"agreement.renewal": _nda("2026-12-20", "2028-12-19", ["data_asset.a"]),
	}
	_asset(ags).covered_by == ["agreement.n"]
	_asset(ags).covered_until == "2026-12-10"
	_cover(ags).expiring_soon
}

test_renewal_signed_day_after_expiry_is_continuous if {
	ags := {
		"agreement.n": _nda("2025-01-01", "2026-12-10", ["data_asset.a"]),
		"agreement.renewal": _nda("2026-12-11", "2028-12-31", ["data_asset.a"]),
	}
	_asset(ags).covered_until == "2028-12-31"
	_cover(ags) == {"status": "lapses", "lapses": "2028-12-31", "days_left": 766, "expiring_soon": false}
}

test_renewal_signed_two_days_after_expiry_leaves_gap if {
	ags := {
		"agreement.n": _nda("2025-01-01", "2026-12-10", ["data_asset.a"]),
		"agreement.renewal": _nda("2026-12-12", "2028-12-31", ["data_asset.a"]),
	}
	_asset(ags).covered_until == "2026-12-10"
	_cover(ags).expiring_soon
}

test_renewal_across_month_and_year_end if {
	ags := {
		"agreement.n": _nda("2025-01-01", "2026-12-31", ["data_asset.a"]),
		"agreement.renewal": _nda("2027-01-01", "2027-12-31", ["data_asset.a"]),
	}
	_asset(ags).covered_until == "2027-12-31"
}

test_overlapping_ndas_join if {
	ags := {
		"agreement.long": _nda("2025-01-01", "2027-03-01", ["data_asset.a"]),
		"agreement.short": _nda("2026-06-01", "2026-12-31", ["data_asset.a"]),
		"agreement.next": _nda("2026-12-01", "2027-06-30", ["data_asset.a"]),
	}
	_asset(ags).covered_by == ["agreement.long", "agreement.short"]
	_asset(ags).covered_until == "2027-06-30"
}

test_chain_of_renewals if {
	ags := {
		"agreement.n": _nda("2025-01-01", "2026-12-10", ["data_asset.a"]),
		"agreement.r1": _nda("2026-12-11", "2027-01-10", ["data_asset.a"]),
		"agreement.r2": _nda("2027-01-11", "2027-02-10", ["data_asset.a"]),
		"agreement.r4": _nda("2027-02-20", "2029-01-01", ["data_asset.a"]),
	}
	_asset(ags).covered_until == "2027-02-10"
	not _cover(ags).expiring_soon
}

test_nda_without_expiry_never_lapses if {
	ags := {"agreement.n": _open_nda("2025-01-01", ["data_asset.a"])}
	_asset(ags).covered_until == null
	_cover(ags) == {"status": "ongoing", "lapses": null, "days_left": null, "expiring_soon": false}
}

test_renewal_without_expiry_continues_for_good if {
	ags := {
		"agreement.n": _nda("2025-01-01", "2026-12-10", ["data_asset.a"]),
		"agreement.renewal": _open_nda("2026-12-11", ["data_asset.a"]),
	}
	_asset(ags).covered_until == null
	_cover(ags).status == "ongoing"
}

test_open_renewal_after_gap_does_not_carry_cover if {
	ags := {
		"agreement.n": _nda("2025-01-01", "2026-12-10", ["data_asset.a"]),
		"agreement.renewal": _open_nda("2026-12-20", ["data_asset.a"]),
	}
	_asset(ags).covered_until == "2026-12-10"
}

test_renewal_covering_other_data_does_not_carry_cover if {
	ags := {
		"agreement.n": _nda("2025-01-01", "2026-12-10", ["data_asset.a"]),
		"agreement.renewal": _open_nda("2026-12-11", ["data_asset.b"]),
		"agreement.dpa": object.union(_open_nda("2026-12-11", ["data_asset.a"]), {"kind": "dpa"}),
	}
	_asset(ags).covered_until == "2026-12-10"
}

test_expires_on_as_of_lapses_today if {
	ags := {"agreement.n": _nda("2025-01-01", "2026-11-26", ["data_asset.a"])}
	_cover(ags) == {"status": "lapses", "lapses": "2026-11-26", "days_left": 0, "expiring_soon": true}
}

test_lapses_soon_boundary if {
	inv := {"as_of": "2026-11-26"}
	lib.lapses_soon("2027-01-24") with input as inv
	not lib.lapses_soon("2027-01-25") with input as inv
	lib.lapses_soon("2026-12-26") with input as object.union(inv, {"settings": {"nda_expiry_warning_days": 31}})
	not lib.lapses_soon("2026-12-27") with input as object.union(inv, {"settings": {"nda_expiry_warning_days": 31}})
}

test_cover_missing_lapsed_not_needed if {
	_cover({}).status == "missing"
	_cover({"agreement.old": _nda("2023-01-01", "2025-12-31", ["data_asset.a"])}).status == "lapsed"
	_cover({"agreement.other": _nda("2023-01-01", "2025-12-31", ["data_asset.b"])}).status == "missing"
	lib.partner_facts["partner.p"].cover.status == "not_needed" with input as {"as_of": "2026-11-26", "partners": {"partner.p": {}}}
}

test_uncovered_data_does_not_move_lapse if {
	inv := object.union(_inv({"agreement.n": _nda("2025-01-01", "2027-06-30", ["data_asset.a"])}), {"partners": {"partner.p": {"receives": ["data_asset.a", "data_asset.b"]}}})
	f := lib.partner_facts["partner.p"] with input as inv
	f.uncovered == ["data_asset.b"]
	f.uncovered_top_secret
	f.cover.lapses == "2027-06-30"
}

# NDAs, channels and what the partner receives.

test_partner_facts_lists if {
	inv := {
		"as_of": "2026-11-26",
		"data_assets": {"data_asset.a": {"category": "identity"}, "data_asset.b": {}},
		"channels": {"channel.sftp": {"kind": "sftp", "encrypted": true}},
		"partners": {"partner.p": {"receives": ["data_asset.a"]}, "partner.idle": {"name": " "}},
		"transfers": {
			"transfer.t2": {"asset": "data_asset.a", "channel": "channel.sftp", "to": "partner.p"},
			"transfer.t1": {"asset": "data_asset.b", "to": "partner.p"},
			"transfer.inside": {"asset": "data_asset.b", "to": "department.d"},
		},
		"agreements": {
			"agreement.future": _open_nda("2026-12-01", ["data_asset.a"]),
			"agreement.unsigned": object.remove(_open_nda("x", []), ["signed"]),
			"agreement.old": object.union(_nda("2020-01-01", "2021-01-01", ["data_asset.b", "data_asset.a", "data_asset.a"]), {"confidentiality_obligations": true, "liability": true, "scope_of_use": ["delivery"]}),
		},
	}
	f := lib.partner_facts["partner.p"] with input as inv
	f.name == null
	f.receiving
	[a.address | some a in f.receives] == ["data_asset.a", "data_asset.b"]
	f.receives[0].via == ["receives", "transfer.t2"]
	f.receives[0].category == "identity"
	f.receives[1].via == ["transfer.t1"]
	f.channels == [
		{"transfer": "transfer.t1", "asset": "data_asset.b", "channel": null, "kind": null, "encrypted": null},
		{"transfer": "transfer.t2", "asset": "data_asset.a", "channel": "channel.sftp", "kind": "sftp", "encrypted": true},
	]
	[[n.address, n.state] | some n in f.ndas] == [["agreement.future", "not_yet_signed"], ["agreement.old", "expired"], ["agreement.unsigned", "unsigned"]]
	f.ndas[1].covers == ["data_asset.a", "data_asset.b"]
	f.ndas[1].days_left == -2155
	f.ndas[1].terms_complete
	f.ndas[0].missing_terms == ["confidentiality_obligations", "scope_of_use", "liability"]
	f.ndas[0].days_left == null
	f.ndas_in_force == []
	f.cover.status == "lapsed"
	idle := lib.partner_facts["partner.idle"] with input as inv
	not idle.receiving
	idle.name == null
}

test_partner_named_only_by_transfer if {
	inv := {"as_of": "2026-11-26", "transfers": {"transfer.t": {"to": "partner.x"}}}
	f := lib.partner_facts["partner.x"] with input as inv
	f.receiving
	f.receives == []
	f.cover.status == "not_needed"
	f.assessment == null
	f.monitoring == null
}

# Assessment and monitoring: ages in calendar days, stale past the setting.

_evidence(partner) := f if {
	inv := {
		"as_of": "2026-11-26",
		"partners": {"partner.p": object.union({"receives": ["data_asset.a"]}, partner)},
	}
	f := lib.partner_facts["partner.p"] with input as inv
}

test_assessment_age_and_staleness if {
	fresh := _evidence({"security_assessment": [{"date": "2025-11-26", "result": "pass"}]}).assessment
	fresh == {"index": 0, "date": "2025-11-26", "result": "pass", "age_days": 365, "stale": false}
	stale := _evidence({"security_assessment": [{"date": "2025-06-15", "result": "pass"}]}).assessment
	stale.age_days == 529
	stale.stale
}

test_assessment_latest_worst_first_among_equals if {
	a := _evidence({"security_assessment": [
		{"date": "2026-01-01", "result": "pass"},
		{"date": "2026-03-01", "result": "pass"},
		{"date": "2026-03-01", "result": "conditional"},
		{"date": "2026-03-01"},
		{"date": "2026-12-01", "result": "fail"},
		{"result": "fail"},
	]}).assessment
	a.index == 3
	a.result == null
	a.date == "2026-03-01"
}

test_monitoring_age_and_staleness if {
	_evidence({"monitoring": {"last_review": "2025-11-26"}}).monitoring == {"last_review": "2025-11-26", "age_days": 365, "stale": false}
	_evidence({"monitoring": {"last_review": "2025-11-25"}}).monitoring == {"last_review": "2025-11-25", "age_days": 366, "stale": true}
	_evidence({"monitoring": {"method": "audit"}}).monitoring == {"last_review": null, "age_days": null, "stale": false}
	_evidence({}).monitoring == null
}

# The indexes the 4.5 controls read are the ones the partner facts are made of.

test_received_cover_and_uncovered_data if {
	inv := object.union(
		_inv({
			"agreement.n": _nda("2025-01-01", "2026-12-10", ["data_asset.a"]),
			"agreement.renewal": _nda("2026-12-11", "2027-06-30", ["data_asset.a"]),
		}),
		{"partners": {"partner.p": {"receives": ["data_asset.b", "data_asset.a"]}}},
	)
	lib.received_cover["partner.p"] == [
		["data_asset.a", ["agreement.n"], "2027-06-30"],
		["data_asset.b", [], null],
	] with input as inv
	lib.uncovered_data["partner.p"] == ["data_asset.b"] with input as inv
	f := lib.partner_facts["partner.p"] with input as inv
	[[a.address, a.covered_by, a.covered_until] | some a in f.receives] == lib.received_cover["partner.p"] with input as inv
	f.uncovered == lib.uncovered_data["partner.p"] with input as inv
}

test_missing_terms_in_order if {
	lib.missing_terms({"liability": true, "scope_of_use": [" ", 3]}) == ["confidentiality_obligations", "scope_of_use"]
	lib.missing_terms({"confidentiality_obligations": true, "liability": true, "scope_of_use": ["delivery"]}) == []
	lib.missing_terms({"confidentiality_obligations": "yes"}) == ["confidentiality_obligations", "scope_of_use", "liability"]
}

# cover_lapsing_soon judges only the assets that an NDA ending soon covers; it
# must list what received_cover says lapses soon, no more and no less.

_lapsing_inv(agreements) := {
	"as_of": "2026-11-26",
	"data_assets": {"data_asset.a": {}, "data_asset.b": {}, "data_asset.c": {}, "data_asset.d": {"classification": "top_secret"}},
	"partners": {
		"partner.p": {"receives": ["data_asset.d", "data_asset.c", "data_asset.b", "data_asset.a"]},
		"partner.idle": {},
	},
	"transfers": {"transfer.t": {"to": "partner.p", "asset": "data_asset.a"}},
	"channels": {},
	"agreements": agreements,
}

# What received_cover says lapses soon, for comparison.
_soon_from_received_cover(inv) := [[asset, until] |
	some [asset, _, until] in lib.received_cover["partner.p"] with input as inv
	until != null
	lib.lapses_soon(until) with input as inv
]

test_cover_lapsing_soon_several_ndas if {
	inv := _lapsing_inv({
		# a: covered by one NDA ending soon, renewed the next day: never lapses soon.
		"agreement.a1": _nda("2025-01-01", "2026-12-10", ["data_asset.a", "data_asset.b", "data_asset.c"]),
		"agreement.a2": _nda("2026-12-11", "2028-01-01", ["data_asset.a"]),
		# b: a renewal after a gap: lapses on a1's expiry.
		"agreement.b2": _nda("2026-12-20", "2028-01-01", ["data_asset.b"]),
		# c: overlapped by an NDA in force that lasts: never lapses soon.
		"agreement.c2": _nda("2025-06-01", "2027-12-31", ["data_asset.c"]),
		# d: an NDA in force that expires exactly on the as-of date.
		"agreement.d1": _nda("2025-01-01", "2026-11-26", ["data_asset.d"]),
	})
	lib.cover_lapsing_soon["partner.p"] == [["data_asset.b", "2026-12-10"], ["data_asset.d", "2026-11-26"]] with input as inv
	lib.cover_lapsing_soon["partner.p"] == _soon_from_received_cover(inv) with input as inv
}

# A renewal signed after the as-of date that itself expires soon carries the
# cover only to its own expiry: the lapse is on an NDA not yet in force.
test_cover_lapsing_soon_on_a_renewal_not_yet_in_force if {
	inv := _lapsing_inv({
		"agreement.n": _nda("2025-01-01", "2026-12-10", ["data_asset.a"]),
		"agreement.renewal": _nda("2026-12-11", "2027-01-05", ["data_asset.a"]),
	})
	lib.cover_lapsing_soon["partner.p"] == [["data_asset.a", "2027-01-05"]] with input as inv
	lib.cover_lapsing_soon["partner.p"] == _soon_from_received_cover(inv) with input as inv
}

# An NDA ending soon that covers only data no NDA in force covers, or data the
# partner does not receive, warns of nothing; nor do expired NDAs, NDAs without
# a signed date, or null and absent expiry dates.
test_cover_lapsing_soon_nothing_to_lapse if {
	inv := _lapsing_inv({
		"agreement.open": {"partner": "partner.p", "kind": "nda", "signed": "2025-01-01", "expires": null, "covers": ["data_asset.a"]},
		"agreement.forever": _open_nda("2025-01-01", ["data_asset.b"]),
		"agreement.expired": _nda("2025-01-01", "2026-11-25", ["data_asset.c"]),
		"agreement.unsigned": {"partner": "partner.p", "kind": "nda", "signed": null, "expires": "2026-12-01", "covers": ["data_asset.d"]},
		"agreement.future": _nda("2026-12-01", "2026-12-05", ["data_asset.c"]),
		"agreement.elsewhere": _nda("2025-01-01", "2026-12-01", ["data_asset.other"]),
	})
	not lib.cover_lapsing_soon["partner.p"] with input as inv
	_soon_from_received_cover(inv) == []
	lib.uncovered_data["partner.p"] == ["data_asset.c", "data_asset.d"] with input as inv
}

# uncovered_data: a set difference per partner, sorted, for every partner that
# receives data (by its receives list or a transfer, declared or not), none for
# a partner that receives nothing; NDAs expired, unsigned or of another partner
# do not cover.
test_uncovered_data_partners if {
	inv := {
		"as_of": "2026-11-26",
		"data_assets": {"data_asset.a": {}, "data_asset.b": {"classification": "top_secret"}},
		"partners": {"partner.p": {"receives": ["data_asset.b", "data_asset.a", "data_asset.b"]}, "partner.idle": {"receives": []}},
		"transfers": {
			"transfer.t": {"to": "partner.ghost", "asset": "data_asset.b"},
			"transfer.u": {"to": "system.s", "asset": "data_asset.a"},
			"transfer.v": {"to": "partner.p"},
			"transfer.w": {"to": "partner.lone", "asset": false},
			"transfer.x": {"to": "partner.p", "asset": "data_asset.b"},
		},
		"channels": {},
		"agreements": {
			"agreement.n": _nda("2025-01-01", "2027-12-31", ["data_asset.a"]),
			"agreement.expired": _nda("2024-01-01", "2025-12-31", ["data_asset.b"]),
			"agreement.ghost": {"partner": "partner.ghost", "kind": "nda", "signed": "2025-01-01", "covers": ["data_asset.a"]},
		},
	}
	lib.uncovered_data == {"partner.p": ["data_asset.b"], "partner.ghost": ["data_asset.b"]} with input as inv
	lib.partner_data == {"partner.p": {"data_asset.a", "data_asset.b"}, "partner.ghost": {"data_asset.b"}} with input as inv
	lib.receiving_partners == {"partner.p", "partner.ghost", "partner.lone"} with input as inv
	p := lib.partner_facts["partner.p"] with input as inv
	[[a.address, a.via] | some a in p.receives] == [["data_asset.a", ["receives"]], ["data_asset.b", ["receives", "transfer.x"]]]
	f := lib.partner_facts["partner.ghost"] with input as inv
	f.uncovered_top_secret
	f.cover.status == "missing"
}

# Assets covered by the same NDAs share one computation of their cover; assets
# covered by other NDAs of the same partner do not share it. A renewal not yet
# in force carries the cover but is not listed in covered_by.
test_received_cover_assets_sharing_ndas if {
	inv := _lapsing_inv({
		"agreement.n": _nda("2025-01-01", "2026-12-10", ["data_asset.a", "data_asset.b", "data_asset.c"]),
		"agreement.renewal": _nda("2026-12-11", "2027-06-30", ["data_asset.a", "data_asset.b"]),
		"agreement.other": _open_nda("2025-01-01", ["data_asset.c"]),
	})
	lib.received_cover["partner.p"] == [
		["data_asset.a", ["agreement.n"], "2027-06-30"],
		["data_asset.b", ["agreement.n"], "2027-06-30"],
		["data_asset.c", ["agreement.n", "agreement.other"], null],
		["data_asset.d", [], null],
	] with input as inv
	f := lib.partner_facts["partner.p"] with input as inv
	[a.via | some a in f.receives] == [["receives", "transfer.t"], ["receives"], ["receives"], ["receives"]]
	f.uncovered == ["data_asset.d"]
	f.uncovered_top_secret
	f.cover == {"status": "lapses", "lapses": "2027-06-30", "days_left": 216, "expiring_soon": false}
	not lib.cover_lapsing_soon["partner.p"] with input as inv
}
