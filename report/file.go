package report

import (
	"os"
	"path/filepath"

	"github.com/baomi-dev/baomi/evaluator"
)

// WriteFile writes rep to path atomically: into a temporary file beside it, then
// renamed over it, so a failure half-way leaves no partial report.
func WriteFile(path, format string, rep *evaluator.Report, opts Options) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := Write(tmp, format, rep, opts); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
