package baomi.controls.destruction_method_test

import data.baomi.controls.destruction_method

_inv(d) := {
	"as_of": "2026-11-26",
	"destructions": {"destruction.d1": d},
}

test_pass_electronic_methods if {
	every m in ["secure_erase", "crypto_erase", "degauss", "physical_destruction", "format"] {
		inv := _inv({"asset": "data_asset.a", "medium": "electronic", "method": m})
		destruction_method.applicable == {"destruction.d1"} with input as inv
		count(destruction_method.deny) == 0 with input as inv
	}
}

test_pass_paper_methods if {
	every m in ["shred", "incinerate"] {
		inv := _inv({"medium": "paper", "method": m})
		destruction_method.applicable == {"destruction.d1"} with input as inv
		count(destruction_method.deny) == 0 with input as inv
	}
}

test_fail_electronic_by_weak_method if {
	every m in ["delete", "discard", "shred", "incinerate"] {
		inv := _inv({"medium": "electronic", "method": m})
		destruction_method.deny == {{
			"resource": "destruction.d1",
			"message": sprintf("destruction.d1 destroys electronic data by %s, which is not an approved method for that medium (allowed: crypto_erase, degauss, format, physical_destruction, secure_erase)", [m]),
			"message_zh": sprintf("destruction.d1 对电子资料采用 %s 方式销毁,不属于该载体的规定销毁方式(允许:crypto_erase、degauss、format、physical_destruction、secure_erase)", [m]),
			"attribute": "method",
		}} with input as inv
	}
}

test_fail_paper_by_electronic_or_weak_method if {
	every m in ["physical_destruction", "secure_erase", "format", "delete", "discard"] {
		inv := _inv({"medium": "paper", "method": m})
		some f in destruction_method.deny with input as inv
		f.resource == "destruction.d1"
		f.attribute == "method"
		count(destruction_method.deny) == 1 with input as inv
	}
}

test_fail_medium_absent if {
	inv := _inv({"method": "shred"})
	destruction_method.applicable == {"destruction.d1"} with input as inv
	deny := destruction_method.deny with input as inv
	[f.attribute | some f in deny] == ["medium"]
}

test_fail_method_absent if {
	inv := _inv({"medium": "paper"})
	deny := destruction_method.deny with input as inv
	[f.attribute | some f in deny] == ["method"]
}

test_fail_method_null if {
	inv := _inv({"medium": "electronic", "method": null})
	deny := destruction_method.deny with input as inv
	[f.attribute | some f in deny] == ["method"]
}

test_fail_both_absent if {
	inv := _inv({"asset": "data_asset.a"})
	deny := destruction_method.deny with input as inv
	{f.attribute | some f in deny} == {"medium", "method"}
}

test_several_destructions_judged_separately if {
	inv := {
		"as_of": "2026-11-26",
		"destructions": {
			"destruction.ok": {"medium": "paper", "method": "shred"},
			"destruction.bad": {"medium": "electronic", "method": "delete"},
		},
	}
	destruction_method.applicable == {"destruction.ok", "destruction.bad"} with input as inv
	deny := destruction_method.deny with input as inv
	{f.resource | some f in deny} == {"destruction.bad"}
}

test_not_applicable_without_destructions if {
	inv := {"as_of": "2026-11-26", "destructions": {}}
	count(destruction_method.applicable) == 0 with input as inv
	count(destruction_method.deny) == 0 with input as inv
}
