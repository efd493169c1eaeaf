package generate

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// tfPerFile is how many Terraform resources one generated .tf file holds.
const tfPerFile = 2000

// tfGen writes the Terraform resources of one generated inventory.
type tfGen struct {
	r       *rand.Rand
	systems []systemFacts
	buf     bytes.Buffer
	n       int
}

// writeTerraform writes opts.Terraform resources into dir (created when missing)
// as one root module, main-N.tf files of tfPerFile resources: storage resources
// of AWS and Alibaba Cloud, about 85% linked by the baomi-system tag to one of
// systems, 5% tagged none and 10% undeclared, with companions joined by
// reference, a variable without a value (unknown) and about 15% failing some
// Terraform control. It refuses a dir that holds other .tf files.
func writeTerraform(dir string, opts Options, systems []systemFacts) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	files := (opts.Terraform + tfPerFile - 1) / tfPerFile
	width := len(fmt.Sprint(files))
	mine := map[string]bool{"variables.tf": true}
	for i := range files {
		mine[fmt.Sprintf("main-%0*d.tf", width, i+1)] = true
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tf") && !mine[e.Name()] {
			return fmt.Errorf("%s already holds %s: write into an empty folder", dir, e.Name())
		}
	}
	header := fmt.Sprintf("# Synthetic Terraform written by baomi-gen: %d resources, seed %d, linked to the inventory beside it.\n", opts.Terraform, opts.Seed)
	vars := header + "\nvariable \"kms_key\" {\n  type = string\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "variables.tf"), []byte(vars), 0o644); err != nil {
		return err
	}
	g := &tfGen{r: rand.New(rand.NewPCG(uint64(opts.Seed), 0x7465727261)), systems: systems}
	for i := range files {
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("main-%0*d.tf", width, i+1)))
		if err != nil {
			return err
		}
		w := bufio.NewWriterSize(f, 1<<16)
		w.WriteString(header)
		for g.n < min(opts.Terraform, (i+1)*tfPerFile) {
			w.WriteByte('\n')
			w.Write(g.next(min(opts.Terraform, (i+1)*tfPerFile) - g.n))
		}
		if err := errors.Join(w.Flush(), f.Close()); err != nil {
			return err
		}
	}
	return nil
}

// next writes one storage resource, with a companion when room is left, and
// counts them.
func (g *tfGen) next(room int) []byte {
	g.buf.Reset()
	id := fmt.Sprintf("r%d", g.n+1)
	fault := g.r.Float64() < 0.15
	var b *block
	var companion *block
	switch g.r.IntN(5) {
	case 0:
		b = &block{kind: `resource "aws_s3_bucket"`, id: id}
		b.str("bucket", "acme-"+id)
		if fault || g.r.Float64() < 0.2 {
			companion = &block{kind: `resource "aws_s3_bucket_acl"`, id: id}
			companion.set("bucket", "aws_s3_bucket."+id+".id")
			companion.str("acl", map[bool]string{true: "public-read", false: "private"}[fault])
		}
	case 1:
		b = &block{kind: `resource "aws_db_instance"`, id: id}
		b.str("engine", "postgres")
		b.flag("storage_encrypted", !fault)
		b.num("backup_retention_period", g.pick(7, 14, 30))
		if g.r.Float64() < 0.1 {
			b.set("kms_key_id", "var.kms_key")
		}
	case 2:
		b = &block{kind: `resource "aws_ebs_volume"`, id: id}
		b.str("availability_zone", "cn-north-1a")
		b.num("size", g.pick(100, 500, 1000))
		b.flag("encrypted", !fault)
	case 3:
		b = &block{kind: `resource "alicloud_oss_bucket"`, id: id}
		b.str("bucket", "acme-"+id)
		b.str("acl", map[bool]string{true: "public-read", false: "private"}[fault])
		if !fault {
			b.add("server_side_encryption_rule").str("sse_algorithm", "KMS")
		}
	default:
		b = &block{kind: `resource "alicloud_db_instance"`, id: id}
		b.str("engine", "MySQL")
		b.str("tde_status", map[bool]string{true: "Disabled", false: "Enabled"}[fault])
		companion = &block{kind: `resource "alicloud_db_backup_policy"`, id: id}
		companion.set("instance_id", "alicloud_db_instance."+id+".id")
		companion.num("backup_retention_period", g.pick(7, 30))
	}
	switch p := g.r.Float64(); {
	case p < 0.85 && len(g.systems) > 0:
		b.set("tags", `{ "baomi-system" = "`+strings.TrimPrefix(g.systems[g.r.IntN(len(g.systems))].addr, "system.")+`" }`)
	case p < 0.90:
		b.set("tags", `{ "baomi-system" = "none" }`)
	}
	b.render(&g.buf, "")
	g.n++
	if companion != nil && room > 1 {
		g.buf.WriteByte('\n')
		companion.render(&g.buf, "")
		g.n++
	}
	return g.buf.Bytes()
}

func (g *tfGen) pick(xs ...int) int { return xs[g.r.IntN(len(xs))] }
