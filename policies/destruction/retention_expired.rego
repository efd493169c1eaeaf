# METADATA
# title: Customer data past its retention date has been destroyed
# description: |
#   A data asset whose retention_until date lies before the as-of date is no longer
#   needed and must have been destroyed: it fails when no destruction record names
#   it as its asset. Any record counts, whatever its date (dates and methods are the
#   other destruction controls' concern). An asset retained until the as-of date
#   itself is not yet due.
# custom:
#   id: BM-4.4.1-02
#   short_code: retention-expired
#   article: "4.4.1"
#   severity: medium
#   title_zh: 超过保存期限的客户资料已销毁
#   remediation: Destroy the data asset by the prescribed procedure and record it in a destruction block whose `asset` names it, or extend `retention_until` if the data is still needed.
#   remediation_zh: 按规定程序销毁该类客户资料,并以 `asset` 指向该资料的 destruction 块记录销毁情况;如仍需保留,应更新 `retention_until`。
package baomi.controls.retention_expired

import data.baomi.lib

# Data assets named by a destruction record.
_destroyed := {d.asset | some d in input.destructions}

applicable contains addr if {
	as_of := lib.as_of # read once, not once per data asset
	some addr, a in input.data_assets
	until := a.retention_until
	is_string(until)
	until < as_of
}

deny contains {
	"resource": addr,
	"message": sprintf("%s was to be kept until %s, before the as-of date %s, but no destruction record names it", [addr, until, lib.as_of]),
	"message_zh": sprintf("%s 的保存期限至 %s,早于评估日期 %s,但没有任何销毁记录指向该资料", [addr, until, lib.as_of]),
	"attribute": "retention_until",
} if {
	some addr in (applicable - _destroyed)
	until := input.data_assets[addr].retention_until
}
