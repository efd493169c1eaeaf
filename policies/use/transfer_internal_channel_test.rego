package baomi.controls.transfer_internal_channel_test

import data.baomi.controls.transfer_internal_channel
import data.baomi.controls.transfer_secure_channel

_channels := {
	"channel.sftp": {"kind": "sftp", "encrypted": true},
	"channel.internal": {"kind": "internal_secure", "encrypted": true},
	"channel.plain_sftp": {"kind": "sftp", "encrypted": false},
	"channel.unknown": {"kind": "internal_secure"},
	"channel.courier": {"kind": "courier"},
	"channel.mail": {"kind": "email", "encrypted": true},
	"channel.chat": {"kind": "instant_messaging", "encrypted": true},
	"channel.share": {"kind": "public_file_share", "encrypted": true},
	"channel.plain_mail": {"kind": "email", "encrypted": false},
}

_assets := {
	"data_asset.accounts": {"category": "sensitive", "classification": "secret"},
	"data_asset.plans": {"category": "business", "classification": "top_secret"},
	"data_asset.orders": {"category": "business", "classification": "confidential"},
	"data_asset.contacts": {"category": "identity", "classification": "secret"},
	"data_asset.derived": {"category": "derived", "classification": "secret"},
	"data_asset.unrated": {"category": "identity"},
	"data_asset.bare": {},
}

_inv(transfers) := {
	"as_of": "2026-11-26",
	"channels": _channels,
	"data_assets": _assets,
	"partners": {"partner.p": {}},
	"departments": {"department.ops": {}},
	"transfers": transfers,
}

_one(asset, channel) := _inv({"transfer.t": {"asset": asset, "channel": channel, "to": "partner.p"}})

_findings(inv) := {[f.resource, f.attribute] | some f in transfer_internal_channel.deny with input as inv}

_all := _inv({
	"transfer.sensitive": {"asset": "data_asset.accounts", "channel": "channel.mail"},
	"transfer.top_secret": {"asset": "data_asset.plans", "channel": "channel.mail"},
	"transfer.confidential": {"asset": "data_asset.orders", "channel": "channel.mail"},
	"transfer.secret": {"asset": "data_asset.contacts", "channel": "channel.sftp"},
	"transfer.derived": {"asset": "data_asset.derived", "channel": "channel.sftp"},
	"transfer.unrated": {"asset": "data_asset.unrated", "channel": "channel.sftp"},
	"transfer.bare": {"asset": "data_asset.bare", "channel": "channel.sftp"},
	"transfer.no_asset": {"channel": "channel.sftp", "to": "department.ops"},
})

# Every transfer is judged by exactly one of the two channel controls.
test_applicable_complements_secure_channel if {
	transfer_internal_channel.applicable == {
		"transfer.secret", "transfer.derived", "transfer.unrated",
		"transfer.bare", "transfer.no_asset",
	} with input as _all
	both := transfer_internal_channel.applicable & transfer_secure_channel.applicable with input as _all
	count(both) == 0
	judged := transfer_internal_channel.applicable | transfer_secure_channel.applicable with input as _all
	judged == {addr | some addr, _ in _all.transfers}
	count(transfer_internal_channel.deny) == 0 with input as _all
}

test_pass_encrypted_sftp if {
	inv := _one("data_asset.contacts", "channel.sftp")
	transfer_internal_channel.applicable == {"transfer.t"} with input as inv
	count(transfer_internal_channel.deny) == 0 with input as inv
}

test_pass_internal_secure_to_department if {
	inv := _inv({"transfer.t": {"asset": "data_asset.derived", "channel": "channel.internal", "to": "department.ops"}})
	transfer_internal_channel.applicable == {"transfer.t"} with input as inv
	count(transfer_internal_channel.deny) == 0 with input as inv
}

test_fail_channel_absent if {
	inv := _inv({"transfer.t": {"asset": "data_asset.contacts", "to": "partner.p"}})
	_findings(inv) == {["transfer.t", "channel"]}
	some f in transfer_internal_channel.deny with input as inv
	f.message == "transfer transfer.t carries data_asset.contacts but names no channel"
}

test_fail_no_asset_no_channel if {
	inv := _inv({"transfer.t": {"to": "partner.p"}})
	_findings(inv) == {["transfer.t", "channel"]}
	some f in transfer_internal_channel.deny with input as inv
	contains(f.message, "no data asset named")
}

test_fail_not_encrypted if {
	inv := _one("data_asset.contacts", "channel.plain_sftp")
	_findings(inv) == {["transfer.t", "channel"]}
	some f in transfer_internal_channel.deny with input as inv
	contains(f.message, "not declared encrypted")
}

test_fail_encrypted_absent if {
	inv := _one("data_asset.unrated", "channel.unknown")
	_findings(inv) == {["transfer.t", "channel"]}
	count(transfer_internal_channel.deny) == 1 with input as inv
}

test_fail_courier_not_encrypted if {
	inv := _one("data_asset.bare", "channel.courier")
	count(transfer_internal_channel.deny) == 1 with input as inv
}

test_fail_email_even_if_encrypted if {
	inv := _one("data_asset.contacts", "channel.mail")
	_findings(inv) == {["transfer.t", "channel"]}
	some f in transfer_internal_channel.deny with input as inv
	contains(f.message, "kind email")
}

test_fail_instant_messaging if {
	inv := _one("data_asset.derived", "channel.chat")
	count(transfer_internal_channel.deny) == 1 with input as inv
	some f in transfer_internal_channel.deny with input as inv
	contains(f.message, "kind instant_messaging")
}

test_fail_public_file_share if {
	inv := _one("data_asset.contacts", "channel.share")
	count(transfer_internal_channel.deny) == 1 with input as inv
	some f in transfer_internal_channel.deny with input as inv
	contains(f.message, "kind public_file_share")
}

test_fail_plain_email_twice if {
	inv := _one("data_asset.contacts", "channel.plain_mail")
	count(transfer_internal_channel.deny) == 2 with input as inv
	_findings(inv) == {["transfer.t", "channel"]}
}

# A transfer BM-4.3.2-01 judges gets no result here, even over email.
test_not_applicable_protected_data_over_email if {
	inv := _one("data_asset.plans", "channel.plain_mail")
	count(transfer_internal_channel.applicable) == 0 with input as inv
	count(transfer_internal_channel.deny) == 0 with input as inv
	transfer_secure_channel.applicable == {"transfer.t"} with input as inv
}

test_not_applicable_without_transfers if {
	inv := _inv({})
	count(transfer_internal_channel.applicable) == 0 with input as inv
}
