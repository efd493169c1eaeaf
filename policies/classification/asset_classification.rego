# METADATA
# title: Each data asset has a classification level
# description: |
#   Every class of customer data is given one of the three classification levels,
#   top_secret, confidential or secret, by the harm its disclosure would cause.
#   Fails when a data asset declares no classification.
# custom:
#   id: BM-3.2-01
#   short_code: asset-classification
#   article: "3.2"
#   severity: medium
#   title_zh: 客户资料已划定密级
#   remediation: Set `classification` of the data asset to top_secret, confidential or secret, according to the harm its disclosure would cause.
#   remediation_zh: 根据泄露可能造成的危害程度,为该客户资料设置 `classification`,取值为 top_secret(绝密)、confidential(机密)或 secret(秘密)。
package baomi.controls.asset_classification

applicable contains addr if some addr, _ in input.data_assets

deny contains {
	"resource": addr,
	"message": sprintf("%s has no classification level (top_secret, confidential or secret)", [addr]),
	"message_zh": sprintf("%s 未划定密级(绝密、机密或秘密)", [addr]),
	"attribute": "classification",
} if {
	some addr in (applicable - _classified)
	not is_string(object.get(input.data_assets[addr], "classification", null))
}

# Data assets that declare a classification, found in one walk over the data assets:
# the deny rule judges only the others.
_classified := {addr |
	some addr, asset in input.data_assets
	is_string(asset.classification)
}
