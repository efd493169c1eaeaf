# Helpers for the organization, classification, storage and use controls of
# chapters 2 to 4: text attributes that must be filled in, and the departments
# that answer for customer data.
package baomi.lib

# filled_text(x) holds when x is a string with something other than blanks in it.
# An absent, null or blank text attribute is not filled in.
filled_text(x) if {
	is_string(x)
	trim_space(x) != ""
}

# has_text(obj, key) holds when obj[key] is filled-in text. Use it rather than
# filled_text(obj.key): a call whose argument is undefined is undefined, so
# `not filled_text(obj.key)` would not hold for an absent attribute.
has_text(obj, key) if filled_text(object.get(obj, key, null))

# Departments named as the owner of some data asset.
data_owning_departments := {dep |
	some dep in _owners
	input.departments[dep]
}

# Whatever the data assets name as their owner, each once: the departments are
# looked up once per owner rather than once per data asset.
_owners := {owner | owner := input.data_assets[_].owner}

# Departments that answer for customer data (2.3, 2.4): those declared to handle
# customer data and those that own a data asset.
responsible_departments := {addr | some addr, dep in input.departments; dep.handles_customer_data == true} | data_owning_departments
