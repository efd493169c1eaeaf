package baomi.controls.storage_encrypted_deployed_test

import data.baomi.controls.storage_encrypted
import data.baomi.controls.storage_encrypted_deployed

_inv(resources) := {
	"as_of": "2026-11-26",
	"systems": {"system.crm_db": {"encryption_at_rest": "SM4"}, "system.idle": {}},
	"data_assets": {"data_asset.contacts": {"stored_in": ["system.crm_db"]}},
	"terraform": resources,
}

_db(values) := {"type": "aws_db_instance", "provider": "aws", "system": "system.crm_db", "values": values, "source": "tf"}

test_pass_encrypted if {
	inv := _inv({"aws_db_instance.crm": _db({"storage_encrypted": true})})
	storage_encrypted_deployed.applicable == {"aws_db_instance.crm"} with input as inv
	count(storage_encrypted_deployed.deny) == 0 with input as inv
	count(storage_encrypted_deployed.warn) == 0 with input as inv
}

test_fail_as_written if {
	inv := _inv({"aws_db_instance.crm": _db({"storage_encrypted": false})})
	storage_encrypted_deployed.deny == {{
		"resource": "aws_db_instance.crm",
		"message": "aws_db_instance.crm stores customer data of system.crm_db but its deployed configuration does not encrypt it at rest",
		"message_zh": "aws_db_instance.crm 存放 system.crm_db 的客户资料,但其部署配置未对数据实行静态加密",
		"attribute": "storage_encrypted",
	}} with input as inv
}

test_fail_by_documented_default if {
	inv := _inv({"aws_db_instance.crm": _db({})})
	some f in storage_encrypted_deployed.deny with input as inv
	f.resource == "aws_db_instance.crm"
	not f.attribute
}

test_declared_and_deployed_side_by_side if {
	inv := _inv({"aws_db_instance.crm": _db({"storage_encrypted": false})})
	count(storage_encrypted.deny) == 0 with input as inv
	count(storage_encrypted_deployed.deny) == 1 with input as inv
}

test_warn_unknown_never_pass if {
	inv := _inv({"aws_db_instance.crm": object.union(_db({}), {"unknown": ["storage_encrypted"]})})
	count(storage_encrypted_deployed.deny) == 0 with input as inv
	some f in storage_encrypted_deployed.warn with input as inv
	f.resource == "aws_db_instance.crm"
	f.attribute == "storage_encrypted"
	contains(f.message, "cannot be shown from the configuration")
}

test_warn_unclear_default if {
	inv := _inv({"aws_ebs_volume.data": {"type": "aws_ebs_volume", "system": "system.crm_db", "values": {}}})
	count(storage_encrypted_deployed.warn) == 1 with input as inv
	count(storage_encrypted_deployed.deny) == 0 with input as inv
}

test_not_applicable if {
	inv := _inv({
		"aws_db_instance.idle": object.union(_db({"storage_encrypted": false}), {"system": "system.idle"}),
		"aws_db_instance.unlinked": {"type": "aws_db_instance", "values": {"storage_encrypted": false}},
		"aws_iam_role.crm": {"type": "aws_iam_role", "system": "system.crm_db", "values": {}},
	})
	count(storage_encrypted_deployed.applicable) == 0 with input as inv
	count(storage_encrypted_deployed.deny) == 0 with input as inv
}

test_not_applicable_without_terraform_input if {
	count(storage_encrypted_deployed.applicable) == 0 with input as _inv({})
}

test_warn_when_a_provider_leaves_the_fact_out if {
	inv := _inv({"google_sql_database_instance.crm": {"type": "google_sql_database_instance", "system": "system.crm_db", "values": {}}})
	facts := {{"google_sql_database_instance.crm": {"store": "database", "public": false, "attributes": {}}}}
	count(storage_encrypted_deployed.warn) == 1 with input as inv with data.baomi.lib.terraform_provider_facts as facts
	count(storage_encrypted_deployed.deny) == 0 with input as inv with data.baomi.lib.terraform_provider_facts as facts
}
