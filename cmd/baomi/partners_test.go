package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var acmePartners = []string{"partner.swift_logistics", "partner.cloudpay", "partner.bright_marketing", "partner.insight_labs", "partner.nova_callcenter"}

func TestPartnersAcmeGolden(t *testing.T) {
	repoRoot(t)
	for _, tc := range []struct{ format, file string }{
		{"table", "partners.txt"},
		{"json", "partners.json"},
		{"csv", "partners.csv"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			code, out, errOut := runBaomi(t, "partners", "fixtures/acme", "--as-of", "2026-11-26", "--lang", "en", "--format", tc.format)
			if code != 0 {
				t.Fatalf("exit %d, want 0 (a register is information); stderr:\n%s", code, errOut)
			}
			for _, p := range acmePartners {
				if !strings.Contains(out, p) {
					t.Errorf("the register lacks %s", p)
				}
			}
			golden(t, tc.file, []byte(out))
		})
	}
}

// acmeRegister runs baomi partners on the example in JSON.
func acmeRegister(t *testing.T, args ...string) (int, registerJSON, string) {
	t.Helper()
	code, out, errOut := runBaomi(t, append([]string{"partners", "fixtures/acme", "--as-of", "2026-11-26", "--format", "json"}, args...)...)
	var reg registerJSON
	if code == 0 {
		if err := json.Unmarshal([]byte(out), &reg); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
	}
	return code, reg, errOut
}

type registerJSON struct {
	NDAExpiryWarningDays int  `json:"nda_expiry_warning_days"`
	ExpiringWithinDays   *int `json:"expiring_within_days"`
	Partners             []struct {
		Address  string
		Standing string
		Cover    struct {
			Status       string
			Lapses       *string
			DaysLeft     *int `json:"days_left"`
			ExpiringSoon bool `json:"expiring_soon"`
		}
		Uncovered []string
		NDAs      []struct {
			Address string
			State   string
		}
	}
}

func (r registerJSON) addresses() []string {
	var out []string
	for _, p := range r.Partners {
		out = append(out, p.Address)
	}
	return out
}

func TestPartnersAcme(t *testing.T) {
	repoRoot(t)
	_, reg, _ := acmeRegister(t)
	if len(reg.Partners) != len(acmePartners) || reg.NDAExpiryWarningDays != 60 || reg.ExpiringWithinDays != nil {
		t.Fatalf("register of %d partners, warning window %d", len(reg.Partners), reg.NDAExpiryWarningDays)
	}
	standing := map[string]string{}
	for _, p := range reg.Partners {
		standing[p.Address] = p.Standing
		if p.Address == "partner.bright_marketing" {
			c := p.Cover
			if c.Status != "lapses" || c.Lapses == nil || *c.Lapses != "2026-12-31" || *c.DaysLeft != 35 || !c.ExpiringSoon {
				t.Errorf("bright_marketing's NDA cover: %+v", c)
			}
			if strings.Join(p.Uncovered, ",") != "data_asset.customer_contacts" {
				t.Errorf("bright_marketing's NDA does not cover the contact list: uncovered %v", p.Uncovered)
			}
		}
		if p.Address == "partner.nova_callcenter" && (len(p.NDAs) != 1 || p.NDAs[0].State != "not_yet_signed" || p.Cover.Status != "missing") {
			t.Errorf("nova's NDA is signed after the as-of date: %+v", p)
		}
	}
	want := map[string]string{
		"partner.swift_logistics": "ok", "partner.cloudpay": "at_risk", "partner.bright_marketing": "at_risk",
		"partner.insight_labs": "at_risk", "partner.nova_callcenter": "at_risk",
	}
	for p, s := range want {
		if standing[p] != s {
			t.Errorf("%s: standing %s, want %s", p, standing[p], s)
		}
	}

	for _, tc := range []struct {
		days   string
		bright bool
	}{{"90", true}, {"35", true}, {"34", false}, {"30", false}} {
		_, reg, _ := acmeRegister(t, "--expiring", tc.days)
		got := strings.Join(reg.addresses(), " ")
		if strings.Contains(got, "partner.bright_marketing") != tc.bright {
			t.Errorf("--expiring %s lists %s; bright_marketing (cover lapses 2026-12-31) listed: %v", tc.days, got, !tc.bright)
		}
		if !strings.Contains(got, "partner.insight_labs") || strings.Contains(got, "partner.swift_logistics") || strings.Contains(got, "partner.cloudpay") {
			t.Errorf("--expiring %s lists %s: missing cover is always listed, cover lasting past the window never", tc.days, got)
		}
		if n, _ := strconv.Atoi(tc.days); reg.ExpiringWithinDays == nil || *reg.ExpiringWithinDays != n {
			t.Errorf("--expiring %s is not recorded in the JSON", tc.days)
		}
	}
}

func TestPartnersOptions(t *testing.T) {
	repoRoot(t)
	out := filepath.Join(t.TempDir(), "register.csv")
	code, stdout, errOut := runBaomi(t, "partners", "fixtures/acme", "--as-of", "2026-11-26", "--format", "csv", "--output", out, "--lang", "zh")
	if code != 0 || !strings.Contains(stdout, "有风险") || !strings.Contains(stdout, "合作方") {
		t.Errorf("exit %d; the table must still reach standard output, in Chinese:\n%s%s", code, stdout, errOut)
	}
	if b, err := os.ReadFile(out); err != nil || !strings.HasPrefix(string(b), "合作方,名称,总体状况") {
		t.Errorf("--output: %v\n%s", err, b)
	}
	code, md, _ := runBaomi(t, "partners", "fixtures/acme", "--as-of", "2026-11-26", "--format", "markdown", "--lang", "en")
	if code != 0 || !strings.HasPrefix(md, "# Partner register\n") || !strings.Contains(md, "## `partner.bright_marketing`") {
		t.Errorf("markdown: exit %d\n%s", code, md)
	}

	acme, err := filepath.Abs("fixtures/acme")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	if err := os.WriteFile("baomi.yaml", []byte("format: sarif\noutput: clobbered.json\nsettings:\n  nda_expiry_warning_days: 30\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, table, errOut := runBaomi(t, "partners", acme, "--as-of", "2026-11-26", "--lang", "en")
	if code != 0 || !strings.Contains(table, "│ Partner") {
		t.Errorf("a baomi.yaml written for check must not change the register's format: exit %d\n%s%s", code, table, errOut)
	}
	if _, err := os.Stat("clobbered.json"); err == nil {
		t.Error("the config file's output key redirected the register")
	}
	code, js, _ := runBaomi(t, "partners", acme, "--as-of", "2026-11-26", "--format", "json")
	var reg registerJSON
	if err := json.Unmarshal([]byte(js), &reg); err != nil || code != 0 {
		t.Fatalf("exit %d: %v", code, err)
	}
	if reg.NDAExpiryWarningDays != 30 {
		t.Errorf("nda_expiry_warning_days from the config: %d", reg.NDAExpiryWarningDays)
	}
	for _, p := range reg.Partners {
		if p.Address == "partner.bright_marketing" && p.Cover.ExpiringSoon {
			t.Error("with a 30-day window, a cover lapsing in 35 days is not expiring soon")
		}
	}
	if err := os.Remove("baomi.yaml"); err != nil {
		t.Fatal(err)
	}

	broken := writeInventory(t, "partner \"p\" {\n  receives = [data_asset.nope]\n}\n")
	for _, tc := range []struct {
		name string
		args []string
		err  string
	}{
		{"negative window", []string{"partners", acme, "--expiring", "-1"}, "--expiring -1"},
		{"bad format", []string{"partners", acme, "--format", "sarif"}, "--format sarif: want one of table, json, csv, markdown"},
		{"bad as-of", []string{"partners", acme, "--as-of", "2026-13-01"}, "--as-of 2026-13-01"},
		{"bad lang", []string{"partners", acme, "--lang", "fr"}, "--lang fr"},
		{"bad inventory", []string{"partners", broken}, "inventory.hcl:2:"},
		{"missing path", []string{"partners", "no/such/dir"}, "no/such/dir"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runBaomi(t, tc.args...)
			if code != 2 || !strings.Contains(errOut, tc.err) {
				t.Errorf("exit %d, want 2 with %q; stderr:\n%s", code, tc.err, errOut)
			}
		})
	}
}
