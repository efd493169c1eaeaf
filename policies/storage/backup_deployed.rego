# METADATA
# title: Deployed backups match the declared backups
# description: |
#   For a Terraform storage resource linked to a system that holds customer data: a
#   database fails when its automated backups are off; a store whose system declares
#   a backup at a site other than its own fails when its configuration keeps no copy
#   in another region (cross-region backup or replication). A warning when the fact
#   that decides cannot be shown from the configuration. A fact that decides nothing
#   is not judged: a volume's backups, the off-site copy of a system that declares
#   none; a resource with nothing to judge gets no result.
# custom:
#   id: BM-4.2.3-04
#   short_code: backup-deployed
#   article: "4.2.3"
#   severity: high
#   title_zh: 已部署资源的备份与声明一致
#   remediation: Turn on automated backups (e.g. `backup_retention_period` above 0, or an alicloud_db_backup_policy), and for systems declaring an off-site backup add a cross-region copy (aws_db_instance_automated_backups_replication, aws_s3_bucket_replication_configuration, alicloud_rds_instance_cross_backup_policy, alicloud_oss_bucket_replication, replica_rules).
#   remediation_zh: 开启自动备份(例如 `backup_retention_period` 大于 0,或配置 alicloud_db_backup_policy);对声明了异地备份的系统,增加跨地域副本(aws_db_instance_automated_backups_replication、aws_s3_bucket_replication_configuration、alicloud_rds_instance_cross_backup_policy、alicloud_oss_bucket_replication、replica_rules)。
package baomi.controls.backup_deployed

import data.baomi.lib

applicable contains addr if {
	some addr in lib.terraform_linked_storage
	_judged(addr)
}

deny contains lib.terraform_finding(
	addr,
	"backups",
	sprintf("%s is a database holding customer data of %s but its automated backups are off", [addr, input.terraform[addr].system]),
	sprintf("%s 是存放 %s 客户资料的数据库,但其自动备份未开启", [addr, input.terraform[addr].system]),
) if {
	some addr in applicable
	_database(addr)
	lib.terraform_facts[addr].backups == false
}

deny contains lib.terraform_finding(
	addr,
	"offsite_copy",
	sprintf("%s declares a backup at another site (%s) but %s keeps no copy in another region", [sys, concat(", ", sort(sites)), addr]),
	sprintf("%s 声明了在其他场所(%s)的备份,但 %s 未在其他地域保留副本", [sys, concat(", ", sort(sites)), addr]),
) if {
	some addr in applicable
	sys := input.terraform[addr].system
	sites := _offsite(addr)
	count(sites) > 0
	lib.terraform_facts[addr].offsite_copy == false
}

warn contains lib.terraform_finding(
	addr,
	"backups",
	sprintf("%s is a database holding customer data of %s; that its automated backups are on cannot be shown from the configuration", [addr, input.terraform[addr].system]),
	sprintf("%s 是存放 %s 客户资料的数据库,无法从配置中证明其已开启自动备份", [addr, input.terraform[addr].system]),
) if {
	some addr in applicable
	_database(addr)
	not object.get(lib.terraform_facts[addr], "backups", null) in {true, false}
}

warn contains lib.terraform_finding(
	addr,
	"offsite_copy",
	sprintf("%s declares a backup at another site (%s); a copy of %s in another region cannot be shown from the configuration", [sys, concat(", ", sort(sites)), addr]),
	sprintf("%s 声明了在其他场所(%s)的备份,无法从配置中证明 %s 在其他地域保留副本", [sys, concat(", ", sort(sites)), addr]),
) if {
	some addr in applicable
	sys := input.terraform[addr].system
	sites := _offsite(addr)
	count(sites) > 0
	not object.get(lib.terraform_facts[addr], "offsite_copy", null) in {true, false}
}

_database(addr) if lib.terraform_facts[addr].store == "database"

_judged(addr) if _database(addr)

_judged(addr) if count(_offsite(addr)) > 0

# The backup sites the linked system declares other than its own site.
_offsite(addr) := lib.offsite_backup_sites(input.systems[input.terraform[addr].system])
