package inventory

import (
	"bytes"
	"encoding/json"
	"strings"
)

// schemaIDPattern is an identifier of the inventory language (validID) as a
// regular expression: a letter or _, then letters, digits, marks, _ and -.
const schemaIDPattern = `[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_-]*`

// schemaDatePattern is the shape of a date in the document, YYYY-MM-DD.
const schemaDatePattern = `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`

// JSONSchema returns the JSON Schema (draft 2020-12) of the input document the
// policies see, generated from the block table: one collection per block type
// keyed by address, the Terraform collection, as_of and settings.
func JSONSchema() ([]byte, error) {
	props := map[string]any{
		"as_of": map[string]any{"type": "string", "pattern": schemaDatePattern, "format": "date",
			"description": "The day every date is judged against (--as-of, default today, UTC)."},
		"settings": map[string]any{"type": "object",
			"description": "The settings the user gave; the policies' defaults apply to the others."},
		TerraformCollection: map[string]any{"type": "object",
			"description":          "Terraform resources read with --terraform, keyed by resource address.",
			"additionalProperties": map[string]any{"type": "object"}},
	}
	required := []string{"as_of", "settings"}
	for _, b := range blockTypes {
		c := map[string]any{
			"type":                 "object",
			"description":          "The " + b.name + " blocks, keyed by address: " + lowerFirst(b.doc),
			"propertyNames":        map[string]any{"pattern": "^" + b.name + `\.` + schemaIDPattern + "$"},
			"additionalProperties": resourceSchema(b.attrs, b.blocks, b.required),
		}
		if b.single {
			c["maxProperties"] = 1
		}
		props[b.collection] = c
		required = append(required, b.collection)
	}
	schema := map[string]any{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"$id":                  "https://github.com/baomi-dev/baomi/docs/input.schema.json",
		"title":                "baomi input document",
		"description":          "The input the controls evaluate (baomi inspect prints it). Generated from the inventory decoder's block table: do not edit.",
		"type":                 "object",
		"properties":           props,
		"required":             required,
		"additionalProperties": false,
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(schema); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// resourceSchema is the schema of one block's object: its attributes, set or
// absent, and its nested blocks.
func resourceSchema(attrs []attribute, blocks []nestedBlock, required []string) map[string]any {
	props := map[string]any{}
	for _, a := range attrs {
		s := attributeSchema(a)
		if d, ok := s["description"].(string); ok {
			s["description"] = a.doc + " " + d
		} else {
			s["description"] = a.doc
		}
		props[a.name] = s
	}
	for _, nb := range blocks {
		s := resourceSchema(nb.attrs, nil, nil)
		if nb.many {
			s = map[string]any{"type": "array", "items": s}
		}
		s["description"] = nb.doc
		props[nb.name] = s
	}
	s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

// attributeSchema is the schema of an attribute's value.
func attributeSchema(a attribute) map[string]any {
	switch a.kind {
	case kindBool:
		return map[string]any{"type": "boolean"}
	case kindNumber:
		return map[string]any{"type": "number"}
	case kindDate:
		return map[string]any{"type": "string", "pattern": schemaDatePattern, "format": "date"}
	case kindEnum:
		return map[string]any{"type": "string", "enum": a.enum}
	case kindRef:
		s := refSchema(a.refs)
		if a.terraform {
			return map[string]any{"anyOf": []any{s, map[string]any{"type": "string",
				"description": "A Terraform resource address.", "pattern": terraformAddressPattern.String()}}}
		}
		return s
	case kindStringList:
		return map[string]any{"type": "array", "items": map[string]any{"type": "string"}}
	case kindRefList:
		return map[string]any{"type": "array", "items": refSchema(a.refs)}
	}
	return map[string]any{"type": "string"}
}

// lowerFirst returns s with its first letter in lower case.
func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}

// refSchema is the schema of a reference: the address of a block of one of
// types, or of any type when types is empty.
func refSchema(types []string) map[string]any {
	if len(types) == 0 {
		types = blockTypeNames()
	}
	return map[string]any{"type": "string", "description": "The address (type.id) of a block of type " + strings.Join(types, ", ") + ".",
		"pattern": "^(" + strings.Join(types, "|") + `)\.` + schemaIDPattern + "$"}
}
