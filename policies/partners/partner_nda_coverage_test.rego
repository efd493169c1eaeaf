package baomi.controls.partner_nda_coverage_test

import data.baomi.controls.partner_nda_coverage

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

test_pass_all_covered if {
	inv := _inv(["data_asset.a", "data_asset.b"], {"agreement.n": _nda(["data_asset.a", "data_asset.b"], {})})
	partner_nda_coverage.applicable == {"partner.p"} with input as inv
	count(partner_nda_coverage.deny) == 0 with input as inv
}

test_pass_covered_by_union_of_ndas if {
	inv := _inv(["data_asset.a", "data_asset.b"], {
		"agreement.n1": _nda(["data_asset.a"], {"expires": "2026-11-26"}),
		"agreement.n2": _nda(["data_asset.b"], {"signed": "2026-11-26"}),
	})
	count(partner_nda_coverage.deny) == 0 with input as inv
}

test_pass_covers_more_than_received if {
	inv := _inv(["data_asset.a"], {"agreement.n": _nda(["data_asset.a", "data_asset.b", "data_asset.c"], {})})
	count(partner_nda_coverage.deny) == 0 with input as inv
}

test_fail_uncovered_assets_listed_sorted if {
	inv := _inv(["data_asset.c", "data_asset.a", "data_asset.b"], {"agreement.n": _nda(["data_asset.a"], {})})
	some f in partner_nda_coverage.deny with input as inv
	f.resource == "partner.p"
	f.attribute == "receives"
	endswith(f.message, ": data_asset.b, data_asset.c")
	contains(f.message, "agreement.n")
	count(partner_nda_coverage.deny) == 1 with input as inv
}

test_fail_covers_absent if {
	inv := _inv(["data_asset.a"], {"agreement.n": object.remove(_nda([], {}), ["covers"])})
	partner_nda_coverage.applicable == {"partner.p"} with input as inv
	some f in partner_nda_coverage.deny with input as inv
	f.resource == "partner.p"
	endswith(f.message, ": data_asset.a")
}

test_fail_covered_only_by_dpa_or_lapsed_nda if {
	inv := _inv(["data_asset.a", "data_asset.b"], {
		"agreement.n": _nda(["data_asset.a"], {}),
		"agreement.dpa": _nda(["data_asset.b"], {"kind": "dpa"}),
		"agreement.old": _nda(["data_asset.b"], {"expires": "2026-11-25"}),
		"agreement.future": _nda(["data_asset.b"], {"signed": "2026-11-27"}),
	})
	some f in partner_nda_coverage.deny with input as inv
	f.resource == "partner.p"
	endswith(f.message, ": data_asset.b")
	count(partner_nda_coverage.deny) == 1 with input as inv
}

test_fail_asset_received_by_transfer_uncovered if {
	inv := object.union(
		_inv(["data_asset.a"], {"agreement.n": _nda(["data_asset.a"], {})}),
		{"transfers": {"transfer.x": {"asset": "data_asset.c", "to": "partner.p"}}},
	)
	some f in partner_nda_coverage.deny with input as inv
	f.resource == "partner.p"
	endswith(f.message, ": data_asset.c")
}

test_pass_asset_received_by_transfer_covered if {
	inv := object.union(
		_inv([], {"agreement.n": _nda(["data_asset.c"], {})}),
		{"transfers": {"transfer.x": {"asset": "data_asset.c", "to": "partner.p"}}},
	)
	partner_nda_coverage.applicable == {"partner.p"} with input as inv
	count(partner_nda_coverage.deny) == 0 with input as inv
}

test_not_applicable_without_nda_in_force if {
	inv := _inv(["data_asset.a"], {
		"agreement.dpa": _nda([], {"kind": "dpa"}),
		"agreement.old": _nda([], {"expires": "2026-11-25"}),
	})
	count(partner_nda_coverage.applicable) == 0 with input as inv
	count(partner_nda_coverage.deny) == 0 with input as inv
}

test_not_applicable_partner_receiving_nothing if {
	inv := _inv([], {"agreement.n": _nda([], {"partner": "partner.idle"})})
	count(partner_nda_coverage.applicable) == 0 with input as inv
	count(partner_nda_coverage.deny) == 0 with input as inv
}

# Only receiving partners with an NDA in force are applicable, a partner named
# only by a transfer included; each is judged on its own NDAs.
test_several_partners if {
	inv := object.union(
		_inv(["data_asset.a", "data_asset.b"], {
			"agreement.p": _nda(["data_asset.a"], {}),
			"agreement.idle": _nda(["data_asset.b"], {"partner": "partner.idle"}),
			"agreement.ghost": _nda(["data_asset.a", "data_asset.b"], {"partner": "partner.ghost"}),
		}),
		{"transfers": {
			"transfer.g": {"to": "partner.ghost", "asset": "data_asset.b"},
			"transfer.h": {"to": "partner.other", "asset": "data_asset.c"},
		}},
	)
	partner_nda_coverage.applicable == {"partner.p", "partner.ghost"} with input as inv
	{[f.resource, f.message] | some f in partner_nda_coverage.deny} == {["partner.p", "partner.p receives data that none of its NDAs in force (agreement.p) covers: data_asset.b"]} with input as inv
}
