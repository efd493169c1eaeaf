# METADATA
# title: All staff of the department signed a confidentiality undertaking
# description: |
#   In a department that handles customer data, or owns a data asset, every member
#   of staff has signed an undertaking to keep customer data confidential. Fails
#   when the staff count is not declared (all staff cannot be shown without a
#   headcount), when the number of signed undertakings is not declared, or when
#   it is below the staff count.
# custom:
#   id: BM-2.4-01
#   short_code: staff-undertakings
#   article: "2.4"
#   severity: medium
#   title_zh: 部门全体员工已签署保密承诺
#   remediation: Have every member of staff of the department sign a confidentiality undertaking, and declare both `staff` and `undertakings_signed` for the department.
#   remediation_zh: 组织该部门全体员工签署客户资料保密承诺书,并在部门中如实填写 `staff`(员工人数)和 `undertakings_signed`(已签署人数)。
package baomi.controls.staff_undertakings

import data.baomi.lib

applicable contains addr if some addr in lib.responsible_departments

deny contains {
	"resource": addr,
	"message": sprintf("%s does not declare how many staff signed a confidentiality undertaking (undertakings_signed)", [addr]),
	"message_zh": sprintf("%s 未声明已签署保密承诺书的员工人数(undertakings_signed)", [addr]),
	"attribute": "undertakings_signed",
} if {
	some addr in applicable
	not is_number(object.get(input.departments[addr], "undertakings_signed", null))
}

deny contains {
	"resource": addr,
	"message": sprintf("%s does not declare its staff count (staff), so it cannot show that all staff signed a confidentiality undertaking", [addr]),
	"message_zh": sprintf("%s 未声明员工人数(staff),无法证明全体员工已签署保密承诺书", [addr]),
	"attribute": "staff",
} if {
	some addr in applicable
	not is_number(object.get(input.departments[addr], "staff", null))
}

deny contains {
	"resource": addr,
	"message": sprintf("only %v of the %v staff of %s signed a confidentiality undertaking", [signed, staff, addr]),
	"message_zh": sprintf("%s 共有员工 %v 人,仅 %v 人签署了保密承诺书", [addr, staff, signed]),
	"attribute": "undertakings_signed",
} if {
	some addr in applicable
	dep := input.departments[addr]
	signed := dep.undertakings_signed
	staff := dep.staff
	is_number(signed)
	is_number(staff)
	signed < staff
}
