package generate

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/baomi-dev/baomi/audit"
	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/inventory"
	"github.com/baomi-dev/baomi/policies"
)

const testResources = 2000

// generated writes the test inventory once per test into a temporary folder,
// three files, and decodes it.
func generated(t *testing.T) (string, *inventory.Inventory) {
	t.Helper()
	dir := t.TempDir()
	if err := Write(dir, Options{Resources: testResources, Files: 3, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	inv, diags := inventory.Load([]string{dir})
	if len(diags) > 0 {
		var buf bytes.Buffer
		inv.WriteDiagnostics(&buf, diags)
		t.Fatalf("%d diagnostics decoding the generated inventory:\n%s", len(diags), buf.String())
	}
	return dir, inv
}

func TestDeterministic(t *testing.T) {
	write := func(seed int64) []byte {
		var buf bytes.Buffer
		if err := WriteTo(&buf, Options{Resources: testResources, Seed: seed}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	a, b, c := write(1), write(1), write(2)
	if !bytes.Equal(a, b) {
		t.Error("two runs with the same options wrote different bytes")
	}
	if bytes.Equal(a, c) {
		t.Error("seeds 1 and 2 wrote the same bytes")
	}

	dirs := []string{t.TempDir(), t.TempDir()}
	for _, d := range dirs {
		if err := Write(d, Options{Resources: testResources, Files: 3, Seed: 1}); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"inventory-1.hcl", "inventory-2.hcl", "inventory-3.hcl"} {
		x, err := os.ReadFile(filepath.Join(dirs[0], name))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(dirs[1], name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

func TestOptionsChecked(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTo(&buf, Options{Resources: MinResources - 1}); err == nil {
		t.Error("WriteTo accepted too few resources")
	}
	if err := Write(t.TempDir(), Options{Resources: MinResources, Files: 0}); err == nil {
		t.Error("Write accepted zero files")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "mine.hcl"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, Options{Resources: MinResources, Files: 1}); err == nil {
		t.Error("Write wrote into a folder holding another .hcl file")
	}
}

func TestDecodes(t *testing.T) {
	dir, inv := generated(t)
	c := plan(testResources)
	want := map[string]int{
		"organization": c.organization, "departments": c.departments, "sites": c.sites,
		"systems": c.systems, "paper_archives": c.paperArchives, "data_assets": c.dataAssets,
		"channels": c.channels, "transfers": c.transfers, "partners": c.partners,
		"agreements": c.agreements, "loans": c.loans, "incidents": c.incidents, "removals": c.removals, "destructions": c.destructions,
		"devices": c.devices, "disposals": c.disposals, "trainings": c.trainings, "waivers": c.waivers,
	}
	total := 0
	for _, coll := range inventory.Collections() {
		got := len(inv.Document[coll].(map[string]any))
		total += got
		if got != want[coll] {
			t.Errorf("%s: %d blocks, want %d", coll, got, want[coll])
		}
	}
	if total != testResources {
		t.Errorf("%d top-level blocks, want %d", total, testResources)
	}
	share := func(coll string) float64 {
		return float64(len(inv.Document[coll].(map[string]any))) / testResources
	}
	for _, m := range []struct {
		colls  []string
		lo, hi float64
	}{
		{[]string{"systems"}, 0.38, 0.42},
		{[]string{"data_assets"}, 0.38, 0.42},
		{[]string{"partners"}, 0.04, 0.06},
		{[]string{"agreements"}, 0.04, 0.06},
		{[]string{"channels", "transfers", "devices", "disposals", "loans", "incidents", "removals", "destructions",
			"paper_archives", "trainings", "departments", "sites", "organization", "waivers"}, 0.08, 0.12},
	} {
		s := 0.0
		for _, coll := range m.colls {
			s += share(coll)
		}
		if s < m.lo || s > m.hi {
			t.Errorf("%v: %.3f of the resources, want %.2f to %.2f", m.colls, s, m.lo, m.hi)
		}
	}
	if n := len(inv.Document["organization"].(map[string]any)); n != 1 {
		t.Errorf("%d organizations, want 1", n)
	}

	// The blocks are spread evenly, and lookups cross files.
	perFile := map[string]int{}
	for _, coll := range inventory.Collections() {
		for addr := range inv.Document[coll].(map[string]any) {
			file, _, _, _ := inv.Locate(addr, "")
			perFile[filepath.Base(file)]++
		}
	}
	for _, name := range []string{"inventory-1.hcl", "inventory-2.hcl", "inventory-3.hcl"} {
		if n := perFile[name]; n < testResources/3 || n > testResources/3+1 {
			t.Errorf("%s holds %d blocks, want %d or %d", name, n, testResources/3, testResources/3+1)
		}
	}
	if len(perFile) != 3 {
		t.Errorf("blocks in %d files, want 3", len(perFile))
	}
	crossing := 0
	for addr, v := range inv.Document["data_assets"].(map[string]any) {
		from, _, _, _ := inv.Locate(addr, "")
		stored, _ := v.(map[string]any)["stored_in"].([]any)
		for _, s := range stored {
			if to, _, _, _ := inv.Locate(s.(string), ""); to != from {
				crossing++
			}
		}
	}
	if crossing == 0 {
		t.Errorf("no data asset in %s is stored in a system of another file", dir)
	}
}

func TestEvaluates(t *testing.T) {
	_, inv := generated(t)
	ctx := context.Background()
	ps, err := evaluator.Load(ctx, policies.FS, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := ps.Evaluate(ctx, evaluator.Input{Document: inv.Document, Locator: inv}, evaluator.Options{AsOf: AsOf})
	if err != nil {
		t.Fatal(err)
	}
	s := rep.Summary
	if frac := float64(s.Fail) / float64(s.Results); frac < 0.05 || frac > 0.40 {
		t.Errorf("%d of %d results fail (%.1f%%), want 5%% to 40%%", s.Fail, s.Results, 100*frac)
	}
	both := 0
	var one []string
	for _, c := range rep.Controls {
		if c.Pass > 0 && c.Fail > 0 {
			both++
		} else {
			one = append(one, c.Control.ID)
		}
	}
	if both < 30 {
		t.Errorf("%d controls show both a pass and a fail, want at least 30; not: %v", both, one)
	}
	// Loans and incidents are judged, both ways.
	for _, id := range []string{"BM-2.2-02", "BM-4.2.2-03"} {
		if slices.Contains(one, id) {
			t.Errorf("%s does not show both a pass and a fail", id)
		}
	}
	if s.Waived == 0 {
		t.Error("no waiver waives a failure")
	}
}

// TestLongLine: LongLine puts every data asset on one line of the first
// partner, and the inventory still decodes cleanly.
func TestLongLine(t *testing.T) {
	var plain, long bytes.Buffer
	if err := WriteTo(&plain, Options{Resources: testResources, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	if err := WriteTo(&long, Options{Resources: testResources, Seed: 1, LongLine: true}); err != nil {
		t.Fatal(err)
	}
	assets := bytes.Count(plain.Bytes(), []byte("\ndata_asset \""))
	longest := 0
	for _, line := range bytes.Split(long.Bytes(), []byte("\n")) {
		longest = max(longest, bytes.Count(line, []byte("data_asset.")))
	}
	if longest != assets {
		t.Errorf("the longest line names %d data assets, want all %d", longest, assets)
	}
	if bytes.Equal(plain.Bytes(), long.Bytes()) {
		t.Error("LongLine changed nothing")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "long.hcl"), long.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	inv, diags := inventory.Load([]string{dir})
	if len(diags) > 0 {
		var buf bytes.Buffer
		inv.WriteDiagnostics(&buf, diags)
		t.Fatalf("the long-line inventory does not decode:\n%s", buf.String())
	}
}

// TestShapes: every shape option writes an inventory that decodes and
// validates (baomi validate's audit.Load) with no error, and has its shape.
func TestShapes(t *testing.T) {
	independent := Independent(Options{Resources: testResources})
	for _, s := range []struct {
		name  string
		opts  Options
		files int
		holds func(t *testing.T, doc map[string]any)
	}{
		{"departments", Options{Departments: 6}, 3, func(t *testing.T, doc map[string]any) {
			wantCount(t, doc, "departments", 6)
		}},
		{"sites", Options{Sites: 500}, 3, func(t *testing.T, doc map[string]any) {
			wantCount(t, doc, "sites", 500)
		}},
		{"partners", Options{Partners: 150}, 3, func(t *testing.T, doc map[string]any) {
			wantCount(t, doc, "partners", 150)
			wantOneAgreementEach(t, doc)
		}},
		{"one partner", Options{Partners: 1, LongLine: true}, 3, func(t *testing.T, doc map[string]any) {
			wantCount(t, doc, "partners", 1)
			wantOneAgreementEach(t, doc)
			assets := len(collection(doc, "data_assets"))
			for _, p := range collection(doc, "partners") {
				if n := len(list(p, "receives")); n != assets {
					t.Errorf("the partner receives %d data assets, want all %d", n, assets)
				}
			}
			for _, a := range collection(doc, "agreements") {
				if n := len(list(a, "covers")); n < assets-1 {
					t.Errorf("the agreement covers %d data assets, want %d or %d", n, assets-1, assets)
				}
			}
		}},
		{"long lists", Options{LongLists: 12}, 3, func(t *testing.T, doc map[string]any) {
			stored := 0
			for addr, a := range collection(doc, "data_assets") {
				if l := list(a, "stored_in"); l != nil {
					stored++
					if len(l) < 12 {
						t.Errorf("%s is stored in %d places, want at least 12", addr, len(l))
					}
				}
			}
			if stored == 0 {
				t.Error("no data asset names where it is stored")
			}
			for addr, p := range collection(doc, "partners") {
				if n := len(list(p, "receives")); n != 12 {
					t.Errorf("%s receives %d data assets, want 12", addr, n)
				}
			}
			for addr, a := range collection(doc, "agreements") {
				if n := len(list(a, "covers")); n < 11 {
					t.Errorf("%s covers %d data assets, want at least 11", addr, n)
				}
			}
		}},
		{"files", Options{}, 50, nil},
		{"independent", independent, 3, func(t *testing.T, doc map[string]any) {
			wantCount(t, doc, "departments", 6)
			wantCount(t, doc, "sites", testResources*4/100)
			wantCount(t, doc, "partners", testResources*6/100)
			wantOneAgreementEach(t, doc)
		}},
		{"omit", Options{Omit: []string{"loan", "incident"}}, 3, func(t *testing.T, doc map[string]any) {
			wantCount(t, doc, "loans", 0)
			wantCount(t, doc, "incidents", 0)
		}},
	} {
		t.Run(s.name, func(t *testing.T) {
			opts := s.opts
			opts.Resources, opts.Files, opts.Seed = testResources, s.files, 1
			dir := t.TempDir()
			if err := Write(dir, opts); err != nil {
				t.Fatal(err)
			}
			l, err := audit.Load(context.Background(), audit.Input{Paths: []string{dir}, Timeout: time.Minute})
			var ie *audit.InputError
			if errors.As(err, &ie) {
				var buf bytes.Buffer
				ie.Inventory.WriteDiagnostics(&buf, ie.Diagnostics)
				t.Fatalf("the inventory does not validate: %v\n%s", ie.Problems, buf.String())
			}
			if err != nil {
				t.Fatal(err)
			}
			doc := l.Inventory.Document
			if len(l.Inventory.Files) != s.files {
				t.Errorf("%d files, want %d", len(l.Inventory.Files), s.files)
			}
			total := 0
			for _, coll := range inventory.Collections() {
				total += len(collection(doc, coll))
			}
			want := testResources
			for _, kind := range opts.Omit {
				want -= bytes.Count(plainInventory(t), []byte("\n"+kind+" \""))
			}
			if total != want {
				t.Errorf("%d resources, want %d", total, want)
			}
			if s.holds != nil {
				s.holds(t, doc)
			}
		})
	}
}

// TestShapeDefaults: shape options left zero write the default inventory, and
// Omit leaves out exactly the blocks of its types, the rest byte for byte.
func TestShapeDefaults(t *testing.T) {
	plain := plainInventory(t)
	var omitted bytes.Buffer
	if err := WriteTo(&omitted, Options{Resources: testResources, Seed: 1, Omit: []string{"loan", "incident"}}); err != nil {
		t.Fatal(err)
	}
	var kept []string
	skip := false
	for _, line := range strings.SplitAfter(string(plain), "\n") {
		if strings.HasPrefix(line, `loan "`) || strings.HasPrefix(line, `incident "`) {
			skip = true
			kept = kept[:len(kept)-1] // the blank line before the block
		}
		if !skip {
			kept = append(kept, line)
		}
		if skip && line == "}\n" {
			skip = false
		}
	}
	if want := strings.Join(kept, ""); omitted.String() != want {
		t.Error("Omit changed more than leaving out the loans and incidents")
	}
	if !bytes.Contains(plain, []byte("\nloan \"")) || !bytes.Contains(plain, []byte("\nincident \"")) {
		t.Error("the default inventory holds no loan or incident to omit")
	}
	for _, bad := range []Options{
		{Sites: 2}, {Departments: -1}, {Omit: []string{"system"}}, {Sites: testResources},
	} {
		bad.Resources = testResources
		if err := WriteTo(io.Discard, bad); err == nil {
			t.Errorf("WriteTo accepted %+v", bad)
		}
	}
}

// plainInventory is the default inventory of testResources, seed 1, one stream.
func plainInventory(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteTo(&buf, Options{Resources: testResources, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// collection is one collection of a decoded document: address to block.
func collection(doc map[string]any, name string) map[string]any {
	m, _ := doc[name].(map[string]any)
	return m
}

// list is a list attribute of a decoded block.
func list(block any, name string) []any {
	l, _ := block.(map[string]any)[name].([]any)
	return l
}

func wantCount(t *testing.T, doc map[string]any, coll string, want int) {
	t.Helper()
	if n := len(collection(doc, coll)); n != want {
		t.Errorf("%d %s, want %d", n, coll, want)
	}
}

// wantOneAgreementEach checks that every partner has exactly one agreement.
func wantOneAgreementEach(t *testing.T, doc map[string]any) {
	t.Helper()
	per := map[string]int{}
	for _, a := range collection(doc, "agreements") {
		p, _ := a.(map[string]any)["partner"].(string)
		per[p]++
	}
	for addr := range collection(doc, "partners") {
		if per[addr] != 1 {
			t.Errorf("%s has %d agreements, want 1", addr, per[addr])
		}
	}
	if len(per) != len(collection(doc, "partners")) {
		t.Errorf("agreements name %d partners, want %d", len(per), len(collection(doc, "partners")))
	}
}
