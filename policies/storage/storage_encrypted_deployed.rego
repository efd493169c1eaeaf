# METADATA
# title: Deployed storage of customer data is encrypted at rest
# description: |
#   A Terraform storage resource (database, object storage, block or file storage)
#   linked to a system that holds customer data fails when its deployed configuration
#   does not encrypt data at rest, read from the provider's attributes with their
#   documented defaults (policies/lib/terraform_*.rego). It gets a warning when the
#   configuration cannot show it: a value not known statically, or a default that
#   depends on settings outside the configuration. The result is on the Terraform
#   address, at the attribute that decided.
# custom:
#   id: BM-4.2.1-05
#   short_code: storage-encrypted-deployed
#   article: "4.2.1"
#   severity: high
#   title_zh: 已部署的客户资料存储已加密
#   remediation: Turn on encryption at rest in the resource's configuration, e.g. `storage_encrypted = true` (aws_db_instance), `encrypted = true` (volumes), `tde_status = "Enabled"` (alicloud_db_instance) or a server-side encryption rule (buckets), and write the value statically.
#   remediation_zh: 在该资源的配置中开启静态加密,例如 `storage_encrypted = true`(aws_db_instance)、`encrypted = true`(云盘)、`tde_status = "Enabled"`(alicloud_db_instance)或为存储桶配置服务端加密规则,并以静态值写明。
package baomi.controls.storage_encrypted_deployed

import data.baomi.lib

applicable contains addr if {
	some addr in lib.terraform_linked_storage
}

deny contains lib.terraform_finding(
	addr,
	"encrypted",
	sprintf("%s stores customer data of %s but its deployed configuration does not encrypt it at rest", [addr, sys]),
	sprintf("%s 存放 %s 的客户资料,但其部署配置未对数据实行静态加密", [addr, sys]),
) if {
	some addr in applicable
	lib.terraform_facts[addr].encrypted == false
	sys := input.terraform[addr].system
}

warn contains lib.terraform_finding(
	addr,
	"encrypted",
	sprintf("%s stores customer data of %s; encryption at rest cannot be shown from the configuration", [addr, sys]),
	sprintf("%s 存放 %s 的客户资料,无法从配置中证明其已实行静态加密", [addr, sys]),
) if {
	some addr in applicable
	not object.get(lib.terraform_facts[addr], "encrypted", null) in {true, false}
	sys := input.terraform[addr].system
}
