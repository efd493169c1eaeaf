# METADATA
# title: A classification catalog is kept and reviewed
# description: |
#   The organization keeps a catalog of how customer data is classified, owned by a
#   department and reviewed within catalog_review_max_age_days (365 by default).
#   Fails when there is no classification_catalog block, it names no owner, or its
#   last review is not declared or is older than the limit.
# custom:
#   id: BM-3.2-02
#   short_code: classification-catalog
#   article: "3.2"
#   severity: low
#   title_zh: 客户资料密级目录已制定并定期更新
#   remediation: Add a `classification_catalog` block to the organization naming the department that owns the catalog in `owner`, review the catalog within the review period and record the date in `last_reviewed`.
#   remediation_zh: 在 organization 中增加 `classification_catalog` 块,以 `owner` 指明负责维护密级目录的部门,在评审周期内复核更新目录,并将日期记入 `last_reviewed`。
package baomi.controls.classification_catalog

import data.baomi.lib

applicable contains addr if some addr, _ in input.organization

_catalog(addr) := catalog if {
	catalog := input.organization[addr].classification_catalog
	is_object(catalog)
}

deny contains {
	"resource": addr,
	"message": sprintf("%s keeps no classification catalog for customer data", [addr]),
	"message_zh": sprintf("%s 未制定客户资料密级划分目录", [addr]),
	"attribute": "classification_catalog",
} if {
	some addr in applicable
	not is_object(object.get(input.organization[addr], "classification_catalog", null))
}

deny contains {
	"resource": addr,
	"message": sprintf("the classification catalog of %s names no owning department", [addr]),
	"message_zh": sprintf("%s 的密级目录未指明负责维护的部门", [addr]),
	"attribute": "classification_catalog.owner",
} if {
	some addr in applicable
	catalog := _catalog(addr)
	not lib.has_text(catalog, "owner")
}

deny contains {
	"resource": addr,
	"message": sprintf("the classification catalog of %s declares no review date (last_reviewed)", [addr]),
	"message_zh": sprintf("%s 的密级目录未声明最近复核日期(last_reviewed)", [addr]),
	"attribute": "classification_catalog.last_reviewed",
} if {
	some addr in applicable
	catalog := _catalog(addr)
	not is_string(object.get(catalog, "last_reviewed", null))
}

deny contains {
	"resource": addr,
	"message": sprintf("the classification catalog of %s was last reviewed on %s, more than %d days before %s", [addr, reviewed, max_age, lib.as_of]),
	"message_zh": sprintf("%s 的密级目录最近复核于 %s,距 %s 已超过 %d 天", [addr, reviewed, lib.as_of, max_age]),
	"attribute": "classification_catalog.last_reviewed",
} if {
	some addr in applicable
	reviewed := _catalog(addr).last_reviewed
	is_string(reviewed)
	max_age := lib.settings.catalog_review_max_age_days
	lib.older_than(reviewed, max_age)
}
