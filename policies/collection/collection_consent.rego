# METADATA
# title: Customers are told the purpose and give explicit consent
# description: |
#   Customer data collected from customers is collected only after the customer
#   has been told its purpose, scope and use and has explicitly agreed. Fails for a
#   data asset with a collection block when purpose_notified is not true or
#   consent is not explicit.
# custom:
#   id: BM-4.1.1-01
#   short_code: collection-consent
#   article: "4.1.1"
#   severity: high
#   title_zh: 收集客户资料已告知目的并取得明示同意
#   remediation: Tell customers the purpose, scope and use of the data before collecting it and obtain their explicit consent; then declare `purpose_notified = true` and `consent = "explicit"` in the collection block.
#   remediation_zh: 收集前向客户明确告知收集目的、范围及使用方式,并取得客户的明示同意;完成后在 collection 块中声明 `purpose_notified = true` 和 `consent = "explicit"`。
package baomi.controls.collection_consent

applicable contains addr if {
	some addr, asset in input.data_assets
	is_object(asset.collection)
}

deny contains {
	"resource": addr,
	"message": sprintf("customers are not declared to be told the purpose of collecting %s", [addr]),
	"message_zh": sprintf("收集 %s 时未声明已向客户告知收集目的", [addr]),
	"attribute": "collection.purpose_notified",
} if {
	some addr in _unclean
	not input.data_assets[addr].collection.purpose_notified == true
}

deny contains {
	"resource": addr,
	"message": sprintf("%s is collected without explicit customer consent (consent is %s)", [addr, _consent_en(consent)]),
	"message_zh": sprintf("收集 %s 未取得客户明示同意(consent 为 %s)", [addr, _consent_zh(consent)]),
	"attribute": "collection.consent",
} if {
	some addr in _unclean
	consent := object.get(input.data_assets[addr].collection, "consent", null)
	consent != "explicit"
}

_consent_en(consent) := consent if is_string(consent)

_consent_en(consent) := "not declared" if not is_string(consent)

_consent_zh(consent) := consent if is_string(consent)

_consent_zh(consent) := "未声明" if not is_string(consent)

# Collection blocks that do not declare both the purpose notified and explicit
# consent: the only ones the deny rules can find anything in. The others are
# found in one walk over the data assets rather than a lookup of each.
_unclean := applicable - {addr |
	some addr, asset in input.data_assets
	c := asset.collection
	c.purpose_notified == true
	c.consent == "explicit"
}
