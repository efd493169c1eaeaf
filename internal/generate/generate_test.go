package generate

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

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
