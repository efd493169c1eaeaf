package baomi.controls.paper_secured_test

import data.baomi.controls.paper_secured

_inv(archive) := {
	"as_of": "2026-11-26",
	"paper_archives": {
		"paper_archive.hq_cabinet": archive,
		"paper_archive.empty_room": {"locked": false},
	},
	"data_assets": {"data_asset.contracts": {"stored_in": ["paper_archive.hq_cabinet", "system.crm_db"]}},
	"systems": {"system.crm_db": {}},
}

_good := {"locked": true, "custodian": "Archivist Chen", "lending_register": true, "max_lending_days": 7}

_findings(inv) := {[f.resource, f.attribute] | some f in paper_secured.deny with input as inv}

test_pass if {
	inv := _inv(_good)
	paper_secured.applicable == {"paper_archive.hq_cabinet"} with input as inv
	count(paper_secured.deny) == 0 with input as inv
}

test_fail_not_locked if {
	inv := _inv(object.union(_good, {"locked": false}))
	_findings(inv) == {["paper_archive.hq_cabinet", "locked"]}
}

test_fail_locked_absent if {
	inv := _inv(object.remove(_good, ["locked"]))
	_findings(inv) == {["paper_archive.hq_cabinet", "locked"]}
}

test_fail_custodian_absent if {
	inv := _inv(object.remove(_good, ["custodian"]))
	_findings(inv) == {["paper_archive.hq_cabinet", "custodian"]}
}

test_fail_custodian_blank if {
	inv := _inv(object.union(_good, {"custodian": " "}))
	_findings(inv) == {["paper_archive.hq_cabinet", "custodian"]}
	some f in paper_secured.deny with input as inv
	f.message == "paper archive paper_archive.hq_cabinet names no custodian responsible for it"
}

test_fail_both if {
	inv := _inv({})
	_findings(inv) == {["paper_archive.hq_cabinet", "locked"], ["paper_archive.hq_cabinet", "custodian"]}
}

test_not_applicable_archive_holding_nothing if {
	inv := {
		"as_of": "2026-11-26",
		"paper_archives": {"paper_archive.empty_room": {"locked": false}},
		"data_assets": {"data_asset.contracts": {"stored_in": []}},
	}
	count(paper_secured.applicable) == 0 with input as inv
	count(paper_secured.deny) == 0 with input as inv
}
