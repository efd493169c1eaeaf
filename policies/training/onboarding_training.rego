# METADATA
# title: Departments handling customer data give onboarding confidentiality training
# description: |
#   Every department that handles customer data has an onboarding training, its own
#   or one for everyone (a training without department), dated within
#   training_window_days before the as-of date, and the latest such training was
#   completed by at least the required number of staff. A training that does not
#   declare both required and completed cannot show completion and fails. When
#   several trainings share the latest date, each of them must be complete.
# custom:
#   id: BM-5.1-01
#   short_code: onboarding-training
#   article: "5.1"
#   severity: medium
#   title_zh: 处理客户资料的部门已开展新员工入职保密培训
#   remediation: Give new staff onboarding confidentiality training at least once every training window, have every required person complete it, and record it in a `training` block with `kind = "onboarding"`, the `department` (or none, for everyone), `date`, `required` and `completed`.
#   remediation_zh: 至少在每个培训周期内为新入职员工开展一次保密培训,确保应参训人员全部完成,并以 `kind = "onboarding"` 的 training 块记录部门 `department`(面向全体员工的可不填)、日期 `date`、应参训人数 `required` 和完成人数 `completed`。
package baomi.controls.onboarding_training

import data.baomi.lib

applicable contains addr if {
	some addr, dep in input.departments
	dep.handles_customer_data == true
}

# The audience of a training: its department, or "" when it is for everyone.
_audience(t) := t.department if is_string(t.department)

else := ""

# Every [audience, training] of an onboarding training dated within the window.
_recent := [[audience, addr] |
	window := lib.settings.training_window_days
	some addr, t in input.trainings
	t.kind == "onboarding"
	is_string(t.date)
	lib.within(t.date, window)
	audience := _audience(t)
]

_audiences := {audience | some [audience, _] in _recent}

# _latest[audience] is the date of the audience's latest recent onboarding training
# and those of the trainings held on that date that do not show completion.
_latest := {audience: {"date": last, "short": short} |
	some audience in _audiences
	trainings := {addr | some [a, addr] in _recent; a == audience}
	last := max({input.trainings[addr].date | some addr in trainings})
	short := {addr |
		some addr in trainings
		input.trainings[addr].date == last
		not _complete(input.trainings[addr])
	}
}

_complete(t) if {
	_counts_declared(t)
	t.completed >= t.required
}

deny contains {
	"resource": addr,
	"message": sprintf("%s handles customer data but no onboarding training for it or for everyone is dated within the %v days up to %s", [addr, lib.settings.training_window_days, lib.as_of]),
	"message_zh": sprintf("%s 处理客户资料,但截至 %s 的 %v 天内没有面向本部门或全体员工的入职保密培训记录", [addr, lib.as_of, lib.settings.training_window_days]),
} if {
	some addr in applicable
	not _latest[addr]
	not _latest[""]
}

# The departments an audience's trainings count for: every department that handles
# customer data for a training for everyone, else the training's own department.
_counts_for("") := applicable

_counts_for(audience) := {audience} if input.departments[audience].handles_customer_data == true

# _later(addr, date) holds when a training that counts for the department is dated
# after date.
_later(addr, date) if {
	some audience in {addr, ""}
	_latest[audience].date > date
}

# Every [department, training] of a training on the department's latest date that
# does not show completion. Only audiences with such trainings are visited, so a
# department costs two lookups, never a scan of all trainings.
_short := [[addr, training] |
	some audience, l in _latest
	count(l.short) > 0
	some addr in _counts_for(audience)
	not _later(addr, l.date)
	some training in l.short
]

deny contains {
	"resource": addr,
	"message": sprintf("the latest onboarding training for %s, %s on %s, was completed by %v of the %v required", [addr, training, t.date, t.completed, t.required]),
	"message_zh": sprintf("%s 最近一次入职保密培训 %s(%s)仅完成 %v 人,应参训 %v 人", [addr, training, t.date, t.completed, t.required]),
} if {
	some [addr, training] in _short
	t := input.trainings[training]
	_counts_declared(t)
}

deny contains {
	"resource": addr,
	"message": sprintf("the latest onboarding training for %s, %s on %s, does not declare both required and completed, so its completion cannot be shown", [addr, training, t.date]),
	"message_zh": sprintf("%s 最近一次入职保密培训 %s(%s)未同时写明应参训人数和完成人数,无法证明培训已完成", [addr, training, t.date]),
} if {
	some [addr, training] in _short
	t := input.trainings[training]
	not _counts_declared(t)
}

_counts_declared(t) if {
	is_number(t.required)
	is_number(t.completed)
}
