package baomi.controls.collection_consent_test

import data.baomi.controls.collection_consent

_inv(collection) := {
	"as_of": "2026-11-26",
	"data_assets": {
		"data_asset.signup": {"category": "identity", "collection": collection},
		"data_asset.reports": {"category": "derived"},
	},
}

_good := {"purpose_notified": true, "consent": "explicit", "minimized": true}

_findings(inv) := {[f.resource, f.attribute] | some f in collection_consent.deny with input as inv}

test_pass if {
	inv := _inv(_good)
	collection_consent.applicable == {"data_asset.signup"} with input as inv
	count(collection_consent.deny) == 0 with input as inv
}

test_fail_purpose_not_notified if {
	inv := _inv(object.union(_good, {"purpose_notified": false}))
	_findings(inv) == {["data_asset.signup", "collection.purpose_notified"]}
}

test_fail_purpose_notified_absent if {
	inv := _inv(object.remove(_good, ["purpose_notified"]))
	_findings(inv) == {["data_asset.signup", "collection.purpose_notified"]}
}

test_fail_consent_implied if {
	inv := _inv(object.union(_good, {"consent": "implied"}))
	_findings(inv) == {["data_asset.signup", "collection.consent"]}
	some f in collection_consent.deny with input as inv
	f.message == "data_asset.signup is collected without explicit customer consent (consent is implied)"
}

test_fail_consent_none if {
	inv := _inv(object.union(_good, {"consent": "none"}))
	_findings(inv) == {["data_asset.signup", "collection.consent"]}
}

test_fail_consent_absent if {
	inv := _inv(object.remove(_good, ["consent"]))
	_findings(inv) == {["data_asset.signup", "collection.consent"]}
	some f in collection_consent.deny with input as inv
	f.message == "data_asset.signup is collected without explicit customer consent (consent is not declared)"
}

test_fail_empty_collection_block if {
	inv := _inv({})
	collection_consent.applicable == {"data_asset.signup"} with input as inv
	_findings(inv) == {["data_asset.signup", "collection.purpose_notified"], ["data_asset.signup", "collection.consent"]}
}

test_not_applicable_without_collection_block if {
	inv := {"as_of": "2026-11-26", "data_assets": {"data_asset.reports": {"category": "derived"}}}
	count(collection_consent.applicable) == 0 with input as inv
	count(collection_consent.deny) == 0 with input as inv
}

# Only an object is a collection block: null or another type is not applicable.
test_not_applicable_collection_not_an_object if {
	every v in [null, "explicit", true, [_good]] {
		count(collection_consent.applicable) == 0 with input as _inv(v)
		count(collection_consent.deny) == 0 with input as _inv(v)
	}
}

test_fail_wrong_types if {
	inv := _inv({"purpose_notified": "true", "consent": 2})
	_findings(inv) == {["data_asset.signup", "collection.purpose_notified"], ["data_asset.signup", "collection.consent"]}
	{f.message | some f in collection_consent.deny with input as inv; f.attribute == "collection.consent"} == {"data_asset.signup is collected without explicit customer consent (consent is not declared)"}
}

test_fail_consent_null_or_other_case if {
	_findings(_inv(object.union(_good, {"consent": null}))) == {["data_asset.signup", "collection.consent"]}
	inv := _inv(object.union(_good, {"consent": "Explicit"}))
	{f.message | some f in collection_consent.deny with input as inv} == {"data_asset.signup is collected without explicit customer consent (consent is Explicit)"}
}

# Each data asset is judged by its own block: one that passes both checks
# passes whatever the others declare.
test_several_assets_each_judged_alone if {
	inv := {"as_of": "2026-11-26", "data_assets": {
		"data_asset.ok": {"collection": _good},
		"data_asset.unnotified": {"collection": {"consent": "explicit"}},
		"data_asset.implied": {"collection": {"purpose_notified": true, "consent": "implied"}},
		"data_asset.empty": {"collection": {}},
		"data_asset.none": {},
	}}
	collection_consent.applicable == {"data_asset.ok", "data_asset.unnotified", "data_asset.implied", "data_asset.empty"} with input as inv
	_findings(inv) == {
		["data_asset.unnotified", "collection.purpose_notified"],
		["data_asset.implied", "collection.consent"],
		["data_asset.empty", "collection.purpose_notified"],
		["data_asset.empty", "collection.consent"],
	}
}
