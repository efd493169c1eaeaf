package inventory

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// load writes files (name → content) to a temporary folder, loads it and returns
// the inventory and its rendered diagnostics, with the folder's path cut away.
func load(t *testing.T, files map[string]string) (*Inventory, string) {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	inv, diags := Load([]string{dir})
	SortDiagnostics(diags)
	var buf bytes.Buffer
	if err := inv.WriteDiagnostics(&buf, diags); err != nil {
		t.Fatal(err)
	}
	return inv, strings.ReplaceAll(buf.String(), filepath.ToSlash(dir)+"/", "")
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"syntax", map[string]string{"a.hcl": "system \"x\" {\n  kind = \n}\n"},
			[]string{"a.hcl:2:"}},
		{"unknown attribute", map[string]string{"a.hcl": "system \"x\" {\n  designatd = true\n}\n"},
			[]string{`a.hcl:2:3: error: Unsupported argument`, `Did you mean "designated"?`}},
		{"unknown block type", map[string]string{"a.hcl": "sytem \"x\" {}\n"},
			[]string{`a.hcl:1:1: error: Unsupported block type`, `Did you mean "system"?`}},
		{"unknown nested block", map[string]string{"a.hcl": "system \"x\" {\n  backups {}\n}\n"},
			[]string{`a.hcl:2:3: error: Unsupported block type`, `Did you mean "backup"?`}},
		{"bad enum", map[string]string{"a.hcl": "system \"x\" {\n  kind = \"servr\"\n}\n"},
			[]string{`a.hcl:2:10: error: Invalid value: kind must be one of "server", "cloud"`, `Did you mean "server"?`}},
		{"encryption written as free text", map[string]string{"a.hcl": "system \"x\" {\n  encryption_at_rest = \"no\"\n}\n"},
			[]string{`a.hcl:2:24: error: Invalid value: encryption_at_rest must be one of "none", "SM4", "AES-128", "AES-192", "AES-256"; "no" is not. Did you mean "none"?`}},
		{"encryption written as TDE", map[string]string{"a.hcl": "system \"x\" {\n  encryption_at_rest = \"TDE\"\n}\n"},
			[]string{`a.hcl:2:24: error: Invalid value: encryption_at_rest must be one of`, `"TDE" is not. Name the cipher that protects the data (for TDE, BitLocker or LUKS, the one they are set to use), or "none".`}},
		{"encryption without its dash", map[string]string{"a.hcl": "system \"x\" {\n  encryption_at_rest = \"AES256\"\n}\n"},
			[]string{`"AES256" is not. Did you mean "AES-256"?`}},
		{"encryption in lower case", map[string]string{"a.hcl": "system \"x\" {\n  encryption_at_rest = \"sm4\"\n}\n"},
			[]string{`"sm4" is not. Did you mean "SM4"?`}},
		{"impossible day", map[string]string{"a.hcl": "agreement \"x\" {\n  signed = \"2026-02-30\"\n}\n"},
			[]string{`a.hcl:2:12: error: Impossible date: signed is written as "YYYY-MM-DD" but that day does not exist: February 2026 has 28 days, so 2026-02-30 is not a date.`}},
		{"leap day", map[string]string{"a.hcl": "agreement \"x\" {\n  signed = \"2023-02-29\"\n}\n"},
			[]string{`that day does not exist: February 2023 has 28 days`}},
		{"impossible month", map[string]string{"a.hcl": "agreement \"x\" {\n  signed = \"2026-13-01\"\n}\n"},
			[]string{`a.hcl:2:12: error: Impossible date: signed is written as "YYYY-MM-DD" but there is no month 13`}},
		{"day zero", map[string]string{"a.hcl": "agreement \"x\" {\n  signed = \"2026-04-00\"\n}\n"},
			[]string{`Impossible date: signed is written as "YYYY-MM-DD" but there is no day 00`}},
		{"bare id for a reference", map[string]string{"a.hcl": "site \"hq\" {}\nsystem \"x\" {\n  site = hq\n}\n"},
			[]string{`a.hcl:3:10: error: Expected a reference: site takes a reference written TYPE.ID, like site.example; hq is only an id. Did you mean site.hq?`}},
		{"bare id in a list", map[string]string{"a.hcl": "data_asset \"d\" {\n  stored_in = [shop_db]\n}\n", "b.hcl": "system \"shop_db\" {}\n"},
			[]string{`a.hcl:2:16: error: Expected a reference: stored_in takes a reference written TYPE.ID, like system.example; shop_db is only an id. Did you mean system.shop_db?`}},
		{"bare id of another type", map[string]string{"a.hcl": "site \"shop_db\" {}\ndata_asset \"d\" {\n  stored_in = [shop_db]\n}\n"},
			[]string{"stored_in takes a reference written TYPE.ID, like system.example; shop_db is only an id.\n"}},
		{"bare id in a waiver", map[string]string{"a.hcl": "site \"hq\" {}\nwaiver \"w\" {\n  control = \"BM-4.2.1-04\"\n  resource = hq\n  reason = \"r\"\n  approved_by = \"a\"\n  expires = \"2027-01-01\"\n}\n"},
			[]string{`a.hcl:4:14: error: Expected a reference: resource takes a reference written TYPE.ID, like site.sh_dc1; hq is only an id. Did you mean site.hq?`}},
		{"date in another format", map[string]string{"a.hcl": "agreement \"x\" {\n  signed = \"2026/01/05\"\n}\n"},
			[]string{`a.hcl:2:12: error: Invalid date`}},
		{"dangling reference", map[string]string{"a.hcl": "site \"sh\" {}\nsystem \"x\" {\n  site = site.hz\n}\n"},
			[]string{`a.hcl:3:10: error: Unknown reference: site refers to site.hz, which is not defined in any inventory file.`}},
		{"dangling reference in a list", map[string]string{"a.hcl": "data_asset \"d\" {\n  stored_in = [system.nope]\n}\n"},
			[]string{`a.hcl:2:16: error: Unknown reference: stored_in refers to system.nope`}},
		{"unknown reference with a very long id", map[string]string{"a.hcl": "site \"" + strings.Repeat("x", 5000) + "\" {}\nsystem \"s\" {\n  site = site." + strings.Repeat("x", 4999) + "y\n}\n"},
			[]string{"a.hcl:3:10: error: Unknown reference: site refers to site." + strings.Repeat("x", 55) + "…, which is not defined in any inventory file.\n"}},
		{"wrong reference type", map[string]string{"a.hcl": "site \"s\" {}\ndata_asset \"d\" {\n  stored_in = [site.s]\n}\n"},
			[]string{`a.hcl:3:16: error: Wrong reference type: stored_in must refer to a system or a paper_archive, not to a site.`}},
		{"unknown type in reference", map[string]string{"a.hcl": "system \"x\" {\n  site = sites.a\n}\n"},
			[]string{`a.hcl:2:10: error: Unknown block type in reference: sites is not a block type of the inventory. Did you mean site?`}},
		{"reference with extra parts", map[string]string{"a.hcl": "site \"a\" {}\nsystem \"x\" {\n  site = site.a.b\n}\n"},
			[]string{`a.hcl:3:10: error: Invalid reference: A reference is exactly TYPE.ID`}},
		{"quoted reference", map[string]string{"a.hcl": "site \"a\" {}\nsystem \"x\" {\n  site = \"site.a\"\n}\n"},
			[]string{`a.hcl:3:10: error: Quoted reference: A reference is written bare, without quotes: site = site.a`}},
		{"duplicate id across files", map[string]string{"a.hcl": "site \"a\" {}\n", "sub/b.hcl": "\nsite \"a\" {}\n"},
			[]string{`sub/b.hcl:2:1: error: Duplicate id: site.a is defined twice: first at `, `a.hcl:1:1.`}},
		{"two organizations", map[string]string{"a.hcl": "organization \"a\" {}\norganization \"b\" {}\n"},
			[]string{`a.hcl:2:1: error: Second organization: An inventory describes one organization; organization.a is already defined at`}},
		{"wrong type", map[string]string{"a.hcl": "system \"x\" {\n  designated = \"yes\"\n}\n"},
			[]string{`a.hcl:2:16: error: Wrong type: designated must be true or false, without quotes; this is a string.`}},
		{"number as string", map[string]string{"a.hcl": "department \"x\" {\n  staff = \"12\"\n}\n"},
			[]string{`a.hcl:2:11: error: Wrong type: staff must be a number, without quotes; this is a string.`}},
		{"negative count", map[string]string{"a.hcl": "department \"x\" {\n  staff = -3\n}\n"},
			[]string{`a.hcl:2:11: error: Invalid number: staff is a count`}},
		{"huge number", map[string]string{"a.hcl": "department \"x\" {\n  staff = 1e400\n}\n"},
			[]string{`a.hcl:2:11: error: Invalid number: staff is too large`}},
		{"function call", map[string]string{"a.hcl": "system \"x\" {\n  name = upper(\"crm\")\n}\n"},
			[]string{`a.hcl:2:10: error: Function calls are not allowed: An inventory is plain data and is never evaluated: write the value of name itself instead of calling upper().`}},
		{"file function", map[string]string{"a.hcl": "system \"x\" {\n  name = file(\"/etc/passwd\")\n}\n"},
			[]string{`a.hcl:2:10: error: Function calls are not allowed`}},
		{"template", map[string]string{"a.hcl": "system \"x\" {\n  name = \"crm-${env}\"\n}\n"},
			[]string{`a.hcl:2:10: error: Templates are not allowed`}},
		{"variable", map[string]string{"a.hcl": "system \"x\" {\n  name = crm\n}\n"},
			[]string{`a.hcl:2:10: error: References are not allowed here`}},
		{"missing label", map[string]string{"a.hcl": "system {\n}\n"},
			[]string{`a.hcl:1:8: error: Missing id for system`}},
		{"invalid id", map[string]string{"a.hcl": "system \"9 lives\" {}\n"},
			[]string{`a.hcl:1:8: error: Invalid id: "9 lives" is not a valid id`}},
		{"second single nested block", map[string]string{"a.hcl": "data_asset \"d\" {\n  collection {}\n  collection {}\n}\n"},
			[]string{`a.hcl:3:3: error: Duplicate block: A data_asset may hold only one collection block; the first is at line 2.`}},
		{"incomplete waiver", map[string]string{"a.hcl": "waiver \"w\" {\n  control = \"BM-4.2.1-04\"\n}\n"},
			[]string{`a.hcl:1:1: error: Incomplete waiver`, `missing: resource, reason, approved_by, expires.`}},
		{"blank waiver texts", map[string]string{"a.hcl": "site \"a\" {}\nwaiver \"w\" {\n  control = \"BM-4.2.1-04\"\n  resource = site.a\n  reason = \"  \"\n  approved_by = null\n  expires = \"2027-01-01\"\n}\n"},
			[]string{`a.hcl:2:1: error: Incomplete waiver`, `missing: reason, approved_by.`}},
		{"UTF-16 with a byte order mark", map[string]string{"a.hcl": "\xff\xfes\x00i\x00t\x00e\x00"},
			[]string{"a.hcl: error: UTF-16 file: This file is UTF-16 text (it begins with the byte order mark of UTF-16 little-endian), and baomi reads HCL files as UTF-8: save the file as UTF-8.\n"}},
		{"UTF-16 without a byte order mark", map[string]string{"a.hcl": "\x00s\x00i\x00t\x00e\x00 \x00\"\x00a\x00\"\x00 \x00{\x00}"},
			[]string{"a.hcl: error: UTF-16 file: This file is UTF-16 text (every other byte is zero)"}},
		{"binary file", map[string]string{"a.hcl": "site \"a\" {}\nab" + strings.Repeat("\x00", 101) + "cd\n"},
			[]string{"a.hcl:2:3: error: binary file: This file holds a NUL byte here, which no text does: an HCL file is UTF-8 text."}},
		{"binary file, columns in characters", map[string]string{"a.hcl": "\u6570\u636e e\u0301" + strings.Repeat("\x00", 101)},
			[]string{"a.hcl:1:5: error: binary file:"}},
		{"a few NULs", map[string]string{"a.hcl": "site \"a\" {}\nab" + strings.Repeat("\x00", 100) + "cd\n"},
			[]string{"a.hcl:2:3: error: Invalid character"}},
		{"NUL in a string", map[string]string{"a.hcl": "site \"a\" {\n  name = \"a\\u0000b\"\n}\n"},
			[]string{"a.hcl:2:10: error: Control character in text: name holds the control character U+0000 (NUL), which can only hide or disguise text; remove it."}},
		{"ESC in an enum", map[string]string{"a.hcl": "site \"a\" {\n  kind = \"\\u001b[2Joffice\"\n}\n"},
			[]string{"a.hcl:2:10: error: Control character in text: kind holds the control character U+001B (ESC)"}},
		{"lone CR in a string", map[string]string{"a.hcl": "site \"a\" {\n  name = \"a\\rb\"\n}\n"},
			[]string{"a.hcl:2:10: error: Control character in text: name holds the control character U+000D (CR)"}},
		{"null waiver resource", map[string]string{"a.hcl": "waiver \"w\" {\n  control = \"BM-4.2.1-04\"\n  resource = null\n  reason = \"r\"\n  approved_by = \"a\"\n  expires = \"2027-01-01\"\n}\n"},
			[]string{"a.hcl:3:14: error: Null reference: A waiver needs a resource: resource = null waives nothing."}},
		{"null reference", map[string]string{"a.hcl": "system \"s\" {\n  site = null\n}\n"},
			[]string{"a.hcl:2:10: error: Null reference: site = null names nothing: write a reference like site.example, or leave site out."}},
		{"zero-width waiver texts", map[string]string{"a.hcl": "site \"a\" {}\nwaiver \"w\" {\n  control = \"BM-4.2.1-04\"\n  resource = site.a\n  reason = \"\u200b\u200c\u200d\"\n  approved_by = \"\\u2060\\ufeff\u3000\"\n  expires = \"2027-01-01\"\n}\n"},
			[]string{"a.hcl:2:1: error: Incomplete waiver", "missing: reason, approved_by."}},
		{"misspelt incident", map[string]string{"a.hcl": "incidnet \"x\" {}\n"},
			[]string{`a.hcl:1:1: error: Unsupported block type`, `Did you mean "incident"?`}},
		{"misspelt loan attribute", map[string]string{"a.hcl": "loan \"x\" {\n  borower = \"Li\"\n}\n"},
			[]string{`a.hcl:2:3: error: Unsupported argument`, `Did you mean "borrower"?`}},
		{"loan from a system", map[string]string{"a.hcl": "system \"s\" {}\nloan \"l\" {\n  archive = system.s\n}\n"},
			[]string{`a.hcl:3:13: error: Wrong reference type: archive must refer to a paper_archive, not to a system.`}},
		{"loan returned as a bool", map[string]string{"a.hcl": "loan \"l\" {\n  returned = true\n}\n"},
			[]string{`a.hcl:2:14: error: Wrong type: returned must be a date written as "YYYY-MM-DD"; this is a bool.`}},
		{"incident coordinated by a person", map[string]string{"a.hcl": "incident \"i\" {\n  coordinated_by = \"Zhao Min\"\n}\n"},
			[]string{`a.hcl:2:20: error: Quoted reference`}},
		{"incident assets of another type", map[string]string{"a.hcl": "system \"s\" {}\nincident \"i\" {\n  assets = [system.s]\n}\n"},
			[]string{`a.hcl:3:13: error: Wrong reference type: assets must refer to a data_asset, not to a system.`}},
		{"incident closed on an impossible day", map[string]string{"a.hcl": "incident \"i\" {\n  closed = \"2026-11-31\"\n}\n"},
			[]string{`a.hcl:2:12: error: Impossible date: closed is written as "YYYY-MM-DD" but that day does not exist`}},
		{"empty folder", map[string]string{"README.txt": "nothing here"},
			[]string{`error: no inventory files`}},
		{"no organization", map[string]string{"b.hcl": "site \"a\" {}\n", "a.hcl": "\nsite \"b\" {}\n"},
			[]string{"a.hcl:1:1: error: No organization: the inventory declares no organization"}},
		{"empty file only", map[string]string{"a.hcl": ""},
			[]string{"a.hcl:1:1: error: No resources: the inventory declares no resources at all"}},
		{"comments only", map[string]string{"a.hcl": "# nothing yet\n/* organization \"x\" {} */\n", "b.hcl": "// later\n"},
			[]string{"a.hcl:1:1: error: No resources: the inventory declares no resources at all"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, out := load(t, tc.files)
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("diagnostics lack %q; got:\n%s", w, out)
				}
			}
		})
	}
}

// TestWholeInventoryErrorsNeedACleanDecode: a file that failed to decode may
// hold the organization, so "no organization" waits until the rest is clean,
// and an inventory with an organization is not refused.
func TestWholeInventoryErrorsNeedACleanDecode(t *testing.T) {
	_, out := load(t, map[string]string{"a.hcl": "organization \"acme\" {\n  name = \n}\n"})
	if strings.Contains(out, "No organization") || !strings.Contains(out, "a.hcl:2:") {
		t.Errorf("want only the syntax error; got:\n%s", out)
	}
	if _, out := load(t, map[string]string{"a.hcl": "organization \"acme\" {}\n"}); out != "" {
		t.Errorf("an organization alone is a valid inventory; got:\n%s", out)
	}
	inv, diags := LoadWith([]string{t.TempDir() + "/missing.hcl"}, Options{})
	for _, d := range diags {
		if d.Summary == "No resources" || d.Summary == "No organization" {
			t.Errorf("an unreadable path also said %q", d.Summary)
		}
	}
	if inv == nil {
		t.Fatal("no inventory")
	}
}

func TestDiagnosticShowsSourceLine(t *testing.T) {
	_, out := load(t, map[string]string{"a.hcl": "system \"x\" {\n  kind = \"servr\"\n}\n"})
	want := "    2 |   kind = \"servr\"\n      |          ^^^^^^^\n"
	if !strings.Contains(out, want) {
		t.Errorf("want snippet\n%s\ngot\n%s", want, out)
	}
}

// TestCaretsAsWideAsTheText: under CJK text (two columns a character) the
// carets cover the text on screen, and tabs before it are kept.
func TestCaretsAsWideAsTheText(t *testing.T) {
	_, out := load(t, map[string]string{"a.hcl": "site \"hq\" {\n  name = \"上海\"\n  kind = \"办公室\"\n}\nsite \"b\" {\n\tkind =\t\"数据é\"\n}\n"})
	for _, want := range []string{
		"    3 |   kind = \"办公室\"\n      |          ^^^^^^^^\n",
		"    6 | \tkind =\t\"数据é\"\n      | \t      \t^^^^^^^\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("want\n%s\ngot\n%s", want, out)
		}
	}
	for _, tc := range []struct {
		line       string
		col, width int
		indent     string
		carets     string
	}{
		{"  id = \"客户库\" # x", 8, 5, "       ", "^^^^^^^^"},
		{"数据 = x", 4, 1, "     ", "^"},
		{"a\u200bb", 3, 1, " ", "^"},
		{"abc", 4, 1, "", ""},
	} {
		indent, carets, ok := underline(tc.line, tc.col, tc.width)
		if indent != tc.indent || carets != tc.carets || ok != (tc.carets != "") {
			t.Errorf("underline(%q, %d, %d) = %q, %q, %v; want %q, %q", tc.line, tc.col, tc.width, indent, carets, ok, tc.indent, tc.carets)
		}
	}
}

func TestAllErrorsReportedTogether(t *testing.T) {
	_, out := load(t, map[string]string{
		"a.hcl": "system \"x\" {\n  kind = \"servr\"\n  designated = 1\n}\n",
		"b.hcl": "site \"s\" {\n  kind = \"moon\"\n}\n",
	})
	if n := strings.Count(out, ": error: "); n != 3 {
		t.Errorf("want 3 errors, got %d:\n%s", n, out)
	}
}

func TestDecodeDocument(t *testing.T) {
	inv, out := load(t, map[string]string{
		"org.hcl": "organization \"acme\" {}\n",
		"infra.hcl": `site "sh" {
  city = "Shanghai"
  kind = "datacenter"
}

system "crm_db" {
  kind       = "server"
  site       = site.sh
  designated = true
  patch_age_days = 3

  backup {
    frequency = "daily"
    encrypted = true
    site      = site.sh
  }
  backup {
    frequency = "weekly"
  }
}

system "bare" {}
`,
		".hidden/ignored.hcl": "this is not hcl",
		"data/assets.hcl": `data_asset "contacts" {
  category  = "identity"
  stored_in = [system.crm_db]
  collection {
    consent = "explicit"
  }
}

agreement "nda" {
  scope_of_use = ["delivery", "support"]
  expires      = null
}
`,
	})
	if out != "" {
		t.Fatalf("unexpected diagnostics:\n%s", out)
	}
	want := map[string]any{
		"kind": "server", "site": "site.sh", "designated": true, "patch_age_days": int64(3),
		"backup": []any{
			map[string]any{"frequency": "daily", "encrypted": true, "site": "site.sh"},
			map[string]any{"frequency": "weekly"},
		},
	}
	systems := inv.Document["systems"].(map[string]any)
	if got := systems["system.crm_db"]; !reflect.DeepEqual(got, want) {
		t.Errorf("system.crm_db = %#v\nwant %#v", got, want)
	}
	if got := systems["system.bare"]; !reflect.DeepEqual(got, map[string]any{"backup": []any{}}) {
		t.Errorf("system.bare = %#v, want only an empty backup list", got)
	}
	asset := inv.Document["data_assets"].(map[string]any)["data_asset.contacts"]
	wantAsset := map[string]any{"category": "identity", "stored_in": []any{"system.crm_db"}, "collection": map[string]any{"consent": "explicit"}}
	if !reflect.DeepEqual(asset, wantAsset) {
		t.Errorf("data_asset.contacts = %#v\nwant %#v", asset, wantAsset)
	}
	nda := inv.Document["agreements"].(map[string]any)["agreement.nda"]
	if !reflect.DeepEqual(nda, map[string]any{"scope_of_use": []any{"delivery", "support"}}) {
		t.Errorf("agreement.nda = %#v (null must count as absent)", nda)
	}
	for _, c := range Collections() {
		if _, ok := inv.Document[c].(map[string]any); !ok {
			t.Errorf("collection %s missing from the document", c)
		}
	}
	if len(inv.Files) != 3 {
		t.Errorf("files = %v, want the three .hcl files outside the hidden folder", inv.Files)
	}
}

// TestDecodeLoansAndIncidents: the loan and incident blocks of INVENTORY.md reach
// the document under their collections, references as addresses.
func TestDecodeLoansAndIncidents(t *testing.T) {
	inv, out := load(t, map[string]string{
		"org.hcl": "organization \"acme\" {}\ndepartment \"legal\" {}\n",
		"records.hcl": `paper_archive "hq" {}

data_asset "contracts" {
  stored_in = [paper_archive.hq]
}

data_asset "ids" {}

loan "audit" {
  archive  = paper_archive.hq
  asset    = data_asset.contracts
  borrower = "Li Na (Audit)"
  date     = "2026-11-01"
  returned = "2026-11-09"
}

loan "still_out" {
  archive = paper_archive.hq
  date    = "2026-11-20"
}

incident "leak" {
  date                   = "2026-10-01"
  assets                 = [data_asset.contracts, data_asset.ids]
  coordinated_by         = department.legal
  reported_to_management = true
  closed                 = "2026-10-20"
  corrective_actions     = false
}
`,
	})
	if out != "" {
		t.Fatalf("unexpected diagnostics:\n%s", out)
	}
	loans := inv.Document["loans"].(map[string]any)
	wantLoan := map[string]any{"archive": "paper_archive.hq", "asset": "data_asset.contracts", "borrower": "Li Na (Audit)", "date": "2026-11-01", "returned": "2026-11-09"}
	if got := loans["loan.audit"]; !reflect.DeepEqual(got, wantLoan) {
		t.Errorf("loan.audit = %#v\nwant %#v", got, wantLoan)
	}
	if got := loans["loan.still_out"]; !reflect.DeepEqual(got, map[string]any{"archive": "paper_archive.hq", "date": "2026-11-20"}) {
		t.Errorf("loan.still_out = %#v, want no returned date", got)
	}
	incident := inv.Document["incidents"].(map[string]any)["incident.leak"]
	wantIncident := map[string]any{
		"date": "2026-10-01", "assets": []any{"data_asset.contracts", "data_asset.ids"}, "coordinated_by": "department.legal",
		"reported_to_management": true, "closed": "2026-10-20", "corrective_actions": false,
	}
	if !reflect.DeepEqual(incident, wantIncident) {
		t.Errorf("incident.leak = %#v\nwant %#v", incident, wantIncident)
	}
}

func TestVisible(t *testing.T) {
	for text, want := range map[string]bool{
		"Zhou Jun": true, "周军": true, "x\u200b": true, "": false, "  \t": false, "\u200b\u200c\u200d\u2060\ufeff": false,
		"\u3000\u00a0": false, "\u0301": false, "\u3164\u2800": false, "\u00ad": false,
	} {
		if got := visible(text); got != want {
			t.Errorf("visible(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{
		"crm_db": true, "_x": true, "a-b": true, "客户库": true, "数据_1-x": true, "é": true, "Ωmega": true,
		"": false, "9lives": false, "-a": false, "a b": false, "a.b": false, "客户 库": false, "١٢": false, "a\u200b": false,
	} {
		if got := validID(id); got != want {
			t.Errorf("validID(%q) = %v, want %v", id, got, want)
		}
	}
}

func TestChineseIDs(t *testing.T) {
	inv, out := load(t, map[string]string{"a.hcl": "organization \"顶点\" {}\nsystem \"客户库\" {}\ndata_asset \"客户资料\" {\n  stored_in = [system.客户库]\n}\n"})
	if out != "" {
		t.Fatalf("Chinese ids refused:\n%s", out)
	}
	asset := inv.Document["data_assets"].(map[string]any)["data_asset.客户资料"]
	if !reflect.DeepEqual(asset, map[string]any{"stored_in": []any{"system.客户库"}}) {
		t.Errorf("data_asset.客户资料 = %#v", asset)
	}
}

func TestLocate(t *testing.T) {
	inv, out := load(t, map[string]string{"org.hcl": "organization \"acme\" {}\n", "a.hcl": `site "sh" {}

system "db" {
  site = site.sh
  backup {
    frequency = "daily"
  }
  backup {
    encrypted = false
  }
}
`})
	if out != "" {
		t.Fatal(out)
	}
	for _, tc := range []struct {
		attr      string
		line, col int
	}{
		{"", 3, 1},
		{"site", 4, 3},
		{"backup[1].encrypted", 9, 5},
		{"backup[0].encrypted", 5, 3},
		{"backup.encrypted", 9, 5},
		{"backup.frequency", 6, 5},
		{"backup.site", 5, 3},
		{"backup", 5, 3},
		{"designated", 3, 1},
	} {
		file, line, col, ok := inv.Locate("system.db", tc.attr)
		if !ok || !strings.HasSuffix(file, "a.hcl") || line != tc.line || col != tc.col {
			t.Errorf("Locate(system.db, %q) = %s:%d:%d %v, want line %d col %d", tc.attr, file, line, col, ok, tc.line, tc.col)
		}
	}
	if _, _, _, ok := inv.Locate("system.nope", ""); ok {
		t.Error("Locate found a resource that does not exist")
	}
}

func TestLimits(t *testing.T) {
	dir := t.TempDir()
	deep := "site \"deep\" {\n  name = " + strings.Repeat("[", 300000) + strings.Repeat("]", 300000) + "\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "deep.hcl"), []byte(deep), 0o644); err != nil {
		t.Fatal(err)
	}
	_, diags := Load([]string{dir})
	if len(diags) != 1 || diags[0].Summary != "Nesting too deep" || diags[0].Subject.Start.Line != 2 || diags[0].Subject.Start.Column != 109 {
		t.Errorf("a file nested 300,000 deep: %v", diags)
	}
	_, diags = LoadWith([]string{dir}, Options{MaxFileBytes: 1000})
	if len(diags) != 1 || diags[0].Summary != "file too large" {
		t.Errorf("a file over max-file-size: %v", diags)
	}
}

func TestNestingIgnoresStringsCommentsAndHeredocs(t *testing.T) {
	src := "# [[[[[[\n/* {{{{{{ */\nsite \"a\" {\n  name = \"[[[[[[ \\\" {{{{\"\n  city = <<EOT\n[[[[[[[[ ${x}\nEOT\n}\n"
	if d := checkNesting([]byte(src), "a.hcl", 2); d != nil {
		t.Errorf("counted brackets inside strings, comments or heredocs: %v", d)
	}
	if d := checkNesting([]byte("a {\n b {\n  c = [[1]]\n }\n}\n"), "a.hcl", 3); d == nil || d.Subject.Start.Line != 3 || d.Subject.Start.Column != 8 {
		t.Errorf("missed nesting 4 deep under a limit of 3: %v", d)
	}
	if d := checkNesting([]byte("a = \"${[[[1]]]}\"\n"), "a.hcl", 3); d == nil {
		t.Error("interpolations nest too")
	}
}

func TestNestingCountsOperators(t *testing.T) {
	for _, src := range []string{
		"department \"d\" {\n  staff = -3\n  undertakings_signed = 1e-5\n}\n",
		"site \"shop-db-east-1-a\" {\n  name = \"a-b-c-d-e ! ? : + * / %\"\n}\nsystem \"a-b-c-d-e\" {\n  site = site.shop-db-east-1-a\n}\n",
		"data_asset \"d\" {\n  stored_in = [\n    -1, -2, -3, -4, -5,\n    -6,\n  ]\n}\n",
		"# a - b - c - d - e\n// ! ! ! !\n/* ? : ? : */\nsite \"a\" {}\n",
		"site \"a\" {\n  name = -1\n  city = -2\n  kind = -3\n  x = -4\n}\n",
	} {
		if d := checkNesting([]byte(src), "a.hcl", 3); d != nil {
			t.Errorf("counted operators that are not chained in\n%s\n%v", src, d)
		}
	}
	for _, tc := range []struct {
		src       string
		line, col int
	}{
		{"system \"a\" {\n  designated = !!!true\n}\n", 2, 18},
		{"department \"d\" {\n  staff = 1+1+1+1\n}\n", 2, 16},
		{"department \"d\" {\n  staff = 1 - 1 - 1 - 1\n}\n", 2, 21},
		{"system \"a\" {\n  designated = true ? true : true ? true : true\n}\n", 2, 35},
		{"system \"a\" {\n  designated = (true ||\n    false ||\n    true)\n}\n", 3, 11},
		{"site \"a\" {\n  name = \"${1 == 2 != 3}\"\n}\n", 2, 20},
	} {
		d := checkNesting([]byte(tc.src), "a.hcl", 3)
		if d == nil || d.Subject.Start.Line != tc.line || d.Subject.Start.Column != tc.col {
			t.Errorf("chained operators past a limit of 3 in\n%s\nwant an error at %d:%d, got %v", tc.src, tc.line, tc.col, d)
		}
	}
}

// TestLiteralOnlyIsIterative: the walk over an expression uses no stack per
// level. Under a 1 MiB stack, a walk that recursed per level would crash on an
// expression 200,000 levels deep.
func TestLiteralOnlyIsIterative(t *testing.T) {
	var expr hclsyntax.Expression = &hclsyntax.LiteralValueExpr{Val: cty.True}
	for i := 0; i < 200000; i++ {
		expr = &hclsyntax.ParenthesesExpr{Expression: expr}
	}
	old := debug.SetMaxStack(1 << 20)
	defer debug.SetMaxStack(old)
	d := &fileDecoder{}
	if !d.literalOnly(expr, boolean("designated")) || len(d.diags) > 0 {
		t.Errorf("a literal in parentheses was refused: %v", d.diags)
	}
	chain := &hclsyntax.UnaryOpExpr{Op: hclsyntax.OpLogicalNot, Val: &hclsyntax.BinaryOpExpr{Op: hclsyntax.OpAdd, LHS: expr, RHS: expr}}
	if d.literalOnly(chain, boolean("designated")) || len(d.diags) != 1 || d.diags[0].Summary != "Expressions are not allowed" {
		t.Errorf("an operator was accepted: %v", d.diags)
	}
}

// TestDiagnosticsOnOneLongLine: rendering many diagnostics on one long line
// reads only the part of the line it shows, not the whole line each time.
func TestDiagnosticsOnOneLongLine(t *testing.T) {
	refs := make([]string, 40000)
	for i := range refs {
		refs[i] = fmt.Sprintf("system.missing_%d", i)
	}
	start := time.Now()
	_, out := load(t, map[string]string{"a.hcl": "organization \"o\" {}\ndata_asset \"d\" {\n  stored_in = [" + strings.Join(refs, ", ") + "]\n}\n"})
	if n := strings.Count(out, "error: Unknown reference"); n != len(refs) {
		t.Errorf("%d unknown references reported, want %d", n, len(refs))
	}
	if !strings.Contains(out, "    3 |   stored_in = [system.missing_0, system.missing_1,") || strings.Contains(out, "missing_100, system") {
		t.Errorf("the source line is not shown cut to a readable length:\n%.600s", out)
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("decoding and rendering took %s", d)
	}
}

// TestSymlinkedFolders: a folder reached through a symbolic link is read (once,
// however many links lead to it); a link back to a folder above is a loop error.
func TestSymlinkedFolders(t *testing.T) {
	dir, elsewhere := t.TempDir(), t.TempDir()
	write := func(p, content string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "org.hcl"), "organization \"o\" {}\n")
	write(filepath.Join(elsewhere, "systems.hcl"), "system \"vault\" {}\n")
	for _, link := range []string{"linked", "again", ".hidden"} {
		if err := os.Symlink(elsewhere, filepath.Join(dir, link)); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	inv, diags := Load([]string{dir})
	if len(diags) > 0 || inv.Document["systems"].(map[string]any)["system.vault"] == nil {
		t.Errorf("the linked folder was not read: %v", diags)
	}
	if len(inv.Files) != 2 {
		t.Errorf("files %v, want org.hcl and the linked folder's file once", inv.Files)
	}
	// A link to a folder of the inventory itself: the folder is read once,
	// under its own path, whichever sorts first.
	if err := os.Mkdir(filepath.Join(dir, "z-real"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(filepath.Join(dir, "z-real", "sites.hcl"), "site \"hq\" {}\n")
	if err := os.Symlink(filepath.Join(dir, "z-real"), filepath.Join(dir, "a-link")); err != nil {
		t.Fatal(err)
	}
	inv, diags = Load([]string{dir})
	if len(diags) > 0 || len(inv.Files) != 3 || !strings.HasSuffix(inv.Files[2], "z-real/sites.hcl") {
		t.Errorf("files %v, diagnostics %v: want z-real/sites.hcl read once under its own path", inv.Files, diags)
	}
	if err := os.Symlink("..", filepath.Join(elsewhere, "up")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dir, filepath.Join(elsewhere, "back")); err != nil {
		t.Fatal(err)
	}
	_, diags = Load([]string{dir})
	loops := 0
	for _, d := range diags {
		if d.Summary == "symbolic link loop" {
			loops++
		}
	}
	if loops != 2 {
		t.Errorf("want the two links back up reported as loops, got %v", diags)
	}
}
