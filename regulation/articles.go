// Package regulation lists the articles of the customer-data confidentiality
// measures (企业客户资料保密管理办法) that the controls cite.
package regulation

// Article is one numbered provision: "4.2.3" stands for 四(二)3.
type Article struct {
	Number  string
	Title   string
	TitleZh string
	// Definitional is true for articles with nothing to test (purpose, definitions).
	Definitional bool
}

// Articles lists every article from 1.1 to 5.1, in order. The regulation's text
// stops early in chapter 5, so 5.1 is its last article.
func Articles() []Article {
	return []Article{
		{"1.1", "Purpose and basis", "目的与依据", true},
		{"1.2", "Scope, including external partners", "适用范围", false},
		{"1.3", "Definitions", "定义", true},
		{"2.1", "Management accountability", "领导责任", false},
		{"2.2", "Lead department", "牵头部门", false},
		{"2.3", "Department heads' responsibility", "部门职责", false},
		{"2.4", "Staff obligations", "员工义务", false},
		{"3.1", "Categories of customer data", "资料分类", false},
		{"3.2", "Classification levels", "密级划分", false},
		{"4.1.1", "Collection: purpose notified, consent obtained", "资料的产生与获取:告知目的并取得同意", false},
		{"4.1.2", "Collection: minimum necessary", "资料的产生与获取:最小必要", false},
		{"4.1.3", "Recording: accurate, categorised and marked", "资料的产生与获取:分类与密级标识", false},
		{"4.2.1", "Electronic storage", "资料的存储与保管:电子存储", false},
		{"4.2.2", "Paper storage", "资料的存储与保管:纸质存储", false},
		{"4.2.3", "Backups: regular, encrypted, off-site", "资料的存储与保管:备份", false},
		{"4.3.1", "Use only with approved access", "资料的使用与流转:权限审批", false},
		{"4.3.2", "Transfer over secure channels", "资料的使用与流转:安全传递", false},
		{"4.3.3", "Taking data off the premises", "资料的使用与流转:带离办公场所", false},
		{"4.3.4", "No unauthorised copying", "资料的使用与流转:禁止未经授权复制", false},
		{"4.4.1", "Destruction by proper means", "资料的销毁:销毁方式", false},
		{"4.4.2", "Supervised and recorded destruction", "资料的销毁:监督与记录", false},
		{"4.5.1", "Confidentiality agreements with partners", "外部提供与合作:保密协议", false},
		{"4.5.2", "Partner assessment and monitoring", "外部提供与合作:评估与监督", false},
		{"4.6.1", "Protection of computers, servers and network devices", "设备与环境安全:防护与补丁", false},
		{"4.6.2", "Clean desk and screen lock", "设备与环境安全:桌面整洁与锁屏", false},
		{"4.6.3", "Wiping equipment before scrap or repair", "设备与环境安全:报废维修前清除", false},
		{"4.7", "Remote work and mobile devices", "远程办公与移动设备管理", false},
		{"5.1", "Onboarding training", "入职培训", false},
	}
}
