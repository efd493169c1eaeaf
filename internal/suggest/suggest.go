// Package suggest finds the likely intended name behind a typo.
package suggest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// minSharedPrefix is how many leading characters make a candidate a likely
// intent even when the rest differs ("encrypt" → "encryption_at_rest").
const minSharedPrefix = 5

// MaxRunes is the longest name or candidate compared: nobody mistypes a name of
// hundreds of characters, and comparing such names costs time for nothing.
const MaxRunes = 64

// Nearest returns the candidate closest to name by edit distance, or one sharing
// a long prefix with it, or "" when none is a likely typo. Letter case and
// punctuation are ignored when comparing: "AES256" finds "AES-256" and "sm4"
// finds "SM4". Names and candidates longer than MaxRunes are never compared.
func Nearest(name string, candidates []string) string {
	if utf8.RuneCountInString(name) > MaxRunes {
		return ""
	}
	key := []rune(fold(name))
	folded := make([][]rune, len(candidates))
	for i, c := range candidates {
		if utf8.RuneCountInString(c) > MaxRunes {
			continue
		}
		folded[i] = []rune(fold(c))
		if string(folded[i]) == string(key) && len(key) > 0 {
			return c
		}
	}
	best, bestDist := "", len(key)/2+2
	for i, c := range candidates {
		f := folded[i]
		if f == nil || abs(len(f)-len(key)) >= bestDist {
			continue
		}
		if d := editDistance(key, f, bestDist); d < bestDist {
			best, bestDist = c, d
		}
	}
	if best != "" {
		return best
	}
	bestPrefix := minSharedPrefix - 1
	for i, c := range candidates {
		if folded[i] == nil {
			continue
		}
		if p := sharedPrefix(name, c); p > bestPrefix {
			best, bestPrefix = c, p
		}
	}
	return best
}

// fold lowers letters and drops everything that is not a letter or digit.
func fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func sharedPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// editDistance is the Levenshtein distance of a and b, or limit once it is
// known to be at least limit.
func editDistance(a, b []rune, limit int) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
