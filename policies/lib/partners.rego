# Partner facts: what the library knows about each partner, computed once: the
# data it receives and by which transfers, its NDAs and what each covers, the day
# each received asset's NDA cover lapses, its latest security assessment and its
# monitoring, with their ages. The 4.5 controls judge these facts and the partner
# register renders them (data.baomi.lib.facts), so the two cannot disagree.
# Every index is one comprehension over the input.
package baomi.lib

# Every [partner, data asset, via] triple: via is "receives" for the partner's
# receives list, or the address of the transfer that carries the asset to it.
_received_triples := array.concat(
	[[p, asset, "receives"] |
		some p, partner in input.partners
		some asset in object.get(partner, "receives", [])
	],
	[[t.to, t.asset, addr] |
		some addr, t in input.transfers
		startswith(t.to, "partner.")
		t.asset
	],
)

# _received_assets[partner] is the set of data assets the partner receives, by
# its receives list or by a transfer to it: the partners and assets of
# _received_triples, each partner's receives list taken whole rather than
# grouped out of the triples.
_received_assets := {p: assets |
	receives := _receives_sets
	transfers := _transfer_assets
	some p in (object.keys(receives) | object.keys(transfers))
	assets := object.get(receives, p, set()) | object.get(transfers, p, set())
}

# _receives_sets[partner] is the set of the entries of a partner's non-empty
# receives list.
_receives_sets := {p: assets |
	some p, partner in input.partners
	assets := {asset | some asset in object.get(partner, "receives", [])}
	count(assets) > 0
}

# _transfer_assets[partner] is the set of data assets the transfers to the
# partner carry. Each group is a comprehension assigned to a variable and
# joined on its key with ==, which OPA indexes (one pass over the transfers for
# all groups): a scan per partner, or a multi-value rule with a ref head (which
# copies the partner's set on each insert), is quadratic when one partner
# receives everything.
_transfer_assets := {p: assets |
	some p in {q | some [q, _] in _transfer_asset_pairs}
	assets := {a | some [q, a] in _transfer_asset_pairs; q == p}
}

# Every [partner, data asset] pair of a transfer to a partner.
_transfer_asset_pairs := [[t.to, t.asset] |
	some t in input.transfers
	startswith(t.to, "partner.")
	t.asset
]

# _received_via[partner][asset] is the sorted list of the ways the partner
# receives the asset: "receives", then transfer addresses. Only the partner
# facts need it; the controls judge _received_assets. Its groups take their
# partners and assets from the triples in the same comprehension: taken from
# _received_assets instead, the vias' comprehension was not indexed and scanned
# every triple for each asset (measured: the partner facts of a 20,000-resource
# inventory took 5.8 s instead of 0.5 s).
_received_via := {p: by_asset |
	some p in {q | some [q, _, _] in _received_triples}
	assets := {a | some [q, a, _] in _received_triples; q == p}
	by_asset := {asset: sort(vias) |
		some asset in assets
		vias := {via | some [q, a, via] in _received_triples; q == p; a == asset}
	}
}

# partner_data[partner] is the set of data assets a partner receives, by its
# receives list or by a transfer to it. No built-in control reads it; it stays
# in the library for user policies.
partner_data := _received_assets

# Every [partner, transfer] pair of a transfer to a partner.
_transfer_pairs := [[t.to, addr] |
	some addr, t in input.transfers
	startswith(t.to, "partner.")
]

# _partner_transfers[partner] is the sorted list of the transfers to the partner.
_partner_transfers := {p: sort(ts) |
	some p in {q | some [q, _] in _transfer_pairs}
	ts := {t | some [q, t] in _transfer_pairs; q == p}
}

# Every [partner, address] pair of an agreement of kind nda.
_nda_pairs := [[ag.partner, addr] |
	some addr, ag in input.agreements
	ag.kind == "nda"
	is_string(ag.partner)
]

# _partner_all_ndas[partner] is the sorted list of the partner's NDAs, in force or not.
_partner_all_ndas := {p: sort(ndas) |
	some p in {q | some [q, _] in _nda_pairs}
	ndas := {addr | some [q, addr] in _nda_pairs; q == p}
}

# nda_facts[address] is what the library knows of an NDA: its dates, its state
# on the as-of date, the days left until it expires, what it covers and the
# terms it does not declare.
nda_facts := {addr: _nda_fact(addr, input.agreements[addr]) | some [_, addr] in _nda_pairs}

_nda_fact(addr, ag) := {
	"address": addr,
	"signed": string_or_null(ag, "signed"),
	"expires": string_or_null(ag, "expires"),
	"state": state,
	"in_force": state == "in_force",
	"days_left": _days_left(ag),
	"covers": sort({a | some a in _covers(ag)}),
	"missing_terms": missing,
	"terms_complete": count(missing) == 0,
} if {
	state := agreement_state(ag)
	missing := missing_terms(ag)
}

# missing_terms(agreement) lists the terms an NDA does not declare, in order:
# confidentiality_obligations, scope_of_use, liability.
missing_terms(ag) := [term |
	some term in ["confidentiality_obligations", "scope_of_use", "liability"]
	not _has_term(ag, term)
]

_days_left(ag) := day_number(d) - _as_of_day if {
	d := _agreement_date(ag, "expires")
} else := null

_covers(ag) := ag.covers if is_array(ag.covers)

else := []

_has_term(ag, "confidentiality_obligations") if ag.confidentiality_obligations == true

_has_term(ag, "liability") if ag.liability == true

# A scope of use is a list with at least one non-blank entry.
_has_term(ag, "scope_of_use") if {
	some use in ag.scope_of_use
	is_string(use)
	trim_space(use) != ""
}

# _nda_spans[partner] lists [NDA, first day, last day, expires] for each signed
# NDA of a partner that has not expired; days are day numbers, and the last day
# and expires are null for an NDA without an expiry date. NDAs expired before
# the as-of date cannot carry cover from it on, and partners with no NDA in
# force have no cover to carry. A partner has few NDAs: the spans that cover an
# asset are those of the NDAs whose _nda_covers hold it (_asset_spans).
_nda_spans := {p: spans |
	in_force := partner_ndas
	some p, ndas in _partner_all_ndas
	in_force[p]
	spans := [[addr, start, end, expires] |
		some addr in ndas
		ag := input.agreements[addr]
		signed := _agreement_date(ag, "signed")
		agreement_state(ag) != "expired"
		start := day_number(signed)
		end := _day_or_null(ag, "expires")
		expires := string_or_null(ag, "expires")
	]
}

# _asset_spans(spans, asset) is the set of [first day, last day, expires] of
# the spans (a partner's _nda_spans) of the NDAs that cover the asset.
_asset_spans(spans, asset) := {[start, end, expires] | some [addr, start, end, expires] in spans; _nda_covers[addr][asset]}

_day_or_null(ag, key) := day_number(d) if {
	d := _agreement_date(ag, key)
} else := null

_as_of_day := day_number(as_of)

# _cover_lapses(spans) is the last day of the unbroken NDA cover of an asset
# covered on the as-of date, given the spans of the NDAs covering it: the
# earliest expiry, on or after the as-of date, of such an NDA such that no NDA
# covers the asset the next day. Overlapping NDAs join; a renewal signed the day
# after an expiry continues the cover; one signed later leaves a gap, and the
# cover lapses where the gap begins. null when the cover never lapses (an NDA
# without expiry carries it).
_cover_lapses(spans) := date if {
	ends := {[end, expires] |
		some [_, end, expires] in spans
		is_number(end)
		end >= _as_of_day
		not _covered_on(spans, end + 1)
	}
	count(ends) > 0
	[_, date] := min(ends)
} else := null

# _covered_on(spans, day) holds when one of the spans covers that day.
_covered_on(spans, day) if {
	some [start, end, _] in spans
	start <= day
	_lasts_to(end, day)
}

_lasts_to(end, _) if end == null

_lasts_to(end, day) if {
	is_number(end)
	end >= day
}

# partner_facts[partner] is everything the library knows of a partner, for every
# partner block and every partner a transfer names.
partner_facts := {p: _partner_fact(p) | some p in ({q | some q, _ in input.partners} | receiving_partners)}

_partner_fact(p) := {
	"address": p,
	"name": name_or_null(partner),
	"receiving": p in receiving_partners,
	"receives": receives,
	"channels": [_channel_fact(t) | some t in object.get(_partner_transfers, p, [])],
	"ndas": [nda_facts[n] | some n in ndas],
	"ndas_in_force": sort(object.get(partner_ndas, p, set())),
	"uncovered": uncovered,
	"uncovered_top_secret": count([a | some a in uncovered; top_secret_assets[a]]) > 0,
	"cover": _cover(count(cover), count(uncovered) < count(cover), ends, lapsed),
	"assessment": object.get(latest_assessment, p, null),
	"monitoring": monitoring_fact(partner),
} if {
	partner := object.get(input, ["partners", p], {})
	via := object.get(_received_via, p, {})
	ndas := object.get(_partner_all_ndas, p, [])
	cover := object.get(received_cover, p, [])
	receives := [{
		"address": asset,
		"category": string_or_null(a, "category"),
		"classification": string_or_null(a, "classification"),
		"via": via[asset],
		"covered_by": covered_by,
		"covered_until": covered_until,
	} |
		some [asset, covered_by, covered_until] in cover
		a := object.get(input, ["data_assets", asset], {})
	]
	uncovered := object.get(uncovered_data, p, [])
	ends := {until | some [_, _, until] in cover; until != null}
	lapsed := count([n |
		some n in ndas
		nda_facts[n].state == "expired"
		some a in nda_facts[n].covers
		via[a]
	]) > 0
}

# received_cover[partner] lists, for each asset the partner receives, by
# address, [asset, the partner's NDAs in force that cover it, the last day of
# its unbroken cover]; the last day is null when no NDA in force covers the
# asset or its cover never lapses. The partner facts read it; the controls
# judge uncovered_data and cover_lapsing_soon, which need no walk of every
# asset a partner receives.
# An asset's cover depends only on which of the partner's NDAs cover it, and
# most assets share that with others: _asset_cover is called with that list
# and its result is cached.
received_cover := {p: cover |
	ndas_by_partner := partner_ndas
	spans_by_partner := _nda_spans
	covers := _nda_covers
	some p, assets in _received_assets
	in_force := object.get(ndas_by_partner, p, set())
	spans := object.get(spans_by_partner, p, [])
	cover := [[asset, covered_by, until] |
		some asset in sort(assets)
		[covered_by, until] := _asset_cover(spans, in_force, [addr | some [addr, _, _, _] in spans; covers[addr][asset]])
	]
}

# _asset_cover(spans, in_force, ndas) is [the NDAs in force among ndas, the
# last day of the unbroken cover they and the other ndas give], for an asset
# that the ndas (sorted, of the partner's spans) cover.
_asset_cover(spans, in_force, ndas) := [covered_by, _covered_until(covered_by, {[start, end, expires] | some [n, start, end, expires] in spans; n in ndas})] if {
	covered_by := [n | some n in ndas; in_force[n]]
}

# _nda_covers[nda] is the set of data assets an NDA of a partner covers, so that
# whether it covers an asset is a lookup, not a scan of its covers list.
_nda_covers := {addr: {a | some a in _covers(input.agreements[addr])} | some [_, addr] in _nda_pairs}

# _in_force_covers[partner] is the set of data assets the partner's NDAs in
# force cover.
_in_force_covers := {p: union({covers[n] | some n in ndas}) |
	covers := _nda_covers
	some p, ndas in partner_ndas
}

# uncovered_data[partner] lists the assets the partner receives that no NDA in
# force covers, by address: a set difference, not a lookup per asset.
uncovered_data := {p: sort(assets - object.get(in_force_covers, p, set())) |
	in_force_covers := _in_force_covers
	some p, assets in _received_assets
}

# cover_lapsing_soon[partner] lists [asset, the last day of its unbroken cover]
# for each asset the partner receives, by address, that an NDA in force covers
# and whose cover lapses soon (lapses_soon), as received_cover has them. Only
# the assets that an NDA ending soon covers can lapse soon (cover lapses on
# the expiry of one of the NDAs that cover the asset), so only they are judged.
cover_lapsing_soon := {p: lapsing |
	today := _as_of_day
	warning_days := settings.nda_expiry_warning_days
	received := _received_assets
	in_force_covers := _in_force_covers
	covers := _nda_covers
	some p, spans in _nda_spans
	soon := {addr |
		some [addr, _, end, _] in spans
		is_number(end)
		end >= today
		end - today < warning_days
	}
	count(soon) > 0
	candidates := (object.get(received, p, set()) & in_force_covers[p]) & union({covers[n] | some n in soon})
	lapsing := [[asset, until] |
		some asset in sort(candidates)
		until := _cover_lapses(_asset_spans(spans, asset))
		until != null
		lapses_soon(until)
	]
	count(lapsing) > 0
}

# An asset no NDA in force covers has no cover to lapse.
_covered_until(covered_by, spans) := null if {
	count(covered_by) == 0
} else := _cover_lapses(spans)

_channel_fact(addr) := {
	"transfer": addr,
	"asset": string_or_null(t, "asset"),
	"channel": string_or_null(t, "channel"),
	"kind": string_or_null(channel, "kind"),
	"encrypted": _bool_or_null(channel, "encrypted"),
} if {
	t := input.transfers[addr]
	channel := object.get(input, ["channels", object.get(t, "channel", "")], {})
}

# _cover says until when NDAs in force cover the data a partner receives:
# not_needed (it receives none), missing (no NDA in force covers any of it),
# lapsed (missing, and an expired NDA of the partner covered some), lapses (on
# the earliest lapse date of the covered assets) or ongoing (never lapses).
# Data no NDA in force covers does not move the lapse date. It takes the
# number of assets received, whether an NDA in force covers one of them, the
# set of their lapse dates and whether an expired NDA covered one of them.
_cover(received, any_covered, ends, lapsed) := _no_lapse("not_needed") if {
	received == 0
} else := _no_lapse("lapsed") if {
	not any_covered
	lapsed
} else := _no_lapse("missing") if {
	not any_covered
} else := {"status": "lapses", "lapses": lapses, "days_left": left, "expiring_soon": lapses_soon(lapses)} if {
	count(ends) > 0
	lapses := min(ends)
	left := day_number(lapses) - _as_of_day
} else := _no_lapse("ongoing")

_no_lapse(status) := {"status": status, "lapses": null, "days_left": null, "expiring_soon": false}

# lapses_soon(date) holds when cover that lapses on date (its last covered day)
# lapses within nda_expiry_warning_days of the as-of date: the last covered day
# comes before the as-of date plus that many days.
lapses_soon(date) := (day_number(date) - _as_of_day) < settings.nda_expiry_warning_days

# Assessment results from worst to best; an absent or unknown result ranks below fail.
assessment_rank := {"fail": 0, "conditional": 1, "pass": 2}

# latest_assessment[partner] is the assessment that counts for a partner: the
# latest one dated on or before the as-of date (undated and future-dated ones are
# ignored), and the worst of several on that date (the first in the file among
# equals), with its index, its age in days and whether it is stale: older than
# assessment_max_age_days.
latest_assessment := {p: {
	"index": i,
	"date": last,
	"result": object.get(assessments[i], "result", null),
	"age_days": age,
	"stale": age > max_age,
} |
	rank := assessment_rank
	today := _as_of_day
	max_age := settings.assessment_max_age_days
	some p, partner in input.partners
	assessments := object.get(partner, "security_assessment", [])
	last := max({a.date | some a in assessments; _assessment_done(a)})
	[_, i] := min({[object.get(rank, object.get(a, "result", null), -1), j] |
		some j, a in assessments
		_assessment_done(a)
		a.date == last
	})
	age := today - day_number(last)
}

# An assessment counts once it has a date on or before the as-of date.
_assessment_done(a) if {
	is_string(a.date)
	a.date <= as_of
}

# monitoring_fact(partner) is a partner's monitoring block with the age of its
# last review and whether it is stale (older than monitoring_max_age_days); null
# without a monitoring block. An undated review has no age and is not called
# stale: partner-monitoring fails it for the missing date.
monitoring_fact(partner) := {"last_review": last, "age_days": age, "stale": _older(age, settings.monitoring_max_age_days)} if {
	m := partner.monitoring
	is_object(m)
	last := string_or_null(m, "last_review")
	age := _age_or_null(last)
} else := null

_age_or_null(date) := _as_of_day - day_number(date) if is_string(date)

else := null

_older(age, n) if {
	is_number(age)
	age > n
} else := false

# string_or_null(obj, key) is obj[key] when it is a string, else null.
string_or_null(obj, key) := obj[key] if is_string(obj[key])

else := null

_bool_or_null(obj, key) := obj[key] if is_boolean(obj[key])

else := null

# name_or_address(obj, addr) is a resource's name, or its address when it has none.
name_or_address(obj, addr) := name if {
	name := name_or_null(obj)
	name != null
} else := addr

# name_or_null(obj) is a resource's name attribute, null when it has none or it is blank.
name_or_null(obj) := obj.name if {
	is_string(obj.name)
	trim_space(obj.name) != ""
} else := null
