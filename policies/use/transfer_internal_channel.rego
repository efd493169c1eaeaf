# METADATA
# title: All customer data travels over an internal secure channel
# description: |
#   Every transfer of customer data uses an encrypted internal channel, not only
#   transfers of sensitive or highly classified data. Judges the transfers that
#   BM-4.3.2-01 does not (data neither sensitive nor top_secret/confidential,
#   including data whose category or classification is not declared, and a
#   transfer that names no data asset: it still moves customer data). Fails when
#   such a transfer names no channel, its channel is not declared encrypted, or the
#   channel is email, instant messaging or a public file share (encrypted or not).
# custom:
#   id: BM-4.3.2-02
#   short_code: transfer-internal-channel
#   article: "4.3.2"
#   severity: medium
#   title_zh: 客户资料均经内部安全渠道传输
#   remediation: Move the transfer to an encrypted internal channel (internal_secure, sftp or vpn), declare the channel `encrypted = true`, and reference it in the transfer's `channel`.
#   remediation_zh: 将该传输改走企业内部加密渠道(internal_secure、sftp 或 vpn),在 channel 中声明 `encrypted = true`,并在传输记录的 `channel` 中引用该渠道;不得使用普通邮件、即时通讯或公共网盘。
package baomi.controls.transfer_internal_channel

import data.baomi.lib

# Every transfer that BM-4.3.2-01 does not judge.
applicable contains addr if {
	some addr, _ in input.transfers
	not addr in lib.protected_transfers
}

# _carries(transfer) names the data a transfer carries, for messages.
_carries(transfer) := object.get(transfer, "asset", "customer data (no data asset named)")

deny contains {
	"resource": addr,
	"message": sprintf("transfer %s carries %s but names no channel", [addr, _carries(transfer)]),
	"message_zh": sprintf("传输 %s 涉及 %s,但未指明传输渠道", [addr, _carries(transfer)]),
	"attribute": "channel",
} if {
	some addr in applicable
	transfer := input.transfers[addr]
	not is_string(object.get(transfer, "channel", null))
}

deny contains {
	"resource": addr,
	"message": sprintf("transfer %s carries %s over %s, which is not declared encrypted", [addr, _carries(transfer), transfer.channel]),
	"message_zh": sprintf("传输 %s 经 %s 传递 %s,该渠道未声明加密", [addr, transfer.channel, _carries(transfer)]),
	"attribute": "channel",
} if {
	some addr in applicable
	transfer := input.transfers[addr]
	is_string(transfer.channel)
	not object.get(input.channels, transfer.channel, {}).encrypted == true
}

deny contains {
	"resource": addr,
	"message": sprintf("transfer %s carries %s over %s, a channel of kind %s, which must not carry customer data", [addr, _carries(transfer), transfer.channel, kind]),
	"message_zh": sprintf("传输 %s 经 %s(类型 %s)传递 %s,此类公共工具不得用于传输客户资料", [addr, transfer.channel, kind, _carries(transfer)]),
	"attribute": "channel",
} if {
	some addr in applicable
	transfer := input.transfers[addr]
	kind := input.channels[transfer.channel].kind
	kind in lib.public_channel_kinds
}
