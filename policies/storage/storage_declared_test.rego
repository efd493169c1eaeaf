package baomi.controls.storage_declared_test

import data.baomi.controls.storage_declared

_inv(resources) := {
	"as_of": "2026-11-26",
	"systems": {"system.docs": {}, "system.idle": {}},
	"data_assets": {"data_asset.contracts": {"stored_in": ["system.docs"]}},
	"terraform": resources,
}

test_warn_undeclared_store if {
	inv := _inv({"aws_s3_bucket.new": {"type": "aws_s3_bucket", "values": {"tags": {"team": "web"}}}})
	storage_declared.applicable == {"aws_s3_bucket.new"} with input as inv
	storage_declared.warn == {{
		"resource": "aws_s3_bucket.new",
		"message": "aws_s3_bucket.new (object storage) is linked to no system of the inventory: an undeclared store of unknown content",
		"message_zh": "aws_s3_bucket.new 是未关联到清单中任何系统的存储资源,其所存内容未经声明",
	}} with input as inv
}

test_pass_tag_none if {
	inv := _inv({"aws_s3_bucket.web": {"type": "aws_s3_bucket", "values": {"tags": {"baomi-system": "none"}}}})
	storage_declared.applicable == {"aws_s3_bucket.web"} with input as inv
	count(storage_declared.warn) == 0 with input as inv
}

test_tag_none_under_another_tag_key if {
	inv := object.union(_inv({"aws_s3_bucket.web": {"type": "aws_s3_bucket", "values": {"tags": {"baomi-system": "none"}}}}), {"settings": {"terraform_system_tag": "data-owner"}})
	count(storage_declared.warn) == 1 with input as inv
}

test_pass_linked if {
	inv := _inv({
		"aws_s3_bucket.docs": {"type": "aws_s3_bucket", "system": "system.docs", "values": {}},
		"aws_ebs_volume.idle": {"type": "aws_ebs_volume", "system": "system.idle", "values": {}},
	})
	storage_declared.applicable == {"aws_s3_bucket.docs", "aws_ebs_volume.idle"} with input as inv
	count(storage_declared.warn) == 0 with input as inv
}

test_unlinked_non_storage_gets_nothing if {
	inv := _inv({"aws_iam_role.r": {"type": "aws_iam_role", "values": {}}})
	count(storage_declared.applicable) == 0 with input as inv
	count(storage_declared.warn) == 0 with input as inv
}

test_not_applicable_without_terraform_input if {
	count(storage_declared.applicable) == 0 with input as _inv({})
}
