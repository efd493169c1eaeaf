//go:build !unix

package main

// addressSpaceLimit is 0 where there is no address-space limit to read.
func addressSpaceLimit() uint64 { return 0 }
