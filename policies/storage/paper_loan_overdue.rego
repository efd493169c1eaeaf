# METADATA
# title: Paper records lent out come back within the archive's time limit
# description: |
#   A loan of paper customer records comes back within the archive's lending time
#   limit (max_lending_days). Fails when the loan is still out more than
#   max_lending_days after it was lent, counted to the as-of date, or came back
#   more than max_lending_days after it was lent; a loan out exactly
#   max_lending_days passes. Judges every loan whose archive sets a
#   max_lending_days; a loan from an archive that sets none (or a loan naming no
#   archive) gets no result here: BM-4.2.2-02 judges the archive. A limit of 0 or
#   below is judged as declared (BM-4.2.2-02 fails the archive as well). A
#   returned date after the as-of date counts as still out on the as-of date.
#   Fails too when the loan declares no lent date (its time out cannot be shown),
#   or a returned date before its lent date (the register contradicts itself).
# custom:
#   id: BM-4.2.2-03
#   short_code: paper-loan-overdue
#   article: "4.2.2"
#   severity: medium
#   title_zh: 借出的纸质资料在规定时限内归还
#   remediation: Recall the records and declare the `returned` date; register every loan with the `date` it was lent, and lend for no longer than the archive's `max_lending_days`.
#   remediation_zh: 督促借阅人及时归还纸质资料并在 `returned` 中登记归还日期;每次借阅均应登记借出日期 `date`,借阅时间不得超过档案的 `max_lending_days`。
package baomi.controls.paper_loan_overdue

import data.baomi.lib

# Loans from an archive that sets a lending time limit.
applicable contains addr if {
	some addr, loan in input.loans
	is_number(_max_days(loan))
}

# _max_days(loan) is the lending time limit of the loan's archive.
_max_days(loan) := input.paper_archives[loan.archive].max_lending_days

# _lent(loan) is the date the loan was lent; undefined when absent or null.
_lent(loan) := d if {
	d := loan.date
	is_string(d)
}

# _returned(loan) is the date the loan came back, if on or before the as-of date.
_returned(loan) := d if {
	d := loan.returned
	is_string(d)
	d <= lib.as_of
}

deny contains {
	"resource": addr,
	"message": sprintf("loan %s from %s is still out %d days after it was lent on %s; %s lends for at most %v days", [addr, loan.archive, days, lent, loan.archive, _max_days(loan)]),
	"message_zh": sprintf("借阅记录 %s 于 %s 借出,至今已 %d 天仍未归还,超过 %s 规定的 %v 天借阅时限", [addr, lent, days, loan.archive, _max_days(loan)]),
	"attribute": "returned",
} if {
	some addr in applicable
	loan := input.loans[addr]
	lent := _lent(loan)
	not _returned(loan)
	days := lib.days_between(lent, lib.as_of)
	days > _max_days(loan)
}

deny contains {
	"resource": addr,
	"message": sprintf("loan %s from %s came back on %s, %d days after it was lent on %s; %s lends for at most %v days", [addr, loan.archive, returned, days, lent, loan.archive, _max_days(loan)]),
	"message_zh": sprintf("借阅记录 %s 于 %s 借出、%s 归还,借阅 %d 天,超过 %s 规定的 %v 天借阅时限", [addr, lent, returned, days, loan.archive, _max_days(loan)]),
	"attribute": "returned",
} if {
	some addr in applicable
	loan := input.loans[addr]
	lent := _lent(loan)
	returned := _returned(loan)
	days := lib.days_between(lent, returned)
	days > _max_days(loan)
}

deny contains {
	"resource": addr,
	"message": sprintf("loan %s from %s declares no date it was lent, so its time out cannot be shown", [addr, input.loans[addr].archive]),
	"message_zh": sprintf("借阅记录 %s(%s)未登记借出日期,无法证明在时限内归还", [addr, input.loans[addr].archive]),
	"attribute": "date",
} if {
	some addr in applicable
	not _lent(input.loans[addr])
}

deny contains {
	"resource": addr,
	"message": sprintf("loan %s is declared returned on %s, before it was lent on %s", [addr, returned, lent]),
	"message_zh": sprintf("借阅记录 %s 登记的归还日期 %s 早于借出日期 %s", [addr, returned, lent]),
	"attribute": "returned",
} if {
	some addr in applicable
	loan := input.loans[addr]
	lent := _lent(loan)
	returned := _returned(loan)
	returned < lent
}
