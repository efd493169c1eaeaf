package baomi.lib.terraform_tencentcloud_test

import data.baomi.lib

_facts(resources) := f if {
	f := lib.terraform_facts with input as {"terraform": resources}
}

_cos(values) := {"type": "tencentcloud_cos_bucket", "provider": "tencentcloud", "values": values}

test_cos_encryption if {
	f := _facts({
		"tencentcloud_cos_bucket.a": _cos({"encryption_algorithm": "AES256"}),
		"tencentcloud_cos_bucket.b": _cos({}),
		"tencentcloud_cos_bucket.c": _cos({"encryption_algorithm": ""}),
		"tencentcloud_cos_bucket.d": {"type": "tencentcloud_cos_bucket", "values": {}, "unknown": ["encryption_algorithm"]},
	})
	f["tencentcloud_cos_bucket.a"].store == "object_storage"
	f["tencentcloud_cos_bucket.a"].encrypted == true
	f["tencentcloud_cos_bucket.a"].attributes.encrypted == "encryption_algorithm"
	f["tencentcloud_cos_bucket.b"].encrypted == false
	f["tencentcloud_cos_bucket.c"].encrypted == false
	f["tencentcloud_cos_bucket.c"].attributes.encrypted == "encryption_algorithm"
	f["tencentcloud_cos_bucket.d"].encrypted == "unknown"
}

test_cos_public if {
	f := _facts({
		"tencentcloud_cos_bucket.a": _cos({"acl": "public-read"}),
		"tencentcloud_cos_bucket.b": _cos({"acl": "private"}),
		"tencentcloud_cos_bucket.c": _cos({}),
		"tencentcloud_cos_bucket.d": _cos({"acl_body": "<AccessControlPolicy/>"}),
		"tencentcloud_cos_bucket.e": _cos({"acl": "public-read-write", "acl_body": "<AccessControlPolicy/>"}),
		"tencentcloud_cos_bucket.f": {"type": "tencentcloud_cos_bucket", "values": {}, "unknown": ["acl"]},
	})
	f["tencentcloud_cos_bucket.a"].public == true
	f["tencentcloud_cos_bucket.a"].attributes.public == "acl"
	f["tencentcloud_cos_bucket.b"].public == false
	f["tencentcloud_cos_bucket.c"].public == false
	f["tencentcloud_cos_bucket.d"].public == "unknown"
	f["tencentcloud_cos_bucket.e"].public == true
	f["tencentcloud_cos_bucket.f"].public == "unknown"
}

test_cos_replica_rules if {
	f := _facts({
		"tencentcloud_cos_bucket.a": _cos({"replica_rules": [{"id": "r", "destination_bucket": "qcs::cos:ap-shanghai::b"}]}),
		"tencentcloud_cos_bucket.b": _cos({}),
		"tencentcloud_cos_bucket.c": {"type": "tencentcloud_cos_bucket", "values": {}, "unknown": ["replica_rules"]},
	})
	f["tencentcloud_cos_bucket.a"].offsite_copy == true
	f["tencentcloud_cos_bucket.a"].attributes.offsite_copy == "replica_rules"
	f["tencentcloud_cos_bucket.b"].offsite_copy == false
	f["tencentcloud_cos_bucket.c"].offsite_copy == "unknown"
	f["tencentcloud_cos_bucket.b"].backups == "unknown"
}

test_cbs_storage if {
	f := _facts({
		"tencentcloud_cbs_storage.a": {"type": "tencentcloud_cbs_storage", "values": {"encrypt": true}},
		"tencentcloud_cbs_storage.b": {"type": "tencentcloud_cbs_storage", "values": {}},
		"tencentcloud_cbs_storage.c": {"type": "tencentcloud_cbs_storage", "values": {}, "unknown": ["encrypt"]},
	})
	f["tencentcloud_cbs_storage.a"].store == "block_storage"
	f["tencentcloud_cbs_storage.a"].encrypted == true
	f["tencentcloud_cbs_storage.b"].encrypted == false
	f["tencentcloud_cbs_storage.c"].encrypted == "unknown"
	f["tencentcloud_cbs_storage.a"].public == false
}
