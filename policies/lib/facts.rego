# METADATA
# title: baomi facts
# description: |
#   The facts contract. Every rule of this package is returned beside the results
#   of the same evaluation, and views (the partner register, reports) render
#   these facts instead of deriving their own: settings and their allowed values,
#   the organization's name, the partner facts and, per resource, the data it
#   involves and the top_secret assets that raise its findings. Helpers live in
#   baomi.lib, not here, so that this package holds only what is exported.
package baomi.lib.facts

import data.baomi.lib

# settings are the default thresholds and, for a setting that takes one of a few
# words, the words it takes; every other setting is a number of zero or more.
# They depend on no input, so settings are checked before any evaluation.
settings := {
	"defaults": lib.default_settings,
	"choices": {"backup_min_frequency": sort(object.keys(lib.frequency_rank))},
}

# organization is the name of the inventory's organization, or its address when
# it has no name; "" without an organization block.
default organization := ""

organization := lib.name_or_address(input.organization[addr], addr) if {
	addr := min(object.keys(input.organization))
}

# nda_expiry_warning_days is the window of BM-4.5.1-04 in force.
nda_expiry_warning_days := lib.settings.nda_expiry_warning_days

# partners holds lib.partner_facts: per partner, the data it receives, its NDAs
# and cover, its latest assessment and its monitoring.
partners := lib.partner_facts

# resources[address] holds, for each resource whose involved data include
# top_secret data, those top_secret assets: they raise its findings one severity
# level. Computed from the top_secret assets outward (lib.top_secret_raised_by):
# the involved data of every resource (lib.involved_data) would cost a pass over
# the whole inventory that no view needs.
resources := {r: {"raised_by": assets} | some r, assets in lib.top_secret_raised_by}
