package baomi.lib.organization_test

import data.baomi.lib

test_filled_text if {
	lib.filled_text("Zhang San")
	not lib.filled_text("")
	not lib.filled_text("   ")
	not lib.filled_text(null)
	not lib.filled_text(true)
	not lib.filled_text(3)
}

test_responsible_departments if {
	inv := {
		"departments": {
			"department.sales": {"handles_customer_data": true},
			"department.risk": {"handles_customer_data": false},
			"department.legal": {},
			"department.it": {"handles_customer_data": false},
		},
		"data_assets": {
			"data_asset.a": {"owner": "department.risk"},
			"data_asset.b": {"owner": "department.risk"},
			"data_asset.c": {},
			"data_asset.d": {"owner": "department.unknown"},
		},
	}
	lib.data_owning_departments == {"department.risk"} with input as inv
	lib.responsible_departments == {"department.sales", "department.risk"} with input as inv
}

test_responsible_departments_without_data_assets if {
	inv := {"departments": {"department.sales": {"handles_customer_data": true}}}
	lib.responsible_departments == {"department.sales"} with input as inv
}

# An owner counts only when it names a declared department; null, a number or
# a list names none, and without departments no data asset has an owner.
test_data_owning_departments_odd_owners if {
	inv := {
		"departments": {"department.risk": {}, "department.it": {}},
		"data_assets": {
			"data_asset.a": {"owner": null},
			"data_asset.b": {"owner": 1},
			"data_asset.c": {"owner": ["department.it"]},
			"data_asset.d": {"owner": "department.it"},
			"data_asset.e": {"owner": "department.it"},
		},
	}
	lib.data_owning_departments == {"department.it"} with input as inv
	lib.data_owning_departments == set() with input as object.remove(inv, ["departments"])
}

test_has_text if {
	lib.has_text({"head": "Zhang San"}, "head")
	not lib.has_text({"head": " "}, "head")
	not lib.has_text({"head": null}, "head")
	not lib.has_text({}, "head")
}
