package report

import "testing"

// TestUUID5: RFC 9562's own example (appendix A.4), the DNS namespace's UUID
// for www.example.com, and the version and variant of baomi's namespace.
func TestUUID5(t *testing.T) {
	if got := uuid5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com"); got != "2ed6657d-e927-568b-95e1-2665a8aea6a2" {
		t.Errorf("uuid5 = %s, want 2ed6657d-e927-568b-95e1-2665a8aea6a2", got)
	}
	if got := oscalNamespaceUUID; got[14] != '5' || got[19] != '8' && got[19] != '9' && got[19] != 'a' && got[19] != 'b' {
		t.Errorf("namespace %s is not a version 5 UUID of the RFC variant", got)
	}
	if uuid5(oscalNamespaceUUID, "a") == uuid5(oscalNamespaceUUID, "b") {
		t.Error("two names give one UUID")
	}
}
