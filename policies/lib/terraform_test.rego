package baomi.lib.terraform_test

import data.baomi.lib

_inv := {
	"as_of": "2026-11-26",
	"systems": {"system.crm_db": {}, "system.idle": {}, "system.vault": {}},
	"data_assets": {
		"data_asset.contacts": {"stored_in": ["system.crm_db"], "classification": "confidential"},
		"data_asset.keys": {"stored_in": ["system.vault"], "classification": "top_secret"},
	},
	"terraform": {
		"aws_db_instance.crm": {"type": "aws_db_instance", "system": "system.crm_db", "values": {"storage_encrypted": false}},
		"envs/prod:aws_s3_bucket.vault": {"type": "aws_s3_bucket", "system": "system.vault", "values": {}},
		"aws_s3_bucket.idle": {"type": "aws_s3_bucket", "system": "system.idle", "values": {}},
		"aws_s3_bucket.web": {"type": "aws_s3_bucket", "values": {"tags": {"baomi-system": "none"}}},
		"aws_s3_bucket.plan": {"type": "aws_s3_bucket", "values": {"tags_all": {"baomi-system": "none"}}},
		"aws_s3_bucket.new": {"type": "aws_s3_bucket", "values": {"tags": {"team": "web"}}},
		"aws_iam_role.vault": {"type": "aws_iam_role", "system": "system.vault", "values": {"tags": {"baomi-system": "none"}}},
		"module.a.aws_s3_bucket.b[\"x:y\"]": {"type": "aws_s3_bucket", "values": {}},
	},
}

test_linked_storage_needs_a_holding_system if {
	lib.terraform_linked_storage == {"aws_db_instance.crm", "envs/prod:aws_s3_bucket.vault"} with input as _inv
}

test_by_system if {
	by := lib.terraform_by_system with input as _inv
	by["system.vault"] == {"envs/prod:aws_s3_bucket.vault", "aws_iam_role.vault"}
	by["system.crm_db"] == {"aws_db_instance.crm"}
}

test_declared_empty_by_tag if {
	lib.terraform_declared_empty == {"aws_s3_bucket.web", "aws_s3_bucket.plan"} with input as _inv
}

test_declared_empty_follows_the_tag_setting if {
	inv := object.union(_inv, {"settings": {"terraform_system_tag": "team"}})
	lib.terraform_declared_empty == set() with input as inv
	inv2 := object.union(_inv, {"terraform": {"aws_s3_bucket.x": {"type": "aws_s3_bucket", "values": {"tags": {"owner": "none"}}}}, "settings": {"terraform_system_tag": "owner"}})
	lib.terraform_declared_empty == {"aws_s3_bucket.x"} with input as inv2
}

test_defined_with_and_without_root if {
	d := lib.terraform_defined with input as _inv
	"envs/prod:aws_s3_bucket.vault" in d
	"aws_s3_bucket.vault" in d
	"aws_iam_role.vault" in d
	"module.a.aws_s3_bucket.b[\"x:y\"]" in d
	not "y\"]" in d
	not "aws_s3_bucket.missing" in d
}

test_defined_without_instance_key if {
	inv := {"terraform": {
		"aws_ebs_volume.analytics[0]": {"type": "aws_ebs_volume", "values": {}},
		"envs/prod:aws_s3_bucket.logs[\"eu\"]": {"type": "aws_s3_bucket", "values": {}},
		"module.kyc[0].alicloud_oss_bucket.this": {"type": "alicloud_oss_bucket", "values": {}},
	}}
	lib.terraform_defined == {
		"aws_ebs_volume.analytics[0]", "aws_ebs_volume.analytics",
		"envs/prod:aws_s3_bucket.logs[\"eu\"]", "envs/prod:aws_s3_bucket.logs",
		"aws_s3_bucket.logs[\"eu\"]", "aws_s3_bucket.logs",
		"module.kyc[0].alicloud_oss_bucket.this",
	} with input as inv
}

test_top_secret_raise_follows_the_linked_system if {
	lib.top_secret_raised_by["envs/prod:aws_s3_bucket.vault"] == ["data_asset.keys"] with input as _inv
	lib.top_secret_raised_by["aws_iam_role.vault"] == ["data_asset.keys"] with input as _inv
	not lib.top_secret_raised_by["aws_db_instance.crm"] with input as _inv
	not lib.top_secret_raised_by["aws_s3_bucket.web"] with input as _inv
}

test_finding_points_at_the_deciding_attribute if {
	f := lib.terraform_finding("aws_db_instance.crm", "encrypted", "m", "z") with input as _inv
	f == {"resource": "aws_db_instance.crm", "message": "m", "message_zh": "z", "attribute": "storage_encrypted"}
	g := lib.terraform_finding("aws_db_instance.crm", "offsite_copy", "m", "z") with input as _inv
	g == {"resource": "aws_db_instance.crm", "message": "m", "message_zh": "z"}
}

test_no_terraform_input if {
	inv := {"as_of": "2026-11-26", "systems": {}, "data_assets": {}, "terraform": {}}
	count(lib.terraform_facts) == 0 with input as inv
	count(lib.terraform_linked_storage) == 0 with input as inv
	count(lib.terraform_defined) == 0 with input as inv
}

test_a_provider_added_beside_the_built_in_ones if {
	added := {
		{"google_sql_database_instance.crm": {"store": "database", "encrypted": true, "public": false, "backups": true, "offsite_copy": "unknown", "attributes": {}}},
		{"google_pubsub_topic.t": {"store": "queue", "encrypted": true, "public": false, "backups": "unknown", "offsite_copy": "unknown", "attributes": {}}},
	}
	f := lib.terraform_facts with lib.terraform_provider_facts as added with input as _inv
	object.keys(f) == {"google_sql_database_instance.crm"}
}
