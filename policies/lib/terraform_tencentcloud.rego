# The facts of the Tencent Cloud provider's storage resources
# (tencentcloudstack/tencentcloud), each rule checked against the provider's
# documentation cited beside it. An absent attribute takes the documented default; where
# that default is unclear, the fact is unknown.
package baomi.lib

terraform_provider_facts contains {addr: facts |
	some addr in terraform_of_types({"tencentcloud_cos_bucket", "tencentcloud_cbs_storage"})
	facts := _tencentcloud_facts(addr, input.terraform[addr])
}

# tencentcloud_cos_bucket: https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/latest/docs/resources/cos_bucket
# encryption_algorithm: the server-side encryption algorithm (AES256, KMS or SM4); not
# set, the bucket has no default encryption. acl: private, public-read or
# public-read-write, "Defaults to private". replica_rules: the rules replicating the
# bucket to another bucket.
_tencentcloud_facts(addr, r) := terraform_fact_record(
	"object_storage",
	terraform_set(r, "encryption_algorithm"),
	_tencentcloud_cos_public(r),
	["unknown", ""],
	_tencentcloud_cos_replicated(r),
) if r.type == "tencentcloud_cos_bucket"

# tencentcloud_cbs_storage: https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/latest/docs/resources/cbs_storage#encrypt
# encrypt: "Indicates whether CBS is encrypted", a plain optional boolean with no
# default of its own: a disk created without it is not encrypted.
_tencentcloud_facts(addr, r) := terraform_fact_record(
	"block_storage",
	terraform_bool(r, "encrypt", false),
	[false, ""],
	["unknown", ""],
	["unknown", ""],
) if r.type == "tencentcloud_cbs_storage"

# A canned ACL decides, unless it is private and an acl_body (an XML access policy, which
# may grant everyone access) is present: unknown.
_tencentcloud_cos_public(r) := acl if {
	acl := terraform_public_acl(r, "acl")
	acl[0] != false
} else := ["unknown", "acl_body"] if {
	terraform_present(r, "acl_body")
} else := terraform_public_acl(r, "acl")

_tencentcloud_cos_replicated(r) := ["unknown", "replica_rules"] if {
	terraform_unknown(r, "replica_rules")
} else := [true, "replica_rules"] if {
	terraform_present(r, "replica_rules")
} else := [false, ""]
