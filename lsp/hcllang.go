package lsp

import (
	"bytes"
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl-lang/decoder"
	"github.com/hashicorp/hcl-lang/lang"
	"github.com/hashicorp/hcl-lang/reference"
	"github.com/hashicorp/hcl-lang/schema"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/baomi-dev/baomi/inventory"
)

// This file is the adapter to github.com/hashicorp/hcl-lang, whose API is not
// stable: nothing else in the package imports it.

// languageID names the language of a path for hcl-lang.
const languageID = "baomi-hcl"

// language answers completion, hover and reference questions about the
// files of one inventory through hcl-lang, with a schema generated from the
// decoder's block table.
type language struct {
	path    lang.Path
	pathCtx *decoder.PathContext
	decoder *decoder.Decoder
	// parsed holds each file as last parsed, by name: a file whose text has
	// not changed is not parsed again.
	parsed map[string]*parsedFile
}

// parsedFile is one file's syntax tree with the references it declares and
// makes, which depend on its text alone.
type parsedFile struct {
	src     []byte
	file    *hcl.File
	targets reference.Targets
	origins reference.Origins
}

// candidate is one completion: Label replaces the text in Edit.
type candidate struct {
	Label, Detail, Doc string
	Markdown           bool
	Kind               int
	Edit               hcl.Range
	NewText            string
	// Snippet is NewText with tab stops ($1, ${2:id}), where hcl-lang has one.
	Snippet string
}

// extras are what the schema knows beyond the block table, from the policies.
type extras struct {
	// describe returns what hover adds to an attribute's doc: nested is ""
	// for an attribute of the block itself, else the nested block's name.
	describe func(block, nested, attr string) string
	// controls are the values a waiver's control may take: each control's
	// id and short code, with its title.
	controls []value
}

// value is a value an attribute may take, and what it means.
type value struct{ Name, Doc string }

// newLanguage builds the language of an inventory in folder root.
func newLanguage(root string, types []inventory.BlockTypeInfo, more extras) *language {
	l := &language{path: lang.Path{Path: root, LanguageID: languageID}}
	l.pathCtx = &decoder.PathContext{Schema: bodySchema(types, more), Files: map[string]*hcl.File{}}
	l.decoder = decoder.NewDecoder(l)
	return l
}

// Paths lists the one path the language knows (decoder.PathReader).
func (l *language) Paths(context.Context) []lang.Path { return []lang.Path{l.path} }

// PathContext returns the files and schema of the path (decoder.PathReader).
func (l *language) PathContext(lang.Path) (*decoder.PathContext, error) { return l.pathCtx, nil }

// load replaces the files, keyed by name, and collects their references.
// Only the files whose text changed are parsed again.
func (l *language) load(files map[string][]byte) {
	next := make(map[string]*parsedFile, len(files))
	names := make([]string, 0, len(files))
	for name, src := range files {
		names = append(names, name)
		if p := l.parsed[name]; p != nil && bytes.Equal(p.src, src) {
			next[name] = p
			continue
		}
		next[name] = l.parse(name, src)
	}
	sort.Strings(names)
	l.parsed = next
	l.pathCtx.Files = make(map[string]*hcl.File, len(files))
	l.pathCtx.ReferenceTargets, l.pathCtx.ReferenceOrigins = reference.Targets{}, reference.Origins{}
	for _, name := range names {
		p := next[name]
		if p.file == nil {
			continue
		}
		l.pathCtx.Files[name] = p.file
		l.pathCtx.ReferenceTargets = append(l.pathCtx.ReferenceTargets, p.targets...)
		l.pathCtx.ReferenceOrigins = append(l.pathCtx.ReferenceOrigins, p.origins...)
	}
}

// parse parses one file and collects its references, through a language
// that holds that file alone.
func (l *language) parse(name string, src []byte) *parsedFile {
	f, _ := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	p := &parsedFile{src: src, file: f}
	if f == nil {
		return p
	}
	one := &language{path: l.path, pathCtx: &decoder.PathContext{Schema: l.pathCtx.Schema, Files: map[string]*hcl.File{name: f}}}
	one.decoder = decoder.NewDecoder(one)
	pd, err := one.decoder.Path(one.path)
	if err != nil {
		return p
	}
	p.targets, _ = pd.CollectReferenceTargets()
	p.origins, _ = pd.CollectReferenceOrigins()
	return p
}

// complete returns the completions at pos in file.
func (l *language) complete(file string, pos hcl.Pos) []candidate {
	pd, err := l.decoder.Path(l.path)
	if err != nil {
		return nil
	}
	cands, err := pd.CompletionAtPos(context.Background(), file, pos)
	if err != nil {
		return nil
	}
	out := make([]candidate, 0, len(cands.List))
	for _, c := range cands.List {
		out = append(out, candidate{Label: c.Label, Detail: c.Detail, Doc: c.Description.Value,
			Markdown: c.Description.Kind == lang.MarkdownKind, Kind: candidateKind(c.Kind),
			Edit: c.TextEdit.Range, NewText: c.TextEdit.NewText, Snippet: c.TextEdit.Snippet})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Label < out[j].Label })
	return out
}

// candidateKind maps hcl-lang's kind of candidate to LSP's.
func candidateKind(k lang.CandidateKind) int {
	switch k {
	case lang.AttributeCandidateKind:
		return completionField
	case lang.BlockCandidateKind:
		return completionStruct
	case lang.LabelCandidateKind:
		return completionClass
	case lang.ReferenceCandidateKind:
		return completionReference
	case lang.KeywordCandidateKind:
		return completionKeyword
	case lang.StringCandidateKind:
		return completionEnumMem
	case lang.BoolCandidateKind, lang.NumberCandidateKind:
		return completionValue
	}
	return completionText
}

// hover returns what to show at pos in file, Markdown, and the range it concerns.
func (l *language) hover(file string, pos hcl.Pos) (string, hcl.Range, bool) {
	pd, err := l.decoder.Path(l.path)
	if err != nil {
		return "", hcl.Range{}, false
	}
	data, err := pd.HoverAtPos(context.Background(), file, pos)
	if err != nil || data == nil || data.Content.Value == "" {
		return "", hcl.Range{}, false
	}
	return data.Content.Value, data.Range, true
}

// definitions returns the blocks a reference at pos in file points at: the
// range of each one's header.
func (l *language) definitions(file string, pos hcl.Pos) []hcl.Range {
	targets, err := l.decoder.ReferenceTargetsForOriginAtPos(l.path, file, pos)
	if err != nil {
		return nil
	}
	out := make([]hcl.Range, 0, len(targets))
	for _, t := range targets {
		if t.DefRangePtr != nil {
			out = append(out, *t.DefRangePtr)
		} else {
			out = append(out, t.Range)
		}
	}
	return out
}

// references returns the references to the block at pos in file, or to the
// block that a reference at pos points at; with declaration, the block's
// header too.
func (l *language) references(file string, pos hcl.Pos, declaration bool) []hcl.Range {
	var out []hcl.Range
	if targets, err := l.decoder.ReferenceTargetsForOriginAtPos(l.path, file, pos); err == nil && len(targets) > 0 {
		t := targets[0]
		file, pos = t.Range.Filename, t.Range.Start
	}
	if declaration {
		if ts, ok := l.pathCtx.ReferenceTargets.InnermostAtPos(file, pos); ok {
			for _, t := range ts {
				if t.DefRangePtr != nil {
					out = append(out, *t.DefRangePtr)
				}
			}
		}
	}
	for _, o := range l.decoder.ReferenceOriginsTargetingPos(l.path, file, pos) {
		out = append(out, o.Range)
	}
	return out
}

// bodySchema is the schema of an inventory file: one block type per entry of
// the decoder's table, each addressable as TYPE.ID.
func bodySchema(types []inventory.BlockTypeInfo, more extras) *schema.BodySchema {
	root := &schema.BodySchema{Blocks: map[string]*schema.BlockSchema{}}
	for _, b := range types {
		body := &schema.BodySchema{Attributes: attributeSchemas(b.Name, "", b.Attributes, b.Required, more),
			Blocks: map[string]*schema.BlockSchema{}}
		for _, nb := range b.Blocks {
			ns := &schema.BlockSchema{Type: schema.BlockTypeObject, Description: lang.Markdown(nb.Doc),
				Body: &schema.BodySchema{Attributes: attributeSchemas(b.Name, nb.Name, nb.Attributes, nil, more)}}
			if nb.Many {
				ns.Type = schema.BlockTypeList
			} else {
				ns.MaxItems = 1
			}
			body.Blocks[nb.Name] = ns
		}
		root.Blocks[b.Name] = &schema.BlockSchema{
			Labels:      []*schema.LabelSchema{{Name: "id", Description: lang.PlainText("The " + b.Name + "'s id: its address is " + b.Name + ".ID.")}},
			Description: lang.Markdown(b.Doc),
			Body:        body,
			Address: &schema.BlockAddrSchema{
				Steps:        schema.Address{schema.StaticStep{Name: b.Name}, schema.LabelStep{Index: 0}},
				FriendlyName: b.Name,
				ScopeId:      lang.ScopeId(b.Name),
				AsReference:  true,
			},
		}
	}
	return root
}

// attributeSchemas is the schema of attrs, of a block or of its nested block.
func attributeSchemas(block, nested string, attrs []inventory.AttributeInfo, required []string, more extras) map[string]*schema.AttributeSchema {
	out := make(map[string]*schema.AttributeSchema, len(attrs))
	for _, a := range attrs {
		doc := a.Doc
		if more.describe != nil {
			if m := more.describe(block, nested, a.Name); m != "" {
				doc += "\n\n" + m
			}
		}
		cons := constraint(a)
		if block == "waiver" && a.Name == "control" && len(more.controls) > 0 {
			// An unknown control is an error: offer the ones there are.
			cons = literals(more.controls)
		}
		req := slices.Contains(required, a.Name)
		out[a.Name] = &schema.AttributeSchema{Description: lang.Markdown(doc), IsRequired: req, IsOptional: !req, Constraint: cons}
	}
	return out
}

// constraint is what an attribute's value may be.
func constraint(a inventory.AttributeInfo) schema.Constraint {
	switch a.Kind {
	case inventory.KindBool:
		return schema.LiteralType{Type: cty.Bool}
	case inventory.KindNumber:
		return schema.LiteralType{Type: cty.Number}
	case inventory.KindEnum:
		values := make([]value, len(a.Enum))
		for i, v := range a.Enum {
			values[i] = value{Name: v}
		}
		return literals(values)
	case inventory.KindRef:
		refs := references(a.Refs)
		if a.Terraform {
			return append(refs, schema.LiteralType{Type: cty.String})
		}
		return refs
	case inventory.KindStringList:
		return schema.List{Elem: schema.LiteralType{Type: cty.String}}
	case inventory.KindRefList:
		return schema.List{Elem: references(a.Refs)}
	}
	return schema.LiteralType{Type: cty.String}
}

// literals is one of the strings values.
func literals(values []value) schema.OneOf {
	out := make(schema.OneOf, len(values))
	for i, v := range values {
		out[i] = schema.LiteralValue{Value: cty.StringVal(v.Name), Description: lang.PlainText(v.Doc)}
	}
	return out
}

// references is a reference to a block of one of types.
func references(types []string) schema.OneOf {
	out := make(schema.OneOf, len(types))
	for i, t := range types {
		out[i] = schema.Reference{OfScopeId: lang.ScopeId(t), Name: strings.ReplaceAll(t, "_", " ")}
	}
	return out
}
