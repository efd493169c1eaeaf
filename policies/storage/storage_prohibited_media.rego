# METADATA
# title: Customer data is not kept on prohibited media
# description: |
#   A system that holds customer data fails when it is a personal computer or
#   removable media, or a third-party platform the enterprise has not approved
#   (`approved` not true). A system whose kind is not declared is none of these
#   and passes; the other storage controls still judge it.
# custom:
#   id: BM-4.2.1-02
#   short_code: storage-prohibited-media
#   article: "4.2.1"
#   severity: critical
#   title_zh: 客户资料未存放于禁止的介质
#   remediation: Move the customer data off personal computers and removable media onto a designated system; for a third-party platform, obtain the enterprise's authorisation and declare `approved = true`.
#   remediation_zh: 将客户资料从个人电脑、移动存储介质迁移至企业指定的存储系统;第三方平台须经企业授权并声明 `approved = true`。
package baomi.controls.storage_prohibited_media

import data.baomi.lib

_prohibited_kinds := {"personal_computer", "removable_media"}

# Holding systems of a prohibited kind or a third-party platform: the only ones
# the deny rules can find anything in, found in one walk over the systems
# rather than a lookup of each holding system in each rule.
_suspect := lib.holding_systems & {addr |
	kinds := {"personal_computer", "removable_media", "third_party_platform"}
	some addr, sys in input.systems
	sys.kind in kinds
}

applicable contains addr if {
	some addr in lib.holding_systems
}

deny contains {
	"resource": addr,
	"message": sprintf("%s holds customer data on a prohibited medium (kind %s)", [addr, kind]),
	"message_zh": sprintf("%s 将客户资料存放于禁止使用的介质(kind 为 %s)", [addr, kind]),
	"attribute": "kind",
} if {
	prohibited := _prohibited_kinds
	some addr in _suspect
	kind := input.systems[addr].kind
	kind in prohibited
}

deny contains {
	"resource": addr,
	"message": sprintf("%s is a third-party platform holding customer data that is not declared approved by the enterprise (approved = true)", [addr]),
	"message_zh": sprintf("%s 为存放客户资料的第三方平台,但未声明已获企业授权(approved = true)", [addr]),
	"attribute": "approved",
} if {
	some addr in _suspect
	sys := input.systems[addr]
	sys.kind == "third_party_platform"
	not sys.approved == true
}
