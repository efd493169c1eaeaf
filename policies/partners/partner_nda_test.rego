package baomi.controls.partner_nda_test

import data.baomi.controls.partner_nda

_inv(agreements) := {
	"as_of": "2026-11-26",
	"data_assets": {"data_asset.c": {"stored_in": []}},
	"partners": {
		"partner.p": {"receives": ["data_asset.c"]},
		"partner.idle": {"receives": []},
	},
	"transfers": {},
	"agreements": agreements,
}

_nda(fields) := object.union({"partner": "partner.p", "kind": "nda", "signed": "2025-01-10", "covers": ["data_asset.c"]}, fields)

test_pass_nda_in_force if {
	inv := _inv({"agreement.n": _nda({"expires": "2027-01-09"})})
	partner_nda.applicable == {"partner.p"} with input as inv
	count(partner_nda.deny) == 0 with input as inv
}

test_pass_nda_without_expiry if {
	inv := _inv({"agreement.n": _nda({})})
	count(partner_nda.deny) == 0 with input as inv
}

test_pass_signed_on_as_of if {
	inv := _inv({"agreement.n": _nda({"signed": "2026-11-26"})})
	count(partner_nda.deny) == 0 with input as inv
}

test_pass_expires_on_as_of if {
	inv := _inv({"agreement.n": _nda({"expires": "2026-11-26"})})
	count(partner_nda.deny) == 0 with input as inv
}

test_pass_several_agreements_one_nda_in_force if {
	inv := _inv({
		"agreement.dpa": _nda({"kind": "dpa"}),
		"agreement.old": _nda({"signed": "2020-01-01", "expires": "2024-12-31"}),
		"agreement.n": _nda({"signed": "2025-01-01"}),
		"agreement.n2": _nda({"signed": "2026-01-01", "expires": "2028-01-01"}),
		"agreement.svc": _nda({"kind": "service"}),
	})
	count(partner_nda.deny) == 0 with input as inv
}

test_fail_no_agreement if {
	inv := _inv({})
	partner_nda.applicable == {"partner.p"} with input as inv
	some f in partner_nda.deny with input as inv
	f.resource == "partner.p"
	object.get(f, "attribute", null) == null
	count(partner_nda.deny) == 1 with input as inv
}

test_fail_agreements_collection_absent if {
	inv := object.remove(_inv({}), ["agreements"])
	some f in partner_nda.deny with input as inv
	f.resource == "partner.p"
}

test_fail_only_dpa_and_service if {
	inv := _inv({
		"agreement.dpa": _nda({"kind": "dpa"}),
		"agreement.svc": _nda({"kind": "service"}),
	})
	some f in partner_nda.deny with input as inv
	f.resource == "partner.p"
	count(partner_nda.deny) == 1 with input as inv
}

test_fail_kind_absent if {
	inv := _inv({"agreement.n": object.remove(_nda({}), ["kind"])})
	count(partner_nda.deny) == 1 with input as inv
}

test_fail_expired_day_before_as_of if {
	inv := _inv({"agreement.n": _nda({"expires": "2026-11-25"})})
	some f in partner_nda.deny with input as inv
	f.resource == "partner.p"
}

test_fail_signed_after_as_of if {
	inv := _inv({"agreement.n": _nda({"signed": "2026-11-27"})})
	some f in partner_nda.deny with input as inv
	f.resource == "partner.p"
}

test_fail_signed_absent if {
	inv := _inv({"agreement.n": object.remove(_nda({}), ["signed"])})
	count(partner_nda.deny) == 1 with input as inv
}

test_fail_nda_of_another_partner if {
	inv := _inv({"agreement.n": _nda({"partner": "partner.idle"})})
	some f in partner_nda.deny with input as inv
	f.resource == "partner.p"
	count(partner_nda.deny) == 1 with input as inv
}

test_applicable_partner_receiving_by_transfer if {
	inv := object.union(_inv({}), {
		"partners": {"partner.p": {"receives": []}, "partner.t": {}},
		"transfers": {"transfer.x": {"asset": "data_asset.c", "to": "partner.t"}},
	})
	partner_nda.applicable == {"partner.t"} with input as inv
	some f in partner_nda.deny with input as inv
	f.resource == "partner.t"
	count(partner_nda.deny) == 1 with input as inv
}

test_not_applicable_partner_receiving_nothing if {
	inv := object.union(_inv({}), {
		"partners": {"partner.p": {"receives": []}, "partner.q": {}},
		"transfers": {"transfer.x": {"asset": "data_asset.c", "to": "department.ops"}},
	})
	count(partner_nda.applicable) == 0 with input as inv
	count(partner_nda.deny) == 0 with input as inv
}

# Several partners at once: only receiving partners without an NDA in force
# fail; an NDA in force of a partner that receives nothing, or of a partner no
# block declares, neither fails nor makes another partner pass, and an NDA
# whose partner is null or missing covers no one.
test_several_partners if {
	inv := object.union(
		_inv({
			"agreement.idle": _nda({"partner": "partner.idle"}),
			"agreement.ghost": _nda({"partner": "partner.ghost"}),
			"agreement.null": _nda({"partner": null}),
			"agreement.none": object.remove(_nda({}), ["partner"]),
		}),
		{"transfers": {
			"transfer.g": {"to": "partner.ghost", "asset": "data_asset.c"},
			"transfer.h": {"to": "partner.other", "asset": "data_asset.c"},
		}},
	)
	partner_nda.applicable == {"partner.p", "partner.ghost", "partner.other"} with input as inv
	{f.resource | some f in partner_nda.deny} == {"partner.p", "partner.other"} with input as inv
}
