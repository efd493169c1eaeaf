package baomi.controls.transfer_secure_channel_test

import data.baomi.controls.transfer_secure_channel

_channels := {
	"channel.sftp": {"kind": "sftp", "encrypted": true},
	"channel.plain_sftp": {"kind": "sftp", "encrypted": false},
	"channel.unknown": {"kind": "internal_secure"},
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
	"data_asset.unrated": {"category": "identity"},
}

_inv(transfers) := {
	"as_of": "2026-11-26",
	"channels": _channels,
	"data_assets": _assets,
	"partners": {"partner.p": {}},
	"transfers": transfers,
}

_one(asset, channel) := _inv({"transfer.t": {"asset": asset, "channel": channel, "to": "partner.p"}})

_findings(inv) := {[f.resource, f.attribute] | some f in transfer_secure_channel.deny with input as inv}

test_applicable_sensitive_top_secret_confidential_only if {
	inv := _inv({
		"transfer.sensitive": {"asset": "data_asset.accounts", "channel": "channel.sftp"},
		"transfer.top_secret": {"asset": "data_asset.plans", "channel": "channel.sftp"},
		"transfer.confidential": {"asset": "data_asset.orders", "channel": "channel.sftp"},
		"transfer.secret": {"asset": "data_asset.contacts", "channel": "channel.mail"},
		"transfer.unrated": {"asset": "data_asset.unrated", "channel": "channel.mail"},
		"transfer.no_asset": {"channel": "channel.mail"},
	})
	transfer_secure_channel.applicable == {"transfer.sensitive", "transfer.top_secret", "transfer.confidential"} with input as inv
	count(transfer_secure_channel.deny) == 0 with input as inv
}

test_pass_encrypted_sftp if {
	inv := _one("data_asset.plans", "channel.sftp")
	transfer_secure_channel.applicable == {"transfer.t"} with input as inv
	count(transfer_secure_channel.deny) == 0 with input as inv
}

test_fail_channel_absent if {
	inv := _inv({"transfer.t": {"asset": "data_asset.accounts", "to": "partner.p"}})
	_findings(inv) == {["transfer.t", "channel"]}
	some f in transfer_secure_channel.deny with input as inv
	f.message == "transfer transfer.t carries data_asset.accounts but names no channel"
}

test_fail_not_encrypted if {
	inv := _one("data_asset.orders", "channel.plain_sftp")
	_findings(inv) == {["transfer.t", "channel"]}
	some f in transfer_secure_channel.deny with input as inv
	contains(f.message, "not declared encrypted")
}

test_fail_encrypted_absent if {
	inv := _one("data_asset.orders", "channel.unknown")
	_findings(inv) == {["transfer.t", "channel"]}
	count(transfer_secure_channel.deny) == 1 with input as inv
}

test_fail_email_even_if_encrypted if {
	inv := _one("data_asset.accounts", "channel.mail")
	_findings(inv) == {["transfer.t", "channel"]}
	some f in transfer_secure_channel.deny with input as inv
	contains(f.message, "kind email")
}

test_fail_instant_messaging if {
	inv := _one("data_asset.accounts", "channel.chat")
	count(transfer_secure_channel.deny) == 1 with input as inv
	some f in transfer_secure_channel.deny with input as inv
	contains(f.message, "kind instant_messaging")
}

test_fail_public_file_share if {
	inv := _one("data_asset.plans", "channel.share")
	count(transfer_secure_channel.deny) == 1 with input as inv
	some f in transfer_secure_channel.deny with input as inv
	contains(f.message, "kind public_file_share")
}

test_fail_plain_email_twice if {
	inv := _one("data_asset.plans", "channel.plain_mail")
	count(transfer_secure_channel.deny) == 2 with input as inv
	_findings(inv) == {["transfer.t", "channel"]}
}

test_not_applicable_secret_data_over_email if {
	inv := _one("data_asset.contacts", "channel.plain_mail")
	count(transfer_secure_channel.applicable) == 0 with input as inv
	count(transfer_secure_channel.deny) == 0 with input as inv
}
