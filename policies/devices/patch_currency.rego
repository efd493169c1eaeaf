# METADATA
# title: Security patches are applied in time
# description: |
#   Every server that holds customer data and every device fleet that handles
#   customer data declares patch_age_days, the age of its oldest missing security
#   patch, and it is no more than patch_max_age_days. An absent age fails.
# custom:
#   id: BM-4.6.1-02
#   short_code: patch-currency
#   article: "4.6.1"
#   severity: medium
#   title_zh: 系统安全补丁及时更新
#   remediation: Apply outstanding security patches within the allowed period and declare `patch_age_days` (0 when fully patched).
#   remediation_zh: 在规定期限内安装尚未更新的安全补丁,并声明 `patch_age_days`(补丁全部更新时为 0)。
package baomi.controls.patch_currency

import data.baomi.lib

applicable contains addr if some addr, _ in lib.endpoint_resources

deny contains {
	"resource": addr,
	"message": sprintf("%s handles customer data but does not declare how old its oldest missing security patch is", [addr]),
	"message_zh": sprintf("%s 处理客户资料,但未声明最久未安装安全补丁的天数", [addr]),
	"attribute": "patch_age_days",
} if {
	some addr in _stale
	r := lib.endpoint_resources[addr]
	not is_number(object.get(r, "patch_age_days", null))
}

deny contains {
	"resource": addr,
	"message": sprintf("%s has a security patch missing for %v days, more than the %v allowed", [addr, r.patch_age_days, max_age]),
	"message_zh": sprintf("%s 有安全补丁已 %v 天未安装,超过允许的 %v 天", [addr, r.patch_age_days, max_age]),
	"attribute": "patch_age_days",
} if {
	max_age := lib.settings.patch_max_age_days
	some addr in _stale
	r := lib.endpoint_resources[addr]
	is_number(r.patch_age_days)
	r.patch_age_days > max_age
}

# Resources that do not declare a patch age within the limit: the only ones the
# deny rules can find anything in, found in one walk rather than a negation and
# a call per resource.
_stale := object.keys(lib.endpoint_resources) - {addr |
	max_age := _max_age
	some addr, r in lib.endpoint_resources
	age := r.patch_age_days
	is_number(age)
	age <= max_age
}

_max_age := lib.settings.patch_max_age_days
