package baomi.controls.retention_expired_test

import data.baomi.controls.retention_expired

_inv(until, destructions) := {
	"as_of": "2026-11-26",
	"data_assets": {"data_asset.a": {"retention_until": until}},
	"destructions": destructions,
}

test_pass_destroyed if {
	inv := _inv("2026-06-30", {"destruction.d1": {"asset": "data_asset.a", "date": "2026-07-01"}})
	retention_expired.applicable == {"data_asset.a"} with input as inv
	count(retention_expired.deny) == 0 with input as inv
}

test_pass_destroyed_on_as_of if {
	inv := _inv("2026-06-30", {"destruction.d1": {"asset": "data_asset.a", "date": "2026-11-26"}})
	count(retention_expired.deny) == 0 with input as inv
}

test_pass_undated_destruction_counts if {
	inv := _inv("2026-06-30", {"destruction.d1": {"asset": "data_asset.a"}})
	count(retention_expired.deny) == 0 with input as inv
}

test_fail_no_destruction if {
	inv := _inv("2026-06-30", {})
	retention_expired.deny == {{
		"resource": "data_asset.a",
		"message": "data_asset.a was to be kept until 2026-06-30, before the as-of date 2026-11-26, but no destruction record names it",
		"message_zh": "data_asset.a 的保存期限至 2026-06-30,早于评估日期 2026-11-26,但没有任何销毁记录指向该资料",
		"attribute": "retention_until",
	}} with input as inv
}

test_fail_destruction_of_other_asset if {
	inv := _inv("2026-06-30", {
		"destruction.d1": {"asset": "data_asset.b", "date": "2026-07-01"},
		"destruction.d2": {"date": "2026-07-01"},
	})
	deny := retention_expired.deny with input as inv
	{[f.resource, f.attribute] | some f in deny} == {["data_asset.a", "retention_until"]}
}

# Any destruction record counts, whatever its date: the catalog fails only when
# there is none.
test_pass_destruction_dated_after_as_of if {
	inv := _inv("2026-06-30", {"destruction.d1": {"asset": "data_asset.a", "date": "2026-11-27"}})
	retention_expired.applicable == {"data_asset.a"} with input as inv
	count(retention_expired.deny) == 0 with input as inv
}

test_boundary_day_before_as_of_applies if {
	inv := _inv("2026-11-25", {})
	retention_expired.applicable == {"data_asset.a"} with input as inv
	count(retention_expired.deny) == 1 with input as inv
}

test_not_applicable_retention_until_as_of if {
	inv := _inv("2026-11-26", {})
	count(retention_expired.applicable) == 0 with input as inv
	count(retention_expired.deny) == 0 with input as inv
}

test_not_applicable_retention_in_future if {
	inv := _inv("2027-01-01", {})
	count(retention_expired.applicable) == 0 with input as inv
}

test_not_applicable_retention_absent if {
	inv := {"as_of": "2026-11-26", "data_assets": {"data_asset.a": {"category": "identity"}}, "destructions": {}}
	count(retention_expired.applicable) == 0 with input as inv
	count(retention_expired.deny) == 0 with input as inv
}

test_not_applicable_retention_null if {
	inv := _inv(null, {})
	count(retention_expired.applicable) == 0 with input as inv
}

test_several_assets if {
	inv := {
		"as_of": "2026-11-26",
		"data_assets": {
			"data_asset.gone": {"retention_until": "2025-01-01"},
			"data_asset.kept": {"retention_until": "2025-01-01"},
			"data_asset.live": {"retention_until": "2030-01-01"},
		},
		"destructions": {"destruction.d1": {"asset": "data_asset.gone", "date": "2025-02-01"}},
	}
	retention_expired.applicable == {"data_asset.gone", "data_asset.kept"} with input as inv
	deny := retention_expired.deny with input as inv
	{f.resource | some f in deny} == {"data_asset.kept"}
}

# A retention date that is not a string is no date: a number would sort before
# any date string.
test_not_applicable_retention_not_a_string if {
	every v in [0, 20250101, true, ["2025-01-01"]] {
		count(retention_expired.applicable) == 0 with input as _inv(v, {})
	}
}

# Destruction records name assets by address: one naming nothing, null or
# another asset destroys nothing.
test_fail_destructions_naming_nothing_else if {
	inv := _inv("2026-11-25", {
		"destruction.none": {},
		"destruction.null": {"asset": null},
		"destruction.other": {"asset": "data_asset.b"},
	})
	{f.message | some f in retention_expired.deny with input as inv} == {"data_asset.a was to be kept until 2026-11-25, before the as-of date 2026-11-26, but no destruction record names it"}
}
