package console

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordbot/coordbot/bot/chat"
)

func TestSentFilesAreWrittenAndNamed(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "files")
	var out bytes.Buffer
	c := New(&out)
	c.SaveFilesIn(dir)
	send := func(name, data string) {
		t.Helper()
		if _, err := c.Send(t.Context(), chat.Reply{ChatID: "tg:1", Text: "x", Document: &chat.Upload{Name: name, Data: []byte(data)}}); err != nil {
			t.Fatal(err)
		}
	}
	send("bao-cao.csv", "one")
	send("bao-cao.csv", "two")
	send("../../escape.txt", "three")
	for name, want := range map[string]string{"bao-cao.csv": "one", "bao-cao-2.csv": "two", "escape.txt": "three"} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
		if !strings.Contains(out.String(), filepath.Join(dir, name)) {
			t.Errorf("output does not name %s:\n%s", name, out.String())
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "escape.txt")); err == nil {
		t.Error("a file name with ../ was written outside the folder")
	}
}
