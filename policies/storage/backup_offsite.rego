# METADATA
# title: Backups are kept off-site
# description: |
#   A system that holds customer data and has backups fails when its own site is
#   not declared, or when no backup is at a declared site other than the system's.
#   It gets a warning when every off-site backup is in the same city as the
#   system: the declared cities of the system's site and of every off-site backup
#   site are the same. A site that declares no city is not taken to be in the
#   same city.
# custom:
#   id: BM-4.2.3-03
#   short_code: backup-offsite
#   article: "4.2.3"
#   severity: high
#   title_zh: 备份异地存放
#   remediation: Declare the system's `site` and keep at least one backup at another site, declared with `site` in its backup block; prefer a site in another city and declare each site's `city`.
#   remediation_zh: 声明该系统的 `site`,并至少将一份备份存放于其他场所,在 backup 块中以 `site` 声明;宜选择其他城市的场所,并为各场所声明 `city`。
package baomi.controls.backup_offsite

import data.baomi.lib

applicable contains addr if some addr in lib.backed_up_systems

deny contains {
	"resource": addr,
	"message": sprintf("%s has backups but declares no site of its own, so no backup can be shown to be off-site", [addr]),
	"message_zh": sprintf("%s 已配置备份但未声明自身所在场所(site),无法证明备份为异地存放", [addr]),
	"attribute": "site",
} if {
	some addr in (lib.backed_up_systems - object.keys(_offsite))
}

deny contains {
	"resource": addr,
	"message": sprintf("no backup of %s is declared at a site other than its own site %s", [addr, home]),
	"message_zh": sprintf("%s 没有任何一份备份声明存放于其所在场所 %s 以外的场所", [addr, home]),
	"attribute": "backup[0].site",
} if {
	some addr, [home, cities] in _offsite
	count(cities) == 0
}

warn contains {
	"resource": addr,
	"message": sprintf("every off-site backup of %s (%s) is in the same city as its site %s", [addr, concat(", ", sort(offsite)), home]),
	"message_zh": sprintf("%s 的异地备份(%s)均与其所在场所 %s 位于同一城市", [addr, concat(", ", sort(offsite)), home]),
	"attribute": "backup[0].site",
} if {
	city_of := _cities
	some addr, [home, cities] in _offsite
	count(cities) == 1
	cities[city_of[home]]
	offsite := lib.offsite_backup_sites(input.systems[addr])
}

# _offsite[addr] is [site, cities of the off-site backup sites] of each system
# with backups that declares its own site, computed in the one walk over the
# systems that the deny and the warn rules read. A site without a city counts
# as "", which no declared city is; no off-site backup site, no cities.
_offsite := {addr: [home, cities] |
	backed := lib.backed_up_systems
	city_of := _cities
	some addr, sys in input.systems
	home := sys.site
	is_string(home)
	backed[addr]
	cities := {object.get(city_of, s, "") |
		some b in sys.backup
		s := b.site
		is_string(s)
		s != home
	}
}

# _cities[site] is a site's declared city, trimmed and lower-cased, for each site
# that declares one that is not blank.
_cities := {site: c |
	some site, s in input.sites
	city := s.city
	is_string(city)
	c := lower(trim_space(city))
	c != ""
}
