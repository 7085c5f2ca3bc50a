package bot_test

import (
	"context"
	"testing"

	"github.com/coordbot/coordbot/bot"
)

func TestBulkMarksTheContext(t *testing.T) {
	ctx := context.Background()
	if bot.IsBulk(ctx) {
		t.Error("a plain context is bulk")
	}
	b := bot.Bulk(ctx)
	if !bot.IsBulk(b) {
		t.Error("Bulk(ctx) is not bulk")
	}
	c, cancel := context.WithCancel(b)
	defer cancel()
	if !bot.IsBulk(c) {
		t.Error("a context derived from a bulk one lost the mark")
	}
}
