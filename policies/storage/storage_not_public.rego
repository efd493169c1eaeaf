# METADATA
# title: Deployed storage of customer data is not public
# description: |
#   A Terraform storage resource linked to a system that holds customer data fails
#   when its deployed configuration makes it readable or writable by anyone: a public
#   canned ACL (public-read, public-read-write) not overridden by a public-access
#   block, or a database marked publicly accessible. It gets a warning when the
#   configuration cannot show it either way. The result is on the Terraform address,
#   at the attribute that decided.
# custom:
#   id: BM-4.2.1-06
#   short_code: storage-not-public
#   article: "4.2.1"
#   severity: critical
#   title_zh: 已部署的客户资料存储未公开访问
#   remediation: Make the resource private (`acl = "private"`, `publicly_accessible = false`) or block public access to it (aws_s3_bucket_public_access_block with `block_public_acls` and `ignore_public_acls`), and write the values statically.
#   remediation_zh: 将该资源设为私有(`acl = "private"`、`publicly_accessible = false`),或阻止对其的公共访问(aws_s3_bucket_public_access_block 中设置 `block_public_acls` 与 `ignore_public_acls`),并以静态值写明。
package baomi.controls.storage_not_public

import data.baomi.lib

applicable contains addr if {
	some addr in lib.terraform_linked_storage
}

deny contains lib.terraform_finding(
	addr,
	"public",
	sprintf("%s stores customer data of %s and its deployed configuration makes it public", [addr, sys]),
	sprintf("%s 存放 %s 的客户资料,其部署配置允许公共访问", [addr, sys]),
) if {
	some addr in applicable
	lib.terraform_facts[addr].public == true
	sys := input.terraform[addr].system
}

warn contains lib.terraform_finding(
	addr,
	"public",
	sprintf("%s stores customer data of %s; that it is not public cannot be shown from the configuration", [addr, sys]),
	sprintf("%s 存放 %s 的客户资料,无法从配置中证明其不允许公共访问", [addr, sys]),
) if {
	some addr in applicable
	not object.get(lib.terraform_facts[addr], "public", null) in {true, false}
	sys := input.terraform[addr].system
}
