// Package vocab is the one translation table of the words every view shares:
// result statuses, severities, waiver statuses and the regulation's chapters,
// in English ("en") and Chinese ("zh").
package vocab

import "github.com/baomi-dev/baomi/evaluator"

// words is a label in English and Chinese.
type words struct{ en, zh string }

// in is the label in lang: Chinese for "zh", English otherwise.
func (w words) in(lang string) string {
	if lang == "zh" {
		return w.zh
	}
	return w.en
}

var statuses = map[evaluator.Status]words{
	evaluator.Pass:          {"pass", "通过"},
	evaluator.Fail:          {"fail", "未通过"},
	evaluator.Warn:          {"warn", "警告"},
	evaluator.Waived:        {"waived", "已豁免"},
	evaluator.NotApplicable: {"not_applicable", "不适用"},
	evaluator.NotJudged:     {"not_judged", "未评判"},
}

var severities = map[evaluator.Severity]words{
	evaluator.Critical: {"critical", "严重"},
	evaluator.High:     {"high", "高"},
	evaluator.Medium:   {"medium", "中"},
	evaluator.Low:      {"low", "低"},
}

var waiverStatuses = map[evaluator.WaiverStatus]words{
	evaluator.WaiverActive:     {"active", "有效"},
	evaluator.WaiverExpired:    {"expired", "已过期"},
	evaluator.WaiverUnused:     {"unused", "未使用"},
	evaluator.WaiverSuperseded: {"superseded", "已被取代"},
}

var chapters = map[string]words{
	"1": {"General provisions", "总则"},
	"2": {"Organization and responsibilities", "组织与职责"},
	"3": {"Categories and classification of customer data", "客户资料的分类与密级划分"},
	"4": {"Confidentiality measures", "保密措施与管理"},
	"5": {"Staff management and training", "人员管理与教育培训"},
}

// Status is a result status in lang; a status the table lacks reads as its code.
func Status(s evaluator.Status, lang string) string {
	if w, ok := statuses[s]; ok {
		return w.in(lang)
	}
	return s.String()
}

// Severity is a severity in lang; a severity the table lacks reads as its code.
func Severity(s evaluator.Severity, lang string) string {
	if w, ok := severities[s]; ok {
		return w.in(lang)
	}
	return s.String()
}

// WaiverStatus is a waiver status in lang; a status the table lacks reads as its code.
func WaiverStatus(s evaluator.WaiverStatus, lang string) string {
	if w, ok := waiverStatuses[s]; ok {
		return w.in(lang)
	}
	return string(s)
}

// Chapter is the name of the regulation's chapter n ("4": 保密措施与管理) in
// lang, and whether the table has it.
func Chapter(n, lang string) (string, bool) {
	w, ok := chapters[n]
	return w.in(lang), ok
}
