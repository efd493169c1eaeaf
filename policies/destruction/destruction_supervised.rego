# METADATA
# title: Destruction is supervised and recorded
# description: |
#   Every destruction of customer data names the person who supervised it and is
#   recorded. A destruction with no supervisor, a blank supervisor, or `recorded`
#   absent or false fails.
# custom:
#   id: BM-4.4.2-01
#   short_code: destruction-supervised
#   article: "4.4.2"
#   severity: medium
#   title_zh: 销毁过程有专人监督并留有记录
#   remediation: Have a designated person supervise each destruction, name them in `supervised_by`, keep a record of the destruction and declare `recorded = true`.
#   remediation_zh: 每次销毁应由专人监督,在 `supervised_by` 中写明监督人,做好销毁记录并声明 `recorded = true`。
package baomi.controls.destruction_supervised

import data.baomi.lib

applicable contains addr if some addr, _ in input.destructions

deny contains {
	"resource": addr,
	"message": sprintf("%s names no supervisor", [addr]),
	"message_zh": sprintf("%s 未写明销毁监督人", [addr]),
	"attribute": "supervised_by",
} if {
	some addr, d in input.destructions
	not lib.filled_text(object.get(d, "supervised_by", null))
}

deny contains {
	"resource": addr,
	"message": sprintf("%s is not declared recorded", [addr]),
	"message_zh": sprintf("%s 未声明已做销毁记录", [addr]),
	"attribute": "recorded",
} if {
	some addr, d in input.destructions
	not d.recorded == true
}
