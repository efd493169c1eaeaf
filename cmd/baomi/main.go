// Command baomi checks a customer-data inventory written in HCL against the
// controls of the customer-data confidentiality measures.
package main

import "os"

func main() {
	if code, ok := superviseSelf(os.Args[1:]); ok {
		os.Exit(code)
	}
	setUpProcess()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
