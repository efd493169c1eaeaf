package evaluator

import (
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// libraryCache is one query's cache of evaluated rules that shares the values
// of the library's rules (data.baomi.lib.NAME) with the other queries
// evaluating the same input: an index one query has computed, the others read
// instead of computing it again. Only values computed outside any `with` are
// shared, and only whole rules: a function's result or one key of a rule
// stays in the query's own cache. Every query evaluates the same input and
// data, so a shared value is the one the query would have computed.
type libraryCache struct {
	own    topdown.VirtualCache
	depth  int
	shared *sync.Map
}

func newLibraryCache(shared *sync.Map) *libraryCache {
	return &libraryCache{own: topdown.NewVirtualCache(), shared: shared}
}

var (
	baomiTerm = ast.StringTerm("baomi")
	libTerm   = ast.StringTerm("lib")
)

// libraryRule is the name of the library rule ref refers to in whole, or "".
func libraryRule(ref ast.Ref) string {
	if len(ref) != 4 || !ref[0].Equal(ast.DefaultRootDocument) || !ref[1].Equal(baomiTerm) || !ref[2].Equal(libTerm) {
		return ""
	}
	name, _ := ref[3].Value.(ast.String)
	return string(name)
}

// Push starts a frame (a `with`): values computed in it are not shared.
func (c *libraryCache) Push() { c.depth++; c.own.Push() }

// Pop ends a frame.
func (c *libraryCache) Pop() { c.depth--; c.own.Pop() }

// Get returns a rule's value: a library rule's from the shared values when
// another query has computed it.
func (c *libraryCache) Get(ref ast.Ref) (*ast.Term, bool) {
	if c.depth == 0 {
		if name := libraryRule(ref); name != "" {
			if v, ok := c.shared.Load(name); ok {
				// nil records that the rule is undefined, as in the own cache.
				t := v.(*ast.Term)
				return t, t == nil
			}
		}
	}
	return c.own.Get(ref)
}

// Put records a rule's value, and shares a library rule's.
func (c *libraryCache) Put(ref ast.Ref, value *ast.Term) {
	c.own.Put(ref, value)
	if c.depth == 0 {
		if name := libraryRule(ref); name != "" {
			c.shared.Store(name, value)
		}
	}
}

// Keys lists the refs of the query's own cache.
func (c *libraryCache) Keys() []ast.Ref { return c.own.Keys() }
