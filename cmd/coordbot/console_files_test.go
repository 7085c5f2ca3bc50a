package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordbot/coordbot/internal/redistest"
)

// printf '/xuat\n' | COORDBOT_ADMINS=1 coordbot console leaves a CSV and an XLSX in
// ./coordbot-files and prints where they are.
func TestConsoleWritesSentFiles(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	out, _, err := runCLI(t, map[string]string{"COORDBOT_ADMINS": "1"}, "/xuat\n", "console")
	if err != nil {
		t.Fatalf("console: %v", err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "coordbot-files", "bao-cao-*"))
	if err != nil {
		t.Fatal(err)
	}
	var csv, xlsx string
	for _, f := range files {
		switch filepath.Ext(f) {
		case ".csv":
			csv = f
		case ".xlsx":
			xlsx = f
		}
	}
	if csv == "" || xlsx == "" {
		t.Fatalf("files written: %v; want a CSV and an XLSX\n%s", files, out)
	}
	for _, f := range []string{csv, xlsx} {
		if !strings.Contains(out, f) {
			t.Errorf("output does not say where %s is:\n%s", f, out)
		}
	}
	data, err := os.ReadFile(csv)
	if err != nil || !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		t.Errorf("CSV %q lacks the UTF-8 BOM Excel needs (err %v)", data, err)
	}
	if data, err := os.ReadFile(xlsx); err != nil || !bytes.HasPrefix(data, []byte("PK")) {
		t.Errorf("XLSX is not a zip (err %v)", err)
	}

	t.Run("a second export does not overwrite the first", func(t *testing.T) {
		out, _, err := runCLI(t, map[string]string{"COORDBOT_ADMINS": "1", "COORDBOT_FILES_DIR": "exports"}, "/xuat\n/xuat\n", "console")
		if err != nil {
			t.Fatalf("console: %v", err)
		}
		got, _ := filepath.Glob(filepath.Join(dir, "exports", "bao-cao-*"))
		if len(got) != 4 {
			t.Errorf("files %v, want 4 (two CSV, two XLSX)\n%s", got, out)
		}
	})
}

// With REDIS_URL the console keeps what was said between runs.
func TestConsoleKeepsStateInRedis(t *testing.T) {
	_, prefix := redistest.Client(t) // deletes the prefix's keys when the test ends
	env := map[string]string{"REDIS_URL": redistest.URL(t), "COORDBOT_PREFIX": prefix}
	if _, _, err := runCLI(t, env, "/lang en\n", "console"); err != nil {
		t.Fatalf("first run: %v", err)
	}
	out, errOut, err := runCLI(t, env, "/help\n", "console")
	if err != nil {
		t.Fatalf("second run: %v", err)
	}
	if !strings.Contains(out, "Bot commands") {
		t.Errorf("the second run forgot /lang en:\n%s", out)
	}
	if !strings.Contains(errOut, "kept in Redis") {
		t.Errorf("start-up does not say state is kept: %q", errOut)
	}
}
