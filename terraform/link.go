package terraform

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/baomi-dev/baomi/internal/suggest"
	"github.com/baomi-dev/baomi/inventory"
)

// DefaultSystemTag is the tag that names a resource's system when the setting
// terraform_system_tag does not name another.
const DefaultSystemTag = "baomi-system"

// NoSystem is the system tag's value for a resource that holds no customer data.
const NoSystem = "none"

// SystemTagSetting names the setting that holds the tag linking a Terraform
// resource to a system.
const SystemTagSetting = "terraform_system_tag"

// SystemTag is the tag that links a Terraform resource to a system under the
// settings in force: their terraform_system_tag, else DefaultSystemTag.
func SystemTag(settings map[string]any) string {
	if s, ok := settings[SystemTagSetting].(string); ok && s != "" {
		return s
	}
	return DefaultSystemTag
}

// LoadInto reads the Terraform inputs at paths within limits, links them to
// inv's systems by the tag tagKey when link is set (an inventory with errors
// would give false link errors) and puts them in inv's document's terraform
// collection. inv learns their sources, so that their diagnostics render with
// its own. Without inputs it returns nil and the collection stays empty.
func LoadInto(inv *inventory.Inventory, paths []string, limits inventory.Options, tagKey string, link bool) (*Set, hcl.Diagnostics) {
	if len(paths) == 0 {
		return nil, nil
	}
	set, diags := Load(paths, limits)
	inv.AddSources(set.Sources)
	if diags.HasErrors() || !link {
		return set, diags
	}
	systems, _ := inv.Document["systems"].(map[string]any)
	diags = append(diags, set.Link(systems, tagKey, inv.Diagnostic)...)
	inv.Document[inventory.TerraformCollection] = set.Document()
	return set, diags
}

// Diagnoser places an error on an inventory resource's attribute, as
// inventory.Inventory.Diagnostic does.
type Diagnoser func(address, attribute, summary, detail string) *hcl.Diagnostic

// Link links resources to the inventory's systems, from both sides: a system's
// terraform list (an entry names a resource's address, with or without its root
// prefix, and without an instance key names every instance), and the resource's
// tag named tagKey (its provider's default tags count too), whose value is a
// system's id or "none". A tag naming no system is an error at the tag; so is a
// resource linked to two systems, or linked by a system while its tag says none.
// An entry that names no resource is not an error: deployed-as-declared judges it.
func (s *Set) Link(systems map[string]any, tagKey string, diagnose Diagnoser) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, res := range s.sorted() {
		res.System, res.none = "", false
		v, ok := res.tags[tagKey].(string)
		if !ok {
			continue
		}
		rng := res.tagLocs[tagKey]
		if rng.Filename == "" {
			rng = res.def
		}
		if v == NoSystem {
			res.none = true
			continue
		}
		addr := "system." + v
		if _, known := systems[addr]; !known {
			hint := ""
			if n := suggest.Nearest(v, systemIDs(systems)); n != "" {
				hint = fmt.Sprintf(" Did you mean %q?", n)
			}
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown system in tag",
				Detail:  fmt.Sprintf("The tag %s of %s names %q, which is not a system of the inventory; write a system's id, or %q for a resource that holds no customer data.%s", tagKey, res.Address, v, NoSystem, hint),
				Subject: &rng})
			continue
		}
		res.System = addr
	}
	index := s.addressIndex()
	linkedBy := map[*Resource]string{}
	for _, sys := range sortedKeys(systems) {
		attrs, _ := systems[sys].(map[string]any)
		entries, _ := attrs["terraform"].([]any)
		for _, e := range entries {
			entry, _ := e.(string)
			for _, res := range index[entry] {
				switch {
				case res.none:
					rng := res.tagLocs[tagKey]
					if rng.Filename == "" {
						rng = res.def
					}
					diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Conflicting link",
						Detail:  fmt.Sprintf("%s lists %s in terraform, but the resource's tag %s says %q: it holds no customer data. Remove one of the two.", sys, res.Address, tagKey, NoSystem),
						Subject: &rng})
				case res.System != "" && res.System != sys:
					by := linkedBy[res]
					if by == "" {
						by = "its tag " + tagKey
					}
					diags = append(diags, diagnose(sys, "terraform", "Conflicting link",
						fmt.Sprintf("%s lists %s in terraform, but %s links it to %s already; a Terraform resource deploys one system.", sys, res.Address, by, res.System)))
				default:
					res.System = sys
					if linkedBy[res] == "" {
						linkedBy[res] = sys + "'s terraform list"
					}
				}
			}
		}
	}
	return diags
}

// Locator places a result: where a resource, or one of its attributes, is
// written (evaluator.Locator).
type Locator interface {
	Locate(address, attribute string) (file string, line, column int, ok bool)
}

// Beside places results on inv's lines, then on the Terraform files' lines: the
// first that finds the resource answers. Without a set, inv alone.
func (s *Set) Beside(inv Locator) Locator {
	if s == nil {
		return inv
	}
	return locators{inv, s}
}

// locators asks each locator in turn.
type locators []Locator

// Locate returns the first locator's answer that finds the resource.
func (ls locators) Locate(address, attribute string) (string, int, int, bool) {
	for _, l := range ls {
		if file, line, col, ok := l.Locate(address, attribute); ok {
			return file, line, col, true
		}
	}
	return "", 0, 0, false
}

// addressIndex finds resources by the names a terraform entry may use: the full
// address, the address without its root prefix (matching in every root), and
// either without an instance key (matching every instance).
func (s *Set) addressIndex() map[string][]*Resource {
	index := map[string][]*Resource{}
	for _, res := range s.sorted() {
		names := []string{res.Address, res.local, baseAddress(res.Address), baseAddress(res.local)}
		seen := map[string]bool{}
		for _, n := range names {
			if !seen[n] {
				seen[n] = true
				index[n] = append(index[n], res)
			}
		}
	}
	return index
}

// baseAddress drops a trailing instance key: aws_s3_bucket.logs["eu"] → aws_s3_bucket.logs.
func baseAddress(addr string) string {
	if !strings.HasSuffix(addr, "]") {
		return addr
	}
	dot := strings.LastIndexByte(addr, '.')
	if i := strings.IndexByte(addr[dot+1:], '['); i >= 0 {
		return addr[:dot+1+i]
	}
	return addr
}

func systemIDs(systems map[string]any) []string {
	var out []string
	for _, a := range sortedKeys(systems) {
		out = append(out, strings.TrimPrefix(a, "system."))
	}
	return out
}

func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// sorted lists the resources by address.
func (s *Set) sorted() []*Resource {
	out := make([]*Resource, 0, len(s.Resources))
	for _, r := range s.Resources {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Address < out[j].Address })
	return out
}

// Document is the input document's terraform collection, keyed by address.
func (s *Set) Document() map[string]any {
	out := make(map[string]any, len(s.Resources))
	for addr, r := range s.Resources {
		unknown := make([]any, len(r.Unknown))
		for i, u := range r.Unknown {
			unknown[i] = u
		}
		doc := map[string]any{"type": r.Type, "provider": r.Provider, "values": r.Values, "unknown": unknown, "source": r.Source}
		if r.System != "" {
			doc["system"] = r.System
		}
		out[addr] = doc
	}
	return out
}

// Locate returns where the attribute (a path like "storage_encrypted" or
// "server_side_encryption_rule.sse_algorithm", or "" for the resource) of the
// resource at address is written. An attribute that is not written falls back to
// its enclosing block, then to the resource; a resource read only from a plan
// is placed where the plan names it.
func (s *Set) Locate(address, attribute string) (string, int, int, bool) {
	r := s.Resources[address]
	if r == nil {
		return "", 0, 0, false
	}
	for attribute != "" {
		if rng, ok := r.locs[attribute]; ok {
			return rng.Filename, rng.Start.Line, rng.Start.Column, true
		}
		i := strings.LastIndexAny(attribute, ".[")
		if i < 0 {
			break
		}
		attribute = attribute[:i]
	}
	return r.def.Filename, r.def.Start.Line, r.def.Start.Column, true
}
