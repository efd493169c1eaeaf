# The facts of the AWS provider's storage resources (hashicorp/aws), each rule checked
# against the provider's documentation cited beside it. An absent attribute takes the
# documented default; where that default is unclear, the fact is unknown.
package baomi.lib

terraform_provider_facts contains {addr: facts |
	some addr in terraform_of_types({"aws_db_instance", "aws_rds_cluster", "aws_s3_bucket", "aws_ebs_volume", "aws_efs_file_system"})
	facts := _aws_facts(addr, input.terraform[addr])
}

# aws_db_instance: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance
# publicly_accessible: "Default is false".
_aws_facts(addr, r) := terraform_fact_record(
	"database",
	_aws_db_encrypted(r),
	terraform_bool(r, "publicly_accessible", false),
	terraform_positive(r, "backup_retention_period", _aws_db_backup_default(r)),
	terraform_in(addr, _aws_db_backups_replicated),
) if r.type == "aws_db_instance"

# aws_rds_cluster: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster
# A cluster keeps automated backups for at least one day (backup_retention_period
# "Default 1", 1 to 35; https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.BackupRetention.html).
# It has no public-access setting of its own; its off-site copy is not mapped.
_aws_facts(addr, r) := terraform_fact_record(
	"database",
	_aws_cluster_encrypted(r),
	[false, ""],
	[true, ""],
	["unknown", ""],
) if r.type == "aws_rds_cluster"

# aws_s3_bucket: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket
# S3 encrypts every new object with SSE-S3 by default, whatever the configuration
# (https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html).
_aws_facts(addr, r) := terraform_fact_record(
	"object_storage",
	[true, ""],
	_aws_s3_public(addr, r),
	["unknown", ""],
	_aws_s3_replicated(addr, r),
) if r.type == "aws_s3_bucket"

# aws_ebs_volume: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ebs_volume#encrypted
# encrypted has no documented default: a volume without it is encrypted when the
# account's EBS encryption by default is on in its region, which the configuration need
# not hold (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ebs_encryption_by_default):
# unknown.
_aws_facts(addr, r) := terraform_fact_record(
	"block_storage",
	terraform_bool(r, "encrypted", "unknown"),
	[false, ""],
	["unknown", ""],
	["unknown", ""],
) if r.type == "aws_ebs_volume"

# aws_efs_file_system: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/efs_file_system#encrypted
# encrypted: "If true, the disk will be encrypted", no documented default: unknown.
_aws_facts(addr, r) := terraform_fact_record(
	"file_storage",
	terraform_bool(r, "encrypted", "unknown"),
	[false, ""],
	["unknown", ""],
	["unknown", ""],
) if r.type == "aws_efs_file_system"

# storage_encrypted: "The default is false if not specified" (db_instance page above).
# A replica or an instance restored from a snapshot takes its encryption from its
# source when storage_encrypted is absent: unknown.
_aws_db_encrypted(r) := terraform_bool(r, "storage_encrypted", false) if {
	terraform_present(r, "storage_encrypted")
} else := ["unknown", ""] if {
	some source in {"replicate_source_db", "snapshot_identifier"}
	terraform_present(r, source)
} else := [false, ""]

# backup_retention_period absent: the RDS API keeps automated backups for one day
# ("If you create a DB instance using the Amazon RDS API ... and if you don't set the
# backup retention period, the default backup retention period is one day",
# https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.BackupRetention.html).
# A read replica (replicate_source_db) has its own rules: unknown.
_aws_db_backup_default(r) := "unknown" if terraform_present(r, "replicate_source_db")

else := true

# storage_encrypted (rds_cluster page above): "The default is false for provisioned
# engine_mode and true for serverless engine_mode."
_aws_cluster_encrypted(r) := terraform_bool(r, "storage_encrypted", false) if {
	terraform_present(r, "storage_encrypted")
} else := ["unknown", "engine_mode"] if {
	terraform_unknown(r, "engine_mode")
} else := [true, "engine_mode"] if {
	terraform_value(r, "engine_mode") == "serverless"
} else := [false, ""]

# Databases named by an aws_db_instance_automated_backups_replication, which replicates
# a DB instance's automated backups to another region:
# https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance_automated_backups_replication
# (source_db_instance_arn: "The ARN of the source DB instance for the replicated automated backups").
_aws_db_backups_replicated := terraform_companion_of(terraform_companions({"aws_db_instance_automated_backups_replication"}, "source_db_instance_arn"))

# A bucket is public when a canned ACL public-read or public-read-write is applied to
# it (the bucket's own deprecated acl argument, or an aws_s3_bucket_acl for it:
# https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_acl),
# unless an aws_s3_bucket_public_access_block for it blocks public ACLs
# (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_public_access_block;
# both settings "Defaults to false"). ignore_public_acls makes S3 ignore every public
# ACL of the bucket: not public. block_public_acls alone only rejects setting a public
# ACL and "doesn't affect existing policies or ACLs"
# (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-publicaccessblockconfiguration.html):
# whether the ACL or the block is applied first decides, which the configuration does
# not show: unknown.
_aws_s3_public(addr, r) := [false, ""] if {
	addr in _aws_s3_blocked
} else := acl if {
	acl := _aws_s3_acl(addr, r)
	acl[0] == false
} else := ["unknown", ""] if {
	addr in _aws_s3_block_unknown
} else := _aws_s3_acl(addr, r)

# _aws_s3_acl(addr, r) is whether a public ACL is applied to the bucket, before any
# public-access block. An aws_s3_bucket_acl with an access_control_policy (grants)
# instead of a canned ACL cannot be read here: unknown. With a canned acl, the
# access_control_policy a plan shows as known after apply is computed from it.
_aws_s3_acl(addr, r) := own if {
	own := terraform_public_acl(r, "acl")
	own[0] == true
} else := [true, ""] if {
	addr in _aws_s3_acl_public
} else := own if {
	own := terraform_public_acl(r, "acl")
	own[0] == "unknown"
} else := ["unknown", ""] if {
	addr in _aws_s3_acl_unknown
} else := [false, ""]

_aws_s3_acl_pairs := terraform_companions({"aws_s3_bucket_acl"}, "bucket")

_aws_s3_acl_public := {b |
	some [b, acl] in _aws_s3_acl_pairs
	terraform_public_acl(input.terraform[acl], "acl")[0] == true
}

_aws_s3_acl_unknown := {b |
	some [b, acl] in _aws_s3_acl_pairs
	terraform_public_acl(input.terraform[acl], "acl")[0] == "unknown"
} | {b |
	some [b, acl] in _aws_s3_acl_pairs
	c := input.terraform[acl]
	not terraform_present(c, "acl")
	terraform_present(c, "access_control_policy")
}

_aws_s3_block_pairs := terraform_companions({"aws_s3_bucket_public_access_block"}, "bucket")

_aws_s3_blocked := {b |
	some [b, block] in _aws_s3_block_pairs
	terraform_bool(input.terraform[block], "ignore_public_acls", false)[0] == true
}

_aws_s3_block_unknown := {b |
	some [b, block] in _aws_s3_block_pairs
	terraform_bool(input.terraform[block], "ignore_public_acls", false)[0] != false
} | {b |
	some [b, block] in _aws_s3_block_pairs
	terraform_bool(input.terraform[block], "block_public_acls", false)[0] != false
}

# A bucket has an off-site copy when an aws_s3_bucket_replication_configuration is for
# it (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_replication_configuration),
# or when it holds the deprecated replication_configuration block itself.
_aws_s3_replicated(addr, r) := [true, ""] if {
	addr in _aws_s3_replications
} else := ["unknown", "replication_configuration"] if {
	terraform_unknown(r, "replication_configuration")
} else := [true, "replication_configuration"] if {
	terraform_present(r, "replication_configuration")
} else := [false, ""]

_aws_s3_replications := terraform_companion_of(terraform_companions({"aws_s3_bucket_replication_configuration"}, "bucket"))
