package baomi.controls.destruction_supervised_test

import data.baomi.controls.destruction_supervised

_inv(d) := {
	"as_of": "2026-11-26",
	"destructions": {"destruction.d1": d},
}

test_pass_supervised_and_recorded if {
	inv := _inv({"supervised_by": "Security officer", "recorded": true})
	destruction_supervised.applicable == {"destruction.d1"} with input as inv
	count(destruction_supervised.deny) == 0 with input as inv
}

test_fail_supervisor_absent if {
	inv := _inv({"recorded": true})
	destruction_supervised.deny == {{
		"resource": "destruction.d1",
		"message": "destruction.d1 names no supervisor",
		"message_zh": "destruction.d1 未写明销毁监督人",
		"attribute": "supervised_by",
	}} with input as inv
}

test_fail_supervisor_blank if {
	every s in ["", "   ", null] {
		inv := _inv({"supervised_by": s, "recorded": true})
		deny := destruction_supervised.deny with input as inv
		{[f.resource, f.attribute] | some f in deny} == {["destruction.d1", "supervised_by"]}
	}
}

test_fail_not_recorded if {
	inv := _inv({"supervised_by": "Security officer", "recorded": false})
	deny := destruction_supervised.deny with input as inv
	{[f.resource, f.attribute] | some f in deny} == {["destruction.d1", "recorded"]}
}

test_fail_recorded_absent if {
	inv := _inv({"supervised_by": "Security officer"})
	deny := destruction_supervised.deny with input as inv
	{f.attribute | some f in deny} == {"recorded"}
}

test_fail_both if {
	inv := _inv({"asset": "data_asset.a"})
	deny := destruction_supervised.deny with input as inv
	{f.attribute | some f in deny} == {"supervised_by", "recorded"}
}

test_message_does_not_echo_supervisor if {
	inv := _inv({"supervised_by": "Zhang San", "recorded": false})
	deny := destruction_supervised.deny with input as inv
	every f in deny {
		not contains(f.message, "Zhang")
		not contains(f.message_zh, "Zhang")
	}
}

test_not_applicable_without_destructions if {
	inv := {"as_of": "2026-11-26", "destructions": {}}
	count(destruction_supervised.applicable) == 0 with input as inv
	count(destruction_supervised.deny) == 0 with input as inv
}
