package baomi.controls.asset_labeled_test

import data.baomi.controls.asset_labeled

_inv(assets) := {"as_of": "2026-11-26", "data_assets": assets}

_findings(inv) := {[f.resource, f.attribute] | some f in asset_labeled.deny with input as inv}

test_pass if {
	inv := _inv({"data_asset.a": {"labeled": true}, "data_asset.b": {"labeled": true}})
	asset_labeled.applicable == {"data_asset.a", "data_asset.b"} with input as inv
	count(asset_labeled.deny) == 0 with input as inv
}

test_fail_not_labeled if {
	inv := _inv({"data_asset.a": {"labeled": true}, "data_asset.b": {"labeled": false}})
	_findings(inv) == {["data_asset.b", "labeled"]}
}

test_fail_labeled_absent if {
	inv := _inv({"data_asset.a": {"category": "identity"}})
	_findings(inv) == {["data_asset.a", "labeled"]}
}

test_not_applicable_without_data_assets if {
	inv := _inv({})
	count(asset_labeled.applicable) == 0 with input as inv
	count(asset_labeled.deny) == 0 with input as inv
}

# Each data asset is judged by its own declaration; only true is labeled.
test_several_assets_each_judged_alone if {
	inv := _inv({
		"data_asset.ok": {"labeled": true},
		"data_asset.no": {"labeled": false},
		"data_asset.null": {"labeled": null},
		"data_asset.string": {"labeled": "true"},
		"data_asset.absent": {},
	})
	_findings(inv) == {["data_asset.no", "labeled"], ["data_asset.null", "labeled"], ["data_asset.string", "labeled"], ["data_asset.absent", "labeled"]}
}
