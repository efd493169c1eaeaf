package baomi.controls.onboarding_training_test

import data.baomi.controls.onboarding_training

# as_of 2026-11-26: 365 days before is 2025-11-26, 366 days before is 2025-11-25.
_inv(trainings) := {
	"as_of": "2026-11-26",
	"departments": {
		"department.sales": {"handles_customer_data": true},
		"department.hr": {"handles_customer_data": false},
	},
	"trainings": trainings,
}

_findings(inv) := {[f.resource, object.get(f, "attribute", "")] | some f in deny} if {
	deny := onboarding_training.deny with input as inv
}

_denied(inv) := {f.resource | some f in deny} if {
	deny := onboarding_training.deny with input as inv
}

_t(dept, date, required, completed) := {"kind": "onboarding", "department": dept, "date": date, "required": required, "completed": completed}

_everyone(date, required, completed) := {"kind": "onboarding", "date": date, "required": required, "completed": completed}

test_pass_department_training if {
	inv := _inv({"training.s1": _t("department.sales", "2026-03-01", 12, 12)})
	onboarding_training.applicable == {"department.sales"} with input as inv
	count(onboarding_training.deny) == 0 with input as inv
}

test_pass_training_for_everyone if {
	inv := _inv({"training.all": _everyone("2026-03-01", 300, 301)})
	count(onboarding_training.deny) == 0 with input as inv
}

test_pass_training_with_null_department_is_for_everyone if {
	inv := _inv({"training.all": _t(null, "2026-03-01", 10, 10)})
	count(onboarding_training.deny) == 0 with input as inv
}

test_pass_dated_as_of if {
	inv := _inv({"training.s1": _t("department.sales", "2026-11-26", 5, 5)})
	count(onboarding_training.deny) == 0 with input as inv
}

test_boundary_exactly_window_passes if {
	inv := _inv({"training.s1": _t("department.sales", "2025-11-26", 5, 5)})
	count(onboarding_training.deny) == 0 with input as inv
}

test_boundary_one_day_outside_window_fails if {
	inv := _inv({"training.s1": _t("department.sales", "2025-11-25", 5, 5)})
	onboarding_training.deny == {{
		"resource": "department.sales",
		"message": "department.sales handles customer data but no onboarding training for it or for everyone is dated within the 365 days up to 2026-11-26",
		"message_zh": "department.sales 处理客户资料,但截至 2026-11-26 的 365 天内没有面向本部门或全体员工的入职保密培训记录",
	}} with input as inv
}

test_setting_overrides_window if {
	inv := object.union(
		_inv({"training.s1": _t("department.sales", "2026-03-01", 5, 5)}),
		{"settings": {"training_window_days": 90}},
	)
	_findings(inv) == {["department.sales", ""]}
}

test_fail_no_training if {
	inv := _inv({})
	_findings(inv) == {["department.sales", ""]}
}

test_fail_future_training_does_not_count if {
	inv := _inv({"training.s1": _t("department.sales", "2026-11-27", 5, 5)})
	_findings(inv) == {["department.sales", ""]}
}

test_fail_undated_training_does_not_count if {
	inv := _inv({"training.s1": {"kind": "onboarding", "department": "department.sales", "required": 5, "completed": 5}})
	_findings(inv) == {["department.sales", ""]}
}

test_fail_refresher_does_not_count if {
	inv := _inv({"training.s1": object.union(_t("department.sales", "2026-03-01", 5, 5), {"kind": "refresher"})})
	_findings(inv) == {["department.sales", ""]}
}

test_fail_other_department_training_does_not_count if {
	inv := _inv({"training.h1": _t("department.hr", "2026-03-01", 5, 5)})
	_findings(inv) == {["department.sales", ""]}
}

test_fail_completed_below_required if {
	inv := _inv({"training.s1": _t("department.sales", "2026-03-01", 12, 11)})
	onboarding_training.deny == {{
		"resource": "department.sales",
		"message": "the latest onboarding training for department.sales, training.s1 on 2026-03-01, was completed by 11 of the 12 required",
		"message_zh": "department.sales 最近一次入职保密培训 training.s1(2026-03-01)仅完成 11 人,应参训 12 人",
	}} with input as inv
}

test_boundary_completed_equals_required_passes if {
	inv := _inv({"training.s1": _t("department.sales", "2026-03-01", 12, 12)})
	count(onboarding_training.deny) == 0 with input as inv
}

test_fail_completed_absent if {
	inv := _inv({"training.s1": {"kind": "onboarding", "department": "department.sales", "date": "2026-03-01", "required": 12}})
	onboarding_training.deny == {{
		"resource": "department.sales",
		"message": "the latest onboarding training for department.sales, training.s1 on 2026-03-01, does not declare both required and completed, so its completion cannot be shown",
		"message_zh": "department.sales 最近一次入职保密培训 training.s1(2026-03-01)未同时写明应参训人数和完成人数,无法证明培训已完成",
	}} with input as inv
}

test_fail_required_absent if {
	inv := _inv({"training.s1": {"kind": "onboarding", "department": "department.sales", "date": "2026-03-01", "completed": 12}})
	_findings(inv) == {["department.sales", ""]}
}

test_fail_counts_null if {
	inv := _inv({"training.s1": _t("department.sales", "2026-03-01", null, null)})
	_findings(inv) == {["department.sales", ""]}
}

test_latest_counts_not_an_earlier_complete_one if {
	inv := _inv({
		"training.s1": _t("department.sales", "2026-01-10", 10, 10),
		"training.s2": _t("department.sales", "2026-06-10", 10, 9),
	})
	deny := onboarding_training.deny with input as inv
	[f.message | some f in deny] == ["the latest onboarding training for department.sales, training.s2 on 2026-06-10, was completed by 9 of the 10 required"]
}

test_pass_latest_complete_after_earlier_short if {
	inv := _inv({
		"training.s1": _t("department.sales", "2026-01-10", 10, 3),
		"training.s2": _t("department.sales", "2026-06-10", 10, 10),
	})
	count(onboarding_training.deny) == 0 with input as inv
}

test_latest_for_everyone_beats_older_department_training if {
	inv := _inv({
		"training.s1": _t("department.sales", "2026-01-10", 10, 10),
		"training.all": _everyone("2026-06-10", 200, 150),
	})
	deny := onboarding_training.deny with input as inv
	[f.message | some f in deny] == ["the latest onboarding training for department.sales, training.all on 2026-06-10, was completed by 150 of the 200 required"]
}

test_pass_latest_department_training_beats_older_short_one_for_everyone if {
	inv := _inv({
		"training.all": _everyone("2026-01-10", 200, 150),
		"training.s1": _t("department.sales", "2026-06-10", 10, 10),
	})
	count(onboarding_training.deny) == 0 with input as inv
}

test_fail_any_short_on_the_latest_date if {
	inv := _inv({
		"training.s1": _t("department.sales", "2026-06-10", 10, 10),
		"training.s2": _t("department.sales", "2026-06-10", 4, 2),
		"training.all": _everyone("2026-06-10", 200, 200),
	})
	deny := onboarding_training.deny with input as inv
	[f.message | some f in deny] == ["the latest onboarding training for department.sales, training.s2 on 2026-06-10, was completed by 2 of the 4 required"]
}

test_fail_short_training_for_everyone_on_same_date if {
	inv := _inv({
		"training.s1": _t("department.sales", "2026-06-10", 10, 10),
		"training.all": _everyone("2026-06-10", 200, 199),
	})
	_findings(inv) == {["department.sales", ""]}
}

test_training_for_everyone_judged_per_department if {
	inv := {
		"as_of": "2026-11-26",
		"departments": {
			"department.sales": {"handles_customer_data": true},
			"department.ops": {"handles_customer_data": true},
			"department.hr": {},
		},
		"trainings": {
			"training.all": _everyone("2026-03-01", 100, 90),
			"training.ops": _t("department.ops", "2026-06-01", 8, 8),
		},
	}
	onboarding_training.applicable == {"department.sales", "department.ops"} with input as inv
	_denied(inv) == {"department.sales"}
}

test_not_applicable_departments_without_customer_data if {
	inv := {
		"as_of": "2026-11-26",
		"departments": {
			"department.hr": {"handles_customer_data": false},
			"department.legal": {},
		},
		"trainings": {},
	}
	count(onboarding_training.applicable) == 0 with input as inv
	count(onboarding_training.deny) == 0 with input as inv
}

test_pass_later_training_for_everyone_beats_short_department_training if {
	inv := _inv({
		"training.s1": _t("department.sales", "2026-01-10", 10, 3),
		"training.all": _everyone("2026-06-10", 200, 200),
	})
	count(onboarding_training.deny) == 0 with input as inv
}

test_short_training_of_department_without_customer_data_ignored if {
	inv := _inv({
		"training.h1": _t("department.hr", "2026-06-10", 10, 1),
		"training.s1": _t("department.sales", "2026-06-10", 10, 10),
	})
	count(onboarding_training.deny) == 0 with input as inv
}
