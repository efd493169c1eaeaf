package baomi.controls.collection_minimized_test

import data.baomi.controls.collection_minimized

_inv(collection) := {
	"as_of": "2026-11-26",
	"data_assets": {
		"data_asset.signup": {"collection": collection},
		"data_asset.reports": {"category": "derived"},
	},
}

_findings(inv) := {[f.resource, f.attribute] | some f in collection_minimized.deny with input as inv}

test_pass if {
	inv := _inv({"purpose_notified": true, "consent": "explicit", "minimized": true})
	collection_minimized.applicable == {"data_asset.signup"} with input as inv
	count(collection_minimized.deny) == 0 with input as inv
}

test_fail_not_minimized if {
	inv := _inv({"minimized": false})
	_findings(inv) == {["data_asset.signup", "collection.minimized"]}
}

test_fail_minimized_absent if {
	inv := _inv({"consent": "explicit"})
	_findings(inv) == {["data_asset.signup", "collection.minimized"]}
}

test_not_applicable_without_collection_block if {
	inv := {"as_of": "2026-11-26", "data_assets": {"data_asset.reports": {"minimized": false}}}
	count(collection_minimized.applicable) == 0 with input as inv
	count(collection_minimized.deny) == 0 with input as inv
}

# Only an object is a collection block: null or another type is not applicable.
test_not_applicable_collection_not_an_object if {
	every v in [null, "minimized", true, [{"minimized": true}]] {
		count(collection_minimized.applicable) == 0 with input as _inv(v)
	}
}

test_fail_minimized_null_or_not_a_bool if {
	every v in [null, "true", 1] {
		_findings(_inv({"minimized": v})) == {["data_asset.signup", "collection.minimized"]}
	}
}
