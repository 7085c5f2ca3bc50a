package console

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/coordbot/coordbot/bot/chat"
)

func TestRunRecoversFromAPanic(t *testing.T) {
	var out bytes.Buffer
	c := New(&out)
	n := 0
	handle := func(_ context.Context, u chat.Update) error {
		n++
		if u.Text == "boom" {
			var s []int
			_ = s[len(u.Text)] // an index out of range panics
		}
		return nil
	}
	if err := c.Run(context.Background(), strings.NewReader("boom\nnext\n"), chat.User{ID: "tg:1"}, handle); err != nil {
		t.Fatal(err)
	}
	if n != 2 || !strings.Contains(out.String(), "panicked") {
		t.Fatalf("handled %d lines, output %q; want both lines and the panic reported", n, out.String())
	}
}
