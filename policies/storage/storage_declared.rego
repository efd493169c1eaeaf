# METADATA
# title: Deployed storage is declared in the inventory
# description: |
#   A warning, never a failure. A Terraform storage resource that links to no system
#   of the inventory (neither named in a system's `terraform` list nor tagged with
#   the `terraform_system_tag` setting, default `baomi-system`) is an undeclared
#   store of unknown content. A resource tagged with the value `none` declares that
#   it holds no customer data, and passes.
# custom:
#   id: BM-4.2.1-08
#   short_code: storage-declared
#   article: "4.2.1"
#   severity: low
#   title_zh: 已部署的存储已在清单中声明
#   remediation: Link the resource to the system whose data it stores (`terraform = ["<address>"]` on the system, or the tag `baomi-system = "<system>"`), or tag it `baomi-system = "none"` if it holds no customer data.
#   remediation_zh: 将该资源关联到其所存放资料的系统(在系统中声明 `terraform = ["<地址>"]`,或添加标签 `baomi-system = "<系统>"`);如不存放客户资料,添加标签 `baomi-system = "none"`。
package baomi.controls.storage_declared

import data.baomi.lib

applicable contains addr if {
	some addr, _ in lib.terraform_facts
}

warn contains {
	"resource": addr,
	"message": sprintf("%s (%s) is linked to no system of the inventory: an undeclared store of unknown content", [addr, replace(lib.terraform_facts[addr].store, "_", " ")]),
	"message_zh": sprintf("%s 是未关联到清单中任何系统的存储资源,其所存内容未经声明", [addr]),
} if {
	some addr in applicable
	not input.terraform[addr].system
	not addr in lib.terraform_declared_empty
}
