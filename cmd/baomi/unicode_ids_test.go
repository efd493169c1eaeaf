package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/baomi-dev/baomi/report"
)

// unicodeInventory names its resources in Chinese, as HCL identifiers allow,
// and refers to them by those names.
const unicodeInventory = `organization "顶点" {
  name = "顶点贸易"
}

system "客户库" {
  kind               = "server"
  encryption_at_rest = "none"
}

data_asset "客户资料" {
  category       = "identity"
  classification = "secret"
  stored_in      = [system.客户库]
}
`

// TestUnicodeIDsSurviveEveryFormat: an inventory whose ids are Chinese decodes,
// its references resolve, and every report format carries the addresses intact.
func TestUnicodeIDsSurviveEveryFormat(t *testing.T) {
	inv := writeInventory(t, unicodeInventory)
	if code, out, errOut := runBaomi(t, "validate", inv); code != 0 {
		t.Fatalf("validate: exit %d\n%s%s", code, out, errOut)
	}
	for _, format := range report.Formats() {
		t.Run(format, func(t *testing.T) {
			code, out, errOut := runBaomi(t, "check", inv, "--as-of", "2026-11-26", "--format", format, "--show", "all")
			if code != 1 {
				t.Fatalf("exit %d, want 1 (the system is not encrypted)\n%s", code, errOut)
			}
			for _, addr := range []string{"system.客户库", "data_asset.客户资料", "organization.顶点"} {
				if !strings.Contains(out, addr) {
					t.Errorf("the %s report lacks %s intact:\n%.2000s", format, addr, out)
				}
			}
		})
	}
	_, out, _ := runBaomi(t, "check", inv, "--as-of", "2026-11-26", "--format", "json")
	var rep struct {
		Results []struct{ Control, Resource, Status string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rep.Results {
		found = found || r.Control == "BM-4.2.1-04" && r.Resource == "system.客户库" && r.Status == "fail"
	}
	if !found {
		t.Errorf("no failing storage-encrypted result on system.客户库 in %+v", rep.Results)
	}
}
