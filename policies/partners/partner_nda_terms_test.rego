package baomi.controls.partner_nda_terms_test

import data.baomi.controls.partner_nda_terms

_full := {
	"partner": "partner.p",
	"kind": "nda",
	"signed": "2025-01-10",
	"expires": "2027-01-09",
	"confidentiality_obligations": true,
	"scope_of_use": ["parcel delivery"],
	"liability": true,
	"covers": ["data_asset.c"],
}

_inv(agreements) := {
	"as_of": "2026-11-26",
	"data_assets": {"data_asset.c": {}},
	"partners": {
		"partner.p": {"receives": ["data_asset.c"]},
		"partner.idle": {},
	},
	"transfers": {},
	"agreements": agreements,
}

_one(fields) := _inv({"agreement.n": object.union(_full, fields)})

_without(keys) := _inv({"agreement.n": object.remove(_full, keys)})

_attrs(inv) := {f.attribute | some f in partner_nda_terms.deny with input as inv}

test_pass_all_terms if {
	inv := _one({})
	partner_nda_terms.applicable == {"agreement.n"} with input as inv
	count(partner_nda_terms.deny) == 0 with input as inv
}

test_fail_confidentiality_obligations_false if {
	inv := _one({"confidentiality_obligations": false})
	some f in partner_nda_terms.deny with input as inv
	f.resource == "agreement.n"
	f.attribute == "confidentiality_obligations"
	_attrs(inv) == {"confidentiality_obligations"}
}

test_fail_scope_of_use_empty if {
	inv := _one({"scope_of_use": []})
	some f in partner_nda_terms.deny with input as inv
	f.resource == "agreement.n"
	f.attribute == "scope_of_use"
	_attrs(inv) == {"scope_of_use"}
}

test_fail_scope_of_use_blank_entries if {
	inv := _one({"scope_of_use": ["", "  "]})
	_attrs(inv) == {"scope_of_use"}
}

test_fail_liability_false if {
	inv := _one({"liability": false})
	some f in partner_nda_terms.deny with input as inv
	f.resource == "agreement.n"
	f.attribute == "liability"
	_attrs(inv) == {"liability"}
}

test_fail_every_term_absent if {
	inv := _without(["confidentiality_obligations", "scope_of_use", "liability"])
	partner_nda_terms.applicable == {"agreement.n"} with input as inv
	_attrs(inv) == {"confidentiality_obligations", "scope_of_use", "liability"}
	{f.resource | some f in partner_nda_terms.deny with input as inv} == {"agreement.n"}
	count(partner_nda_terms.deny) == 3 with input as inv
}

test_fail_scope_of_use_absent if {
	inv := _without(["scope_of_use"])
	_attrs(inv) == {"scope_of_use"}
}

test_each_nda_in_force_judged if {
	inv := _inv({
		"agreement.n": _full,
		"agreement.n2": object.union(_full, {"signed": "2026-11-26", "expires": "2026-11-26", "liability": false}),
		"agreement.dpa": object.union(_full, {"kind": "dpa", "liability": false}),
		"agreement.old": object.union(_full, {"expires": "2026-11-25", "liability": false}),
		"agreement.future": object.union(_full, {"signed": "2026-11-27", "liability": false}),
	})
	partner_nda_terms.applicable == {"agreement.n", "agreement.n2"} with input as inv
	{f.resource | some f in partner_nda_terms.deny with input as inv} == {"agreement.n2"}
	_attrs(inv) == {"liability"}
}

test_not_applicable_nda_of_partner_receiving_nothing if {
	inv := _inv({"agreement.n": object.union(_full, {"partner": "partner.idle", "liability": false})})
	count(partner_nda_terms.applicable) == 0 with input as inv
	count(partner_nda_terms.deny) == 0 with input as inv
}

test_not_applicable_without_nda if {
	inv := _inv({})
	count(partner_nda_terms.applicable) == 0 with input as inv
	count(partner_nda_terms.deny) == 0 with input as inv
}

test_applicable_nda_of_partner_receiving_by_transfer if {
	inv := object.union(_inv({"agreement.n": object.union(_full, {"partner": "partner.idle", "liability": false})}), {"transfers": {"transfer.x": {"asset": "data_asset.c", "to": "partner.idle"}}})
	partner_nda_terms.applicable == {"agreement.n"} with input as inv
	_attrs(inv) == {"liability"}
}
