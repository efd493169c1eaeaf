# The facts of the Alibaba Cloud provider's storage resources (aliyun/alicloud), each
# rule checked against the provider's documentation cited beside it (the provider's
# pages as published on help.aliyun.com and registry.terraform.io). An absent attribute
# takes the documented default; where that default is unclear, the fact is unknown.
package baomi.lib

terraform_provider_facts contains {addr: facts |
	some addr in terraform_of_types({"alicloud_db_instance", "alicloud_oss_bucket", "alicloud_disk", "alicloud_ecs_disk"})
	facts := _alicloud_facts(addr, input.terraform[addr])
}

# alicloud_db_instance: https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/db_instance
# It has no public-access setting of its own.
_alicloud_facts(addr, r) := terraform_fact_record(
	"database",
	_alicloud_db_encrypted(r),
	[false, ""],
	_alicloud_db_backups(addr),
	terraform_in(addr, _alicloud_db_cross_region),
) if r.type == "alicloud_db_instance"

# alicloud_oss_bucket: https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/oss_bucket
_alicloud_facts(addr, r) := terraform_fact_record(
	"object_storage",
	terraform_either(
		terraform_set(r, "server_side_encryption_rule.sse_algorithm"),
		terraform_by_companion(addr, _alicloud_oss_encrypted, _alicloud_oss_encryption_unknown),
	),
	terraform_either(
		terraform_public_acl(r, "acl"),
		terraform_by_companion(addr, _alicloud_oss_acl_public, _alicloud_oss_acl_unknown),
	),
	["unknown", ""],
	terraform_in(addr, _alicloud_oss_replicated),
) if r.type == "alicloud_oss_bucket"

# alicloud_disk and alicloud_ecs_disk:
# https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/ecs_disk
# A disk without encrypted is encrypted when the account's disk encryption by default is
# on (alicloud_ecs_disk_encryption_by_default, "Default encryption configuration
# capability for cloud storage"), which the configuration need not hold: unknown.
_alicloud_facts(addr, r) := terraform_fact_record(
	"block_storage",
	terraform_bool(r, "encrypted", "unknown"),
	[false, ""],
	["unknown", ""],
	["unknown", ""],
) if r.type in {"alicloud_disk", "alicloud_ecs_disk"}

# tde_status: "The TDE (Transparent Data Encryption) status", Enabled or Disabled,
# off unless enabled; encryption_key: the key that encrypts the instance's cloud disks
# (https://help.aliyun.com/en/rds/api-query-settings-of-tde: "Valid values: Enabled and
# Disabled"). Either makes the data encrypted; a status written "Disabled" is read as
# written.
_alicloud_db_encrypted(r) := terraform_either(_alicloud_tde(r), terraform_set(r, "encryption_key"))

_alicloud_tde(r) := ["unknown", "tde_status"] if {
	terraform_unknown(r, "tde_status")
} else := [terraform_value(r, "tde_status") == "Enabled", "tde_status"] if {
	terraform_present(r, "tde_status")
} else := [false, ""]

# Backup policies for an instance: alicloud_db_backup_policy
# (https://help.aliyun.com/document_detail/2588415.html; "Each DB instance has a backup
# policy", instance_id names it; backup_retention_period, formerly retention_period,
# "Default to 7", valid values 7 to 730). An instance without a policy in the
# configuration keeps the account's default, which is not in it: unknown.
_alicloud_db_policies := terraform_companions({"alicloud_db_backup_policy"}, "instance_id")

_alicloud_db_backups(addr) := ["unknown", ""] if {
	not addr in _alicloud_db_with_policy
} else := terraform_by_companion(addr, _alicloud_db_backed_up, _alicloud_db_backup_unknown)

_alicloud_db_with_policy := terraform_companion_of(_alicloud_db_policies)

_alicloud_db_backed_up := {db |
	some [db, policy] in _alicloud_db_policies
	_alicloud_retention(input.terraform[policy])[0] == true
}

_alicloud_db_backup_unknown := {db |
	some [db, policy] in _alicloud_db_policies
	_alicloud_retention(input.terraform[policy])[0] == "unknown"
}

_alicloud_retention(p) := terraform_positive(p, "backup_retention_period", true) if {
	terraform_present(p, "backup_retention_period")
} else := terraform_positive(p, "retention_period", true)

# alicloud_rds_instance_cross_backup_policy: cross-region backup of an instance
# (https://help.aliyun.com/document_detail/2588401.html, "For information about RDS cross
# region backup settings"; instance_id names it).
_alicloud_db_cross_region := terraform_companion_of(terraform_companions({"alicloud_rds_instance_cross_backup_policy"}, "instance_id"))

# server_side_encryption_rule.sse_algorithm (AES256, KMS or SM4), or an
# alicloud_oss_bucket_server_side_encryption for the bucket
# (https://help.aliyun.com/document_detail/2779954.html, "Server-side encryption rules of
# the bucket"; bucket names it, sse_algorithm). Without either, no server-side encryption
# rule is configured.
_alicloud_oss_sse_pairs := terraform_companions({"alicloud_oss_bucket_server_side_encryption"}, "bucket")

_alicloud_oss_encrypted := {b |
	some [b, sse] in _alicloud_oss_sse_pairs
	terraform_set(input.terraform[sse], "sse_algorithm")[0] == true
}

_alicloud_oss_encryption_unknown := {b |
	some [b, sse] in _alicloud_oss_sse_pairs
	terraform_set(input.terraform[sse], "sse_algorithm")[0] == "unknown"
}

# acl public-read or public-read-write, or an alicloud_oss_bucket_acl for the bucket with
# one (https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/oss_bucket_acl).
# The bucket ACL is private by default ("private (default)",
# https://help.aliyun.com/en/oss/user-guide/oss-bucket-acl).
_alicloud_oss_acl_pairs := terraform_companions({"alicloud_oss_bucket_acl"}, "bucket")

_alicloud_oss_acl_public := {b |
	some [b, acl] in _alicloud_oss_acl_pairs
	terraform_public_acl(input.terraform[acl], "acl")[0] == true
}

_alicloud_oss_acl_unknown := {b |
	some [b, acl] in _alicloud_oss_acl_pairs
	terraform_public_acl(input.terraform[acl], "acl")[0] == "unknown"
}

# alicloud_oss_bucket_replication: replication of the bucket's objects to another bucket
# (https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/oss_bucket_replication).
_alicloud_oss_replicated := terraform_companion_of(terraform_companions({"alicloud_oss_bucket_replication"}, "bucket"))
