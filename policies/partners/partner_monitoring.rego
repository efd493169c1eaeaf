# METADATA
# title: Receiving partners' use of customer data is monitored
# description: |
#   Every partner that receives customer data is monitored in how it uses the data:
#   it has a monitoring block whose last review is no older than
#   monitoring_max_age_days. No monitoring block, no last_review date, or a last
#   review older than that fails.
# custom:
#   id: BM-4.5.2-02
#   short_code: partner-monitoring
#   article: "4.5.2"
#   severity: medium
#   title_zh: 对外部单位使用客户资料的情况进行监督
#   remediation: Monitor how the partner uses the customer data it receives, review it at least once every monitoring period, and declare a `monitoring` block with the date of the latest review in `last_review`.
#   remediation_zh: 对外部单位使用客户资料的情况进行监督,至少在每个监督周期内检查一次,并在 `monitoring` 块的 `last_review` 中写明最近一次检查的日期。
package baomi.controls.partner_monitoring

import data.baomi.lib

applicable contains addr if some addr in lib.receiving_partners

# _monitoring[partner] is the monitoring fact of each applicable partner (null
# for a partner declared by a transfer only), computed once for the three deny rules.
_monitoring := {addr: lib.monitoring_fact(object.get(input, ["partners", addr], {})) | some addr in applicable}

deny contains {
	"resource": addr,
	"message": sprintf("%s receives customer data but declares no monitoring of its use", [addr]),
	"message_zh": sprintf("%s 接收客户资料,但未声明对其使用情况的监督(monitoring)", [addr]),
	"attribute": "monitoring",
} if {
	some addr, m in _monitoring
	m == null
}

deny contains {
	"resource": addr,
	"message": sprintf("the monitoring of %s declares no last review date", [addr]),
	"message_zh": sprintf("%s 的监督记录未写明最近一次检查日期", [addr]),
	"attribute": "monitoring.last_review",
} if {
	some addr, m in _monitoring
	m != null
	m.last_review == null
}

deny contains {
	"resource": addr,
	"message": sprintf("the last monitoring review of %s, on %s, is older than %v days", [addr, last, max_age]),
	"message_zh": sprintf("%s 最近一次监督检查日期为 %s,已超过 %v 天", [addr, last, max_age]),
	"attribute": "monitoring.last_review",
} if {
	max_age := lib.settings.monitoring_max_age_days
	some addr, m in _monitoring
	m.stale
	last := m.last_review
}
