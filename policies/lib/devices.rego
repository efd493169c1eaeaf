# Helpers for the device and environment controls of chapter 4.6: the servers and
# devices that must be protected against malware and kept patched.
package baomi.lib

# endpoint_resources is, by address, every holding system of kind server and every
# device fleet that handles customer data (4.6.1): the resources that need antivirus,
# a firewall and current patches.
endpoint_resources := object.union(
	{addr: sys |
		some addr in holding_systems
		sys := input.systems[addr]
		sys.kind == "server"
	},
	{addr: dev |
		some addr, dev in input.devices
		dev.handles_customer_data == true
	},
)
