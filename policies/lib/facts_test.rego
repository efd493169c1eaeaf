package baomi.lib.facts_test

import data.baomi.lib
import data.baomi.lib.facts

test_settings_need_no_input if {
	facts.settings.defaults == lib.default_settings
	facts.settings.choices == {"backup_min_frequency": ["daily", "monthly", "none", "quarterly", "weekly"]}
}

test_organization_name_or_address if {
	facts.organization == "Acme" with input as {"organization": {"organization.acme": {"name": "Acme"}}}
	facts.organization == "organization.acme" with input as {"organization": {"organization.acme": {}}}
	facts.organization == "organization.acme" with input as {"organization": {"organization.acme": {"name": ""}}}
	facts.organization == "" with input as {}
}

test_nda_expiry_warning_days if {
	facts.nda_expiry_warning_days == 60 with input as {"as_of": "2026-11-26"}
	facts.nda_expiry_warning_days == 30 with input as {"as_of": "2026-11-26", "settings": {"nda_expiry_warning_days": 30}}
}

test_partners_are_the_library_partner_facts if {
	inv := {"as_of": "2026-11-26", "partners": {"partner.p": {"name": "P"}}}
	facts.partners == lib.partner_facts with input as inv
	facts.partners["partner.p"].name == "P" with input as inv
}

test_resources_raised_by_top_secret if {
	inv := {
		"as_of": "2026-11-26",
		"data_assets": {
			"data_asset.secret": {"classification": "top_secret", "stored_in": ["system.db"]},
			"data_asset.plain": {"classification": "secret", "stored_in": ["system.db", "system.web"]},
		},
	}
	r := facts.resources with input as inv
	r["system.db"] == {"raised_by": ["data_asset.secret"]}
	not r["system.web"]
	r["data_asset.secret"].raised_by == ["data_asset.secret"]
	lib.involved_data["system.web"] == {"data_asset.plain"} with input as inv
}
