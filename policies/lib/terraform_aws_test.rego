package baomi.lib.terraform_aws_test

import data.baomi.lib

_facts(resources) := f if {
	f := lib.terraform_facts with input as {"terraform": resources}
}

_db(values) := {"type": "aws_db_instance", "provider": "aws", "values": values}

_db_unknown(values, unknown) := object.union(_db(values), {"unknown": unknown})

# aws_db_instance

test_db_instance_as_written if {
	f := _facts({"aws_db_instance.crm": _db({"storage_encrypted": true, "publicly_accessible": true, "backup_retention_period": 7})})
	f["aws_db_instance.crm"].store == "database"
	f["aws_db_instance.crm"].encrypted == true
	f["aws_db_instance.crm"].public == true
	f["aws_db_instance.crm"].backups == true
	f["aws_db_instance.crm"].offsite_copy == false
	f["aws_db_instance.crm"].attributes == {"encrypted": "storage_encrypted", "public": "publicly_accessible", "backups": "backup_retention_period"}
}

test_db_instance_explicit_false_and_zero_retention if {
	f := _facts({"aws_db_instance.crm": _db({"storage_encrypted": false, "publicly_accessible": false, "backup_retention_period": 0})})
	f["aws_db_instance.crm"].encrypted == false
	f["aws_db_instance.crm"].public == false
	f["aws_db_instance.crm"].backups == false
	f["aws_db_instance.crm"].attributes.backups == "backup_retention_period"
}

test_db_instance_defaults if {
	f := _facts({"aws_db_instance.crm": _db({"engine": "mysql"})})
	f["aws_db_instance.crm"].encrypted == false
	f["aws_db_instance.crm"].public == false
	f["aws_db_instance.crm"].backups == true
	f["aws_db_instance.crm"].attributes == {}
}

test_db_instance_retention_written_as_string if {
	f := _facts({"aws_db_instance.crm": _db({"backup_retention_period": "0"})})
	f["aws_db_instance.crm"].backups == false
}

test_db_instance_unknown_values if {
	f := _facts({"aws_db_instance.crm": _db_unknown({}, ["storage_encrypted", "publicly_accessible", "backup_retention_period"])})
	f["aws_db_instance.crm"].encrypted == "unknown"
	f["aws_db_instance.crm"].public == "unknown"
	f["aws_db_instance.crm"].backups == "unknown"
	f["aws_db_instance.crm"].attributes.encrypted == "storage_encrypted"
}

test_db_instance_non_boolean_is_unknown if {
	f := _facts({"aws_db_instance.crm": _db({"storage_encrypted": "yes"})})
	f["aws_db_instance.crm"].encrypted == "unknown"
}

test_db_instance_boolean_written_as_string if {
	f := _facts({
		"aws_db_instance.a": _db({"storage_encrypted": "false"}),
		"aws_db_instance.b": _db({"storage_encrypted": "true"}),
	})
	f["aws_db_instance.a"].encrypted == false
	f["aws_db_instance.b"].encrypted == true
}

test_db_instance_from_snapshot_or_replica if {
	f := _facts({
		"aws_db_instance.restored": _db({"snapshot_identifier": "snap-1"}),
		"aws_db_instance.replica": _db({"replicate_source_db": "aws_db_instance.crm"}),
		"aws_db_instance.replica_encrypted": _db({"replicate_source_db": "x", "storage_encrypted": true}),
	})
	f["aws_db_instance.restored"].encrypted == "unknown"
	f["aws_db_instance.restored"].backups == true
	f["aws_db_instance.replica"].encrypted == "unknown"
	f["aws_db_instance.replica"].backups == "unknown"
	f["aws_db_instance.replica_encrypted"].encrypted == true
}

test_db_instance_backups_replicated_by_reference if {
	f := _facts({
		"aws_db_instance.crm": _db({}),
		"aws_db_instance.other": _db({}),
		"aws_db_instance_automated_backups_replication.crm": {"type": "aws_db_instance_automated_backups_replication", "values": {"source_db_instance_arn": "aws_db_instance.crm"}},
	})
	f["aws_db_instance.crm"].offsite_copy == true
	f["aws_db_instance.other"].offsite_copy == false
	not f["aws_db_instance_automated_backups_replication.crm"]
}

test_db_instance_replication_resolved_within_module if {
	f := _facts({
		"module.crm.aws_db_instance.main": _db({}),
		"aws_db_instance.main": _db({}),
		"module.crm.aws_db_instance_automated_backups_replication.main": {"type": "aws_db_instance_automated_backups_replication", "values": {"source_db_instance_arn": "aws_db_instance.main"}},
	})
	f["module.crm.aws_db_instance.main"].offsite_copy == true
	f["aws_db_instance.main"].offsite_copy == true
}

# aws_rds_cluster

test_rds_cluster if {
	f := _facts({
		"aws_rds_cluster.a": {"type": "aws_rds_cluster", "values": {"storage_encrypted": false}},
		"aws_rds_cluster.b": {"type": "aws_rds_cluster", "values": {}},
		"aws_rds_cluster.c": {"type": "aws_rds_cluster", "values": {"engine_mode": "serverless"}},
		"aws_rds_cluster.d": {"type": "aws_rds_cluster", "values": {}, "unknown": ["engine_mode"]},
	})
	f["aws_rds_cluster.a"].encrypted == false
	f["aws_rds_cluster.a"].attributes.encrypted == "storage_encrypted"
	f["aws_rds_cluster.b"].encrypted == false
	f["aws_rds_cluster.c"].encrypted == true
	f["aws_rds_cluster.d"].encrypted == "unknown"
	f["aws_rds_cluster.a"].backups == true
	f["aws_rds_cluster.a"].public == false
	f["aws_rds_cluster.a"].offsite_copy == "unknown"
}

# aws_s3_bucket

_bucket(name) := {"type": "aws_s3_bucket", "values": {"bucket": name}}

_acl(bucket, acl) := {"type": "aws_s3_bucket_acl", "values": {"bucket": bucket, "acl": acl}}

_block(bucket, values) := {"type": "aws_s3_bucket_public_access_block", "values": object.union({"bucket": bucket}, values)}

test_s3_bucket_private_by_default_and_encrypted if {
	f := _facts({"aws_s3_bucket.docs": _bucket("acme-docs")})
	f["aws_s3_bucket.docs"].store == "object_storage"
	f["aws_s3_bucket.docs"].encrypted == true
	f["aws_s3_bucket.docs"].public == false
	f["aws_s3_bucket.docs"].backups == "unknown"
	f["aws_s3_bucket.docs"].offsite_copy == false
}

test_s3_public_acl_by_reference if {
	every acl in ["public-read", "public-read-write"] {
		f := _facts({"aws_s3_bucket.docs": _bucket("acme-docs"), "aws_s3_bucket_acl.docs": _acl("aws_s3_bucket.docs", acl)})
		f["aws_s3_bucket.docs"].public == true
	}
}

test_s3_public_acl_by_literal_name if {
	f := _facts({
		"aws_s3_bucket.docs": _bucket("acme-docs"),
		"aws_s3_bucket.other": _bucket("acme-other"),
		"aws_s3_bucket_acl.docs": _acl("acme-docs", "public-read"),
	})
	f["aws_s3_bucket.docs"].public == true
	f["aws_s3_bucket.other"].public == false
}

test_s3_private_acl if {
	f := _facts({"aws_s3_bucket.docs": _bucket("acme-docs"), "aws_s3_bucket_acl.docs": _acl("aws_s3_bucket.docs", "private")})
	f["aws_s3_bucket.docs"].public == false
}

test_s3_own_acl_argument if {
	f := _facts({"aws_s3_bucket.web": {"type": "aws_s3_bucket", "values": {"acl": "public-read"}}})
	f["aws_s3_bucket.web"].public == true
	f["aws_s3_bucket.web"].attributes.public == "acl"
}

test_s3_public_access_block_overrides_public_acl if {
	every block in [{"ignore_public_acls": true}, {"ignore_public_acls": true, "block_public_acls": true}] {
		f := _facts({
			"aws_s3_bucket.docs": _bucket("acme-docs"),
			"aws_s3_bucket_acl.docs": _acl("aws_s3_bucket.docs", "public-read"),
			"aws_s3_bucket_public_access_block.docs": _block("aws_s3_bucket.docs", block),
		})
		f["aws_s3_bucket.docs"].public == false
	}
}

test_s3_block_public_acls_alone_leaves_an_applied_acl if {
	f := _facts({
		"aws_s3_bucket.docs": _bucket("acme-docs"),
		"aws_s3_bucket_acl.docs": _acl("aws_s3_bucket.docs", "public-read"),
		"aws_s3_bucket_public_access_block.docs": _block("aws_s3_bucket.docs", {"block_public_acls": true}),
	})
	f["aws_s3_bucket.docs"].public == "unknown"
}

test_s3_public_access_block_without_a_public_acl if {
	f := _facts({
		"aws_s3_bucket.docs": _bucket("acme-docs"),
		"aws_s3_bucket_public_access_block.docs": object.union(_block("aws_s3_bucket.docs", {}), {"unknown": ["ignore_public_acls"]}),
	})
	f["aws_s3_bucket.docs"].public == false
}

test_s3_public_access_block_not_blocking_acls if {
	f := _facts({
		"aws_s3_bucket.docs": _bucket("acme-docs"),
		"aws_s3_bucket_acl.docs": _acl("aws_s3_bucket.docs", "public-read"),
		"aws_s3_bucket_public_access_block.docs": _block("aws_s3_bucket.docs", {"block_public_policy": true, "block_public_acls": false}),
	})
	f["aws_s3_bucket.docs"].public == true
}

test_s3_public_access_block_unknown if {
	f := _facts({
		"aws_s3_bucket.docs": _bucket("acme-docs"),
		"aws_s3_bucket_acl.docs": _acl("aws_s3_bucket.docs", "public-read"),
		"aws_s3_bucket_public_access_block.docs": object.union(_block("aws_s3_bucket.docs", {}), {"unknown": ["block_public_acls"]}),
	})
	f["aws_s3_bucket.docs"].public == "unknown"
}

test_s3_acl_unknown if {
	f := _facts({
		"aws_s3_bucket.docs": _bucket("acme-docs"),
		"aws_s3_bucket_acl.docs": {"type": "aws_s3_bucket_acl", "values": {"bucket": "aws_s3_bucket.docs"}, "unknown": ["acl"]},
		"aws_s3_bucket.grants": _bucket("acme-grants"),
		"aws_s3_bucket_acl.grants": {"type": "aws_s3_bucket_acl", "values": {"bucket": "acme-grants", "access_control_policy": [{"grant": []}]}},
	})
	f["aws_s3_bucket.docs"].public == "unknown"
	f["aws_s3_bucket.grants"].public == "unknown"
}

test_s3_canned_acl_with_computed_grants_in_a_plan if {
	f := _facts({
		"aws_s3_bucket.docs": _bucket("acme-docs"),
		"aws_s3_bucket_acl.docs": {"type": "aws_s3_bucket_acl", "values": {"bucket": "aws_s3_bucket.docs", "acl": "private"}, "unknown": ["access_control_policy"]},
	})
	f["aws_s3_bucket.docs"].public == false
}

test_s3_replication if {
	f := _facts({
		"aws_s3_bucket.docs": _bucket("acme-docs"),
		"aws_s3_bucket_replication_configuration.docs": {"type": "aws_s3_bucket_replication_configuration", "values": {"bucket": "aws_s3_bucket.docs"}},
		"aws_s3_bucket.legacy": {"type": "aws_s3_bucket", "values": {"replication_configuration": [{"role": "r"}]}},
		"aws_s3_bucket.plan": {"type": "aws_s3_bucket", "values": {"replication_configuration": [], "acl": null}},
	})
	f["aws_s3_bucket.docs"].offsite_copy == true
	f["aws_s3_bucket.legacy"].offsite_copy == true
	f["aws_s3_bucket.plan"].offsite_copy == false
	f["aws_s3_bucket.plan"].public == false
}

# volumes and file systems

test_ebs_and_efs if {
	f := _facts({
		"aws_ebs_volume.a": {"type": "aws_ebs_volume", "values": {"encrypted": true}},
		"aws_ebs_volume.b": {"type": "aws_ebs_volume", "values": {"encrypted": false}},
		"aws_ebs_volume.c": {"type": "aws_ebs_volume", "values": {}},
		"aws_efs_file_system.d": {"type": "aws_efs_file_system", "values": {}},
	})
	f["aws_ebs_volume.a"].store == "block_storage"
	f["aws_ebs_volume.a"].encrypted == true
	f["aws_ebs_volume.b"].encrypted == false
	f["aws_ebs_volume.c"].encrypted == "unknown"
	f["aws_efs_file_system.d"].store == "file_storage"
	f["aws_efs_file_system.d"].encrypted == "unknown"
	f["aws_ebs_volume.a"].public == false
	f["aws_ebs_volume.a"].backups == "unknown"
}

test_non_storage_types_have_no_facts if {
	f := _facts({
		"aws_iam_role.r": {"type": "aws_iam_role", "values": {}},
		"aws_s3_bucket_acl.a": _acl("x", "public-read"),
	})
	count(f) == 0
}
