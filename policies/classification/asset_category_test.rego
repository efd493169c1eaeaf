package baomi.controls.asset_category_test

import data.baomi.controls.asset_category

_inv(assets) := {"as_of": "2026-11-26", "data_assets": assets}

test_pass if {
	inv := _inv({"data_asset.a": {"category": "identity"}, "data_asset.b": {"category": "derived"}})
	asset_category.applicable == {"data_asset.a", "data_asset.b"} with input as inv
	count(asset_category.deny) == 0 with input as inv
}

test_fail_category_absent if {
	inv := _inv({"data_asset.a": {"category": "identity"}, "data_asset.b": {"classification": "secret"}})
	{[f.resource, f.attribute] | some f in asset_category.deny} == {["data_asset.b", "category"]} with input as inv
}

test_fail_category_null if {
	inv := _inv({"data_asset.a": {"category": null}})
	{f.resource | some f in asset_category.deny} == {"data_asset.a"} with input as inv
}

test_not_applicable_without_data_assets if {
	inv := _inv({})
	count(asset_category.applicable) == 0 with input as inv
	count(asset_category.deny) == 0 with input as inv
}

# Each data asset is judged by its own category; one that is not a string is none.
test_several_assets_each_judged_alone if {
	inv := _inv({
		"data_asset.ok": {"category": "business"},
		"data_asset.absent": {},
		"data_asset.number": {"category": 1},
		"data_asset.list": {"category": ["identity"]},
	})
	{f.resource | some f in asset_category.deny} == {"data_asset.absent", "data_asset.number", "data_asset.list"} with input as inv
}
