package zalo

import (
	"context"
	"strings"
	"testing"

	"github.com/coordbot/coordbot/bot/chat"
)

type fakePub struct{ names []string }

func (f *fakePub) Publish(_ context.Context, name string, _ []byte) (string, error) {
	f.names = append(f.names, name)
	return "https://bot.example.org/f/x/" + name + "?exp=1&sig=s", nil
}

func TestRenderChoicesAsNumberedLines(t *testing.T) {
	r := chat.Reply{Text: "<b>Chọn hoạt động</b>", Buttons: [][]chat.Button{
		{{Text: "A7 Tập huấn", Data: "rp:A7"}, {Text: "A8 Tuyên truyền", Data: "rp:A8"}},
		{{Text: "Mở bảng", URL: "https://bot.example.org/app/"}},
	}}
	out, choices, err := Render(context.Background(), r, nil, "vi")
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 1 {
		t.Fatalf("%d messages, want 1", len(out))
	}
	want := "Chọn hoạt động\n\n1. A7 Tập huấn\n2. A8 Tuyên truyền\nMở bảng: https://bot.example.org/app/\nGõ số để chọn."
	if out[0].Text != want {
		t.Fatalf("text = %q, want %q", out[0].Text, want)
	}
	if len(choices) != 2 || choices[1] != (Choice{Number: 2, Data: "rp:A8"}) {
		t.Fatalf("choices = %+v", choices)
	}
}

func TestRenderFiles(t *testing.T) {
	pub := &fakePub{}
	photo := chat.Reply{Text: "Tiến độ chung: 60%", Photo: &chat.Upload{Name: "tien-do.png", Data: []byte("png")}}
	out, _, err := Render(context.Background(), photo, pub, "vi")
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 1 || !strings.HasSuffix(strings.Split(out[0].PhotoURL, "?")[0], "tien-do.png") || out[0].Text != "Tiến độ chung: 60%" {
		t.Fatalf("photo rendered as %+v", out)
	}
	doc := chat.Reply{Text: "Báo cáo", Document: &chat.Upload{Name: "bao-cao.xlsx", Data: []byte("PK")}}
	out, _, err = Render(context.Background(), doc, pub, "vi")
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 1 || out[0].PhotoURL != "" || !strings.Contains(out[0].Text, "📎 bao-cao.xlsx: https://bot.example.org/f/") {
		t.Fatalf("document rendered as %+v", out)
	}
	out, _, err = Render(context.Background(), doc, nil, "en")
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 1 || !strings.Contains(out[0].Text, "no public address") {
		t.Fatalf("without a publisher: %+v", out)
	}
}

func TestRenderLongTextSplits(t *testing.T) {
	r := chat.Reply{Text: strings.Repeat("Nội dung phối hợp &amp; tuyên truyền.\n", 200)}
	out, _, err := Render(context.Background(), r, nil, "vi")
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 4 {
		t.Fatalf("%d messages for ~7,600 characters", len(out))
	}
	for _, o := range out {
		if units(o.Text) > MaxText || strings.Contains(o.Text, "&amp;") {
			t.Fatalf("bad part: %d units, %q…", units(o.Text), o.Text[:40])
		}
	}
}

func TestRenderCallbackAnswer(t *testing.T) {
	out, _, _ := Render(context.Background(), chat.Reply{AnswerCallback: "1"}, nil, "vi")
	if len(out) != 0 {
		t.Fatalf("a silent acknowledgement sent %+v", out)
	}
	out, _, _ = Render(context.Background(), chat.Reply{AnswerCallback: "1", CallbackNote: "Đã ghi nhận"}, nil, "vi")
	if len(out) != 1 || out[0].Text != "Đã ghi nhận" {
		t.Fatalf("note rendered as %+v", out)
	}
}
