# Helpers for the transfer controls of 4.3.2: which transfers carry protected data,
# and which channel kinds are public tools.
package baomi.lib

# Classifications whose transfers need the secure channel of BM-4.3.2-01.
_high_classifications := {"top_secret", "confidential"}

# Channel kinds that are public tools, never fit to carry customer data.
public_channel_kinds := {"email", "instant_messaging", "public_file_share"}

# Transfers of sensitive-category or top_secret/confidential data: BM-4.3.2-01
# judges them, BM-4.3.2-02 every other transfer.
protected_transfers := {addr |
	some addr, transfer in input.transfers
	_protected_asset(input.data_assets[transfer.asset])
}

_protected_asset(asset) if asset.category == "sensitive"

_protected_asset(asset) if asset.classification in _high_classifications
