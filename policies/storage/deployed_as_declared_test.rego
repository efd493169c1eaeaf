package baomi.controls.deployed_as_declared_test

import data.baomi.controls.deployed_as_declared

_inv(systems, resources) := {
	"as_of": "2026-11-26",
	"systems": systems,
	"data_assets": {"data_asset.contacts": {"stored_in": ["system.crm_db"]}},
	"terraform": resources,
}

_resources := {
	"envs/prod:aws_db_instance.main": {"type": "aws_db_instance", "values": {}},
	"envs/stage:aws_db_instance.main": {"type": "aws_db_instance", "values": {}},
	"envs/prod:module.docs.aws_s3_bucket.this": {"type": "aws_s3_bucket", "values": {}},
	"envs/prod:aws_security_group.db": {"type": "aws_security_group", "values": {}},
	"envs/prod:aws_ebs_volume.data[0]": {"type": "aws_ebs_volume", "values": {}},
}

test_pass_every_address_defined if {
	inv := _inv(
		{"system.crm_db": {"terraform": ["aws_db_instance.main", "envs/prod:module.docs.aws_s3_bucket.this", "aws_security_group.db", "aws_ebs_volume.data"]}},
		_resources,
	)
	deployed_as_declared.applicable == {"system.crm_db"} with input as inv
	count(deployed_as_declared.deny) == 0 with input as inv
}

test_fail_dangling_address if {
	inv := _inv(
		{"system.crm_db": {"terraform": ["aws_db_instance.main", "aws_db_instance.gone", "envs/dev:aws_db_instance.main"]}},
		_resources,
	)
	deployed_as_declared.deny == {
		{
			"resource": "system.crm_db",
			"message": "system.crm_db declares Terraform resource aws_db_instance.gone, which no Terraform input defines: declared but not deployed here",
			"message_zh": "system.crm_db 声明了 Terraform 资源 aws_db_instance.gone,但所提供的 Terraform 输入中没有定义该资源:已声明但未在此部署",
			"attribute": "terraform[1]",
		},
		{
			"resource": "system.crm_db",
			"message": "system.crm_db declares Terraform resource envs/dev:aws_db_instance.main, which no Terraform input defines: declared but not deployed here",
			"message_zh": "system.crm_db 声明了 Terraform 资源 envs/dev:aws_db_instance.main,但所提供的 Terraform 输入中没有定义该资源:已声明但未在此部署",
			"attribute": "terraform[2]",
		},
	} with input as inv
}

test_no_result_for_a_system_holding_no_data if {
	inv := _inv(
		{"system.crm_db": {}, "system.spare": {"terraform": ["aws_db_instance.gone"]}},
		_resources,
	)
	count(deployed_as_declared.applicable) == 0 with input as inv
	count(deployed_as_declared.deny) == 0 with input as inv
}

test_not_applicable_without_terraform_input if {
	inv := _inv({"system.crm_db": {"terraform": ["aws_db_instance.gone"]}}, {})
	count(deployed_as_declared.applicable) == 0 with input as inv
	count(deployed_as_declared.deny) == 0 with input as inv
	inv2 := object.remove(inv, ["terraform"])
	count(deployed_as_declared.applicable) == 0 with input as inv2
}
