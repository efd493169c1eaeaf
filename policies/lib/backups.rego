# Helpers for the backup controls of 4.2.3, declared and deployed.
package baomi.lib

# offsite_backup_sites(sys) is the set of sites a system declares backups at other than
# its own site; empty when the system declares no site of its own.
offsite_backup_sites(sys) := {s |
	some b in _system_backups(sys)
	s := b.site
	is_string(s)
	s != sys.site
}

_system_backups(sys) := b if {
	b := sys.backup
	is_array(b)
} else := []

# backed_up_systems is every holding system that declares at least one backup: a
# non-empty backup array. One walk over the systems, shared by the backup
# controls, instead of a lookup of each holding system in each of them.
backed_up_systems := holding_systems & {addr |
	some addr, sys in input.systems
	b := sys.backup
	is_array(b)
	b != []
}
