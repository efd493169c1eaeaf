package baomi.controls.paper_loan_overdue_test

import data.baomi.controls.paper_loan_overdue

_archives := {
	"paper_archive.hq": {"max_lending_days": 14},
	"paper_archive.zero": {"max_lending_days": 0},
	"paper_archive.open": {"lending_register": true},
}

_inv(loan) := {
	"as_of": "2026-11-26",
	"paper_archives": _archives,
	"data_assets": {"data_asset.contracts": {}},
	"loans": {"loan.l": object.union({"archive": "paper_archive.hq", "asset": "data_asset.contracts"}, loan)},
}

_findings(inv) := {[f.resource, f.attribute] | some f in paper_loan_overdue.deny with input as inv}

# Still out: 2026-11-12 is exactly 14 days before the as-of date.
test_pass_out_exactly_max_days if {
	inv := _inv({"date": "2026-11-12"})
	paper_loan_overdue.applicable == {"loan.l"} with input as inv
	count(paper_loan_overdue.deny) == 0 with input as inv
}

test_fail_out_one_day_more if {
	inv := _inv({"date": "2026-11-11"})
	_findings(inv) == {["loan.l", "returned"]}
	some f in paper_loan_overdue.deny with input as inv
	f.message == "loan loan.l from paper_archive.hq is still out 15 days after it was lent on 2026-11-11; paper_archive.hq lends for at most 14 days"
}

test_pass_returned_exactly_max_days_after if {
	inv := _inv({"date": "2026-10-01", "returned": "2026-10-15"})
	count(paper_loan_overdue.deny) == 0 with input as inv
}

test_fail_returned_one_day_late if {
	inv := _inv({"date": "2026-10-01", "returned": "2026-10-16"})
	_findings(inv) == {["loan.l", "returned"]}
	some f in paper_loan_overdue.deny with input as inv
	contains(f.message, "came back on 2026-10-16, 15 days after it was lent on 2026-10-01")
}

test_pass_returned_same_day if {
	inv := _inv({"date": "2026-11-20", "returned": "2026-11-20"})
	count(paper_loan_overdue.deny) == 0 with input as inv
}

test_pass_lent_today if {
	inv := _inv({"date": "2026-11-26"})
	count(paper_loan_overdue.deny) == 0 with input as inv
}

# A returned date after the as-of date: on the as-of date the loan is still out.
test_returned_after_as_of_counts_as_out if {
	late := _inv({"date": "2026-11-01", "returned": "2026-12-01"})
	_findings(late) == {["loan.l", "returned"]}
	some f in paper_loan_overdue.deny with input as late
	contains(f.message, "still out 25 days")
	recent := _inv({"date": "2026-11-20", "returned": "2026-12-01"})
	count(paper_loan_overdue.deny) == 0 with input as recent
}

test_fail_no_lent_date if {
	inv := _inv({})
	_findings(inv) == {["loan.l", "date"]}
	returned := _inv({"returned": "2026-11-01", "date": null})
	_findings(returned) == {["loan.l", "date"]}
}

test_fail_returned_before_lent if {
	inv := _inv({"date": "2026-11-10", "returned": "2026-11-01"})
	_findings(inv) == {["loan.l", "returned"]}
	some f in paper_loan_overdue.deny with input as inv
	contains(f.message, "before it was lent")
}

# A limit of 0 days is judged as declared: BM-4.2.2-02 fails the archive too.
test_zero_limit_judged_as_declared if {
	same_day := _inv({"archive": "paper_archive.zero", "date": "2026-11-26"})
	paper_loan_overdue.applicable == {"loan.l"} with input as same_day
	count(paper_loan_overdue.deny) == 0 with input as same_day
	next_day := _inv({"archive": "paper_archive.zero", "date": "2026-11-25"})
	_findings(next_day) == {["loan.l", "returned"]}
}

test_no_result_archive_without_limit if {
	inv := _inv({"archive": "paper_archive.open", "date": "2020-01-01"})
	count(paper_loan_overdue.applicable) == 0 with input as inv
	count(paper_loan_overdue.deny) == 0 with input as inv
}

test_no_result_loan_without_archive if {
	inv := {
		"as_of": "2026-11-26",
		"paper_archives": _archives,
		"loans": {"loan.l": {"date": "2020-01-01"}},
	}
	count(paper_loan_overdue.applicable) == 0 with input as inv
}

test_not_applicable_without_loans if {
	inv := {"as_of": "2026-11-26", "paper_archives": _archives, "loans": {}}
	count(paper_loan_overdue.applicable) == 0 with input as inv
}
