package baomi.controls.asset_classification_test

import data.baomi.controls.asset_classification

_inv(assets) := {"as_of": "2026-11-26", "data_assets": assets}

test_pass if {
	inv := _inv({
		"data_asset.a": {"classification": "top_secret"},
		"data_asset.b": {"classification": "confidential"},
		"data_asset.c": {"classification": "secret"},
	})
	asset_classification.applicable == {"data_asset.a", "data_asset.b", "data_asset.c"} with input as inv
	count(asset_classification.deny) == 0 with input as inv
}

test_fail_classification_absent if {
	inv := _inv({"data_asset.a": {"classification": "secret"}, "data_asset.b": {"category": "identity"}})
	{[f.resource, f.attribute] | some f in asset_classification.deny} == {["data_asset.b", "classification"]} with input as inv
}

test_fail_classification_null if {
	inv := _inv({"data_asset.a": {"classification": null}})
	{f.resource | some f in asset_classification.deny} == {"data_asset.a"} with input as inv
}

test_not_applicable_without_data_assets if {
	inv := _inv({})
	count(asset_classification.applicable) == 0 with input as inv
	count(asset_classification.deny) == 0 with input as inv
}

# Each data asset is judged by its own classification; one that is not a string is none.
test_several_assets_each_judged_alone if {
	inv := _inv({
		"data_asset.ok": {"classification": "secret"},
		"data_asset.absent": {},
		"data_asset.bool": {"classification": true},
		"data_asset.object": {"classification": {"level": "secret"}},
	})
	{f.resource | some f in asset_classification.deny} == {"data_asset.absent", "data_asset.bool", "data_asset.object"} with input as inv
}
