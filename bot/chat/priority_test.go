package chat_test

import (
	"context"
	"testing"

	"github.com/coordbot/coordbot/bot/chat"
)

func TestBulkMarksTheContext(t *testing.T) {
	ctx := context.Background()
	if chat.IsBulk(ctx) {
		t.Error("a plain context is bulk")
	}
	b := chat.Bulk(ctx)
	if !chat.IsBulk(b) {
		t.Error("Bulk(ctx) is not bulk")
	}
	c, cancel := context.WithCancel(b)
	defer cancel()
	if !chat.IsBulk(c) {
		t.Error("a context derived from a bulk one lost the mark")
	}
}
