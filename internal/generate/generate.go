// Package generate writes deterministic synthetic inventories for benchmarks and
// scale tests: N top-level resources in a realistic mix, with real
// cross-references between files and roughly 15-20% of the resources failing
// some control, in varied ways. The same Options always write the same bytes.
package generate

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// AsOf is the as-of date the generated inventory is written against: its dates,
// and so its failures, are relative to it.
const AsOf = "2026-11-26"

// MinResources is the smallest inventory the generator writes: below it the mix
// cannot hold one resource of every type.
const MinResources = 100

// Options choose what the generator writes.
type Options struct {
	// Resources is the number of top-level blocks, at least MinResources.
	Resources int
	// Files is the number of files Write spreads the blocks over (1 to
	// Resources); WriteTo ignores it.
	Files int
	// Seed seeds the random choices: the same seed writes the same bytes.
	Seed int64
	// LongLine makes the first partner receive every data asset, listed on one
	// line: a line of tens of thousands of references, for decoding tests.
	LongLine bool
	// Terraform is the number of Terraform resources Write also writes, into
	// DIR/infra, linked by tag to the inventory's systems (0: none). WriteTo
	// ignores it.
	Terraform int

	// The shape options below change the mix; left zero, the inventory is the
	// default shape, byte for byte. The resources they free or take are data
	// assets.

	// Departments is the number of departments (0: 0.7% of the resources),
	// which between them own every data asset that has an owner.
	Departments int
	// Sites is the number of sites, at least 3 (0: 0.6% of the resources).
	Sites int
	// Partners is the number of partners, each with exactly one agreement
	// (0: 5% of the resources, with 5% agreements not one per partner).
	Partners int
	// LongLists stores every data asset in LongLists distinct systems (its
	// stored_in list) and makes every partner receive LongLists distinct data
	// assets, which its agreements' covers lists then name (0: one to three).
	LongLists int
	// Omit lists block types left out of the output, among those no other
	// block refers to (see Omittable); the random draws are unchanged, so the
	// rest is the same bytes. It makes an inventory an older baomi can read.
	Omit []string
}

// Omittable lists the block types Options.Omit may name: those no other block
// refers to, so the inventory stays valid without them.
var Omittable = []string{"transfer", "agreement", "loan", "incident", "removal", "destruction", "disposal", "training", "waiver"}

// Independent is the shape of an inventory written independently to the
// specification: 6 departments owning every data asset, 4% of the resources
// sites and 6% partners with one agreement each (4,000 sites and 6,000
// partners at 100,000 resources). Options already set are kept.
func Independent(o Options) Options {
	if o.Departments == 0 {
		o.Departments = 6
	}
	if o.Sites == 0 {
		o.Sites = max(3, o.Resources*4/100)
	}
	if o.Partners == 0 {
		o.Partners = max(1, o.Resources*6/100)
	}
	return o
}

// Write writes opts.Files files named inventory-N.hcl into dir (created when
// missing), the resources spread evenly over them in order and no top-level
// block split across two files. It refuses a dir that holds other .hcl files,
// since they would be read with the generated inventory.
func Write(dir string, opts Options) error {
	if err := opts.Check(); err != nil {
		return err
	}
	if opts.Files < 1 || opts.Files > opts.Resources {
		return fmt.Errorf("files must be between 1 and the number of resources (%d), not %d", opts.Resources, opts.Files)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names := make([]string, opts.Files)
	mine := map[string]bool{}
	width := len(strconv.Itoa(opts.Files))
	for i := range names {
		names[i] = fmt.Sprintf("inventory-%0*d.hcl", width, i+1)
		mine[names[i]] = true
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".hcl") && !mine[e.Name()] {
			return fmt.Errorf("%s already holds %s: write into an empty folder", dir, e.Name())
		}
	}
	s := &fileSink{dir: dir, names: names, opts: opts, current: -1}
	g, err := run(opts, s.write)
	if err = errors.Join(err, s.close()); err != nil || opts.Terraform <= 0 {
		return err
	}
	return writeTerraform(filepath.Join(dir, "infra"), opts, g.systems)
}

// WriteTo writes the whole inventory as one stream to w.
func WriteTo(w io.Writer, opts Options) error {
	if err := opts.Check(); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	fmt.Fprintf(bw, "# Synthetic customer-data inventory written by baomi-gen: %d resources, seed %d, judged as of %s.\n",
		opts.Resources, opts.Seed, AsOf)
	err := generate(opts, func(_ int, text []byte) error {
		bw.WriteByte('\n')
		_, err := bw.Write(text)
		return err
	})
	return errors.Join(err, bw.Flush())
}

// Check reports why the generator would refuse o, or nil: callers check before
// they create the file to write into.
func (o Options) Check() error {
	_, err := o.plan()
	return err
}

// plan is the mix of o's resources: the default plan with the shape options
// applied.
func (o Options) plan() (counts, error) {
	if o.Resources < MinResources {
		return counts{}, fmt.Errorf("resources must be at least %d, not %d", MinResources, o.Resources)
	}
	if min(o.Departments, o.Sites, o.Partners, o.LongLists) < 0 {
		return counts{}, errors.New("departments, sites, partners and long lists must not be negative")
	}
	if o.Sites > 0 && o.Sites < 3 {
		return counts{}, fmt.Errorf("sites must be at least 3 (backups go to another site), not %d", o.Sites)
	}
	for _, kind := range o.Omit {
		if !slices.Contains(Omittable, kind) {
			return counts{}, fmt.Errorf("cannot omit %q blocks: only %s, which no other block refers to", kind, strings.Join(Omittable, ", "))
		}
	}
	c := plan(o.Resources)
	if o.Departments > 0 {
		c.departments = o.Departments
	}
	if o.Sites > 0 {
		c.sites = o.Sites
	}
	if o.Partners > 0 {
		c.partners, c.agreements = o.Partners, o.Partners
	}
	c.dataAssets = o.Resources - c.others()
	if c.dataAssets < 1 {
		return counts{}, fmt.Errorf("%d resources leave no room for data assets beside %d departments, %d sites and %d partners with their agreements",
			o.Resources, c.departments, c.sites, c.partners)
	}
	return c, nil
}

// fileSink writes block k into file k*Files/Resources, so that the files hold
// the same number of blocks give or take one.
type fileSink struct {
	dir     string
	names   []string
	opts    Options
	current int
	f       *os.File
	w       *bufio.Writer
}

func (s *fileSink) write(k int, text []byte) error {
	if i := k * s.opts.Files / s.opts.Resources; i != s.current {
		if err := s.close(); err != nil {
			return err
		}
		f, err := os.Create(filepath.Join(s.dir, s.names[i]))
		if err != nil {
			return err
		}
		s.f, s.w, s.current = f, bufio.NewWriterSize(f, 1<<16), i
		fmt.Fprintf(s.w, "# Synthetic customer-data inventory written by baomi-gen: %d resources, seed %d, judged as of %s; part %d of %d.\n",
			s.opts.Resources, s.opts.Seed, AsOf, i+1, s.opts.Files)
	}
	s.w.WriteByte('\n')
	_, err := s.w.Write(text)
	return err
}

// close flushes and closes the current file, if any.
func (s *fileSink) close() error {
	if s.f == nil {
		return nil
	}
	err := errors.Join(s.w.Flush(), s.f.Close())
	s.f, s.w = nil, nil
	return err
}

// counts is how many blocks of each type an inventory of N resources holds.
type counts struct {
	organization, departments, sites, systems, paperArchives, dataAssets,
	channels, transfers, partners, agreements, loans, incidents, removals, destructions,
	devices, disposals, trainings, waivers int
}

// plan splits n resources into the mix: 40% systems, 5% partners, 5%
// agreements, 10.7% the smaller types, one organization, a few waivers and the
// rest (about 39%) data assets.
func plan(n int) counts {
	share := func(perTenThousand, least int) int {
		return max(least, (n*perTenThousand+5000)/10000)
	}
	c := counts{
		organization:  1,
		departments:   share(70, 1),
		sites:         share(60, 3),
		systems:       share(4000, 1),
		paperArchives: share(80, 1),
		channels:      share(50, 1),
		transfers:     share(220, 1),
		partners:      share(500, 1),
		agreements:    share(500, 1),
		loans:         share(50, 1),
		incidents:     share(30, 1),
		removals:      share(80, 1),
		destructions:  share(90, 1),
		devices:       share(170, 1),
		disposals:     share(70, 1),
		trainings:     share(100, 1),
		waivers:       2 + n/10000,
	}
	c.dataAssets = n - c.others()
	return c
}

// others is the number of blocks other than data assets.
func (c counts) others() int {
	return c.organization + c.departments + c.sites + c.systems + c.paperArchives +
		c.channels + c.transfers + c.partners + c.agreements + c.loans + c.incidents + c.removals + c.destructions +
		c.devices + c.disposals + c.trainings + c.waivers
}

// attr is one attribute, its value already written as HCL.
type attr struct{ name, value string }

// block is a top-level block (with an id) or a nested one (without).
type block struct {
	kind, id string
	attrs    []attr
	nested   []*block
}

func (b *block) set(name, value string) { b.attrs = append(b.attrs, attr{name, value}) }

// str sets a string attribute; generated strings never need escapes.
func (b *block) str(name, v string)        { b.set(name, `"`+v+`"`) }
func (b *block) flag(name string, v bool)  { b.set(name, strconv.FormatBool(v)) }
func (b *block) num(name string, v int)    { b.set(name, strconv.Itoa(v)) }
func (b *block) date(name string, off int) { b.str(name, day(off)) }
func (b *block) refs(name string, addrs []string) {
	b.set(name, "["+strings.Join(addrs, ", ")+"]")
}

func (b *block) strs(name string, vs []string) {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = `"` + v + `"`
	}
	b.refs(name, q)
}

// add appends a nested block.
func (b *block) add(kind string) *block {
	n := &block{kind: kind}
	b.nested = append(b.nested, n)
	return n
}

// render writes the block as terraform fmt would: two-space indents, the equals
// signs of its attributes aligned, a blank line before each nested block.
func (b *block) render(buf *bytes.Buffer, indent string) {
	buf.WriteString(indent)
	buf.WriteString(b.kind)
	if b.id != "" {
		buf.WriteString(` "`)
		buf.WriteString(b.id)
		buf.WriteByte('"')
	}
	buf.WriteString(" {\n")
	width := 0
	for _, a := range b.attrs {
		width = max(width, len(a.name))
	}
	for _, a := range b.attrs {
		buf.WriteString(indent)
		buf.WriteString("  ")
		buf.WriteString(a.name)
		for range width - len(a.name) {
			buf.WriteByte(' ')
		}
		buf.WriteString(" = ")
		buf.WriteString(a.value)
		buf.WriteByte('\n')
	}
	for i, n := range b.nested {
		if i > 0 || len(b.attrs) > 0 {
			buf.WriteByte('\n')
		}
		n.render(buf, indent+"  ")
	}
	buf.WriteString(indent)
	buf.WriteString("}\n")
}

var asOfTime = time.Date(2026, time.November, 26, 0, 0, 0, 0, time.UTC)

// day is the date off days after the as-of date (before it when negative).
func day(off int) string { return asOfTime.AddDate(0, 0, off).Format(time.DateOnly) }

// The facts later blocks need about earlier ones.
type (
	deptFacts struct {
		addr, title string
	}
	systemFacts struct {
		addr                     string
		held                     bool
		unencrypted, plainBackup bool
	}
	archiveFacts struct {
		addr string
		// maxDays is the archive's max_lending_days, or -1 when it sets none.
		maxDays int
	}
	assetFacts struct {
		addr    string
		expired bool
	}
	channelFacts struct {
		addr   string
		secure bool
	}
	partnerFacts struct {
		addr         string
		receives     []string
		noMonitoring bool
	}
)

// gen holds the random source and what has been written so far.
type gen struct {
	r    *rand.Rand
	c    counts
	sink func(k int, text []byte) error
	// longLine, longLists and onePerPartner are Options.LongLine,
	// Options.LongLists and whether Options.Partners is set.
	longLine      bool
	longLists     int
	onePerPartner bool
	// omit holds the block types of Options.Omit.
	omit map[string]bool
	err  error
	k    int
	buf  bytes.Buffer

	sites    []string
	depts    []deptFacts
	systems  []systemFacts
	archives []archiveFacts
	assets   []assetFacts
	channels []channelFacts
	partners []partnerFacts
	devices  []string
}

// generate writes every block, in order, through sink.
func generate(opts Options, sink func(k int, text []byte) error) error {
	_, err := run(opts, sink)
	return err
}

// run writes every block, in order, through sink, and returns what it wrote.
func run(opts Options, sink func(k int, text []byte) error) (*gen, error) {
	c, err := opts.plan()
	if err != nil {
		return nil, err
	}
	g := &gen{
		r:             rand.New(rand.NewPCG(uint64(opts.Seed), 0x62616f6d69)),
		c:             c,
		sink:          sink,
		longLine:      opts.LongLine,
		longLists:     opts.LongLists,
		onePerPartner: opts.Partners > 0,
		omit:          map[string]bool{},
	}
	for _, kind := range opts.Omit {
		g.omit[kind] = true
	}
	g.organization()
	g.loop(g.c.departments, g.department)
	g.loop(g.c.sites, g.site)
	g.loop(g.c.systems, g.system)
	g.loop(g.c.paperArchives, g.paperArchive)
	// Every data asset is first stored in one of 95% of the systems, in random
	// order; further copies go anywhere, so a few systems hold no customer data.
	order := g.r.Perm(len(g.systems))
	held := max(1, len(order)*95/100)
	g.loop(g.c.dataAssets, func(i int) { g.dataAsset(i, order[i%held]) })
	g.loop(g.c.channels, g.channel)
	g.loop(g.c.partners, g.partner)
	g.loop(g.c.transfers, g.transfer)
	g.loop(g.c.agreements, g.agreement)
	g.loop(g.c.loans, g.loan)
	g.loop(g.c.incidents, g.incident)
	g.loop(g.c.removals, g.removal)
	g.loop(g.c.destructions, g.destruction)
	g.loop(g.c.devices, g.device)
	g.loop(g.c.disposals, g.disposal)
	g.loop(g.c.trainings, g.training)
	g.waivers()
	return g, g.err
}

func (g *gen) loop(n int, f func(i int)) {
	for i := 0; i < n && g.err == nil; i++ {
		f(i)
	}
}

// emit renders b and hands it to the sink, unless its type is omitted; block
// numbers count omitted blocks too, so Write's files split where they would.
func (g *gen) emit(b *block) {
	if g.err != nil {
		return
	}
	if g.omit[b.kind] {
		g.k++
		return
	}
	g.buf.Reset()
	b.render(&g.buf, "")
	g.err = g.sink(g.k, g.buf.Bytes())
	g.k++
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// between is a random integer from lo to hi inclusive.
func (g *gen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

// weighted picks an index with probability proportional to its weight.
func (g *gen) weighted(weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := g.r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

func pick[T any](g *gen, xs []T) T { return xs[g.r.IntN(len(xs))] }

// faults decides which of n possible faults a resource has: none with
// probability 1-rate, else from one up to two thirds of them (drawn with
// replacement): a neglected resource tends to have several.
func (g *gen) faults(n int, rate float64) []bool {
	f := make([]bool, n)
	if !g.chance(rate) {
		return f
	}
	for range 1 + g.r.IntN(max(1, n*2/3)) {
		f[g.r.IntN(n)] = true
	}
	return f
}

// okFlag writes a flag that should be true: true when ok, else false or left out.
func (g *gen) okFlag(b *block, name string, ok bool) {
	switch {
	case ok:
		b.flag(name, true)
	case g.chance(0.5):
		b.flag(name, false)
	}
}

func (g *gen) person() string { return pick(g, surnames) + " " + pick(g, givenNames) }

func (g *gen) dept() deptFacts { return pick(g, g.depts) }

// otherSite is a site other than site i.
func (g *gen) otherSite(i int) int {
	j := g.r.IntN(len(g.sites) - 1)
	if j >= i {
		j++
	}
	return j
}

func deptID(i int) string {
	return fmt.Sprintf("%s_%d", departmentStems[i%len(departmentStems)].id, i+1)
}

func (g *gen) organization() {
	f := g.faults(4, 0.6)
	b := &block{kind: "organization", id: "synthetic_group"}
	b.str("name", "Synthetic Trading Group")
	if !f[0] {
		b.str("accountable_executive", g.person()+", Chief Operating Officer")
	}
	lead := "department." + deptID(0)
	if !f[1] {
		b.set("lead_department", lead)
	}
	if f[2] {
		b.date("last_management_review", -g.between(366, 700))
	} else {
		b.date("last_management_review", -g.between(10, 300))
	}
	cat := b.add("classification_catalog")
	cat.set("owner", lead)
	if f[3] {
		cat.date("last_reviewed", -g.between(366, 900))
	} else {
		cat.date("last_reviewed", -g.between(10, 300))
	}
	g.emit(b)
}

const (
	depNoHead = iota
	depUndertakings
	depFaults
)

func (g *gen) department(i int) {
	st := departmentStems[i%len(departmentStems)]
	f := g.faults(depFaults, 0.15)
	b := &block{kind: "department", id: deptID(i)}
	title := fmt.Sprintf("%s %d", st.title, i/len(departmentStems)+1)
	if i < len(departmentStems) {
		title = st.title
	}
	b.str("name", title)
	if !f[depNoHead] {
		b.str("head", g.person())
	}
	b.flag("handles_customer_data", i == 0 || g.chance(0.8))
	staff := g.between(3, 300)
	b.num("staff", staff)
	switch {
	case !f[depUndertakings]:
		b.num("undertakings_signed", staff)
	case g.chance(0.6):
		b.num("undertakings_signed", staff-g.between(1, min(5, staff)))
	}
	g.depts = append(g.depts, deptFacts{addr: "department." + b.id, title: st.title})
	g.emit(b)
}

func (g *gen) site(i int) {
	city := pick(g, cities)
	kind := []string{"datacenter", "office", "cloud_region"}[g.weighted(45, 35, 20)]
	b := &block{kind: "site", id: fmt.Sprintf("%s_%s_%d", strings.ToLower(city), siteAbbrev[kind], i+1)}
	if g.chance(0.6) {
		b.str("name", fmt.Sprintf("%s %s %d", city, strings.ReplaceAll(kind, "_", " "), i+1))
	}
	b.str("city", city)
	b.str("kind", kind)
	g.sites = append(g.sites, "site."+b.id)
	g.emit(b)
}

const (
	sysUndesignated = iota
	sysProhibited
	sysOpenAccess
	sysUnencrypted
	sysNoBackup
	sysRareBackup
	sysPlainBackup
	sysOnsiteBackup
	sysNoApproval
	sysNoAudit
	sysUnprotected
	sysUnpatched
	sysFaults
)

func (g *gen) system(i int) {
	st := systemStems[i%len(systemStems)]
	f := g.faults(sysFaults, 0.2)
	b := &block{kind: "system", id: fmt.Sprintf("%s_%d", st.id, i+1)}
	if g.chance(0.7) {
		b.str("name", fmt.Sprintf("%s %d", st.title, i+1))
	}
	kind := st.kind
	approved := true
	if f[sysProhibited] {
		switch g.r.IntN(3) {
		case 0:
			kind = "personal_computer"
		case 1:
			kind = "removable_media"
		default:
			kind, approved = "third_party_platform", false
		}
		// Shadow IT rarely comes with the other safeguards.
		f[sysUndesignated] = true
		f[sysOpenAccess] = f[sysOpenAccess] || g.chance(0.6)
		f[sysNoApproval] = f[sysNoApproval] || g.chance(0.6)
		f[sysUnencrypted] = f[sysUnencrypted] || g.chance(0.4)
	}
	b.str("kind", kind)
	site := g.r.IntN(len(g.sites))
	siteDeclared := !f[sysOnsiteBackup] || g.chance(0.6)
	if siteDeclared {
		b.set("site", g.sites[site])
	}
	g.okFlag(b, "designated", !f[sysUndesignated])
	if kind == "third_party_platform" {
		g.okFlag(b, "approved", approved)
	}
	switch {
	case !f[sysUnencrypted]:
		b.str("encryption_at_rest", pick(g, ciphers))
	case g.chance(0.7):
		b.str("encryption_at_rest", "none")
	}
	switch {
	case !f[sysOpenAccess]:
		b.str("access_control", []string{"role_based", "attribute_based"}[g.weighted(75, 25)])
	case g.chance(0.75):
		b.str("access_control", []string{"none", "shared_account"}[g.r.IntN(2)])
	}
	g.okFlag(b, "access_approval", !f[sysNoApproval])
	g.okFlag(b, "audit_logging", !f[sysNoAudit])
	if kind == "server" {
		weak := -1
		if f[sysUnprotected] {
			weak = g.r.IntN(2)
		}
		g.okFlag(b, "antivirus", weak != 0)
		g.okFlag(b, "firewall", weak != 1)
		switch {
		case !f[sysUnpatched]:
			b.num("patch_age_days", []int{0, g.between(1, 30)}[g.r.IntN(2)])
		case g.chance(0.7):
			b.num("patch_age_days", g.between(31, 200))
		}
	}
	if !f[sysNoBackup] {
		for k := range 1 + g.weighted(55, 45) {
			bk := b.add("backup")
			freq := []string{"daily", "weekly"}[g.weighted(70, 30)]
			switch {
			case f[sysRareBackup]:
				freq = []string{"monthly", "quarterly", "none"}[g.weighted(60, 30, 10)]
			case k > 0:
				freq = []string{"weekly", "monthly"}[g.r.IntN(2)]
			}
			bk.str("frequency", freq)
			g.okFlag(bk, "encrypted", !f[sysPlainBackup] || k > 0)
			if f[sysOnsiteBackup] && siteDeclared {
				bk.set("site", g.sites[site])
			} else {
				bk.set("site", g.sites[g.otherSite(site)])
			}
			if g.chance(0.4) {
				bk.date("last_restore_test", -g.between(3, 400))
			}
		}
	}
	g.systems = append(g.systems, systemFacts{
		addr:        "system." + b.id,
		unencrypted: f[sysUnencrypted],
		plainBackup: f[sysPlainBackup] && !f[sysNoBackup],
	})
	g.emit(b)
}

const (
	paUnlocked = iota
	paNoCustodian
	paNoRegister
	paNoLimit
	paFaults
)

func (g *gen) paperArchive(i int) {
	f := g.faults(paFaults, 0.2)
	b := &block{kind: "paper_archive", id: fmt.Sprintf("%s_%d", pick(g, archiveStems), i+1)}
	if g.chance(0.6) {
		b.str("name", fmt.Sprintf("Records room %d", i+1))
	}
	b.set("site", pick(g, g.sites))
	g.okFlag(b, "locked", !f[paUnlocked])
	if !f[paNoCustodian] {
		d := g.dept()
		b.str("custodian", fmt.Sprintf("%s (%s)", g.person(), d.title))
	}
	g.okFlag(b, "lending_register", !f[paNoRegister])
	limit := -1
	switch {
	case !f[paNoLimit]:
		limit = g.between(3, 30)
	case g.chance(0.5):
		limit = 0
	}
	if limit >= 0 {
		b.num("max_lending_days", limit)
	}
	g.archives = append(g.archives, archiveFacts{"paper_archive." + b.id, limit})
	g.emit(b)
}

const (
	daNoCategory = iota
	daNoClassification
	daUnlabeled
	daNoConsent
	daNotMinimized
	daExpired
	daFaults
)

// dataAsset writes data asset i, stored first in system first.
func (g *gen) dataAsset(i, first int) {
	st := assetStems[i%len(assetStems)]
	f := g.faults(daFaults, 0.17)
	b := &block{kind: "data_asset", id: fmt.Sprintf("%s_%d", st.id, i+1)}
	if g.chance(0.7) {
		b.str("name", fmt.Sprintf("%s %d", st.title, i+1))
	}
	if !f[daNoCategory] {
		b.str("category", st.category)
	}
	if !f[daNoClassification] {
		b.str("classification", st.classification)
	}
	if g.chance(0.95) {
		b.set("owner", g.dept().addr)
	}
	if g.chance(0.97) {
		where := []string{g.systems[first].addr}
		g.systems[first].held = true
		if g.longLists > 0 {
			// The next systems after the first, so the list is LongLists long.
			for j := 1; j < min(g.longLists, len(g.systems)); j++ {
				s := (first + j) % len(g.systems)
				where = append(where, g.systems[s].addr)
				g.systems[s].held = true
			}
		} else {
			for range g.weighted(50, 35, 15) {
				s := g.r.IntN(len(g.systems))
				where = append(where, g.systems[s].addr)
				g.systems[s].held = true
			}
		}
		if g.chance(0.1) {
			where = append(where, pick(g, g.archives).addr)
		}
		b.refs("stored_in", dedupe(where))
	}
	g.okFlag(b, "labeled", !f[daUnlabeled])
	switch {
	case f[daExpired]:
		b.date("retention_until", -g.between(1, 900))
	case g.chance(0.7):
		b.date("retention_until", g.between(60, 3650))
	}
	if f[daNoConsent] || f[daNotMinimized] || g.chance(0.55) {
		c := b.add("collection")
		gap := -1
		if f[daNoConsent] {
			gap = g.r.IntN(3)
		}
		g.okFlag(c, "purpose_notified", gap != 0 && gap != 2)
		if gap >= 1 {
			c.str("consent", []string{"implied", "none"}[g.r.IntN(2)])
		} else {
			c.str("consent", "explicit")
		}
		g.okFlag(c, "minimized", !f[daNotMinimized])
	}
	g.assets = append(g.assets, assetFacts{addr: "data_asset." + b.id, expired: f[daExpired]})
	g.emit(b)
}

// dedupe drops repeated addresses, keeping the first of each.
func dedupe(addrs []string) []string {
	out := addrs[:0]
	for i, a := range addrs {
		dup := false
		for _, b := range addrs[:i] {
			dup = dup || a == b
		}
		if !dup {
			out = append(out, a)
		}
	}
	return out
}

var channelKinds = []string{"sftp", "vpn", "internal_secure", "email", "courier", "instant_messaging", "public_file_share"}

func (g *gen) channel(i int) {
	kind := channelKinds[g.weighted(30, 25, 25, 8, 5, 4, 3)]
	if i < len(channelKinds) {
		kind = channelKinds[i]
	}
	var encrypted bool
	switch kind {
	case "sftp", "vpn", "internal_secure":
		encrypted = g.chance(0.9)
	case "email":
		encrypted = g.chance(0.8)
	case "instant_messaging":
		encrypted = g.chance(0.5)
	}
	b := &block{kind: "channel", id: fmt.Sprintf("%s_%d", kind, i+1)}
	if g.chance(0.6) {
		b.str("name", fmt.Sprintf("%s channel %d", strings.ReplaceAll(kind, "_", " "), i+1))
	}
	b.str("kind", kind)
	b.flag("encrypted", encrypted)
	secure := encrypted && kind != "email" && kind != "instant_messaging" && kind != "public_file_share"
	g.channels = append(g.channels, channelFacts{addr: "channel." + b.id, secure: secure})
	g.emit(b)
}

const (
	pNoAssessment = iota
	pStaleAssessment
	pFailedAssessment
	pNoMonitoring
	pStaleMonitoring
	pFaults
)

func (g *gen) partner(i int) {
	f := g.faults(pFaults, 0.12)
	b := &block{kind: "partner", id: fmt.Sprintf("%s_%d", pick(g, partnerStems), i+1)}
	if g.chance(0.8) {
		b.str("name", fmt.Sprintf("%s %d Ltd.", pick(g, partnerNames), i+1))
	}
	var receives []string
	for range 1 + g.weighted(50, 35, 15) {
		receives = append(receives, pick(g, g.assets).addr)
	}
	receives = dedupe(receives)
	if g.longLists > 0 {
		// LongLists data assets in a row from a random one.
		receives = receives[:0]
		from := g.r.IntN(len(g.assets))
		for j := range min(g.longLists, len(g.assets)) {
			receives = append(receives, g.assets[(from+j)%len(g.assets)].addr)
		}
	}
	if g.longLine && i == 0 {
		receives = receives[:0]
		for _, a := range g.assets {
			receives = append(receives, a.addr)
		}
	}
	b.refs("receives", receives)
	if !f[pNoAssessment] {
		latest := -g.between(5, 360)
		if f[pStaleAssessment] {
			latest = -g.between(366, 900)
		}
		result := []string{"pass", "conditional"}[g.weighted(80, 20)]
		if f[pFailedAssessment] {
			result = "fail"
		}
		dates := []int{latest}
		results := []string{result}
		if g.chance(0.4) {
			dates = append(dates, latest-g.between(200, 700))
			results = append(results, []string{"pass", "conditional", "fail"}[g.weighted(60, 30, 10)])
		}
		if len(dates) == 2 && g.chance(0.5) {
			dates[0], dates[1] = dates[1], dates[0]
			results[0], results[1] = results[1], results[0]
		}
		for k := range dates {
			a := b.add("security_assessment")
			a.date("date", dates[k])
			a.str("result", results[k])
		}
	}
	if !f[pNoMonitoring] {
		m := b.add("monitoring")
		m.str("method", pick(g, monitoringMethods))
		if f[pStaleMonitoring] {
			m.date("last_review", -g.between(366, 800))
		} else {
			m.date("last_review", -g.between(3, 330))
		}
	}
	g.partners = append(g.partners, partnerFacts{addr: "partner." + b.id, receives: receives, noMonitoring: f[pNoMonitoring]})
	g.emit(b)
}

func (g *gen) transfer(i int) {
	b := &block{kind: "transfer", id: fmt.Sprintf("transfer_%d", i+1)}
	var asset, to string
	if g.chance(0.6) {
		p := pick(g, g.partners)
		to, asset = p.addr, pick(g, p.receives)
		if g.chance(0.05) {
			asset = pick(g, g.assets).addr
		}
	} else {
		to, asset = g.dept().addr, pick(g, g.assets).addr
	}
	secure := g.chance(0.85)
	var candidates []string
	for _, c := range g.channels {
		if c.secure == secure {
			candidates = append(candidates, c.addr)
		}
	}
	if len(candidates) == 0 {
		candidates = append(candidates, pick(g, g.channels).addr)
	}
	b.set("asset", asset)
	b.set("channel", pick(g, candidates))
	b.set("to", to)
	g.emit(b)
}

const (
	agNotNDA = iota
	agExpired
	agFuture
	agExpiring
	agTerms
	agCoverage
	agFaults
)

func (g *gen) agreement(i int) {
	p := pick(g, g.partners)
	if i < len(g.partners)*93/100 || g.onePerPartner {
		p = g.partners[i]
	}
	f := g.faults(agFaults, 0.15)
	kind := "nda"
	if f[agNotNDA] {
		kind = []string{"dpa", "service"}[g.r.IntN(2)]
	}
	b := &block{kind: "agreement", id: fmt.Sprintf("%s_%s_%d", strings.TrimPrefix(p.addr, "partner."), kind, i+1)}
	b.set("partner", p.addr)
	b.str("kind", kind)
	signed, expires, fixed := -g.between(30, 1000), g.between(61, 1100), g.chance(0.75)
	switch {
	case f[agExpired]:
		expires, fixed = -g.between(1, 400), true
		signed = expires - g.between(365, 1095)
	case f[agFuture]:
		signed = g.between(1, 60)
		expires = signed + 730
	case f[agExpiring]:
		expires, fixed = g.between(1, 59), true
		signed = expires - 730
	}
	b.date("signed", signed)
	if fixed {
		b.date("expires", expires)
	}
	gap := -1
	if f[agTerms] {
		gap = g.r.IntN(3)
	}
	g.okFlag(b, "confidentiality_obligations", gap != 0)
	switch {
	case gap != 1:
		b.strs("scope_of_use", []string{pick(g, scopes)})
	case g.chance(0.5):
		b.strs("scope_of_use", nil)
	}
	g.okFlag(b, "liability", gap != 2)
	covers := append([]string(nil), p.receives...)
	if f[agCoverage] {
		k := g.r.IntN(len(covers))
		covers = append(covers[:k], covers[k+1:]...)
	}
	if len(covers) > 0 {
		b.refs("covers", covers)
	}
	g.emit(b)
}

const (
	lnOverdue = iota
	lnLate
	lnUndated
	lnFaults
)

// loan writes a loan out of a paper archive: back or still out within the
// archive's limit, or (faults) still out past it, back late or undated.
func (g *gen) loan(i int) {
	f := g.faults(lnFaults, 0.2)
	a := pick(g, g.archives)
	b := &block{kind: "loan", id: fmt.Sprintf("loan_%d", i+1)}
	b.set("archive", a.addr)
	b.set("asset", pick(g, g.assets).addr)
	b.str("borrower", fmt.Sprintf("%s (%s)", g.person(), g.dept().title))
	limit := max(a.maxDays, 0)
	date, returned := -g.between(0, limit), 1
	switch {
	case f[lnOverdue]:
		date = -g.between(limit+1, limit+200)
	case f[lnLate]:
		date = -g.between(limit+40, limit+300)
		returned = date + limit + g.between(1, 30)
	case g.chance(0.7):
		date = -g.between(limit+1, limit+300)
		returned = date + g.between(0, limit)
	}
	if !f[lnUndated] {
		b.date("date", date)
	}
	if returned <= 0 {
		b.date("returned", returned)
	}
	g.emit(b)
}

const (
	inNotLead = iota
	inUnreported
	inOpenTooLong
	inNoCorrectiveActions
	inFaults
)

// incident writes a leak of one to three data assets: coordinated by the lead
// department, reported and closed within 30 days with corrective actions, or
// (faults) not.
func (g *gen) incident(i int) {
	f := g.faults(inFaults, 0.3)
	b := &block{kind: "incident", id: fmt.Sprintf("incident_%d", i+1)}
	date, closed := -g.between(0, 30), 1
	switch {
	case f[inOpenTooLong] && g.chance(0.5):
		date = -g.between(31, 300)
	case f[inOpenTooLong]:
		date = -g.between(60, 300)
		closed = date + g.between(31, 50)
	case f[inNoCorrectiveActions] || g.chance(0.7):
		date = -g.between(31, 300)
		closed = date + g.between(0, 30)
	}
	b.date("date", date)
	assets := map[string]bool{}
	var list []string
	for range g.between(1, 3) {
		if a := pick(g, g.assets).addr; !assets[a] {
			assets[a] = true
			list = append(list, a)
		}
	}
	b.refs("assets", list)
	switch {
	case !f[inNotLead]:
		b.set("coordinated_by", "department."+deptID(0))
	case len(g.depts) > 1:
		b.set("coordinated_by", g.depts[1+g.r.IntN(len(g.depts)-1)].addr)
	}
	g.okFlag(b, "reported_to_management", !f[inUnreported])
	if closed <= 0 {
		b.date("closed", closed)
		g.okFlag(b, "corrective_actions", !f[inNoCorrectiveActions])
	}
	g.emit(b)
}

const (
	rmNoHead = iota
	rmNoLead
	rmOverdue
	rmFaults
)

func (g *gen) removal(i int) {
	f := g.faults(rmFaults, 0.25)
	b := &block{kind: "removal", id: fmt.Sprintf("%s_%d", pick(g, removalStems), i+1)}
	d := g.dept()
	b.set("asset", pick(g, g.assets).addr)
	if !f[rmNoHead] {
		b.str("approved_by_department_head", fmt.Sprintf("%s (%s)", g.person(), d.title))
	}
	if !f[rmNoLead] {
		b.str("approved_by_lead_department", fmt.Sprintf("%s (%s)", g.person(), departmentStems[0].title))
	}
	date := -g.between(1, 300)
	due := date + g.between(3, 30)
	if f[rmOverdue] && due >= 0 {
		date, due = -g.between(40, 300), -g.between(1, 30)
	}
	b.date("date", date)
	b.date("due", due)
	b.flag("returned", !f[rmOverdue] && (due < 0 || g.chance(0.3)))
	g.emit(b)
}

const (
	deWeakMethod = iota
	deUnsupervised
	deUnrecorded
	deFaults
)

func (g *gen) destruction(i int) {
	f := g.faults(deFaults, 0.2)
	var asset string
	var expired []string
	for _, a := range g.assets[i*len(g.assets)/g.c.destructions : (i+1)*len(g.assets)/g.c.destructions] {
		if a.expired {
			expired = append(expired, a.addr)
		}
	}
	if len(expired) > 0 && g.chance(0.7) {
		asset = pick(g, expired)
	} else {
		asset = pick(g, g.assets).addr
	}
	medium := []string{"electronic", "paper"}[g.weighted(60, 40)]
	method := pick(g, []string{"secure_erase", "crypto_erase", "degauss", "physical_destruction", "format"})
	switch {
	case medium == "paper" && f[deWeakMethod]:
		method = "discard"
	case medium == "paper":
		method = []string{"shred", "incinerate"}[g.weighted(80, 20)]
	case f[deWeakMethod]:
		method = []string{"delete", "discard"}[g.weighted(80, 20)]
	}
	b := &block{kind: "destruction", id: fmt.Sprintf("%s_%s_%d", strings.TrimPrefix(asset, "data_asset."), method, i+1)}
	b.set("asset", asset)
	b.str("medium", medium)
	b.str("method", method)
	if !f[deUnsupervised] {
		b.str("supervised_by", fmt.Sprintf("%s (%s)", g.person(), departmentStems[0].title))
	}
	g.okFlag(b, "recorded", !f[deUnrecorded])
	b.date("date", -g.between(1, 700))
	g.emit(b)
}

const (
	dvNoAntivirus = iota
	dvNoFirewall
	dvUnpatched
	dvScreenLock
	dvRemote
	dvFaults
)

var deviceKinds = []string{"desktop", "laptop", "mobile", "server", "network"}

// remoteShare is how many of a fleet's kind are used for remote work.
var remoteShare = map[string]float64{"desktop": 0.1, "laptop": 0.7, "mobile": 0.9}

func (g *gen) device(i int) {
	kind := deviceKinds[g.weighted(30, 30, 15, 10, 15)]
	f := g.faults(dvFaults, 0.25)
	b := &block{kind: "device", id: fmt.Sprintf("%s_%ss_%d", g.dept().addr[len("department."):], kind, i+1)}
	if g.chance(0.5) {
		b.str("name", fmt.Sprintf("%s fleet %d", kind, i+1))
	}
	b.str("kind", kind)
	b.num("count", g.between(2, 400))
	b.flag("handles_customer_data", g.chance(0.85))
	if kind != "network" {
		g.okFlag(b, "antivirus", !f[dvNoAntivirus])
	}
	g.okFlag(b, "firewall", !f[dvNoFirewall])
	switch {
	case !f[dvUnpatched]:
		b.num("patch_age_days", g.between(0, 30))
	case g.chance(0.6):
		b.num("patch_age_days", g.between(31, 120))
	}
	if kind == "desktop" || kind == "laptop" || kind == "mobile" {
		switch {
		case !f[dvScreenLock]:
			b.num("screen_lock_minutes", g.between(1, 10))
		case g.chance(0.6):
			b.num("screen_lock_minutes", g.between(11, 60))
		}
		b.flag("disk_encryption", !(f[dvRemote] && g.chance(0.4)))
		remote := f[dvRemote] || g.chance(remoteShare[kind])
		b.flag("remote_work", remote)
		if remote {
			b.flag("vpn", !(f[dvRemote] && g.chance(0.5)))
		}
		if kind == "mobile" {
			b.flag("mdm", !(f[dvRemote] && g.chance(0.5)))
		}
	}
	g.devices = append(g.devices, "device."+b.id)
	g.emit(b)
}

func (g *gen) disposal(i int) {
	what := pick(g, g.devices)
	if g.chance(0.2) {
		what = pick(g, g.systems).addr
	}
	reason := []string{"scrap", "repair", "resale"}[g.weighted(50, 35, 15)]
	b := &block{kind: "disposal", id: fmt.Sprintf("%s_%d", reason, i+1)}
	b.set("device", what)
	b.str("reason", reason)
	g.okFlag(b, "wiped", g.chance(0.8))
	b.date("date", -g.between(1, 600))
	g.emit(b)
}

// training writes an onboarding for each department first, then one old
// company-wide onboarding, then refreshers.
func (g *gen) training(i int) {
	b := &block{kind: "training"}
	switch {
	case i < len(g.depts):
		d := g.depts[i]
		b.id = fmt.Sprintf("%s_onboarding", d.addr[len("department."):])
		b.str("kind", "onboarding")
		b.set("department", d.addr)
		if g.chance(0.05) {
			b.date("date", -g.between(366, 700))
		} else {
			b.date("date", -g.between(1, 360))
		}
		required := g.between(1, 20)
		b.num("required", required)
		if g.chance(0.05) {
			b.num("completed", required-1)
		} else {
			b.num("completed", required)
		}
	case i == len(g.depts):
		b.id = "all_staff_onboarding"
		b.str("kind", "onboarding")
		b.date("date", -g.between(400, 700))
		b.num("required", 1000)
		b.num("completed", 1000)
	default:
		b.id = fmt.Sprintf("refresher_%d", i+1)
		b.str("kind", "refresher")
		if g.chance(0.7) {
			b.set("department", g.dept().addr)
		}
		b.date("date", -g.between(1, 500))
		required := g.between(5, 200)
		b.num("required", required)
		b.num("completed", required-g.between(0, required/10))
	}
	g.emit(b)
}

// waiver is an exception the generator may write: a control failing on a resource.
type waiver struct{ control, code, resource string }

// waivers writes waivers for real failures (unencrypted holding systems and
// backups, unmonitored partners), one in four of them expired.
func (g *gen) waivers() {
	var lists [3][]waiver
	for _, s := range g.systems {
		if s.held && s.unencrypted {
			lists[0] = append(lists[0], waiver{"BM-4.2.1-04", "storage-encrypted", s.addr})
		}
		if s.held && s.plainBackup {
			lists[1] = append(lists[1], waiver{"BM-4.2.3-02", "backup-encrypted", s.addr})
		}
	}
	for _, p := range g.partners {
		if p.noMonitoring {
			lists[2] = append(lists[2], waiver{"BM-4.5.2-02", "partner-monitoring", p.addr})
		}
	}
	var all []waiver
	for k := 0; len(all) < g.c.waivers && k < len(g.systems); k++ {
		for _, l := range lists {
			if k < len(l) && len(all) < g.c.waivers {
				all = append(all, l[k])
			}
		}
	}
	for k := 0; len(all) < g.c.waivers; k++ {
		all = append(all, waiver{"BM-4.2.1-01", "storage-designated", g.systems[k].addr})
	}
	for k, w := range all {
		b := &block{kind: "waiver", id: fmt.Sprintf("%s_%s", w.resource[strings.IndexByte(w.resource, '.')+1:], strings.ReplaceAll(w.code, "-", "_"))}
		if k%2 == 0 {
			b.str("control", w.control)
		} else {
			b.str("control", w.code)
		}
		b.set("resource", w.resource)
		b.str("reason", pick(g, waiverReasons))
		b.str("approved_by", g.person()+", Chief Operating Officer")
		if k%4 == 1 {
			b.date("expires", -g.between(1, 200))
		} else {
			b.date("expires", g.between(30, 300))
		}
		g.emit(b)
	}
}
