package baomi.controls.disposal_wiped_test

import data.baomi.controls.disposal_wiped

_inv(d) := {
	"as_of": "2026-11-26",
	"disposals": {"disposal.x": d},
}

test_pass_wiped if {
	every reason in ["scrap", "repair", "resale"] {
		inv := _inv({"device": "device.d", "reason": reason, "wiped": true, "date": "2026-11-26"})
		disposal_wiped.applicable == {"disposal.x"} with input as inv
		count(disposal_wiped.deny) == 0 with input as inv
	}
}

test_fail_not_wiped if {
	inv := _inv({"device": "system.old", "reason": "repair", "wiped": false})
	disposal_wiped.deny == {{
		"resource": "disposal.x",
		"message": "disposal.x does not declare that the equipment was wiped before it left",
		"message_zh": "disposal.x 未声明设备在处置前已彻底清除数据",
		"attribute": "wiped",
	}} with input as inv
}

test_fail_wiped_absent if {
	inv := _inv({"device": "device.d", "reason": "scrap"})
	deny := disposal_wiped.deny with input as inv
	{[f.resource, f.attribute] | some f in deny} == {["disposal.x", "wiped"]}
}

test_fail_wiped_null if {
	inv := _inv({"wiped": null})
	count(disposal_wiped.deny) == 1 with input as inv
}

test_several_disposals if {
	inv := {
		"as_of": "2026-11-26",
		"disposals": {
			"disposal.ok": {"wiped": true},
			"disposal.bad": {"wiped": false},
		},
	}
	disposal_wiped.applicable == {"disposal.ok", "disposal.bad"} with input as inv
	deny := disposal_wiped.deny with input as inv
	{f.resource | some f in deny} == {"disposal.bad"}
}

test_not_applicable_without_disposals if {
	inv := {"as_of": "2026-11-26", "disposals": {}}
	count(disposal_wiped.applicable) == 0 with input as inv
	count(disposal_wiped.deny) == 0 with input as inv
}
