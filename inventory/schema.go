package inventory

// valueKind is the kind of value an attribute takes.
type valueKind int

const (
	kindString valueKind = iota
	kindBool
	kindNumber
	kindDate
	kindEnum
	kindRef
	kindStringList
	kindRefList
)

// attribute describes one attribute of a block: its name and the values it takes.
type attribute struct {
	name string
	kind valueKind
	// enum lists the allowed values of an enum.
	enum []string
	// refs lists the block types a reference may point at; nil means any type.
	refs []string
	// terraform lets a reference be, instead, a string holding a Terraform
	// resource address (a waiver's resource, INFRASTRUCTURE.md).
	terraform bool
}

// nestedBlock describes a block inside a resource, such as backup in system.
type nestedBlock struct {
	name  string
	many  bool
	attrs []attribute
}

// blockType describes one top-level block type of the inventory language.
type blockType struct {
	name       string
	collection string
	attrs      []attribute
	blocks     []nestedBlock
	// required lists the attributes that must be set (waivers only).
	required []string
	// single is true for the organization: at most one per inventory.
	single bool
}

func str(name string) attribute               { return attribute{name: name, kind: kindString} }
func boolean(name string) attribute           { return attribute{name: name, kind: kindBool} }
func number(name string) attribute            { return attribute{name: name, kind: kindNumber} }
func date(name string) attribute              { return attribute{name: name, kind: kindDate} }
func strList(name string) attribute           { return attribute{name: name, kind: kindStringList} }
func enum(name string, v ...string) attribute { return attribute{name: name, kind: kindEnum, enum: v} }
func ref(name string, t ...string) attribute  { return attribute{name: name, kind: kindRef, refs: t} }
func refOrTerraform(name string) attribute {
	return attribute{name: name, kind: kindRef, terraform: true}
}
func refList(name string, t ...string) attribute {
	return attribute{name: name, kind: kindRefList, refs: t}
}

// blockTypes is the inventory language of INVENTORY.md, in its order.
var blockTypes = []*blockType{
	{name: "organization", collection: "organization", single: true, attrs: []attribute{
		str("name"), str("accountable_executive"), ref("lead_department", "department"), date("last_management_review"),
	}, blocks: []nestedBlock{
		{name: "classification_catalog", attrs: []attribute{ref("owner", "department"), date("last_reviewed")}},
	}},
	{name: "department", collection: "departments", attrs: []attribute{
		str("name"), str("head"), boolean("handles_customer_data"), number("staff"), number("undertakings_signed"),
	}},
	{name: "site", collection: "sites", attrs: []attribute{
		str("name"), str("city"), enum("kind", "office", "datacenter", "cloud_region"),
	}},
	{name: "system", collection: "systems", attrs: []attribute{
		str("name"),
		enum("kind", "server", "cloud", "third_party_platform", "personal_computer", "removable_media"),
		ref("site", "site"), boolean("designated"), boolean("approved"),
		enum("encryption_at_rest", "none", "SM4", "AES-128", "AES-192", "AES-256"),
		enum("access_control", "none", "shared_account", "role_based", "attribute_based"),
		boolean("access_approval"), boolean("audit_logging"), boolean("antivirus"), boolean("firewall"), number("patch_age_days"),
		strList("terraform"),
	}, blocks: []nestedBlock{
		{name: "backup", many: true, attrs: []attribute{
			enum("frequency", "daily", "weekly", "monthly", "quarterly", "none"), boolean("encrypted"),
			ref("site", "site"), date("last_restore_test"),
		}},
	}},
	{name: "data_asset", collection: "data_assets", attrs: []attribute{
		str("name"), enum("category", "identity", "business", "sensitive", "derived"),
		enum("classification", "top_secret", "confidential", "secret"), ref("owner", "department"),
		refList("stored_in", "system", "paper_archive"), boolean("labeled"), date("retention_until"),
	}, blocks: []nestedBlock{
		{name: "collection", attrs: []attribute{
			boolean("purpose_notified"), enum("consent", "explicit", "implied", "none"), boolean("minimized"),
		}},
	}},
	{name: "paper_archive", collection: "paper_archives", attrs: []attribute{
		str("name"), ref("site", "site"), boolean("locked"), str("custodian"), boolean("lending_register"), number("max_lending_days"),
	}},
	{name: "channel", collection: "channels", attrs: []attribute{
		str("name"), enum("kind", "internal_secure", "sftp", "vpn", "email", "instant_messaging", "public_file_share", "courier"),
		boolean("encrypted"),
	}},
	{name: "transfer", collection: "transfers", attrs: []attribute{
		ref("asset", "data_asset"), ref("channel", "channel"), ref("to", "partner", "department"),
	}},
	{name: "partner", collection: "partners", attrs: []attribute{
		str("name"), refList("receives", "data_asset"),
	}, blocks: []nestedBlock{
		{name: "security_assessment", many: true, attrs: []attribute{date("date"), enum("result", "pass", "conditional", "fail")}},
		{name: "monitoring", attrs: []attribute{str("method"), date("last_review")}},
	}},
	{name: "agreement", collection: "agreements", attrs: []attribute{
		ref("partner", "partner"), enum("kind", "nda", "dpa", "service"), date("signed"), date("expires"),
		boolean("confidentiality_obligations"), strList("scope_of_use"), boolean("liability"), refList("covers", "data_asset"),
	}},
	{name: "loan", collection: "loans", attrs: []attribute{
		ref("archive", "paper_archive"), ref("asset", "data_asset"), str("borrower"), date("date"), date("returned"),
	}},
	{name: "incident", collection: "incidents", attrs: []attribute{
		date("date"), refList("assets", "data_asset"), ref("coordinated_by", "department"), boolean("reported_to_management"),
		date("closed"), boolean("corrective_actions"),
	}},
	{name: "removal", collection: "removals", attrs: []attribute{
		ref("asset", "data_asset"), str("approved_by_department_head"), str("approved_by_lead_department"),
		date("date"), date("due"), boolean("returned"),
	}},
	{name: "destruction", collection: "destructions", attrs: []attribute{
		ref("asset", "data_asset"), enum("medium", "electronic", "paper"),
		enum("method", "secure_erase", "crypto_erase", "degauss", "physical_destruction", "format", "delete", "shred", "incinerate", "discard"),
		str("supervised_by"), boolean("recorded"), date("date"),
	}},
	{name: "device", collection: "devices", attrs: []attribute{
		str("name"), enum("kind", "desktop", "laptop", "mobile", "server", "network"), number("count"),
		boolean("handles_customer_data"), boolean("antivirus"), boolean("firewall"), number("patch_age_days"),
		number("screen_lock_minutes"), boolean("disk_encryption"), boolean("remote_work"), boolean("vpn"), boolean("mdm"),
	}},
	{name: "disposal", collection: "disposals", attrs: []attribute{
		ref("device", "device", "system"), enum("reason", "scrap", "repair", "resale"), boolean("wiped"), date("date"),
	}},
	{name: "training", collection: "trainings", attrs: []attribute{
		enum("kind", "onboarding", "refresher"), ref("department", "department"), date("date"), number("required"), number("completed"),
	}},
	{name: "waiver", collection: "waivers", attrs: []attribute{
		str("control"), refOrTerraform("resource"), str("reason"), str("approved_by"), date("expires"),
	}, required: []string{"control", "resource", "reason", "approved_by", "expires"}},
}

// blockTypeByName finds a block type; nil when the name is not one.
func blockTypeByName(name string) *blockType {
	for _, b := range blockTypes {
		if b.name == name {
			return b
		}
	}
	return nil
}

// blockTypeNames lists every block type, for suggestions.
func blockTypeNames() []string {
	names := make([]string, len(blockTypes))
	for i, b := range blockTypes {
		names[i] = b.name
	}
	return names
}

// Collections lists the input document's collection names, one per block type.
func Collections() []string {
	names := make([]string, len(blockTypes))
	for i, b := range blockTypes {
		names[i] = b.collection
	}
	return names
}
