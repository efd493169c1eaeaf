# METADATA
# title: Customer data is destroyed by an approved method
# description: |
#   Every destruction declares its medium and method. Electronic data must be
#   destroyed by secure erase, cryptographic erase, degaussing, physical destruction
#   or formatting, so that it cannot be recovered; paper must be shredded or
#   incinerated. Plain deletion or discarding fails, and so does physical
#   destruction of paper, which the catalog does not list for paper.
# custom:
#   id: BM-4.4.1-01
#   short_code: destruction-method
#   article: "4.4.1"
#   severity: high
#   title_zh: 客户资料按规定方式销毁
#   remediation: Destroy electronic data with secure_erase, crypto_erase, degauss, physical_destruction or format, and paper with shred or incinerate; declare `medium` and `method` in the destruction record.
#   remediation_zh: 电子资料应采用安全擦除、加密擦除、消磁、物理销毁或格式化等方式彻底清除,纸质资料应粉碎或焚烧;并在销毁记录中写明 `medium` 和 `method`。
package baomi.controls.destruction_method

# Absent attributes are read with object.get: in a negated call such as
# `not is_string(d.method)` OPA evaluates the undefined argument outside the
# negation, and the rule would silently not fire.

# Methods that destroy each medium so that it cannot be recovered (4.4.1).
_approved_methods := {
	"electronic": {"secure_erase", "crypto_erase", "degauss", "physical_destruction", "format"},
	"paper": {"shred", "incinerate"},
}

_medium_zh := {"electronic": "电子", "paper": "纸质"}

applicable contains addr if some addr, _ in input.destructions

deny contains {
	"resource": addr,
	"message": sprintf("%s does not declare the medium destroyed (electronic or paper)", [addr]),
	"message_zh": sprintf("%s 未写明销毁资料的载体(电子或纸质)", [addr]),
	"attribute": "medium",
} if {
	some addr, d in input.destructions
	not _approved_methods[object.get(d, "medium", null)]
}

deny contains {
	"resource": addr,
	"message": sprintf("%s does not declare the destruction method", [addr]),
	"message_zh": sprintf("%s 未写明销毁方式", [addr]),
	"attribute": "method",
} if {
	some addr, d in input.destructions
	not is_string(object.get(d, "method", null))
}

deny contains {
	"resource": addr,
	"message": sprintf("%s destroys %s data by %s, which is not an approved method for that medium (allowed: %s)", [addr, d.medium, d.method, concat(", ", sort(methods))]),
	"message_zh": sprintf("%s 对%s资料采用 %s 方式销毁,不属于该载体的规定销毁方式(允许:%s)", [addr, _medium_zh[d.medium], d.method, concat("、", sort(methods))]),
	"attribute": "method",
} if {
	some addr, d in input.destructions
	methods := _approved_methods[d.medium]
	is_string(d.method)
	not d.method in methods
}
