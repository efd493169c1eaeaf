# METADATA
# title: Receiving partners hold a recent, passing security assessment
# description: |
#   Every partner that receives customer data has had its ability to keep the data
#   confidential assessed. The latest assessment dated on or before the as-of date
#   counts (undated and future-dated assessments are ignored; among several on the
#   latest date the worst result counts). It fails when there is none, when it is
#   older than assessment_max_age_days, or when its result is fail or not declared.
#   A conditional result passes.
# custom:
#   id: BM-4.5.2-01
#   short_code: partner-assessment
#   article: "4.5.2"
#   severity: high
#   title_zh: 接收客户资料的外部单位已通过保密能力评估
#   remediation: Assess the partner's ability to protect customer data at least once every assessment period, record it in a `security_assessment` block with its `date` and `result`, and stop providing data to a partner that fails until it remediates.
#   remediation_zh: 至少在每个评估周期内对外部单位的保密能力评估一次,在 `security_assessment` 块中记录评估日期 `date` 和结论 `result`;评估不通过的,应在其整改前停止向其提供客户资料。
package baomi.controls.partner_assessment

import data.baomi.lib

applicable contains addr if some addr in lib.receiving_partners

# _latest[partner] is the latest assessment (lib.latest_assessment) of each
# applicable partner that has one: one walk for the deny rules below.
_latest := {addr: latest |
	receiving := applicable
	some addr, latest in lib.latest_assessment
	receiving[addr]
}

deny contains {
	"resource": addr,
	"message": sprintf("%s receives customer data but has no security assessment dated on or before %s", [addr, lib.as_of]),
	"message_zh": sprintf("%s 接收客户资料,但截至 %s 没有任何有日期的保密能力评估记录", [addr, lib.as_of]),
	"attribute": "security_assessment",
} if {
	some addr in (applicable - object.keys(_latest))
}

deny contains {
	"resource": addr,
	"message": sprintf("the latest security assessment of %s (security_assessment block %d, dated %s) is older than %v days", [addr, latest.index + 1, latest.date, max_age]),
	"message_zh": sprintf("%s 最近一次保密能力评估(第 %d 条评估记录,日期 %s)已超过 %v 天", [addr, latest.index + 1, latest.date, max_age]),
	"attribute": sprintf("security_assessment[%d].date", [latest.index]),
} if {
	max_age := lib.settings.assessment_max_age_days
	some addr, latest in _latest
	latest.stale
}

deny contains {
	"resource": addr,
	"message": sprintf("the latest security assessment of %s (security_assessment block %d, dated %s) has result fail", [addr, latest.index + 1, latest.date]),
	"message_zh": sprintf("%s 最近一次保密能力评估(第 %d 条评估记录,日期 %s)结论为不通过(fail)", [addr, latest.index + 1, latest.date]),
	"attribute": sprintf("security_assessment[%d].result", [latest.index]),
} if {
	some addr, latest in _latest
	latest.result == "fail"
}

deny contains {
	"resource": addr,
	"message": sprintf("the latest security assessment of %s (security_assessment block %d, dated %s) declares no result", [addr, latest.index + 1, latest.date]),
	"message_zh": sprintf("%s 最近一次保密能力评估(第 %d 条评估记录,日期 %s)未写明评估结论", [addr, latest.index + 1, latest.date]),
	"attribute": sprintf("security_assessment[%d].result", [latest.index]),
} if {
	rank := lib.assessment_rank
	some addr, latest in _latest
	not rank[latest.result]
}
