# METADATA
# title: Access to customer data goes through approval
# description: |
#   Customer data is looked up and used only for work and only after the access has
#   been approved. Fails for a system holding customer data when access is not
#   declared to be granted through an approval workflow.
# custom:
#   id: BM-4.3.1-01
#   short_code: access-approval
#   article: "4.3.1"
#   severity: medium
#   title_zh: 查阅使用客户资料须经权限审批
#   remediation: Grant access to the system only through an approval workflow based on work need, and declare `access_approval = true`.
#   remediation_zh: 对该系统的访问权限实行基于工作需要的审批流程,未经审批不得开通,完成后声明 `access_approval = true`。
package baomi.controls.access_approval

import data.baomi.lib

applicable contains addr if some addr in lib.holding_systems

deny contains {
	"resource": addr,
	"message": sprintf("access to %s is not declared to go through an approval workflow", [addr]),
	"message_zh": sprintf("%s 未声明访问权限须经审批后开通", [addr]),
	"attribute": "access_approval",
} if {
	some addr in (applicable - _approved)
}

# Systems that declare an approval workflow, found in one walk over the systems
# rather than a lookup of each holding system.
_approved := {addr |
	some addr, sys in input.systems
	sys.access_approval == true
}
