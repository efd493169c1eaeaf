// Package suggest finds the likely intended name behind a typo.
package suggest

// minSharedPrefix is how many leading characters make a candidate a likely
// intent even when the rest differs ("encrypt" → "encryption_at_rest").
const minSharedPrefix = 5

// Nearest returns the candidate closest to name by edit distance, or one sharing
// a long prefix with it, or "" when none is a likely typo.
func Nearest(name string, candidates []string) string {
	best, bestDist := "", len(name)/2+2
	for _, c := range candidates {
		if d := editDistance(name, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	if best != "" {
		return best
	}
	bestPrefix := minSharedPrefix - 1
	for _, c := range candidates {
		if p := sharedPrefix(name, c); p > bestPrefix {
			best, bestPrefix = c, p
		}
	}
	return best
}

func sharedPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
