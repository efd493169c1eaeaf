//go:build !unix

package regularfile

// openFlags adds nothing where pipes cannot sit in a folder of files.
const openFlags = 0
