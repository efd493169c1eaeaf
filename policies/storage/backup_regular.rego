# METADATA
# title: Customer data is backed up regularly
# description: |
#   A system that holds customer data fails when it has no backup, or when none of
#   its backups runs at least as often as the `backup_min_frequency` setting
#   (weekly by default). A backup whose frequency is not declared or is "none"
#   never counts.
# custom:
#   id: BM-4.2.3-01
#   short_code: backup-regular
#   article: "4.2.3"
#   severity: high
#   title_zh: 客户资料定期备份
#   remediation: Back the system up at least as often as the required frequency (weekly by default) and declare it in a backup block, e.g. `frequency = "daily"`.
#   remediation_zh: 按不低于规定频率(默认每周)对该系统进行备份,并在 backup 块中声明,例如 `frequency = "daily"`。
package baomi.controls.backup_regular

import data.baomi.lib

_min_frequency := lib.settings.backup_min_frequency

_min_rank := lib.frequency_rank[_min_frequency]

applicable contains addr if {
	some addr in lib.holding_systems
}

deny contains {
	"resource": addr,
	"message": sprintf("%s holds customer data but has no backup", [addr]),
	"message_zh": sprintf("%s 存放客户资料但未配置任何备份", [addr]),
} if {
	some addr in (lib.holding_systems - lib.backed_up_systems)
	_ = input.systems[addr] # an undeclared system has no backup attribute to judge
}

deny contains {
	"resource": addr,
	"message": sprintf("none of the %d backups of %s is declared at least as frequent as %s", [count(backups), addr, _min_frequency]),
	"message_zh": sprintf("%s 的 %d 份备份中,没有一份声明的备份频率达到 %s 或更高", [addr, count(backups), _min_frequency]),
	"attribute": "backup[0].frequency",
} if {
	some addr in (lib.backed_up_systems - _frequent_enough)
	backups := input.systems[addr].backup
}

# The frequencies that count: at least as frequent as the setting, never "none".
_counted := {f |
	some f, rank in lib.frequency_rank
	f != "none"
	rank >= _min_rank
}

# Systems with a backup whose frequency counts, found in one walk over the
# systems rather than a call per system.
_frequent_enough := {addr |
	counted := _counted
	some addr, sys in input.systems
	some b in sys.backup
	b.frequency in counted
}
