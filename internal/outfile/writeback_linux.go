package outfile

import (
	"os"

	"golang.org/x/sys/unix"
)

// startWritebackOS starts the writeback with sync_file_range, which returns
// once the pages are queued; a failure leaves them to the final sync.
func startWritebackOS(f *os.File, off, n int64) {
	if c, err := f.SyscallConn(); err == nil {
		_ = c.Control(func(fd uintptr) {
			_ = unix.SyncFileRange(int(fd), off, n, unix.SYNC_FILE_RANGE_WRITE)
		})
	}
}
