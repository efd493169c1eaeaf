package baomi.lib_test

import data.baomi.lib

# settings, as_of

test_settings_defaults if {
	s := lib.settings with input as {"as_of": "2026-11-26"}
	s == lib.default_settings
	s.backup_min_frequency == "weekly"
	s.nda_expiry_warning_days == 60
	s.incident_max_open_days == 30
	count(s) == 11
}

test_settings_override_merges if {
	s := lib.settings with input as {"as_of": "2026-11-26", "settings": {"nda_expiry_warning_days": 30}}
	s.nda_expiry_warning_days == 30
	s.backup_min_frequency == "weekly"
	s.management_review_max_age_days == 365
	count(s) == 11
}

test_as_of if {
	lib.as_of == "2026-11-26" with input as {"as_of": "2026-11-26"}
}

# dates

test_days_before if {
	inv := {"as_of": "2026-11-26"}
	lib.days_before(0) == "2026-11-26" with input as inv
	lib.days_before(1) == "2026-11-25" with input as inv
	lib.days_before(30) == "2026-10-27" with input as inv
	lib.days_before(365) == "2025-11-26" with input as inv
}

test_days_after if {
	inv := {"as_of": "2026-11-26"}
	lib.days_after(0) == "2026-11-26" with input as inv
	lib.days_after(5) == "2026-12-01" with input as inv
	lib.days_after(60) == "2027-01-25" with input as inv
}

test_days_across_year_and_leap_day if {
	lib.days_before(1) == "2025-12-31" with input as {"as_of": "2026-01-01"}
	lib.days_after(1) == "2027-01-01" with input as {"as_of": "2026-12-31"}
	lib.days_before(1) == "2024-02-29" with input as {"as_of": "2024-03-01"}
	lib.days_after(1) == "2024-02-29" with input as {"as_of": "2024-02-28"}
	lib.days_before(365) == "2023-03-02" with input as {"as_of": "2024-03-01"}
	lib.days_after(366) == "2025-01-01" with input as {"as_of": "2024-01-01"}
}

test_older_than_boundaries if {
	inv := {"as_of": "2026-11-26"}
	not lib.older_than("2026-10-27", 30) with input as inv
	lib.older_than("2026-10-26", 30) with input as inv
	not lib.older_than("2026-11-26", 0) with input as inv
	lib.older_than("2026-11-25", 0) with input as inv
	not lib.older_than("2026-11-26", 30) with input as inv
	not lib.older_than("2027-01-01", 30) with input as inv
	not lib.older_than("2025-11-26", 365) with input as inv
	lib.older_than("2025-11-25", 365) with input as inv
}

test_within_boundaries if {
	inv := {"as_of": "2026-11-26"}
	lib.within("2026-11-26", 30) with input as inv
	lib.within("2026-10-27", 30) with input as inv
	not lib.within("2026-10-26", 30) with input as inv
	not lib.within("2026-11-27", 30) with input as inv
	lib.within("2026-11-26", 0) with input as inv
	not lib.within("2026-11-25", 0) with input as inv
}

test_days_between if {
	lib.days_between("2026-11-26", "2027-01-25") == 60
	lib.days_between("2027-01-25", "2026-11-26") == -60
	lib.days_between("2026-11-26", "2026-11-26") == 0
	lib.days_between("2024-02-28", "2024-03-01") == 2
	lib.days_between("2025-02-28", "2025-03-01") == 1
	lib.days_between("2025-01-01", "2026-01-01") == 365
}

test_dates_compare_as_strings if {
	"2026-01-05" < "2026-02-01"
	"2025-12-31" < "2026-01-01"
}

# enumerations

test_frequency_rank_order if {
	r := lib.frequency_rank
	r.none < r.quarterly
	r.quarterly < r.monthly
	r.monthly < r.weekly
	r.weekly < r.daily
	count(r) == 5
}

test_collection_of if {
	lib.collection_of.system == "systems"
	lib.collection_of.data_asset == "data_assets"
	lib.collection_of.paper_archive == "paper_archives"
	lib.collection_of.agreement == "agreements"
	lib.collection_of.loan == "loans"
	lib.collection_of.incident == "incidents"
	count(lib.collection_of) == 18
}

# holders and stored data

_storage := {
	"as_of": "2026-11-26",
	"systems": {"system.a": {}, "system.b": {}, "system.idle": {}},
	"paper_archives": {"paper_archive.p": {}, "paper_archive.idle": {}},
	"data_assets": {
		"data_asset.x": {"stored_in": ["system.a", "paper_archive.p"]},
		"data_asset.y": {"stored_in": ["system.a", "system.b"]},
		"data_asset.z": {"stored_in": []},
		"data_asset.w": {},
	},
}

test_stored_data if {
	lib.stored_data == {
		"system.a": {"data_asset.x", "data_asset.y"},
		"system.b": {"data_asset.y"},
		"paper_archive.p": {"data_asset.x"},
	} with input as _storage
}

test_holding_systems if {
	lib.holding_systems == {"system.a", "system.b"} with input as _storage
}

test_holding_archives if {
	lib.holding_archives == {"paper_archive.p"} with input as _storage
}

test_holders_empty if {
	inv := {"as_of": "2026-11-26", "systems": {"system.a": {}}, "data_assets": {}}
	lib.stored_data == {} with input as inv
	lib.holding_systems == set() with input as inv
	lib.holding_archives == set() with input as inv
}

# The holders are the keys of stored_data whatever stored_in holds: a null or
# a string holds nothing, a system the input does not declare is still named.
test_holders_are_the_stored_data_keys if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {"system.a": {}},
		"data_assets": {
			"data_asset.x": {"stored_in": ["system.a", "system.ghost", "paper_archive.p", "site.s"]},
			"data_asset.y": {"stored_in": null},
			"data_asset.z": {"stored_in": "system.b"},
			"data_asset.w": {"stored_in": ["system.a"]},
		},
	}
	lib.holding_systems == {"system.a", "system.ghost"} with input as inv
	lib.holding_archives == {"paper_archive.p"} with input as inv
	object.keys(lib.stored_data) == {"system.a", "system.ghost", "paper_archive.p", "site.s"} with input as inv
}

# receiving partners and the data they receive

_partners := {
	"as_of": "2026-11-26",
	"data_assets": {"data_asset.x": {}, "data_asset.y": {}, "data_asset.z": {}},
	"departments": {"department.ops": {}},
	"partners": {
		"partner.direct": {"receives": ["data_asset.x"]},
		"partner.both": {"receives": ["data_asset.x", "data_asset.y"]},
		"partner.via": {},
		"partner.empty": {"receives": []},
		"partner.noasset": {"receives": []},
		"partner.none": {},
	},
	"transfers": {
		"transfer.1": {"asset": "data_asset.z", "to": "partner.via", "channel": "channel.sftp"},
		"transfer.2": {"asset": "data_asset.y", "to": "partner.both"},
		"transfer.3": {"asset": "data_asset.z", "to": "partner.both"},
		"transfer.4": {"asset": "data_asset.x", "to": "department.ops"},
		"transfer.5": {"to": "partner.noasset"},
	},
}

test_receiving_partners if {
	lib.receiving_partners == {"partner.direct", "partner.both", "partner.via", "partner.noasset"} with input as _partners
}

test_receiving_partners_without_transfers if {
	inv := object.remove(_partners, ["transfers"])
	lib.receiving_partners == {"partner.direct", "partner.both"} with input as inv
}

test_partner_data if {
	lib.partner_data == {
		"partner.direct": {"data_asset.x"},
		"partner.both": {"data_asset.x", "data_asset.y", "data_asset.z"},
		"partner.via": {"data_asset.z"},
	} with input as _partners
}

# agreements in force

_in_force(ag) if lib.in_force(ag) with input as {"as_of": "2026-11-26"}

test_in_force_boundaries if {
	_in_force({"signed": "2025-01-10", "expires": "2027-01-09"})
	_in_force({"signed": "2026-11-26", "expires": "2027-01-09"})
	_in_force({"signed": "2025-01-10", "expires": "2026-11-26"})
	_in_force({"signed": "2026-11-26", "expires": "2026-11-26"})
	_in_force({"signed": "2025-01-10"})
	_in_force({"signed": "2025-01-10", "expires": null})
	not _in_force({"signed": "2025-01-10", "expires": "2026-11-25"})
	not _in_force({"signed": "2026-11-27"})
	not _in_force({"signed": "2026-11-27", "expires": "2027-01-09"})
	not _in_force({"expires": "2027-01-09"})
	not _in_force({})
	not _in_force({"signed": null})
}

test_in_force_ignores_kind if {
	_in_force({"kind": "dpa", "signed": "2025-01-10"})
}

_agreements := {
	"as_of": "2026-11-26",
	"agreements": {
		"agreement.p_nda": {"partner": "partner.p", "kind": "nda", "signed": "2025-01-10", "expires": "2027-01-09"},
		"agreement.p_nda_renewal": {"partner": "partner.p", "kind": "nda", "signed": "2026-11-26"},
		"agreement.p_nda_last_day": {"partner": "partner.p", "kind": "nda", "signed": "2024-01-01", "expires": "2026-11-26"},
		"agreement.p_nda_lapsed": {"partner": "partner.p", "kind": "nda", "signed": "2024-01-01", "expires": "2026-11-25"},
		"agreement.p_nda_future": {"partner": "partner.p", "kind": "nda", "signed": "2026-11-27"},
		"agreement.p_dpa": {"partner": "partner.p", "kind": "dpa", "signed": "2025-01-10"},
		"agreement.p_service": {"partner": "partner.p", "kind": "service", "signed": "2025-01-10"},
		"agreement.p_nokind": {"partner": "partner.p", "signed": "2025-01-10"},
		"agreement.q_nda": {"partner": "partner.q", "kind": "nda", "signed": "2025-06-01"},
		"agreement.r_dpa": {"partner": "partner.r", "kind": "dpa", "signed": "2025-06-01"},
	},
}

test_ndas_in_force if {
	ndas := lib.ndas_in_force with input as _agreements
	{k | some k, _ in ndas} == {"agreement.p_nda", "agreement.p_nda_renewal", "agreement.p_nda_last_day", "agreement.q_nda"}
	ndas["agreement.q_nda"] == _agreements.agreements["agreement.q_nda"]
}

# ndas_in_force writes in_force's tests out in its walks: it must hold the NDAs,
# and only those, that in_force holds for, at every boundary, with dates of the
# wrong type and without an as-of date.
test_ndas_in_force_is_in_force if {
	dates := [null, 5, "", "2026-11-25", "2026-11-26", "2026-11-27"]
	agreements := {sprintf("agreement.%d_%d_%d", [i, j, k]): ag |
		some i, signed in array.concat(dates, ["absent"])
		some j, expires in array.concat(dates, ["absent"])
		some k, kind in ["nda", "dpa"]
		ag := object.remove({"kind": kind, "signed": signed, "expires": expires}, [key | some key, v in {"signed": signed, "expires": expires}; v == "absent"])
	}
	every inv in [{"as_of": "2026-11-26", "agreements": agreements}, {"agreements": agreements}] {
		ndas := lib.ndas_in_force with input as inv
		want := {addr: ag | some addr, ag in agreements; ag.kind == "nda"; lib.in_force(ag) with input as inv}
		ndas == want
		count(want) > 0
		count(want) < count(agreements) / 2
	}
}

test_partner_ndas_several_agreements if {
	lib.partner_ndas == {
		"partner.p": {"agreement.p_nda", "agreement.p_nda_renewal", "agreement.p_nda_last_day"},
		"partner.q": {"agreement.q_nda"},
	} with input as _agreements
}

test_partner_ndas_dpa_does_not_count if {
	pn := lib.partner_ndas with input as _agreements
	not pn["partner.r"]
	not "agreement.p_dpa" in pn["partner.p"]
}

test_partner_ndas_empty if {
	lib.partner_ndas == {} with input as {"as_of": "2026-11-26", "agreements": {}}
	lib.ndas_in_force == {} with input as {"as_of": "2026-11-26", "agreements": {}}
}

# involved data and top_secret

_involved := {
	"as_of": "2026-11-26",
	"departments": {"department.sales": {}},
	"systems": {"system.db": {}, "system.spare": {}},
	"paper_archives": {"paper_archive.hq": {}},
	"devices": {"device.laptops": {}},
	"data_assets": {
		"data_asset.secret": {"classification": "top_secret", "owner": "department.sales", "stored_in": ["system.db"]},
		"data_asset.plain": {"classification": "confidential", "stored_in": ["system.db", "paper_archive.hq"]},
		"data_asset.lone": {"classification": "secret"},
	},
	"channels": {"channel.mail": {}},
	"partners": {"partner.p": {"receives": ["data_asset.plain"]}, "partner.t": {}},
	"transfers": {"transfer.x": {"asset": "data_asset.secret", "to": "partner.t", "channel": "channel.mail"}},
	"agreements": {"agreement.n": {"partner": "partner.p", "kind": "nda", "covers": ["data_asset.plain", "data_asset.secret"]}},
	"removals": {"removal.r": {"asset": "data_asset.plain"}},
	"loans": {
		"loan.plain": {"archive": "paper_archive.hq", "asset": "data_asset.plain"},
		"loan.secret": {"archive": "paper_archive.hq", "asset": "data_asset.secret"},
	},
	"incidents": {
		"incident.both": {"assets": ["data_asset.plain", "data_asset.secret"], "coordinated_by": "department.sales"},
		"incident.plain": {"assets": ["data_asset.plain"]},
		"incident.none": {},
	},
	"destructions": {"destruction.d": {"asset": "data_asset.secret"}},
	"disposals": {
		"disposal.db": {"device": "system.db"},
		"disposal.spare": {"device": "system.spare"},
		"disposal.laptops": {"device": "device.laptops"},
	},
	"trainings": {},
	"waivers": {},
}

test_involved_data if {
	lib.involved_data == {
		"system.db": {"data_asset.secret", "data_asset.plain"},
		"paper_archive.hq": {"data_asset.plain"},
		"data_asset.secret": {"data_asset.secret"},
		"data_asset.plain": {"data_asset.plain"},
		"data_asset.lone": {"data_asset.lone"},
		"department.sales": {"data_asset.secret"},
		"partner.p": {"data_asset.plain"},
		"partner.t": {"data_asset.secret"},
		"transfer.x": {"data_asset.secret"},
		"channel.mail": {"data_asset.secret"},
		"agreement.n": {"data_asset.plain", "data_asset.secret"},
		"removal.r": {"data_asset.plain"},
		"loan.plain": {"data_asset.plain"},
		"loan.secret": {"data_asset.secret"},
		"incident.both": {"data_asset.plain", "data_asset.secret"},
		"incident.plain": {"data_asset.plain"},
		"destruction.d": {"data_asset.secret"},
		"disposal.db": {"data_asset.secret", "data_asset.plain"},
	} with input as _involved
}

test_top_secret_assets if {
	lib.top_secret_assets == {"data_asset.secret"} with input as _involved
}

test_top_secret_involved if {
	lib.top_secret_involved == {
		"system.db",
		"data_asset.secret",
		"department.sales",
		"partner.t",
		"transfer.x",
		"channel.mail",
		"agreement.n",
		"destruction.d",
		"loan.secret",
		"incident.both",
		"disposal.db",
	} with input as _involved
}

test_top_secret_involved_none if {
	inv := object.union(_involved, {"data_assets": {
		"data_asset.secret": {"classification": "confidential", "stored_in": ["system.db"]},
		"data_asset.plain": {"classification": "confidential"},
		"data_asset.lone": {},
	}})
	lib.top_secret_assets == set() with input as inv
	lib.top_secret_involved == set() with input as inv
}

test_involved_data_tolerates_missing_collections if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {"system.db": {}},
		"data_assets": {"data_asset.secret": {"classification": "top_secret", "stored_in": ["system.db"]}},
	}
	lib.involved_data == {
		"system.db": {"data_asset.secret"},
		"data_asset.secret": {"data_asset.secret"},
	} with input as inv
	lib.top_secret_involved == {"system.db", "data_asset.secret"} with input as inv
}

# top_secret_involved is computed from the top_secret assets outward; it must equal
# the resources whose involved_data meet top_secret_assets.
test_top_secret_involved_matches_involved_data if {
	from_involved := {r |
		some r, assets in lib.involved_data with input as _involved
		some a in assets
		a in lib.top_secret_assets with input as _involved
	}
	lib.top_secret_involved == from_involved with input as _involved
}

# top_secret_raised_by names, for each raised resource, exactly the top_secret
# assets among its involved data.
test_top_secret_raised_by_matches_involved_data if {
	from_involved := {r: sort(ts) |
		some r, assets in lib.involved_data with input as _involved
		ts := {a | some a in assets; a in lib.top_secret_assets with input as _involved}
		count(ts) > 0
	}
	lib.top_secret_raised_by == from_involved with input as _involved
}

test_top_secret_raised_by_two_assets if {
	inv := {
		"as_of": "2026-11-26",
		"systems": {"system.db": {}},
		"data_assets": {
			"data_asset.b": {"classification": "top_secret", "stored_in": ["system.db"]},
			"data_asset.a": {"classification": "top_secret", "stored_in": ["system.db"]},
			"data_asset.c": {"classification": "secret", "stored_in": ["system.db"]},
		},
	}
	lib.top_secret_raised_by["system.db"] == ["data_asset.a", "data_asset.b"] with input as inv
}

# A partner that receives top_secret data through its own receives list is
# raised by it, as one that receives it by transfer is; only the exact spelling
# top_secret is top_secret.
test_top_secret_raised_by_receives if {
	inv := {
		"as_of": "2026-11-26",
		"data_assets": {
			"data_asset.s": {"classification": "top_secret"},
			"data_asset.t": {"classification": "top_secret"},
			"data_asset.upper": {"classification": "Top_Secret"},
			"data_asset.null": {"classification": null},
			"data_asset.c": {"classification": "confidential"},
		},
		"partners": {
			"partner.r": {"receives": ["data_asset.c", "data_asset.s", "data_asset.upper"]},
			"partner.u": {"receives": ["data_asset.upper", "data_asset.null"]},
			"partner.v": {},
		},
		"transfers": {"transfer.x": {"asset": "data_asset.t", "to": "partner.r"}},
	}
	lib.top_secret_assets == {"data_asset.s", "data_asset.t"} with input as inv
	lib.top_secret_raised_by["partner.r"] == ["data_asset.s", "data_asset.t"] with input as inv
	not lib.top_secret_raised_by["partner.u"] with input as inv
	not lib.top_secret_raised_by["partner.v"] with input as inv
}
