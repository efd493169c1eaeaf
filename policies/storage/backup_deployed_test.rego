package baomi.controls.backup_deployed_test

import data.baomi.controls.backup_deployed

_inv(system, resources) := {
	"as_of": "2026-11-26",
	"systems": {"system.s": system, "system.idle": {}},
	"data_assets": {"data_asset.contacts": {"stored_in": ["system.s"]}},
	"terraform": resources,
}

_offsite := {"site": "site.hq", "backup": [{"frequency": "daily", "site": "site.dr"}]}

_onsite := {"site": "site.hq", "backup": [{"frequency": "daily", "site": "site.hq"}]}

_db(values) := {"type": "aws_db_instance", "system": "system.s", "values": values}

_bucket := {"type": "aws_s3_bucket", "system": "system.s", "values": {"bucket": "acme-docs"}}

test_pass_database_with_backups_and_no_offsite_declared if {
	inv := _inv(_onsite, {"aws_db_instance.crm": _db({"backup_retention_period": 7})})
	backup_deployed.applicable == {"aws_db_instance.crm"} with input as inv
	count(backup_deployed.deny) == 0 with input as inv
	count(backup_deployed.warn) == 0 with input as inv
}

test_fail_database_backups_off if {
	inv := _inv(_onsite, {"aws_db_instance.crm": _db({"backup_retention_period": 0})})
	backup_deployed.deny == {{
		"resource": "aws_db_instance.crm",
		"message": "aws_db_instance.crm is a database holding customer data of system.s but its automated backups are off",
		"message_zh": "aws_db_instance.crm 是存放 system.s 客户资料的数据库,但其自动备份未开启",
		"attribute": "backup_retention_period",
	}} with input as inv
}

test_warn_database_backups_unknown if {
	inv := _inv(_onsite, {"alicloud_db_instance.kyc": {"type": "alicloud_db_instance", "system": "system.s", "values": {}}})
	count(backup_deployed.deny) == 0 with input as inv
	some f in backup_deployed.warn with input as inv
	f.resource == "alicloud_db_instance.kyc"
}

test_fail_no_offsite_copy_while_declared if {
	inv := _inv(_offsite, {"aws_s3_bucket.docs": _bucket})
	backup_deployed.applicable == {"aws_s3_bucket.docs"} with input as inv
	backup_deployed.deny == {{
		"resource": "aws_s3_bucket.docs",
		"message": "system.s declares a backup at another site (site.dr) but aws_s3_bucket.docs keeps no copy in another region",
		"message_zh": "system.s 声明了在其他场所(site.dr)的备份,但 aws_s3_bucket.docs 未在其他地域保留副本",
	}} with input as inv
}

test_pass_offsite_copy_by_reference_or_literal_name if {
	every bucket in ["aws_s3_bucket.docs", "acme-docs"] {
		inv := _inv(_offsite, {
			"aws_s3_bucket.docs": _bucket,
			"aws_s3_bucket_replication_configuration.docs": {"type": "aws_s3_bucket_replication_configuration", "values": {"bucket": bucket}},
		})
		count(backup_deployed.deny) == 0 with input as inv
		count(backup_deployed.warn) == 0 with input as inv
	}
}

test_database_judged_on_both_facts if {
	inv := _inv(_offsite, {"aws_db_instance.crm": _db({"backup_retention_period": 0})})
	count(backup_deployed.deny) == 2 with input as inv
}

test_warn_offsite_unknown if {
	inv := _inv(_offsite, {"tencentcloud_cos_bucket.docs": {"type": "tencentcloud_cos_bucket", "system": "system.s", "values": {}, "unknown": ["replica_rules"]}})
	count(backup_deployed.deny) == 0 with input as inv
	some f in backup_deployed.warn with input as inv
	f.attribute == "replica_rules"
}

test_offsite_copy_not_judged_without_declared_offsite_backup if {
	inv := _inv(_onsite, {"aws_s3_bucket.docs": _bucket, "aws_ebs_volume.data": {"type": "aws_ebs_volume", "system": "system.s", "values": {}}})
	count(backup_deployed.applicable) == 0 with input as inv
	inv2 := _inv({"backup": [{"site": "site.dr"}]}, {"aws_s3_bucket.docs": _bucket})
	count(backup_deployed.applicable) == 0 with input as inv2
}

test_not_applicable_unlinked_or_idle if {
	inv := _inv(_offsite, {
		"aws_db_instance.free": {"type": "aws_db_instance", "values": {"backup_retention_period": 0}},
		"aws_db_instance.idle": {"type": "aws_db_instance", "system": "system.idle", "values": {"backup_retention_period": 0}},
	})
	count(backup_deployed.applicable) == 0 with input as inv
	count(backup_deployed.deny) == 0 with input as inv
}

test_warn_when_a_provider_leaves_the_facts_out if {
	inv := _inv(_offsite, {"google_sql_database_instance.crm": {"type": "google_sql_database_instance", "system": "system.s", "values": {}}})
	facts := {{"google_sql_database_instance.crm": {"store": "database", "encrypted": true, "public": false, "attributes": {}}}}
	count(backup_deployed.warn) == 2 with input as inv with data.baomi.lib.terraform_provider_facts as facts
	count(backup_deployed.deny) == 0 with input as inv with data.baomi.lib.terraform_provider_facts as facts
}
