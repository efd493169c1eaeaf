package baomi.lib.terraform_alicloud_test

import data.baomi.lib

_facts(resources) := f if {
	f := lib.terraform_facts with input as {"terraform": resources}
}

_db(values) := {"type": "alicloud_db_instance", "provider": "alicloud", "values": values}

_policy(values) := {"type": "alicloud_db_backup_policy", "values": values}

# alicloud_db_instance

test_db_tde_enabled if {
	f := _facts({"alicloud_db_instance.kyc": _db({"tde_status": "Enabled"})})
	f["alicloud_db_instance.kyc"].store == "database"
	f["alicloud_db_instance.kyc"].encrypted == true
	f["alicloud_db_instance.kyc"].attributes.encrypted == "tde_status"
	f["alicloud_db_instance.kyc"].public == false
}

test_db_tde_disabled_read_as_written if {
	f := _facts({"alicloud_db_instance.kyc": _db({"tde_status": "Disabled"})})
	f["alicloud_db_instance.kyc"].encrypted == false
	f["alicloud_db_instance.kyc"].attributes.encrypted == "tde_status"
}

test_db_encryption_key if {
	f := _facts({
		"alicloud_db_instance.a": _db({"encryption_key": "key-1"}),
		"alicloud_db_instance.b": _db({"tde_status": "Disabled", "encryption_key": "key-1"}),
		"alicloud_db_instance.c": _db({}),
		"alicloud_db_instance.d": {"type": "alicloud_db_instance", "values": {}, "unknown": ["tde_status"]},
		"alicloud_db_instance.e": {"type": "alicloud_db_instance", "values": {"tde_status": "Disabled"}, "unknown": ["encryption_key"]},
	})
	f["alicloud_db_instance.a"].encrypted == true
	f["alicloud_db_instance.a"].attributes.encrypted == "encryption_key"
	f["alicloud_db_instance.b"].encrypted == true
	f["alicloud_db_instance.c"].encrypted == false
	f["alicloud_db_instance.c"].attributes == {}
	f["alicloud_db_instance.d"].encrypted == "unknown"
	f["alicloud_db_instance.e"].encrypted == "unknown"
}

test_db_backups_need_a_policy if {
	f := _facts({
		"alicloud_db_instance.a": _db({}),
		"alicloud_db_backup_policy.a": _policy({"instance_id": "alicloud_db_instance.a", "backup_retention_period": 30}),
		"alicloud_db_instance.b": _db({}),
		"alicloud_db_backup_policy.b": _policy({"instance_id": "alicloud_db_instance.b"}),
		"alicloud_db_instance.c": _db({}),
		"alicloud_db_backup_policy.c": _policy({"instance_id": "alicloud_db_instance.c", "backup_retention_period": 0}),
		"alicloud_db_instance.d": _db({}),
		"alicloud_db_backup_policy.d": {"type": "alicloud_db_backup_policy", "values": {"instance_id": "alicloud_db_instance.d"}, "unknown": ["backup_retention_period"]},
		"alicloud_db_instance.none": _db({}),
		"alicloud_db_instance.old": _db({}),
		"alicloud_db_backup_policy.old": _policy({"instance_id": "alicloud_db_instance.old", "retention_period": 0}),
	})
	f["alicloud_db_instance.a"].backups == true
	f["alicloud_db_instance.b"].backups == true
	f["alicloud_db_instance.c"].backups == false
	f["alicloud_db_instance.d"].backups == "unknown"
	f["alicloud_db_instance.none"].backups == "unknown"
	f["alicloud_db_instance.old"].backups == false
}

test_db_cross_region_backup if {
	f := _facts({
		"module.kyc.alicloud_db_instance.main": _db({}),
		"module.kyc.alicloud_rds_instance_cross_backup_policy.main": {"type": "alicloud_rds_instance_cross_backup_policy", "values": {"instance_id": "alicloud_db_instance.main"}},
		"alicloud_db_instance.other": _db({}),
	})
	f["module.kyc.alicloud_db_instance.main"].offsite_copy == true
	f["alicloud_db_instance.other"].offsite_copy == false
}

# alicloud_oss_bucket

_bucket(values) := {"type": "alicloud_oss_bucket", "values": values}

test_oss_encryption_rule if {
	f := _facts({
		"alicloud_oss_bucket.a": _bucket({"server_side_encryption_rule": [{"sse_algorithm": "SM4"}]}),
		"alicloud_oss_bucket.b": _bucket({"server_side_encryption_rule": {"sse_algorithm": "KMS"}}),
		"alicloud_oss_bucket.c": _bucket({}),
		"alicloud_oss_bucket.d": {"type": "alicloud_oss_bucket", "values": {}, "unknown": ["server_side_encryption_rule.sse_algorithm"]},
		"alicloud_oss_bucket.e": {"type": "alicloud_oss_bucket", "values": {}, "unknown": ["server_side_encryption_rule"]},
		"alicloud_oss_bucket.f": _bucket({"server_side_encryption_rule": []}),
	})
	f["alicloud_oss_bucket.a"].store == "object_storage"
	f["alicloud_oss_bucket.a"].encrypted == true
	f["alicloud_oss_bucket.a"].attributes.encrypted == "server_side_encryption_rule.sse_algorithm"
	f["alicloud_oss_bucket.b"].encrypted == true
	f["alicloud_oss_bucket.c"].encrypted == false
	f["alicloud_oss_bucket.d"].encrypted == "unknown"
	f["alicloud_oss_bucket.e"].encrypted == "unknown"
	f["alicloud_oss_bucket.f"].encrypted == false
}

test_oss_encryption_companion_by_reference_and_literal_name if {
	f := _facts({
		"alicloud_oss_bucket.a": _bucket({"bucket": "kyc-a"}),
		"alicloud_oss_bucket_server_side_encryption.a": {"type": "alicloud_oss_bucket_server_side_encryption", "values": {"bucket": "alicloud_oss_bucket.a", "sse_algorithm": "KMS"}},
		"alicloud_oss_bucket.b": _bucket({"bucket": "kyc-b"}),
		"alicloud_oss_bucket_server_side_encryption.b": {"type": "alicloud_oss_bucket_server_side_encryption", "values": {"bucket": "kyc-b", "sse_algorithm": "SM4"}},
		"alicloud_oss_bucket.c": _bucket({"bucket": "kyc-c"}),
		"alicloud_oss_bucket_server_side_encryption.c": {"type": "alicloud_oss_bucket_server_side_encryption", "values": {"bucket": "kyc-c"}, "unknown": ["sse_algorithm"]},
	})
	f["alicloud_oss_bucket.a"].encrypted == true
	f["alicloud_oss_bucket.b"].encrypted == true
	f["alicloud_oss_bucket.c"].encrypted == "unknown"
}

test_oss_public if {
	f := _facts({
		"alicloud_oss_bucket.a": _bucket({"acl": "public-read-write"}),
		"alicloud_oss_bucket.b": _bucket({"acl": "private"}),
		"alicloud_oss_bucket.c": _bucket({"bucket": "kyc-c"}),
		"alicloud_oss_bucket_acl.c": {"type": "alicloud_oss_bucket_acl", "values": {"bucket": "kyc-c", "acl": "public-read"}},
		"alicloud_oss_bucket.d": _bucket({}),
		"alicloud_oss_bucket.e": {"type": "alicloud_oss_bucket", "values": {}, "unknown": ["acl"]},
	})
	f["alicloud_oss_bucket.a"].public == true
	f["alicloud_oss_bucket.a"].attributes.public == "acl"
	f["alicloud_oss_bucket.b"].public == false
	f["alicloud_oss_bucket.c"].public == true
	f["alicloud_oss_bucket.d"].public == false
	f["alicloud_oss_bucket.e"].public == "unknown"
}

test_oss_replication if {
	f := _facts({
		"alicloud_oss_bucket.a": _bucket({}),
		"alicloud_oss_bucket_replication.a": {"type": "alicloud_oss_bucket_replication", "values": {"bucket": "alicloud_oss_bucket.a"}},
		"alicloud_oss_bucket.b": _bucket({}),
	})
	f["alicloud_oss_bucket.a"].offsite_copy == true
	f["alicloud_oss_bucket.b"].offsite_copy == false
	f["alicloud_oss_bucket.b"].backups == "unknown"
}

# disks

test_disks if {
	f := _facts({
		"alicloud_disk.a": {"type": "alicloud_disk", "values": {"encrypted": true}},
		"alicloud_ecs_disk.b": {"type": "alicloud_ecs_disk", "values": {"encrypted": false}},
		"alicloud_ecs_disk.c": {"type": "alicloud_ecs_disk", "values": {}},
	})
	f["alicloud_disk.a"].store == "block_storage"
	f["alicloud_disk.a"].encrypted == true
	f["alicloud_ecs_disk.b"].encrypted == false
	f["alicloud_ecs_disk.c"].encrypted == "unknown"
	f["alicloud_ecs_disk.c"].public == false
}
