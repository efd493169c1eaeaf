# METADATA
# title: Sensitive or highly classified data travels over a secure channel
# description: |
#   Transfers of sensitive customer data, or of data classified top_secret or
#   confidential, use an encrypted internal channel, never a public tool. Fails
#   when such a transfer names no channel, its channel is not declared encrypted,
#   or the channel is email, instant messaging or a public file share (encrypted
#   or not).
# custom:
#   id: BM-4.3.2-01
#   short_code: transfer-secure-channel
#   article: "4.3.2"
#   severity: high
#   title_zh: 敏感或高密级资料经安全渠道传输
#   remediation: Move the transfer to an encrypted internal channel (internal_secure, sftp or vpn), declare the channel `encrypted = true`, and reference it in the transfer's `channel`.
#   remediation_zh: 将该传输改走企业内部加密渠道(internal_secure、sftp 或 vpn),在 channel 中声明 `encrypted = true`,并在传输记录的 `channel` 中引用该渠道;不得使用普通邮件、即时通讯或公共网盘。
package baomi.controls.transfer_secure_channel

import data.baomi.lib

# A transfer carries protected data when its asset is sensitive or top_secret/confidential.
applicable contains addr if some addr in lib.protected_transfers

deny contains {
	"resource": addr,
	"message": sprintf("transfer %s carries %s but names no channel", [addr, input.transfers[addr].asset]),
	"message_zh": sprintf("传输 %s 涉及 %s,但未指明传输渠道", [addr, input.transfers[addr].asset]),
	"attribute": "channel",
} if {
	some addr in applicable
	not is_string(object.get(input.transfers[addr], "channel", null))
}

deny contains {
	"resource": addr,
	"message": sprintf("transfer %s carries %s over %s, which is not declared encrypted", [addr, transfer.asset, transfer.channel]),
	"message_zh": sprintf("传输 %s 经 %s 传递 %s,该渠道未声明加密", [addr, transfer.channel, transfer.asset]),
	"attribute": "channel",
} if {
	some addr in applicable
	transfer := input.transfers[addr]
	is_string(transfer.channel)
	not object.get(input.channels, transfer.channel, {}).encrypted == true
}

deny contains {
	"resource": addr,
	"message": sprintf("transfer %s carries %s over %s, a channel of kind %s, which must not carry sensitive or highly classified data", [addr, transfer.asset, transfer.channel, kind]),
	"message_zh": sprintf("传输 %s 经 %s(类型 %s)传递 %s,此类公共工具不得用于传输敏感或高密级资料", [addr, transfer.channel, kind, transfer.asset]),
	"attribute": "channel",
} if {
	some addr in applicable
	transfer := input.transfers[addr]
	kind := input.channels[transfer.channel].kind
	kind in lib.public_channel_kinds
}
