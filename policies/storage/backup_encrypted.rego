# METADATA
# title: Backup copies are encrypted
# description: |
#   Every backup of a system that holds customer data is encrypted, so that a lost
#   or stolen backup medium does not expose the data.
# custom:
#   id: BM-4.2.3-02
#   short_code: backup-encrypted
#   article: "4.2.3"
#   severity: high
#   title_zh: 备份副本已加密
#   remediation: Encrypt every backup copy of the system and declare `encrypted = true` in each backup block.
#   remediation_zh: 对该系统的每一份备份进行加密,并在每个 backup 块中声明 `encrypted = true`。
package baomi.controls.backup_encrypted

import data.baomi.lib

applicable contains addr if some addr in lib.backed_up_systems

# A backup attribute that is not an array (no inventory gives one) counts by its size.
applicable contains addr if {
	some addr in (lib.holding_systems - lib.backed_up_systems)
	count(object.get(input.systems[addr], "backup", [])) > 0
}

deny contains {
	"resource": addr,
	"message": sprintf("backup %d of %s is not declared encrypted", [i + 1, addr]),
	"message_zh": sprintf("%s 的第 %d 份备份未声明加密", [addr, i + 1]),
	"attribute": sprintf("backup[%d].encrypted", [i]),
} if {
	some addr in (applicable & _unencrypted)
	some i, backup in input.systems[addr].backup
	not backup.encrypted == true
}

# Systems with a backup not declared encrypted, found in one walk over the systems.
_unencrypted := {addr |
	some addr, sys in input.systems
	some backup in sys.backup
	not backup.encrypted == true
}
