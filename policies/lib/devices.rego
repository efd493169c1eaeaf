# Helpers for the device and environment controls of chapter 4.6: the servers and
# devices that must be protected against malware and kept patched.
package baomi.lib

# endpoint_resources is, by address, every holding system of kind server and every
# device fleet that handles customer data (4.6.1): the resources that need antivirus,
# a firewall and current patches.
endpoint_resources := object.union(
	_holding_servers,
	{addr: dev |
		some addr, dev in input.devices
		dev.handles_customer_data == true
	},
)

# _holding_servers is, by address, every holding system of kind server: the
# servers found in one walk over the systems, then kept by object.filter, rather
# than a lookup of each holding system and of its value.
_holding_servers := object.filter(input.systems, holding_systems & _servers) if is_object(input.systems)

else := {}

_servers := {addr | some addr, sys in input.systems; sys.kind == "server"}
