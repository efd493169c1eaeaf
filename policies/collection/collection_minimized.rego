# METADATA
# title: Collection is limited to what is necessary
# description: |
#   Customer data collected from customers is limited to what the purpose needs:
#   no more is collected than necessary. Fails for a data asset with a collection
#   block when minimized is not true.
# custom:
#   id: BM-4.1.2-01
#   short_code: collection-minimized
#   article: "4.1.2"
#   severity: medium
#   title_zh: 收集客户资料遵循最小必要原则
#   remediation: Review the fields collected, drop those the purpose does not need, and declare `minimized = true` in the collection block.
#   remediation_zh: 梳理所收集的字段,删去业务目的不需要的内容,确认无过度收集后在 collection 块中声明 `minimized = true`。
package baomi.controls.collection_minimized

applicable contains addr if {
	some addr, asset in input.data_assets
	is_object(asset.collection)
}

deny contains {
	"resource": addr,
	"message": sprintf("collection of %s is not declared limited to what is necessary (minimized)", [addr]),
	"message_zh": sprintf("%s 的收集未声明遵循最小必要原则(minimized)", [addr]),
	"attribute": "collection.minimized",
} if {
	some addr in applicable
	not input.data_assets[addr].collection.minimized == true
}
