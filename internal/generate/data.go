package generate

// The vocabulary generated names and ids are drawn from.

// A stem is the start of an id, with the name it gets and, for systems and
// data assets, what such a resource usually is.
type stem struct {
	id, title, kind, category, classification string
}

var departmentStems = []stem{
	{id: "legal", title: "Legal & Compliance"},
	{id: "sales", title: "Sales"},
	{id: "finance", title: "Finance"},
	{id: "customer_service", title: "Customer Service"},
	{id: "marketing", title: "Marketing"},
	{id: "it", title: "IT Operations"},
	{id: "hr", title: "Human Resources"},
	{id: "logistics", title: "Logistics"},
	{id: "procurement", title: "Procurement"},
	{id: "risk", title: "Risk Management"},
	{id: "ecommerce", title: "E-commerce"},
	{id: "call_center", title: "Call Center"},
}

var systemStems = []stem{
	{id: "crm_db", title: "CRM database", kind: "server"},
	{id: "billing_db", title: "Billing database", kind: "server"},
	{id: "erp", title: "ERP", kind: "server"},
	{id: "order_service", title: "Order service", kind: "cloud"},
	{id: "hr_portal", title: "HR portal", kind: "third_party_platform"},
	{id: "analytics_dw", title: "Analytics warehouse", kind: "server"},
	{id: "ecommerce_platform", title: "E-commerce platform", kind: "third_party_platform"},
	{id: "call_center_db", title: "Call center database", kind: "server"},
	{id: "loyalty_app", title: "Loyalty app backend", kind: "cloud"},
	{id: "marketing_saas", title: "Marketing automation", kind: "third_party_platform"},
	{id: "ticketing", title: "Ticketing system", kind: "cloud"},
	{id: "file_server", title: "File server", kind: "server"},
	{id: "mail_archive", title: "Mail archive", kind: "server"},
	{id: "payment_gateway", title: "Payment gateway", kind: "cloud"},
	{id: "warehouse_mgmt", title: "Warehouse management", kind: "server"},
	{id: "data_lake", title: "Data lake", kind: "cloud"},
}

var assetStems = []stem{
	{id: "customer_contacts", title: "Customer contact details", category: "identity", classification: "confidential"},
	{id: "payment_cards", title: "Payment card data", category: "sensitive", classification: "top_secret"},
	{id: "campaign_leads", title: "Campaign leads", category: "identity", classification: "secret"},
	{id: "purchase_profiles", title: "Purchase profiles", category: "derived", classification: "confidential"},
	{id: "service_tickets", title: "Service tickets", category: "business", classification: "secret"},
	{id: "delivery_addresses", title: "Delivery addresses", category: "identity", classification: "secret"},
	{id: "loyalty_accounts", title: "Loyalty accounts", category: "business", classification: "secret"},
	{id: "invoices", title: "Customer invoices", category: "business", classification: "confidential"},
	{id: "call_recordings", title: "Call recordings", category: "sensitive", classification: "confidential"},
	{id: "credit_checks", title: "Credit check results", category: "sensitive", classification: "confidential"},
	{id: "order_history", title: "Order history", category: "business", classification: "secret"},
	{id: "web_sessions", title: "Web session analytics", category: "derived", classification: "secret"},
	{id: "survey_answers", title: "Survey answers", category: "derived", classification: "secret"},
	{id: "customer_contracts", title: "Customer contracts", category: "business", classification: "confidential"},
	{id: "complaints", title: "Complaint files", category: "business", classification: "secret"},
	{id: "id_card_scans", title: "ID card scans", category: "sensitive", classification: "top_secret"},
	{id: "bank_accounts", title: "Customer bank accounts", category: "sensitive", classification: "confidential"},
	{id: "newsletter_subscribers", title: "Newsletter subscribers", category: "identity", classification: "secret"},
}

var cities = []string{
	"Shanghai", "Beijing", "Hangzhou", "Shenzhen", "Guangzhou", "Chengdu", "Wuhan", "Nanjing",
	"Tianjin", "Suzhou", "Chongqing", "Qingdao", "Xiamen", "Dalian", "Changsha", "Hefei",
	"Zhengzhou", "Kunming", "Ningbo", "Harbin",
}

var siteAbbrev = map[string]string{"datacenter": "dc", "office": "office", "cloud_region": "cloud"}

var ciphers = []string{"AES-256", "SM4", "AES-192", "AES-128"}

var archiveStems = []string{"cabinet", "storeroom", "records_room", "vault", "archive_room"}

var partnerStems = []string{
	"swift_logistics", "cloudpay", "bright_marketing", "insight_labs", "nova_callcenter",
	"east_courier", "datawise", "pixel_print", "sunrise_insurance", "harbor_storage",
	"jade_credit", "lotus_survey", "redline_it", "silk_road_freight", "pearl_outsourcing",
}

var partnerNames = []string{
	"Swift Logistics", "CloudPay", "Bright Marketing", "Insight Labs", "Nova Call Center",
	"East Courier", "DataWise", "Pixel Print", "Sunrise Insurance", "Harbor Storage",
}

var monitoringMethods = []string{
	"Quarterly service review", "Annual questionnaire", "Monthly call sample audit",
	"On-site inspection", "Annual PCI DSS attestation review", "Continuous log review",
}

var scopes = []string{
	"parcel delivery", "card payment processing", "email campaigns", "customer surveys",
	"outbound customer calls", "data analytics", "invoice printing", "archive storage",
	"credit checks", "insurance claims handling",
}

var removalStems = []string{"expo_leads", "roadshow_export", "agency_workshop", "audit_sample", "client_visit"}

var surnames = []string{
	"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu",
	"Xu", "Sun", "Hu", "Zhu", "Gao", "Lin", "He", "Guo", "Ma", "Luo",
}

var givenNames = []string{
	"Wei", "Fang", "Min", "Jie", "Yang", "Lin", "Hao", "Jing", "Lei", "Tao",
	"Yan", "Qiang", "Xin", "Na", "Jun", "Ping", "Hui", "Bo", "Yu", "Mei",
}

var waiverReasons = []string{
	"Replacement scheduled for next quarter; meanwhile the host is reachable only through the bastion.",
	"Vendor migration in progress; compensating controls reviewed by the lead department.",
	"Legacy system to be decommissioned; data volume frozen and access restricted.",
	"Contract renegotiation under way; interim monitoring by the account manager.",
}
