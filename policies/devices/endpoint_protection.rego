# METADATA
# title: Servers and devices handling customer data run antivirus and a firewall
# description: |
#   Every server that holds customer data and every device fleet that handles
#   customer data declares antivirus and a firewall. Network devices need only the
#   firewall. An attribute that is absent or false fails.
# custom:
#   id: BM-4.6.1-01
#   short_code: endpoint-protection
#   article: "4.6.1"
#   severity: high
#   title_zh: 服务器及终端设备已安装杀毒软件和防火墙
#   remediation: Install and run antivirus software and a firewall on the server or devices, and declare `antivirus = true` and `firewall = true` (network devices need only the firewall).
#   remediation_zh: 在该服务器或设备上安装并启用杀毒软件和防火墙,并声明 `antivirus = true`、`firewall = true`(网络设备只需防火墙)。
package baomi.controls.endpoint_protection

import data.baomi.lib

applicable contains addr if some addr, _ in lib.endpoint_resources

deny contains {
	"resource": addr,
	"message": sprintf("%s handles customer data but is not declared to run antivirus software", [addr]),
	"message_zh": sprintf("%s 处理客户资料,但未声明安装杀毒软件", [addr]),
	"attribute": "antivirus",
} if {
	some addr in _exposed
	r := lib.endpoint_resources[addr]
	not _network_device(addr, r)
	not r.antivirus == true
}

deny contains {
	"resource": addr,
	"message": sprintf("%s handles customer data but is not declared to run a firewall", [addr]),
	"message_zh": sprintf("%s 处理客户资料,但未声明启用防火墙", [addr]),
	"attribute": "firewall",
} if {
	some addr in _exposed
	not lib.endpoint_resources[addr].firewall == true
}

# Resources that do not declare both antivirus and a firewall: the only ones the
# deny rules can find anything in, found in one walk rather than two calls and
# two negations per resource.
_exposed := object.keys(lib.endpoint_resources) - {addr |
	some addr, r in lib.endpoint_resources
	r.antivirus == true
	r.firewall == true
}

_network_device(addr, r) if {
	startswith(addr, "device.")
	r.kind == "network"
}
