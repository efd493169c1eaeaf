package evaluator

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestRemoteMasksThePasswordAndBoundsTheAnswer: a URL's password never reaches
// a message, and an answer larger than the bound is refused, not read whole.
func TestRemoteMasksThePasswordAndBoundsTheAnswer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"code":"internal_error","message":"boom"}`, http.StatusInternalServerError)
	}))
	defer srv.Close()
	withPassword := strings.Replace(srv.URL, "http://", "http://auditor:s3cret@", 1)
	_, _, err := (&Remote{URL: withPassword}).Eval(context.Background(), &Policies{}, map[string]any{}, false)
	if err == nil || strings.Contains(err.Error(), "s3cret") || !strings.Contains(err.Error(), "auditor:xxxxx@") {
		t.Fatalf("want the password masked, got %v", err)
	}
	if !strings.Contains(err.Error(), "500") {
		t.Errorf("want the status named, got %v", err)
	}

	big := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"result":"` + strings.Repeat("x", 4096) + `"}`))
	}))
	defer big.Close()
	old := maxAnswer
	maxAnswer = 1024
	defer func() { maxAnswer = old }()
	_, _, err = (&Remote{URL: big.URL}).Eval(context.Background(), &Policies{}, map[string]any{}, false)
	if err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("want an answer over the bound refused, got %v", err)
	}
}
