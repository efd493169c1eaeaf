# METADATA
# title: Copying and export of highly classified data are logged
# description: |
#   Unauthorised copying or spreading of customer data must be detectable: systems
#   holding data classified top_secret or confidential log access and export.
#   Fails for such a system when audit_logging is not true.
# custom:
#   id: BM-4.3.4-01
#   short_code: copy-audit-logging
#   article: "4.3.4"
#   severity: medium
#   title_zh: 高密级资料的复制导出留有审计日志
#   remediation: Turn on logging of access to and export from the system, keep the logs, and declare `audit_logging = true`.
#   remediation_zh: 开启该系统的访问与导出审计日志并妥善留存,以便发现未经授权的复制、传播行为,完成后声明 `audit_logging = true`。
package baomi.controls.copy_audit_logging

import data.baomi.lib

# The classifications are written out rather than named by a rule: a rule
# referred to inside the walk is looked up once per data asset.
applicable contains addr if {
	some asset in input.data_assets
	asset.classification in {"top_secret", "confidential"}
	some addr in asset.stored_in
	startswith(addr, "system.")
}

deny contains {
	"resource": addr,
	"message": sprintf("%s holds top_secret or confidential data but does not log access and export (audit_logging)", [addr]),
	"message_zh": sprintf("%s 存有绝密或机密级客户资料,但未开启访问与导出审计日志(audit_logging)", [addr]),
	"attribute": "audit_logging",
} if {
	some addr in applicable
	not input.systems[addr].audit_logging == true
}
