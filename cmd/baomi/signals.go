package main

import (
	"os"
	"os/signal"
	"syscall"

	"github.com/baomi-dev/baomi/internal/outfile"
)

// exitOnSignals makes SIGINT and SIGTERM remove the temporary files of writes in
// progress before exiting with 128 + the signal's number (130, 143), the status
// a shell reports for a process the signal killed.
func exitOnSignals(exit func(int)) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-ch
		outfile.Abort()
		exit(128 + int(sig.(syscall.Signal)))
	}()
}
