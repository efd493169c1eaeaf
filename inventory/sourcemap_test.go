package inventory

import (
	"fmt"
	"sync"
	"testing"
)

// TestPathNumbersAreSharedAndStable numbers paths from several goroutines at
// once, as the chunked decoder does: each path gets one number, the same from
// every goroutine and every decoder's cache, and the number gives the path back.
func TestPathNumbersAreSharedAndStable(t *testing.T) {
	const workers, count = 4, 500
	got := make([][]pathID, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ids := pathIDs{}
			for i := range count {
				got[w] = append(got[w], ids.id(fmt.Sprintf("test_block[%d].attr_%d", i%7, (i*(w+1))%count)))
			}
		}()
	}
	wg.Wait()
	seen := map[pathID]string{}
	for w := range workers {
		for i, id := range got[w] {
			want := fmt.Sprintf("test_block[%d].attr_%d", i%7, (i*(w+1))%count)
			if id.text() != want {
				t.Fatalf("number %d gives %q, want %q", id, id.text(), want)
			}
			if other, ok := seen[id]; ok && other != want {
				t.Fatalf("number %d given to %q and %q", id, other, want)
			}
			seen[id] = want
			if again := pathIDs(nil).id(want); again != id {
				t.Fatalf("%q numbered %d, then %d", want, id, again)
			}
		}
	}
	if _, ok := lookupID("test_block[0].never_numbered"); ok {
		t.Error("a path never numbered has a number")
	}
}
