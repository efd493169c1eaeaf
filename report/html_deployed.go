package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/baomi-dev/baomi/evaluator"
	"github.com/baomi-dev/baomi/internal/textsafe"
	"github.com/baomi-dev/baomi/internal/vocab"
)

// htmlDeployed is the page's "deployed" section: beside each system, the
// Terraform resources linked to it and their results; the Terraform resources
// linked to no system; the remote modules that were not read.
type htmlDeployed struct {
	Systems  []*htmlDeployedSystem
	Unlinked []*htmlTerraformResource
	Remote   []htmlRemoteModule
	// Resources counts the Terraform resources that have results.
	Resources int
}

// htmlDeployedSystem is one system with what is deployed for it.
type htmlDeployedSystem struct {
	Resource, ResourceName string
	Deployed               []*htmlTerraformResource
	// Undeployed are the system's results, not passes, on its terraform list:
	// addresses it declares that no Terraform input defines.
	Undeployed []htmlBadge
}

// htmlTerraformResource is one Terraform resource with its results.
type htmlTerraformResource struct {
	Address, Location string
	Results           []htmlBadge
}

// htmlBadge is one control's result, shown small.
type htmlBadge struct {
	ControlID, ShortCode, Status, StatusLabel, Message string
}

// htmlRemoteModule is a remote module that was not read.
type htmlRemoteModule struct {
	Address, Source, Location string
}

// systemPrefix begins the address of every system of the inventory.
const systemPrefix = "system."

// buildDeployed gathers the deployed section from the results alone (each
// result on a Terraform resource says which system it is linked to) and the
// remote modules of opts. It is nil when the report holds nothing of Terraform.
func buildDeployed(rep *evaluator.Report, opts Options, lang string) *htmlDeployed {
	safe := textsafe.Terminal
	badge := func(r *evaluator.Result) htmlBadge {
		b := htmlBadge{ControlID: safe(r.Control.ID), ShortCode: safe(r.Control.ShortCode), Status: r.Status.String(),
			StatusLabel: vocab.Status(r.Status, lang)}
		if r.Status != evaluator.Pass {
			b.Message = safe(findingText(r, lang))
		}
		return b
	}
	d := &htmlDeployed{}
	systems := map[string]*htmlDeployedSystem{}
	system := func(addr string) *htmlDeployedSystem {
		s := systems[addr]
		if s == nil {
			s = &htmlDeployedSystem{Resource: safe(addr)}
			systems[addr] = s
		}
		return s
	}
	resources := map[string]*htmlTerraformResource{}
	terraform := false
	for _, r := range rep.Results {
		if r.Terraform == nil {
			if !strings.HasPrefix(r.Resource, systemPrefix) {
				continue
			}
			s := system(r.Resource)
			if name := shownName(r); name != "" {
				s.ResourceName = safe(name)
			}
			if r.Status != evaluator.Pass && (r.Attribute == "terraform" || strings.HasPrefix(r.Attribute, "terraform[")) {
				s.Undeployed = append(s.Undeployed, badge(r))
				terraform = true
			}
			continue
		}
		terraform = true
		tr := resources[r.Resource]
		if tr == nil {
			tr = &htmlTerraformResource{Address: safe(r.Resource)}
			resources[r.Resource] = tr
			if r.Terraform.System == "" {
				d.Unlinked = append(d.Unlinked, tr)
			} else {
				s := system(r.Terraform.System)
				s.Deployed = append(s.Deployed, tr)
			}
		}
		if tr.Location == "" && r.Location != nil {
			tr.Location = safe(fmt.Sprintf("%s:%d", r.Location.File, r.Location.Line))
		}
		tr.Results = append(tr.Results, badge(r))
	}
	for _, m := range opts.RemoteModules {
		h := htmlRemoteModule{Address: safe(m.Address), Source: safe(m.Source)}
		if m.Location != nil {
			h.Location = safe(fmt.Sprintf("%s:%d", m.Location.File, m.Location.Line))
		}
		d.Remote = append(d.Remote, h)
	}
	if !terraform && len(d.Remote) == 0 {
		return nil
	}
	d.Resources = len(resources)
	for _, s := range systems {
		sortTerraformResources(s.Deployed)
		d.Systems = append(d.Systems, s)
	}
	sort.Slice(d.Systems, func(i, j int) bool { return d.Systems[i].Resource < d.Systems[j].Resource })
	sortTerraformResources(d.Unlinked)
	return d
}

// sortTerraformResources orders resources by address; each one's results keep
// the report's order, by control.
func sortTerraformResources(rs []*htmlTerraformResource) {
	sort.Slice(rs, func(i, j int) bool { return rs[i].Address < rs[j].Address })
}
