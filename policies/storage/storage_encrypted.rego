# METADATA
# title: Stored customer data is encrypted at rest
# description: |
#   A system that holds customer data fails when its encryption at rest is not
#   declared or is "none". The decoder accepts only none, SM4, AES-128, AES-192
#   and AES-256; any other value fails too, never passes.
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
	some addr in _unencrypted
	not _declared(input.systems[addr])
}

deny contains {
	"resource": addr,
	"message": sprintf("%s holds customer data without encryption at rest (encryption_at_rest is none)", [addr]),
	"message_zh": sprintf("%s 存放客户资料但未实行静态加密(encryption_at_rest 为 none)", [addr]),
	"attribute": "encryption_at_rest",
} if {
	some addr in _unencrypted
	input.systems[addr].encryption_at_rest == "none"
}

deny contains {
	"resource": addr,
	"message": sprintf("%s holds customer data and declares encryption at rest %v, which is not a known algorithm (SM4, AES-128, AES-192, AES-256)", [addr, alg]),
	"message_zh": sprintf("%s 存放客户资料,所声明的静态加密 %v 不是已知算法(SM4、AES-128、AES-192、AES-256)", [addr, alg]),
	"attribute": "encryption_at_rest",
} if {
	some addr in _unencrypted
	alg := input.systems[addr].encryption_at_rest
	is_string(alg)
	alg != "none"
	not alg in _algorithms
}

_algorithms := {"SM4", "AES-128", "AES-192", "AES-256"}

# Holding systems not declared encrypted with a known algorithm: the only ones
# the deny rules can find anything in. The others are found in one walk over
# the systems rather than a lookup of each holding system in each rule.
_unencrypted := lib.holding_systems - {addr |
	algorithms := _algorithms
	some addr, sys in input.systems
	sys.encryption_at_rest in algorithms
}

_declared(sys) if is_string(sys.encryption_at_rest)
