package baomi.controls.incident_coordinated_test

import data.baomi.controls.incident_coordinated

_good := {
	"date": "2026-10-01",
	"assets": ["data_asset.contacts"],
	"coordinated_by": "department.legal",
	"reported_to_management": true,
	"closed": "2026-10-20",
	"corrective_actions": true,
}

_inv(incident) := {
	"as_of": "2026-11-26",
	"organization": {"organization.acme": {"lead_department": "department.legal"}},
	"departments": {"department.legal": {}, "department.it": {}},
	"data_assets": {"data_asset.contacts": {}},
	"incidents": {"incident.i": object.union(_good, incident)},
}

# _without(keys) is the well-handled incident with keys left out.
_without(keys) := {
	"as_of": "2026-11-26",
	"organization": {"organization.acme": {"lead_department": "department.legal"}},
	"incidents": {"incident.i": object.remove(_good, keys)},
}

_findings(inv) := {[f.resource, f.attribute] | some f in incident_coordinated.deny with input as inv}

test_pass_handled if {
	inv := _inv({})
	incident_coordinated.applicable == {"incident.i"} with input as inv
	count(incident_coordinated.deny) == 0 with input as inv
}

test_fail_no_coordinator if {
	_findings(_without(["coordinated_by"])) == {["incident.i", "coordinated_by"]}
	_findings(_inv({"coordinated_by": null})) == {["incident.i", "coordinated_by"]}
}

test_fail_not_the_lead_department if {
	inv := _inv({"coordinated_by": "department.it"})
	_findings(inv) == {["incident.i", "coordinated_by"]}
	some f in incident_coordinated.deny with input as inv
	f.message == "incident incident.i is coordinated by department.it, not by the lead department department.legal"
}

test_fail_organization_without_lead_department if {
	inv := object.union(_inv({}), {"organization": {"organization.acme": {"lead_department": null}}})
	_findings(inv) == {["incident.i", "coordinated_by"]}
	some f in incident_coordinated.deny with input as inv
	contains(f.message, "designates no lead department")
}

test_fail_not_reported if {
	_findings(_inv({"reported_to_management": false})) == {["incident.i", "reported_to_management"]}
	_findings(_without(["reported_to_management"])) == {["incident.i", "reported_to_management"]}
}

# Closed exactly 30 days after its date: in time. 31 days: too late.
test_closed_boundary if {
	count(incident_coordinated.deny) == 0 with input as _inv({"closed": "2026-10-31"})
	late := _inv({"closed": "2026-11-01"})
	_findings(late) == {["incident.i", "closed"]}
	some f in incident_coordinated.deny with input as late
	f.message == "incident incident.i was closed on 2026-11-01, 31 days after it was discovered on 2026-10-01; incidents close within 30 days"
}

# Still open exactly 30 days after its date on the as-of date: in time. 31: too long.
test_open_boundary if {
	open := _without(["closed"])
	count(incident_coordinated.deny) == 0 with input as object.union(open, {"incidents": {"incident.i": {"date": "2026-10-27"}}})
	late := object.union(open, {"incidents": {"incident.i": {"date": "2026-10-26"}}})
	_findings(late) == {["incident.i", "closed"]}
	some f in incident_coordinated.deny with input as late
	contains(f.message, "still open 31 days after it was discovered on 2026-10-26")
}

# While open, corrective actions are not judged yet.
test_open_recent_without_corrective_actions if {
	inv := _without(["closed", "corrective_actions"])
	recent := object.union(inv, {"incidents": {"incident.i": {"date": "2026-11-20"}}})
	count(incident_coordinated.deny) == 0 with input as recent
}

test_fail_closed_without_corrective_actions if {
	_findings(_inv({"corrective_actions": false})) == {["incident.i", "corrective_actions"]}
	_findings(_without(["corrective_actions"])) == {["incident.i", "corrective_actions"]}
}

# A closed date after the as-of date: still open on the as-of date.
test_closed_after_as_of_counts_as_open if {
	inv := _inv({"date": "2026-10-01", "closed": "2026-12-01", "corrective_actions": false})
	_findings(inv) == {["incident.i", "closed"]}
	some f in incident_coordinated.deny with input as inv
	contains(f.message, "still open 56 days")
}

test_fail_no_date if {
	_findings(_without(["date"])) == {["incident.i", "date"]}
}

test_fail_closed_before_date if {
	inv := _inv({"date": "2026-10-10", "closed": "2026-10-01"})
	_findings(inv) == {["incident.i", "closed"]}
	some f in incident_coordinated.deny with input as inv
	contains(f.message, "before it was discovered")
}

test_setting_overrides_limit if {
	inv := object.union(_inv({"closed": "2026-10-11"}), {"settings": {"incident_max_open_days": 7}})
	_findings(inv) == {["incident.i", "closed"]}
	some f in incident_coordinated.deny with input as inv
	contains(f.message, "within 7 days")
}

test_everything_missing if {
	inv := {
		"as_of": "2026-11-26",
		"organization": {"organization.acme": {}},
		"incidents": {"incident.i": {}},
	}
	_findings(inv) == {["incident.i", "coordinated_by"], ["incident.i", "reported_to_management"], ["incident.i", "date"]}
}

test_not_applicable_without_incidents if {
	inv := {"as_of": "2026-11-26", "organization": {"organization.acme": {}}, "incidents": {}}
	count(incident_coordinated.applicable) == 0 with input as inv
}
