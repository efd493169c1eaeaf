package baomi.controls.paper_lending_register_test

import data.baomi.controls.paper_lending_register

_inv(archive) := {
	"as_of": "2026-11-26",
	"paper_archives": {
		"paper_archive.hq_cabinet": archive,
		"paper_archive.empty_room": {},
	},
	"data_assets": {"data_asset.contracts": {"stored_in": ["paper_archive.hq_cabinet"]}},
}

_good := {"locked": true, "custodian": "Archivist Chen", "lending_register": true, "max_lending_days": 7}

_findings(inv) := {[f.resource, f.attribute] | some f in paper_lending_register.deny with input as inv}

test_pass if {
	inv := _inv(_good)
	paper_lending_register.applicable == {"paper_archive.hq_cabinet"} with input as inv
	count(paper_lending_register.deny) == 0 with input as inv
}

test_pass_one_day_limit if {
	inv := _inv(object.union(_good, {"max_lending_days": 1}))
	count(paper_lending_register.deny) == 0 with input as inv
}

test_fail_no_register if {
	inv := _inv(object.union(_good, {"lending_register": false}))
	_findings(inv) == {["paper_archive.hq_cabinet", "lending_register"]}
}

test_fail_register_absent if {
	inv := _inv(object.remove(_good, ["lending_register"]))
	_findings(inv) == {["paper_archive.hq_cabinet", "lending_register"]}
}

test_fail_max_lending_days_absent if {
	inv := _inv(object.remove(_good, ["max_lending_days"]))
	_findings(inv) == {["paper_archive.hq_cabinet", "max_lending_days"]}
}

test_fail_max_lending_days_zero if {
	inv := _inv(object.union(_good, {"max_lending_days": 0}))
	_findings(inv) == {["paper_archive.hq_cabinet", "max_lending_days"]}
	some f in paper_lending_register.deny with input as inv
	contains(f.message, "0 days")
}

test_fail_max_lending_days_negative if {
	inv := _inv(object.union(_good, {"max_lending_days": -3}))
	_findings(inv) == {["paper_archive.hq_cabinet", "max_lending_days"]}
}

test_fail_both if {
	inv := _inv({"locked": true})
	_findings(inv) == {["paper_archive.hq_cabinet", "lending_register"], ["paper_archive.hq_cabinet", "max_lending_days"]}
}

test_not_applicable_archive_holding_nothing if {
	inv := {
		"as_of": "2026-11-26",
		"paper_archives": {"paper_archive.empty_room": {}},
		"data_assets": {},
	}
	count(paper_lending_register.applicable) == 0 with input as inv
	count(paper_lending_register.deny) == 0 with input as inv
}
