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
	// doc is the attribute's meaning in one sentence.
	doc string
}

// describe returns a with its meaning set to doc.
func (a attribute) describe(doc string) attribute {
	a.doc = doc
	return a
}

// nestedBlock describes a block inside a resource, such as backup in system.
type nestedBlock struct {
	name  string
	many  bool
	attrs []attribute
	doc   string
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
	// doc is what a block of the type stands for, in one sentence.
	doc string
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

// blockTypes is the inventory language of INVENTORY.md, in its order. Each
// entry's doc is its meaning in one line, the article of the measures in
// brackets where one governs it; editors and the input schema show it.
var blockTypes = []*blockType{
	{name: "organization", collection: "organization", single: true,
		doc: "The enterprise itself: exactly one per inventory (2.1, 2.2).", attrs: []attribute{
			str("name").describe("The organization's name."),
			str("accountable_executive").describe("The member of management accountable for customer-data confidentiality (2.1)."),
			ref("lead_department", "department").describe("The department that leads confidentiality management (2.2)."),
			date("last_management_review").describe("The last time management reviewed confidentiality work (2.1)."),
		}, blocks: []nestedBlock{
			{name: "classification_catalog", doc: "The catalog that classifies customer data (3.2).", attrs: []attribute{
				ref("owner", "department").describe("The department that keeps the classification catalog (3.2)."),
				date("last_reviewed").describe("The last time the catalog was reviewed (3.2)."),
			}},
		}},
	{name: "department", collection: "departments",
		doc: "A department of the enterprise (2.3, 2.4).", attrs: []attribute{
			str("name").describe("The department's name."),
			str("head").describe("The department's head, its first responsible person (2.3)."),
			boolean("handles_customer_data").describe("The department handles customer data."),
			number("staff").describe("How many staff the department has (2.4)."),
			number("undertakings_signed").describe("How many staff signed a confidentiality undertaking (2.4)."),
		}},
	{name: "site", collection: "sites",
		doc: "A place where customer data is kept: an office, a data centre or a cloud region.", attrs: []attribute{
			str("name").describe("The site's name."),
			str("city").describe("The city the site is in; backups belong in another city (4.2.3)."),
			enum("kind", "office", "datacenter", "cloud_region").describe("What kind of site it is."),
		}},
	{name: "system", collection: "systems",
		doc: "An electronic storage system that may hold customer data (4.2.1).", attrs: []attribute{
			str("name").describe("The system's name."),
			enum("kind", "server", "cloud", "third_party_platform", "personal_computer", "removable_media").
				describe("What kind of storage the system is (4.2.1)."),
			ref("site", "site").describe("The site where the primary copy lives."),
			boolean("designated").describe("Designated by the enterprise for customer data (4.2.1)."),
			boolean("approved").describe("For a third_party_platform: authorised by the enterprise (4.2.1)."),
			enum("encryption_at_rest", "none", "SM4", "AES-128", "AES-192", "AES-256").
				describe("The algorithm protecting data at rest, or none (4.2.1)."),
			enum("access_control", "none", "shared_account", "role_based", "attribute_based").
				describe("How access is tiered (4.2.1)."),
			boolean("access_approval").describe("Access is granted only through an approval workflow (4.3.1)."),
			boolean("audit_logging").describe("Access and export are logged (4.3.4)."),
			boolean("antivirus").describe("Antivirus protection runs on the system (4.6.1)."),
			boolean("firewall").describe("A firewall protects the system (4.6.1)."),
			number("patch_age_days").describe("Age in days of the oldest missing security patch, 0 when current (4.6.1)."),
			strList("terraform").describe("Terraform resource addresses that deploy this system, such as \"aws_db_instance.crm\"."),
		}, blocks: []nestedBlock{
			{name: "backup", many: true, doc: "A backup copy of the system, zero or more (4.2.3).", attrs: []attribute{
				enum("frequency", "daily", "weekly", "monthly", "quarterly", "none").describe("How often the backup is taken (4.2.3)."),
				boolean("encrypted").describe("The backup copy is encrypted (4.2.3)."),
				ref("site", "site").describe("The site where the backup copy is kept (4.2.3)."),
				date("last_restore_test").describe("The last time a restore from this backup was tested (4.2.3)."),
			}},
		}},
	{name: "data_asset", collection: "data_assets",
		doc: "A class of customer data (3.1, 3.2).", attrs: []attribute{
			str("name").describe("The data asset's name."),
			enum("category", "identity", "business", "sensitive", "derived").
				describe("The category of the data: 基本身份信息, 业务信息, 敏感信息, 衍生信息 (3.1)."),
			enum("classification", "top_secret", "confidential", "secret").
				describe("The classification of the data: 绝密, 机密, 秘密 (3.2)."),
			ref("owner", "department").describe("The department that owns the data."),
			refList("stored_in", "system", "paper_archive").describe("The systems and paper archives where the data is kept."),
			boolean("labeled").describe("Records carry their classification mark (4.1.3)."),
			date("retention_until").describe("After this date the data is no longer needed (4.4.1)."),
		}, blocks: []nestedBlock{
			{name: "collection", doc: "How the data is collected from customers, when it is (4.1.1, 4.1.2).", attrs: []attribute{
				boolean("purpose_notified").describe("Customers are told the purpose of the collection (4.1.1)."),
				enum("consent", "explicit", "implied", "none").describe("The customers' consent to the collection (4.1.1)."),
				boolean("minimized").describe("Only the data needed is collected (4.1.2)."),
			}},
		}},
	{name: "paper_archive", collection: "paper_archives",
		doc: "A place where paper records of customer data are kept (4.2.2).", attrs: []attribute{
			str("name").describe("The archive's name."),
			ref("site", "site").describe("The site where the archive is."),
			boolean("locked").describe("The archive is locked (4.2.2)."),
			str("custodian").describe("The person who keeps the archive (4.2.2)."),
			boolean("lending_register").describe("Loans out of the archive are registered (4.2.2)."),
			number("max_lending_days").describe("How many days a file may be lent out (4.2.2)."),
		}},
	{name: "channel", collection: "channels",
		doc: "A way customer data is transmitted (4.3.2).", attrs: []attribute{
			str("name").describe("The channel's name."),
			enum("kind", "internal_secure", "sftp", "vpn", "email", "instant_messaging", "public_file_share", "courier").
				describe("What kind of channel it is (4.3.2)."),
			boolean("encrypted").describe("Data is encrypted in transit on the channel (4.3.2)."),
		}},
	{name: "transfer", collection: "transfers",
		doc: "A recurring flow of customer data (4.3.2).", attrs: []attribute{
			ref("asset", "data_asset").describe("The data transferred."),
			ref("channel", "channel").describe("The channel it is transferred on (4.3.2)."),
			ref("to", "partner", "department").describe("The partner or department that receives it."),
		}},
	{name: "partner", collection: "partners",
		doc: "An external unit that receives or touches customer data (1.2, 4.5).", attrs: []attribute{
			str("name").describe("The partner's name."),
			refList("receives", "data_asset").describe("The customer data the partner receives (4.5)."),
		}, blocks: []nestedBlock{
			{name: "security_assessment", many: true, doc: "A security assessment of the partner, zero or more; the latest counts (4.5.2).", attrs: []attribute{
				date("date").describe("The day of the assessment (4.5.2)."),
				enum("result", "pass", "conditional", "fail").describe("The assessment's result (4.5.2)."),
			}},
			{name: "monitoring", doc: "How the partner is monitored, zero or one (4.5.2).", attrs: []attribute{
				str("method").describe("How the partner is monitored (4.5.2)."),
				date("last_review").describe("The last review of the partner (4.5.2)."),
			}},
		}},
	{name: "agreement", collection: "agreements",
		doc: "An agreement with a partner, usually kept by legal in its own file (4.5.1).", attrs: []attribute{
			ref("partner", "partner").describe("The partner the agreement binds."),
			enum("kind", "nda", "dpa", "service").describe("What kind of agreement it is; only nda satisfies the NDA controls (4.5.1)."),
			date("signed").describe("The day the agreement was signed."),
			date("expires").describe("The day the agreement ends; absent: no fixed end."),
			boolean("confidentiality_obligations").describe("The text states the partner's confidentiality duties (4.5.1)."),
			strList("scope_of_use").describe("The permitted uses of the data (4.5.1)."),
			boolean("liability").describe("Liability for breach is stated (4.5.1)."),
			refList("covers", "data_asset").describe("The customer data the agreement covers."),
		}},
	{name: "loan", collection: "loans",
		doc: "A paper file lent out of an archive (4.2.2).", attrs: []attribute{
			ref("archive", "paper_archive").describe("The archive the file was lent from (4.2.2)."),
			ref("asset", "data_asset").describe("The data the file holds."),
			str("borrower").describe("Who borrowed the file."),
			date("date").describe("The day the file was lent."),
			date("returned").describe("The day the file came back; absent: still out (4.2.2)."),
		}},
	{name: "incident", collection: "incidents",
		doc: "A leak or suspected leak of customer data (2.2).", attrs: []attribute{
			date("date").describe("The day the incident was discovered."),
			refList("assets", "data_asset").describe("The customer data involved."),
			ref("coordinated_by", "department").describe("The department that coordinated the response (2.2)."),
			boolean("reported_to_management").describe("The incident was reported to management (2.2)."),
			date("closed").describe("The day the incident was closed; absent: still open."),
			boolean("corrective_actions").describe("Corrective actions were taken (2.2)."),
		}},
	{name: "removal", collection: "removals",
		doc: "Customer data taken off the premises (4.3.3).", attrs: []attribute{
			ref("asset", "data_asset").describe("The data taken off the premises."),
			str("approved_by_department_head").describe("The department head who approved the removal (4.3.3)."),
			str("approved_by_lead_department").describe("Who in the lead department approved the removal (4.3.3)."),
			date("date").describe("The day the data was taken."),
			date("due").describe("The day the data is due back."),
			boolean("returned").describe("The data was returned or destroyed after use (4.3.3)."),
		}},
	{name: "destruction", collection: "destructions",
		doc: "Customer data destroyed (4.4).", attrs: []attribute{
			ref("asset", "data_asset").describe("The data destroyed."),
			enum("medium", "electronic", "paper").describe("The medium the data was on."),
			enum("method", "secure_erase", "crypto_erase", "degauss", "physical_destruction", "format", "delete", "shred", "incinerate", "discard").
				describe("How the data was destroyed (4.4.1)."),
			str("supervised_by").describe("Who supervised the destruction (4.4.2)."),
			boolean("recorded").describe("The destruction was recorded (4.4.2)."),
			date("date").describe("The day of the destruction."),
		}},
	{name: "device", collection: "devices",
		doc: "A fleet of end-user or infrastructure devices (4.6, 4.7).", attrs: []attribute{
			str("name").describe("The fleet's name."),
			enum("kind", "desktop", "laptop", "mobile", "server", "network").describe("What kind of devices they are."),
			number("count").describe("How many devices the fleet has."),
			boolean("handles_customer_data").describe("The devices handle customer data."),
			boolean("antivirus").describe("Antivirus protection runs on the devices (4.6.1)."),
			boolean("firewall").describe("A firewall protects the devices (4.6.1)."),
			number("patch_age_days").describe("Age in days of the oldest missing security patch, 0 when current (4.6.1)."),
			number("screen_lock_minutes").describe("Minutes of inactivity before the screen locks (4.6.2)."),
			boolean("disk_encryption").describe("The devices' disks are encrypted (4.7)."),
			boolean("remote_work").describe("The devices are used for remote work (4.7)."),
			boolean("vpn").describe("Remote work goes through a VPN (4.7)."),
			boolean("mdm").describe("The devices are under mobile device management (4.7)."),
		}},
	{name: "disposal", collection: "disposals",
		doc: "Equipment scrapped or sent for repair (4.6.3).", attrs: []attribute{
			ref("device", "device", "system").describe("The device fleet or system disposed of."),
			enum("reason", "scrap", "repair", "resale").describe("Why it left (4.6.3)."),
			boolean("wiped").describe("Its storage was wiped first (4.6.3)."),
			date("date").describe("The day of the disposal."),
		}},
	{name: "training", collection: "trainings",
		doc: "Confidentiality training of a department (5.1).", attrs: []attribute{
			enum("kind", "onboarding", "refresher").describe("What kind of training it was (5.1)."),
			ref("department", "department").describe("The department trained."),
			date("date").describe("The day of the training."),
			number("required").describe("How many staff had to attend (5.1)."),
			number("completed").describe("How many staff completed it (5.1)."),
		}},
	{name: "waiver", collection: "waivers",
		doc: "An accepted, time-boxed exception: a control's failure on a resource becomes waived.", attrs: []attribute{
			str("control").describe("The control waived: its id, such as BM-4.2.3-02, or its short code."),
			refOrTerraform("resource").describe("The resource the waiver covers, or a string holding a Terraform address."),
			str("reason").describe("Why the exception is accepted."),
			str("approved_by").describe("Who approved the exception."),
			date("expires").describe("The day the waiver ends; after it, it waives nothing."),
		}, required: []string{"control", "resource", "reason", "approved_by", "expires"}},
}

// repeats reports whether name is one of the type's repeatable nested blocks.
func (bt *blockType) repeats(name string) bool {
	for _, nb := range bt.blocks {
		if nb.name == name {
			return nb.many
		}
	}
	return false
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

// Kind is the kind of value an attribute takes, as the language names it.
type Kind string

// The kinds of value an attribute takes.
const (
	KindString     Kind = "string"
	KindBool       Kind = "bool"
	KindNumber     Kind = "number"
	KindDate       Kind = "date"
	KindEnum       Kind = "enum"
	KindRef        Kind = "ref"
	KindStringList Kind = "list(string)"
	KindRefList    Kind = "list(ref)"
)

// kindNames names each valueKind.
var kindNames = map[valueKind]Kind{
	kindString: KindString, kindBool: KindBool, kindNumber: KindNumber, kindDate: KindDate,
	kindEnum: KindEnum, kindRef: KindRef, kindStringList: KindStringList, kindRefList: KindRefList,
}

// AttributeInfo describes one attribute of the language: a copy, for tools
// such as the language server, of the decoder's own table.
type AttributeInfo struct {
	Name string
	Kind Kind
	// Doc is the attribute's meaning in one sentence.
	Doc string
	// Enum lists the values an enum allows.
	Enum []string
	// Refs lists the block types a reference (or each reference of a list)
	// may point at; every block type when the attribute takes any.
	Refs []string
	// Terraform is true when a string holding a Terraform resource address
	// may stand instead of the reference.
	Terraform bool
}

// NestedBlockInfo describes a block inside a resource, such as backup in system.
type NestedBlockInfo struct {
	Name string
	// Many is true when the block may appear more than once.
	Many       bool
	Doc        string
	Attributes []AttributeInfo
}

// BlockTypeInfo describes one top-level block type of the language.
type BlockTypeInfo struct {
	Name string
	// Collection names the block type's collection in the input document.
	Collection string
	Doc        string
	Attributes []AttributeInfo
	Blocks     []NestedBlockInfo
	// Required lists the attributes that must be set.
	Required []string
	// Single is true when an inventory holds at most one block of the type.
	Single bool
}

// BlockTypes returns the inventory language, generated from the decoder's
// block table, in the order of INVENTORY.md. The result is the caller's.
func BlockTypes() []BlockTypeInfo {
	out := make([]BlockTypeInfo, len(blockTypes))
	for i, b := range blockTypes {
		out[i] = BlockTypeInfo{Name: b.name, Collection: b.collection, Doc: b.doc,
			Attributes: attributeInfos(b.attrs), Required: append([]string(nil), b.required...), Single: b.single}
		for _, nb := range b.blocks {
			out[i].Blocks = append(out[i].Blocks, NestedBlockInfo{Name: nb.name, Many: nb.many, Doc: nb.doc, Attributes: attributeInfos(nb.attrs)})
		}
	}
	return out
}

// attributeInfos copies attrs into their exported form.
func attributeInfos(attrs []attribute) []AttributeInfo {
	out := make([]AttributeInfo, len(attrs))
	for i, a := range attrs {
		refs := a.refs
		if (a.kind == kindRef || a.kind == kindRefList) && len(refs) == 0 {
			refs = blockTypeNames()
		}
		out[i] = AttributeInfo{Name: a.name, Kind: kindNames[a.kind], Doc: a.doc,
			Enum: append([]string(nil), a.enum...), Refs: append([]string(nil), refs...), Terraform: a.terraform}
	}
	return out
}
