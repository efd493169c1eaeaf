# METADATA
# title: Each data asset has a category
# description: |
#   Every class of customer data is sorted into one of the categories of the
#   regulation: identity, business, sensitive or derived information. Fails when
#   a data asset declares no category.
# custom:
#   id: BM-3.1-01
#   short_code: asset-category
#   article: "3.1"
#   severity: low
#   title_zh: 客户资料已分类
#   remediation: Set `category` of the data asset to identity, business, sensitive or derived.
#   remediation_zh: 为该客户资料设置 `category`,取值为 identity(基本身份信息)、business(业务信息)、sensitive(敏感信息)或 derived(衍生信息)。
package baomi.controls.asset_category

applicable contains addr if some addr, _ in input.data_assets

deny contains {
	"resource": addr,
	"message": sprintf("%s has no category (identity, business, sensitive or derived)", [addr]),
	"message_zh": sprintf("%s 未划分资料类别(基本身份信息、业务信息、敏感信息或衍生信息)", [addr]),
	"attribute": "category",
} if {
	some addr in (applicable - _categorized)
	not is_string(object.get(input.data_assets[addr], "category", null))
}

# Data assets that declare a category, found in one walk over the data assets:
# the deny rule judges only the others.
_categorized := {addr |
	some addr, asset in input.data_assets
	is_string(asset.category)
}
