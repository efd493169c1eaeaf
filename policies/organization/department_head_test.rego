package baomi.controls.department_head_test

import data.baomi.controls.department_head

_inv(departments) := {
	"as_of": "2026-11-26",
	"departments": departments,
	"data_assets": {"data_asset.orders": {"owner": "department.ops"}},
}

test_pass if {
	inv := _inv({
		"department.sales": {"handles_customer_data": true, "head": "Wang Wu"},
		"department.ops": {"head": "Zhao Liu"},
	})
	department_head.applicable == {"department.sales", "department.ops"} with input as inv
	count(department_head.deny) == 0 with input as inv
}

test_fail_head_absent_handler if {
	inv := _inv({
		"department.sales": {"handles_customer_data": true},
		"department.ops": {"head": "Zhao Liu"},
	})
	some f in department_head.deny with input as inv
	f.resource == "department.sales"
	f.attribute == "head"
	count(department_head.deny) == 1 with input as inv
}

test_fail_head_absent_owner if {
	inv := _inv({"department.ops": {"handles_customer_data": false}})
	department_head.applicable == {"department.ops"} with input as inv
	{f.resource | some f in department_head.deny} == {"department.ops"} with input as inv
}

test_fail_head_blank if {
	inv := _inv({"department.ops": {"head": ""}})
	{f.attribute | some f in department_head.deny} == {"head"} with input as inv
}

test_message_does_not_echo_head if {
	inv := _inv({"department.ops": {"head": " "}})
	some f in department_head.deny with input as inv
	f.message == "department.ops handles or owns customer data but names no head responsible for its confidentiality"
}

test_not_applicable_other_departments if {
	inv := {
		"as_of": "2026-11-26",
		"departments": {
			"department.canteen": {"handles_customer_data": false},
			"department.hr": {},
		},
		"data_assets": {"data_asset.orders": {}},
	}
	count(department_head.applicable) == 0 with input as inv
	count(department_head.deny) == 0 with input as inv
}
