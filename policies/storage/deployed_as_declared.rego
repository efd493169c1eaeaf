# METADATA
# title: Declared infrastructure is deployed
# description: |
#   Judged only when some Terraform input is given. A system that holds customer data
#   fails for each address of its `terraform` list that no Terraform input defines
#   (any resource type counts as defined; an address without a root prefix matches
#   in any root): declared but not deployed here. The result is on the system, at the
#   address's place in the list. Systems that hold no data get no result.
# custom:
#   id: BM-4.2.1-07
#   short_code: deployed-as-declared
#   article: "4.2.1"
#   severity: medium
#   title_zh: 声明的基础设施已部署
#   remediation: Correct the address in the system's `terraform` list, remove it if the resource no longer exists, or pass the Terraform configuration that defines it with `--terraform`.
#   remediation_zh: 更正该系统 `terraform` 列表中的地址;如该资源已不存在则将其删除;或通过 `--terraform` 提供定义该资源的 Terraform 配置。
package baomi.controls.deployed_as_declared

import data.baomi.lib

applicable contains addr if {
	count(object.get(input, "terraform", {})) > 0
	some addr in lib.holding_systems
	count(_declared(addr)) > 0
}

deny contains {
	"resource": addr,
	"message": sprintf("%s declares Terraform resource %s, which no Terraform input defines: declared but not deployed here", [addr, tf]),
	"message_zh": sprintf("%s 声明了 Terraform 资源 %s,但所提供的 Terraform 输入中没有定义该资源:已声明但未在此部署", [addr, tf]),
	"attribute": sprintf("terraform[%d]", [i]),
} if {
	some addr in applicable
	some i, tf in _declared(addr)
	not tf in lib.terraform_defined
}

_declared(addr) := list if {
	list := input.systems[addr].terraform
	is_array(list)
} else := []
