# METADATA
# title: Stored customer data is encrypted at rest
# description: |
#   A system that holds customer data fails when its encryption at rest is not
#   declared, is empty, or is "none" (in any letter case, surrounding spaces
#   ignored).
# custom:
#   id: BM-4.2.1-04
#   short_code: storage-encrypted
#   article: "4.2.1"
#   severity: high
#   title_zh: 存储的客户资料已加密
#   remediation: Encrypt the system's storage and declare the algorithm, e.g. `encryption_at_rest = "SM4"` or `"AES-256"`.
#   remediation_zh: 对该系统的存储进行加密,并声明所用算法,例如 `encryption_at_rest = "SM4"` 或 `"AES-256"`。
package baomi.controls.storage_encrypted

import data.baomi.lib

applicable contains addr if {
	some addr in lib.holding_systems
}

deny contains {
	"resource": addr,
	"message": sprintf("%s holds customer data but declares no encryption at rest", [addr]),
	"message_zh": sprintf("%s 存放客户资料但未声明静态加密", [addr]),
	"attribute": "encryption_at_rest",
} if {
	some addr in applicable
	not _declared(input.systems[addr])
}

deny contains {
	"resource": addr,
	"message": sprintf("%s holds customer data without encryption at rest (encryption_at_rest is none)", [addr]),
	"message_zh": sprintf("%s 存放客户资料但未实行静态加密(encryption_at_rest 为 none)", [addr]),
	"attribute": "encryption_at_rest",
} if {
	some addr in applicable
	_normalized(input.systems[addr]) == "none"
}

_normalized(sys) := lower(trim_space(sys.encryption_at_rest)) if is_string(sys.encryption_at_rest)

_declared(sys) if _normalized(sys) != ""
