# Terraform resources as a second source of facts (INFRASTRUCTURE.md): the facts of
# each storage resource, which holding system it stores data for, and the helpers the
# provider files (terraform_aws.rego, terraform_alicloud.rego, ...) share. Every fact is
# true, false or "unknown"; a value that cannot be known statically is never a pass.
package baomi.lib

# The stores a Terraform resource can be: only resources of these stores are storage.
terraform_store_kinds := {"database", "object_storage", "block_storage", "file_storage"}

# terraform_facts[address] is the facts of each Terraform storage resource: store,
# encrypted, public, backups and offsite_copy, and under attributes, for each fact that
# an attribute of the resource itself decided, that attribute's path (the place of the
# finding). Each provider file adds one object, address to facts, to
# terraform_provider_facts; a user adds a provider the same way with --policy. Only the
# stores of terraform_store_kinds count.
terraform_facts := {addr: facts |
	some addr, facts in object.union_n([f | some f in terraform_provider_facts])
	facts.store in terraform_store_kinds
}

# terraform_of_types(types) is the set of addresses of the Terraform resources of the
# given types, looked up in one index rather than scanned.
terraform_of_types(types) := {addr |
	some type in types
	some addr in object.get(_terraform_by_type, type, set())
}

_terraform_by_type := {type: addrs |
	some type in {t | some [t, _] in _terraform_type_pairs}
	addrs := {addr | some [t, addr] in _terraform_type_pairs; t == type}
}

_terraform_type_pairs := [[r.type, addr] | some addr, r in input.terraform]

# Terraform storage resources linked to a holding system.
terraform_linked_storage := {addr |
	some addr, _ in terraform_facts
	input.terraform[addr].system in holding_systems
}

# terraform_by_system[system] is the set of Terraform resources linked to a system.
terraform_by_system := {sys: addrs |
	some sys in {s | some [s, _] in _terraform_system_pairs}
	addrs := {addr | some [s, addr] in _terraform_system_pairs; s == sys}
}

_terraform_system_pairs := [[r.system, addr] | some addr, r in input.terraform; r.system]

# Terraform storage resources tagged as holding no customer data: the value of their
# terraform_system_tag is "none".
terraform_declared_empty := {addr |
	some addr, _ in terraform_facts
	some tags in {"tags", "tags_all"}
	object.get(input.terraform[addr], ["values", tags, settings.terraform_system_tag], null) == "none"
}

# Every address an entry of a system's terraform list can name: each Terraform
# address, the same address without its root prefix ("envs/prod:", matching in every
# root), and either without its instance key ("[0]", "[\"eu\"]", naming every
# instance).
terraform_defined := {a |
	some addr, _ in input.terraform
	some local in {addr, _terraform_unrooted(addr)}
	some a in {local, _terraform_base(local)}
}

# _terraform_base(addr) is addr without a trailing instance key.
_terraform_base(addr) := regex.replace(addr, `\[(\d+|"[^"]*")\]$`, "")

# _terraform_unrooted(addr) is addr without its "root:" prefix. A colon inside an index
# key (aws_s3_bucket.b["a:b"]) is not a root prefix.
_terraform_unrooted(addr) := substring(addr, i + 1, -1) if {
	i := indexof(addr, ":")
	i > 0
	not contains(substring(addr, 0, i), "[")
} else := addr

# Pairs [Terraform resource, asset] where the resource is linked to a system that holds
# the top_secret asset: the top_secret raise follows the linked system's data.
_top_secret_terraform := [[addr, a] |
	by_system := terraform_by_system
	some a in top_secret_assets
	some h in object.get(input.data_assets[a], "stored_in", [])
	some addr in object.get(by_system, h, set())
]

# terraform_finding(addr, fact, message, message_zh) is a finding on a Terraform
# resource, pointed at the attribute that decided the fact when there is one.
terraform_finding(addr, fact, message, message_zh) := object.union(
	{"resource": addr, "message": message, "message_zh": message_zh},
	{"attribute": a | a := terraform_facts[addr].attributes[fact]},
)

# terraform_fact_record(store, encrypted, public, backups, offsite_copy) is the facts
# object of one resource; each fact argument is a [value, attribute] pair, where
# attribute is "" when no attribute of the resource decided the value.
terraform_fact_record(store, encrypted, public, backups, offsite_copy) := {
	"store": store,
	"encrypted": encrypted[0],
	"public": public[0],
	"backups": backups[0],
	"offsite_copy": offsite_copy[0],
	"attributes": {fact: attr |
		some fact, pair in {"encrypted": encrypted, "public": public, "backups": backups, "offsite_copy": offsite_copy}
		attr := pair[1]
		attr != ""
	},
}

# terraform_unknown(r, path) holds when the attribute at path ("a" or "block.a") of a
# Terraform resource, or the block holding it, is present but not statically known.
terraform_unknown(r, path) if {
	some u in object.get(r, "unknown", [])
	_path_within(path, u)
}

_path_within(path, u) if path == u

_path_within(path, u) if startswith(path, concat("", [u, "."]))

# terraform_value(r, path) is the value of the attribute at path ("a" or "block.a"),
# where a nested block is an object or a list of objects (the first is read);
# undefined when absent, null or an empty list (a plan lists absent blocks as []).
terraform_value(r, path) := v if {
	v := _terraform_get(object.get(r, "values", {}), split(path, "."))
	not v in {null, []}
}

_terraform_get(vals, [a]) := vals[a]

_terraform_get(vals, [a, b]) := _terraform_block(vals[a])[b]

_terraform_block(x) := x if is_object(x)

_terraform_block(x) := x[0] if is_array(x)

# terraform_present(r, path) holds when the attribute at path is present, known or not.
terraform_present(r, path) if terraform_unknown(r, path)

terraform_present(r, path) if terraform_value(r, path) != null

# terraform_bool(r, path, absent) is [value, attribute] for a boolean attribute:
# "unknown" when not statically known or not a boolean (nor "true" or "false"), the
# value as written, or the value absent (with no attribute) when the attribute is
# missing.
terraform_bool(r, path, absent) := ["unknown", path] if {
	terraform_unknown(r, path)
} else := [v, path] if {
	v := _terraform_boolean(terraform_value(r, path))
} else := ["unknown", path] if {
	terraform_present(r, path)
} else := [absent, ""]

# _terraform_boolean(v) is v as a boolean: Terraform converts the strings "true" and
# "false" to booleans where a boolean is expected.
_terraform_boolean(v) := v if is_boolean(v)

_terraform_boolean("true") := true

_terraform_boolean("false") := false

# terraform_set(r, path) is [value, attribute]: true when the attribute at path holds
# a non-empty string, "unknown" when not statically known, false when absent or empty.
terraform_set(r, path) := ["unknown", path] if {
	terraform_unknown(r, path)
} else := [true, path] if {
	v := terraform_value(r, path)
	is_string(v)
	trim_space(v) != ""
} else := [false, path] if {
	terraform_present(r, path)
} else := [false, ""]

# terraform_public_acl(r, path) is [value, attribute] for a canned ACL at path: true
# for public-read and public-read-write, "unknown" when not statically known, false
# otherwise and when absent (private).
terraform_public_acl(r, path) := ["unknown", path] if {
	terraform_unknown(r, path)
} else := [true, path] if {
	v := terraform_value(r, path)
	is_string(v)
	startswith(v, "public-read")
} else := [false, path] if {
	terraform_present(r, path)
} else := [false, ""]

# terraform_companions(types, attr) is the set of [store, companion] pairs where a
# resource of one of types names a Terraform resource by its attribute attr: by
# reference (the value is the store's address, resolved within the companion's module
# or root) or by an equal literal name (terraform_names).
terraform_companions(types, attr) := {[store, addr] |
	some addr in terraform_of_types(types)
	c := input.terraform[addr]
	v := c.values[attr]
	is_string(v)
	some store in _terraform_named(addr, c.type, v)
}

# The Terraform resources a value names: the address itself, the address within the
# naming resource's module or root, or a resource whose literal name is that value.
_terraform_named(addr, type, v) := {s |
	some s in {v, concat("", [_terraform_prefix(addr, type), v])}
	input.terraform[s]
} | object.get(terraform_names, v, set())

# _terraform_prefix(addr, type) is the module path and root prefix of an address:
# what precedes its own "type.name".
_terraform_prefix(addr, type) := substring(addr, 0, max(indexof_n(addr, concat("", [type, "."]))))

# terraform_names[name] is the set of Terraform storage resources whose literal bucket
# name or instance identifier is name, for companions that name a store by it.
terraform_names := {name: addrs |
	some name in {n | some [n, _] in _terraform_name_pairs}
	addrs := {addr | some [n, addr] in _terraform_name_pairs; n == name}
}

_terraform_name_pairs := [[n, addr] |
	some addr, r in input.terraform
	some attr in {"bucket", "identifier"}
	n := r.values[attr]
	is_string(n)
	n != ""
]

# terraform_companion_of(pairs) is the set of stores that some companion of pairs names.
terraform_companion_of(pairs) := {store | some [store, _] in pairs}

# terraform_positive(r, path, absent) is [value, attribute] for a number of days at
# path: whether it is above 0, "unknown" when not statically known or not a number, or
# the value absent (with no attribute) when the attribute is missing.
terraform_positive(r, path, absent) := ["unknown", path] if {
	terraform_unknown(r, path)
} else := [n > 0, path] if {
	n := _terraform_number(terraform_value(r, path))
} else := ["unknown", path] if {
	terraform_present(r, path)
} else := [absent, ""]

_terraform_number(v) := v if is_number(v)

_terraform_number(v) := to_number(v) if {
	is_string(v)
	regex.match(`^[0-9]+$`, v)
}

# terraform_in(addr, stores) is [true, ""] when addr is among stores, else [false, ""]:
# a fact decided by a companion resource, which has no attribute on the store itself.
terraform_in(addr, stores) := [true, ""] if addr in stores

else := [false, ""]

# terraform_by_companion(addr, yes, unknown) is [value, ""] for a fact decided by
# companion resources: true when addr is among the stores of yes, "unknown" when among
# those of unknown, false otherwise.
terraform_by_companion(addr, yes, unknown) := [true, ""] if {
	addr in yes
} else := ["unknown", ""] if {
	addr in unknown
} else := [false, ""]

# terraform_either(own, companion) is a fact that a resource's own attribute or a
# companion resource can make true: true when either is, else "unknown" when either is,
# else own.
terraform_either(own, companion) := own if {
	own[0] == true
} else := companion if {
	companion[0] == true
} else := own if {
	own[0] == "unknown"
} else := companion if {
	companion[0] == "unknown"
} else := own
