# METADATA
# title: baomi shared library
# description: |
#   Indexes and helpers every control uses: settings, dates against input.as_of,
#   holding systems and archives, receiving partners, NDAs in force and the data a
#   resource involves. Every index is one comprehension over the input so that the
#   controls stay linear in the size of the inventory.
package baomi.lib

# Thresholds of CONTROLS.md; input.settings (from the config file) overrides them.
default_settings := {
	"management_review_max_age_days": 365,
	"catalog_review_max_age_days": 365,
	"backup_min_frequency": "weekly",
	"assessment_max_age_days": 365,
	"monitoring_max_age_days": 365,
	"nda_expiry_warning_days": 60,
	"patch_max_age_days": 30,
	"screen_lock_max_minutes": 10,
	"training_window_days": 365,
	"terraform_system_tag": "baomi-system",
	"incident_max_open_days": 30,
}

settings := object.union(default_settings, object.get(input, "settings", {}))

as_of := input.as_of

_as_of_ns := time.parse_ns("2006-01-02", as_of)

_day_ns := (24 * 60) * 60e9

# days_before(n) is the date n days before the as-of date, as "YYYY-MM-DD".
days_before(n) := _format_date(_as_of_ns - (n * _day_ns))

# days_after(n) is the date n days after the as-of date, as "YYYY-MM-DD".
days_after(n) := _format_date(_as_of_ns + (n * _day_ns))

_format_date(ns) := substring(time.format([ns, "UTC", "2006-01-02"]), 0, 10)

# older_than(date, n) holds when date lies more than n days before the as-of date.
# A date exactly n days old is not older than n days.
older_than(date, n) if date < days_before(n)

# within(date, n) holds when date is on or before the as-of date and at most n days old.
within(date, n) if {
	date <= as_of
	not older_than(date, n)
}

# days_between(from, to) is the number of calendar days from one date to another,
# counted on day numbers so that any date from 0001-01-01 to 9999-12-31 works.
days_between(from, to) := day_number(to) - day_number(from)

# day_number(date) is the number of days from 1970-01-01 to a "YYYY-MM-DD"
# date: consecutive days have consecutive numbers. Dates that a count of
# nanoseconds can hold take time.parse_ns, which is fast; the others (years
# before 1678 or after 2261, such as 9999-12-31 for "no end") take integer
# arithmetic on the civil calendar, so that no date overflows.
day_number(date) := round(time.parse_ns("2006-01-02", date) / _day_ns) if {
	date >= "1678-01-01"
	date < "2262-01-01"
} else := (((((d + floor(((153 * mm) + 2) / 5)) + (365 * yy)) + floor(yy / 4)) - floor(yy / 100)) + floor(yy / 400)) - 2472633 if {
	y := to_number(substring(date, 0, 4))
	m := to_number(substring(date, 5, 2))
	d := to_number(substring(date, 8, 2))
	a := floor((14 - m) / 12)
	yy := (y + 4800) - a
	mm := (m + (12 * a)) - 3
}

# Backup frequencies, from least to most frequent.
frequency_rank := {"none": 0, "quarterly": 1, "monthly": 2, "weekly": 3, "daily": 4}

# A resource's collections in the input, by address prefix.
collection_of := {
	"organization": "organization",
	"department": "departments",
	"site": "sites",
	"system": "systems",
	"data_asset": "data_assets",
	"paper_archive": "paper_archives",
	"channel": "channels",
	"transfer": "transfers",
	"partner": "partners",
	"agreement": "agreements",
	"loan": "loans",
	"incident": "incidents",
	"removal": "removals",
	"destruction": "destructions",
	"device": "devices",
	"disposal": "disposals",
	"training": "trainings",
	"waiver": "waivers",
}

# Every (holder, data asset) pair of a data asset's stored_in.
_stored_pairs := [[holder, asset] |
	some asset, a in input.data_assets
	some holder in object.get(a, "stored_in", [])
]

# stored_data[holder] is the set of data assets a system or paper archive holds.
# Each group-by below takes its keys from a set first: an object comprehension that
# meets the same key again is quadratic in OPA (minutes at 10,000 resources).
stored_data := {holder: assets |
	some holder in {h | some [h, _] in _stored_pairs}
	assets := {asset | some [h, asset] in _stored_pairs; h == holder}
}

# Systems and paper archives named in any data asset's stored_in.
_holders := {h | h := input.data_assets[_].stored_in[_]}

# Systems named in any data asset's stored_in.
holding_systems := {h | some h in _holders; startswith(h, "system.")}

# Paper archives named in any data asset's stored_in, sought among the holders
# that are not systems: most holders are.
holding_archives := {h | some h in (_holders - holding_systems); startswith(h, "paper_archive.")}

# Every (partner, data asset) pair: what partners receive, directly or by transfer.
_received_pairs := [[p, asset] | some [p, asset, _] in _received_triples]

# Partners named by a transfer's to, or with a non-empty receives.
receiving_partners := {p | some p, partner in input.partners; count(partner.receives) > 0} | {t.to |
	some t in input.transfers
	startswith(t.to, "partner.")
}

# in_force(agreement) holds when it is signed on or before the as-of date and has
# not expired: no expires, or expires on or after the as-of date. An agreement with
# no signed date is not in force; a null date counts as absent.
in_force(agreement) if agreement_state(agreement) == "in_force"

# agreement_state(agreement) is unsigned (no signed date), not_yet_signed (signed
# after the as-of date), expired (expires before it) or in_force.
agreement_state(agreement) := "unsigned" if {
	not _agreement_date(agreement, "signed")
} else := "not_yet_signed" if {
	_agreement_date(agreement, "signed") > as_of
} else := "expired" if {
	_agreement_date(agreement, "expires") < as_of
} else := "in_force"

# _agreement_date(agreement, key) is the date under key; undefined when absent or null.
_agreement_date(agreement, key) := d if {
	d := agreement[key]
	is_string(d)
}

# NDAs in force on the as-of date, by address: the NDAs that in_force holds for,
# found by its tests written out in two walks (signed on or before the as-of
# date; less those expired), not a call per agreement with the agreement as
# argument, which costs several times more.
ndas_in_force := object.remove(_signed_ndas, {addr |
	some addr, ag in _signed_ndas
	d := ag.expires
	is_string(d)
	d < as_of
})

# NDAs signed on or before the as-of date. Without an as-of date every signed
# NDA is, as in agreement_state (`not d > as_of` would not do: OPA evaluates an
# undefined rule outside the negation).
_signed_ndas := {addr: ag |
	some addr, ag in input.agreements
	ag.kind == "nda"
	d := ag.signed
	is_string(d)
	d <= object.get(input, "as_of", d)
}

# partner_ndas[partner] is the set of addresses of that partner's NDAs in force.
partner_ndas := {p: ndas |
	some p in {ag.partner | some ag in ndas_in_force}
	ndas := {addr | some addr, other in ndas_in_force; other.partner == p}
}

# Data assets classified top_secret (绝密).
top_secret_assets := {addr | input.data_assets[addr].classification == "top_secret"}

# involved_data[resource] is the set of data assets a resource stores, receives,
# carries, covers, owns or concerns.
involved_data := {r: assets |
	some r in {q | some [q, _] in _involved_pairs}
	assets := {asset | some [q, asset] in _involved_pairs; q == r}
}

_involved_pairs := array.concat(
	array.concat(
		array.concat(_stored_pairs, _received_pairs),
		array.concat(
			[[r, addr] | some addr, a in input.data_assets; some r in {addr, object.get(a, "owner", addr)}],
			_incident_pairs,
		),
	),
	array.concat(
		array.concat(
			[[addr, asset] | some addr, ag in input.agreements; some asset in object.get(ag, "covers", [])],
			[[addr, r.asset] | some addr, r in _asset_records; r.asset],
		),
		array.concat(
			[[r, t.asset] | some t in input.transfers; t.asset; some r in {object.get(t, "channel", null), object.get(t, "to", null)}; r != null],
			[[addr, asset] | some addr, d in input.disposals; some asset in object.get(stored_data, d.device, set())],
		),
	),
)

# Every (incident, data asset) pair of an incident's assets.
_incident_pairs := [[addr, asset] | some addr, i in input.incidents; some asset in object.get(i, "assets", [])]

# Resources that concern one data asset through their asset attribute.
_asset_records := object.union_n([input.transfers, object.get(input, "loans", {}), input.removals, input.destructions])

# Pairs [resource, asset] where the asset is top_secret and among the resource's
# involved data, computed from the top_secret assets outward so that they cost
# little when few assets are top_secret. A pair may repeat (a system that both
# holds an asset and is linked to a Terraform resource holding it): the sets
# read from the pairs hold it once. Arrays joined, not sets united: a union
# hashes every pair into a new set at each step, and long stored_in lists make
# the pairs many.
_top_secret_pairs := array.concat(
	array.concat(
		array.concat(_top_secret_self, _top_secret_holders),
		array.concat(_top_secret_owners, _top_secret_receivers),
	),
	array.concat(
		array.concat(_top_secret_records, _top_secret_disposals),
		array.concat(_top_secret_terraform, _top_secret_incidents),
	),
)

# Resources whose involved data include top_secret data: their findings are raised
# one severity level. It equals the resources whose involved_data meet
# top_secret_assets.
top_secret_involved := {r | some [r, _] in _top_secret_pairs}

# top_secret_raised_by[resource] is the sorted list of the top_secret assets that
# raise the resource's findings.
top_secret_raised_by := {r: sort(assets) |
	some r in top_secret_involved
	assets := {a | some [q, a] in _top_secret_pairs; q == r}
}

_top_secret_self := [[a, a] | some a in top_secret_assets]

_top_secret_holders := [[h, a] | some a in top_secret_assets; some h in object.get(input.data_assets[a], "stored_in", [])]

_top_secret_owners := [[o, a] | some a in top_secret_assets; o := input.data_assets[a].owner]

# The top_secret assets are bound to a local set before each walk below: a rule
# referred to inside a walk is looked up once per element.
_top_secret_receivers := [[p, a] | some [p, a, _] in _received_triples; a in assets] if assets := top_secret_assets

_top_secret_records := array.concat(
	[[r, rec.asset] |
		some addr, rec in _asset_records
		rec.asset in assets
		some r in {addr, object.get(rec, "channel", addr), object.get(rec, "to", addr)}
	],
	[[addr, a] | some addr, ag in input.agreements; some a in object.get(ag, "covers", []); a in assets],
) if assets := top_secret_assets

_top_secret_incidents := [[addr, a] | some [addr, a] in _incident_pairs; a in assets] if assets := top_secret_assets

# From the top_secret assets outward too: the devices that store them, then the
# disposals of those devices (stored_data would index every holder for this).
_top_secret_disposals := [[addr, a] |
	by_device := _disposals_by_device
	some a in top_secret_assets
	some device in object.get(input.data_assets[a], "stored_in", [])
	some addr in object.get(by_device, device, set())
]

# _disposals_by_device[device] is the set of disposals of that device.
_disposals_by_device := {device: addrs |
	some device in {d.device | some d in input.disposals}
	addrs := {addr | some addr, d in input.disposals; d.device == device}
}
