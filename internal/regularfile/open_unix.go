//go:build unix

package regularfile

import "syscall"

// openFlags opens without blocking: opening a pipe for reading otherwise waits
// for a writer.
const openFlags = syscall.O_NONBLOCK
