# METADATA
# title: The lead department coordinates leak incidents to a timely close
# description: |
#   A leak or suspected leak of customer data is coordinated by the lead
#   department, reported to management, closed in time and followed by
#   corrective actions. Fails when the incident names no coordinating department,
#   or one that is not the organization's lead department (also when the
#   organization designates none: coordination by the lead department cannot be
#   shown); when it is not declared reported to management; when it stayed open
#   more than incident_max_open_days (30) after its date, counted to its closed
#   date or, while still open, to the as-of date (exactly incident_max_open_days
#   passes); or when it is closed and corrective_actions is not true. A closed
#   date after the as-of date counts as still open on the as-of date. Fails too
#   when the incident declares no date (how long it stayed open cannot be shown),
#   or a closed date before its date (the record contradicts itself).
# custom:
#   id: BM-2.2-02
#   short_code: incident-coordinated
#   article: "2.2"
#   severity: high
#   title_zh: 泄密事件由牵头部门协调处置并按时关闭
#   remediation: Have the lead department coordinate the incident (`coordinated_by`), report it to management (`reported_to_management = true`), close it within the time limit with its `closed` date, and declare `corrective_actions = true` once the corrective actions are taken.
#   remediation_zh: 由客户资料保密管理牵头部门协调处置该事件(`coordinated_by`),向管理层报告(`reported_to_management = true`),在规定期限内关闭并登记 `closed` 日期,落实整改措施后声明 `corrective_actions = true`。
package baomi.controls.incident_coordinated

import data.baomi.lib

applicable contains addr if some addr, _ in input.incidents

# The organization's lead department, when it designates one.
_lead_departments := {d | some org in input.organization; d := org.lead_department; is_string(d)}

_max_days := lib.settings.incident_max_open_days

# _date(incident, key) is the date under key; undefined when absent or null.
_date(incident, key) := d if {
	d := incident[key]
	is_string(d)
}

# _closed(incident) is the closed date, if on or before the as-of date.
_closed(incident) := d if {
	d := _date(incident, "closed")
	d <= lib.as_of
}

deny contains {
	"resource": addr,
	"message": sprintf("incident %s names no department that coordinated it", [addr]),
	"message_zh": sprintf("泄密事件 %s 未指明负责协调处置的部门", [addr]),
	"attribute": "coordinated_by",
} if {
	some addr in applicable
	not is_string(object.get(input.incidents[addr], "coordinated_by", null))
}

deny contains {
	"resource": addr,
	"message": sprintf("incident %s is coordinated by %s, but the organization designates no lead department", [addr, dep]),
	"message_zh": sprintf("泄密事件 %s 由 %s 协调处置,但组织未指定保密管理牵头部门", [addr, dep]),
	"attribute": "coordinated_by",
} if {
	some addr in applicable
	dep := input.incidents[addr].coordinated_by
	is_string(dep)
	count(_lead_departments) == 0
}

deny contains {
	"resource": addr,
	"message": sprintf("incident %s is coordinated by %s, not by the lead department %s", [addr, dep, lead]),
	"message_zh": sprintf("泄密事件 %s 由 %s 协调处置,而非保密管理牵头部门 %s", [addr, dep, lead]),
	"attribute": "coordinated_by",
} if {
	some addr in applicable
	dep := input.incidents[addr].coordinated_by
	is_string(dep)
	some lead in _lead_departments
	dep != lead
}

deny contains {
	"resource": addr,
	"message": sprintf("incident %s is not declared reported to management", [addr]),
	"message_zh": sprintf("泄密事件 %s 未声明已向管理层报告", [addr]),
	"attribute": "reported_to_management",
} if {
	some addr in applicable
	not input.incidents[addr].reported_to_management == true
}

deny contains {
	"resource": addr,
	"message": sprintf("incident %s declares no date it was discovered, so how long it stayed open cannot be shown", [addr]),
	"message_zh": sprintf("泄密事件 %s 未登记发现日期,无法证明在时限内关闭", [addr]),
	"attribute": "date",
} if {
	some addr in applicable
	not _date(input.incidents[addr], "date")
}

deny contains {
	"resource": addr,
	"message": sprintf("incident %s is still open %d days after it was discovered on %s; incidents close within %v days", [addr, days, date, _max_days]),
	"message_zh": sprintf("泄密事件 %s 于 %s 发现,至今已 %d 天仍未关闭,超过 %v 天的处置时限", [addr, date, days, _max_days]),
	"attribute": "closed",
} if {
	some addr in applicable
	incident := input.incidents[addr]
	date := _date(incident, "date")
	not _closed(incident)
	days := lib.days_between(date, lib.as_of)
	days > _max_days
}

deny contains {
	"resource": addr,
	"message": sprintf("incident %s was closed on %s, %d days after it was discovered on %s; incidents close within %v days", [addr, closed, days, date, _max_days]),
	"message_zh": sprintf("泄密事件 %s 于 %s 发现、%s 关闭,历时 %d 天,超过 %v 天的处置时限", [addr, date, closed, days, _max_days]),
	"attribute": "closed",
} if {
	some addr in applicable
	incident := input.incidents[addr]
	date := _date(incident, "date")
	closed := _closed(incident)
	days := lib.days_between(date, closed)
	days > _max_days
}

deny contains {
	"resource": addr,
	"message": sprintf("incident %s is declared closed on %s, before it was discovered on %s", [addr, closed, date]),
	"message_zh": sprintf("泄密事件 %s 登记的关闭日期 %s 早于发现日期 %s", [addr, closed, date]),
	"attribute": "closed",
} if {
	some addr in applicable
	incident := input.incidents[addr]
	date := _date(incident, "date")
	closed := _closed(incident)
	closed < date
}

deny contains {
	"resource": addr,
	"message": sprintf("incident %s was closed on %s without corrective actions declared", [addr, closed]),
	"message_zh": sprintf("泄密事件 %s 已于 %s 关闭,但未声明落实整改措施", [addr, closed]),
	"attribute": "corrective_actions",
} if {
	some addr in applicable
	incident := input.incidents[addr]
	closed := _closed(incident)
	not incident.corrective_actions == true
}
