package baomi.controls.storage_not_public_test

import data.baomi.controls.storage_not_public

_inv(resources) := {
	"as_of": "2026-11-26",
	"systems": {"system.docs": {}},
	"data_assets": {"data_asset.contracts": {"stored_in": ["system.docs"]}},
	"terraform": resources,
}

_bucket := {"type": "aws_s3_bucket", "system": "system.docs", "values": {"bucket": "acme-docs"}}

_acl(bucket, acl) := {"type": "aws_s3_bucket_acl", "values": {"bucket": bucket, "acl": acl}}

test_pass_private if {
	inv := _inv({"aws_s3_bucket.docs": _bucket})
	storage_not_public.applicable == {"aws_s3_bucket.docs"} with input as inv
	count(storage_not_public.deny) == 0 with input as inv
	count(storage_not_public.warn) == 0 with input as inv
}

test_fail_public_acl_joined_by_reference if {
	inv := _inv({"aws_s3_bucket.docs": _bucket, "aws_s3_bucket_acl.docs": _acl("aws_s3_bucket.docs", "public-read")})
	storage_not_public.deny == {{
		"resource": "aws_s3_bucket.docs",
		"message": "aws_s3_bucket.docs stores customer data of system.docs and its deployed configuration makes it public",
		"message_zh": "aws_s3_bucket.docs 存放 system.docs 的客户资料,其部署配置允许公共访问",
	}} with input as inv
}

test_fail_public_acl_joined_by_literal_name if {
	inv := _inv({"aws_s3_bucket.docs": _bucket, "aws_s3_bucket_acl.docs": _acl("acme-docs", "public-read-write")})
	count(storage_not_public.deny) == 1 with input as inv
}

test_pass_public_access_block_overrides_public_acl if {
	inv := _inv({
		"aws_s3_bucket.docs": _bucket,
		"aws_s3_bucket_acl.docs": _acl("aws_s3_bucket.docs", "public-read"),
		"aws_s3_bucket_public_access_block.docs": {"type": "aws_s3_bucket_public_access_block", "values": {"bucket": "aws_s3_bucket.docs", "block_public_acls": true, "ignore_public_acls": true}},
	})
	count(storage_not_public.deny) == 0 with input as inv
	count(storage_not_public.warn) == 0 with input as inv
}

test_fail_database_publicly_accessible if {
	inv := _inv({"aws_db_instance.docs": {"type": "aws_db_instance", "system": "system.docs", "values": {"publicly_accessible": true}}})
	some f in storage_not_public.deny with input as inv
	f.attribute == "publicly_accessible"
}

test_warn_unknown if {
	inv := _inv({"alicloud_oss_bucket.docs": {"type": "alicloud_oss_bucket", "system": "system.docs", "values": {}, "unknown": ["acl"]}})
	count(storage_not_public.deny) == 0 with input as inv
	some f in storage_not_public.warn with input as inv
	f.resource == "alicloud_oss_bucket.docs"
	f.attribute == "acl"
}

test_not_applicable_unlinked if {
	inv := _inv({"aws_s3_bucket.web": {"type": "aws_s3_bucket", "values": {"acl": "public-read"}}})
	count(storage_not_public.applicable) == 0 with input as inv
	count(storage_not_public.deny) == 0 with input as inv
}

test_warn_when_a_provider_leaves_the_fact_out if {
	inv := _inv({"google_storage_bucket.docs": {"type": "google_storage_bucket", "system": "system.docs", "values": {}}})
	facts := {{"google_storage_bucket.docs": {"store": "object_storage", "encrypted": true, "public": "maybe", "attributes": {}}}}
	count(storage_not_public.warn) == 1 with input as inv with data.baomi.lib.terraform_provider_facts as facts
	count(storage_not_public.deny) == 0 with input as inv with data.baomi.lib.terraform_provider_facts as facts
}
