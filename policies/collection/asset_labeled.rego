# METADATA
# title: Records carry their classification mark
# description: |
#   Customer data is marked with its classification level when it is recorded, so
#   that whoever handles a record knows how to protect it. Fails when a data asset
#   does not declare labeled = true.
# custom:
#   id: BM-4.1.3-01
#   short_code: asset-labeled
#   article: "4.1.3"
#   severity: low
#   title_zh: 客户资料已作密级标识
#   remediation: Mark the records of the data asset with their classification level and declare `labeled = true`.
#   remediation_zh: 在录入时为该客户资料标注密级标识,完成后声明 `labeled = true`。
package baomi.controls.asset_labeled

applicable contains addr if some addr, _ in input.data_assets

deny contains {
	"resource": addr,
	"message": sprintf("records of %s are not declared to carry their classification mark (labeled)", [addr]),
	"message_zh": sprintf("%s 未声明已作密级标识(labeled)", [addr]),
	"attribute": "labeled",
} if {
	some addr in (applicable - _labeled)
}

# Data assets declared labeled, found in one walk over the data assets rather
# than a lookup of each.
_labeled := {addr |
	some addr, asset in input.data_assets
	asset.labeled == true
}
