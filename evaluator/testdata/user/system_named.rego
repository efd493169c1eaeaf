# METADATA
# title: Systems have a name
# description: A system that holds customer data has a human-readable name.
# custom:
#   id: ACME-4.2.1-01
#   short_code: system-named
#   article: "4.2.1"
#   severity: low
#   title_zh: 系统有名称
#   remediation: Set name on the system.
#   remediation_zh: 为系统设置 name。
package acme.system_named

import data.baomi.lib

applicable contains addr if some addr in lib.holding_systems

deny contains {"resource": addr, "message": sprintf("%s has no name", [addr]), "attribute": "name"} if {
	some addr in applicable
	not input.systems[addr].name
}
