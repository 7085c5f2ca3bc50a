// Package console is the terminal transport: a person types as a cadre, and the bot's replies and
// reminders print in the terminal. It drives the same handlers as Telegram, so it needs no token.
package console

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/coordbot/coordbot/bot/chat"
)

// groupID is the chat id of the console's one group; negative like Telegram's groups.
const groupID = chat.ID("tg:-1000")

// Console prints replies to a writer and turns typed lines into updates.
type Console struct {
	mu      sync.Mutex
	out     io.Writer
	nextMsg int
	// buttons are the data of the buttons last shown, numbered from 1.
	buttons []chat.Button
	msgOf   []int
	// dir is where files the bot sends are written; "" keeps them unwritten.
	dir string
}

// New returns a Console that prints to out.
func New(out io.Writer) *Console { return &Console{out: out} }

// SaveFilesIn makes the console write every file the bot sends (an export, a chart) into dir,
// created when the first file comes, and print the file's path, so the person at the terminal can
// open what the bot "sent".
func (c *Console) SaveFilesIn(dir string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dir = dir
}

// save writes f into c.dir under its own name, never over an earlier file: "bao-cao.csv", then
// "bao-cao-2.csv". It returns the absolute path.
func (c *Console) save(f *chat.Upload) (string, error) {
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return "", err
	}
	name := filepath.Base(filepath.Clean("/" + strings.ReplaceAll(f.Name, "\\", "/")))
	if name == "/" || name == "." || name == "" {
		name = "tep"
	}
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for i := 1; ; i++ {
		try := name
		if i > 1 {
			try = fmt.Sprintf("%s-%d%s", stem, i, ext)
		}
		path := filepath.Join(c.dir, try)
		fh, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		_, werr := fh.Write(f.Data)
		if cerr := fh.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return "", werr
		}
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		return path, nil
	}
}

// Send prints a reply as plain text; buttons are numbered so that typing "#N" presses them.
func (c *Console) Send(_ context.Context, r chat.Reply) (chat.Sent, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if r.AnswerCallback != "" {
		if r.CallbackNote != "" {
			fmt.Fprintf(c.out, "  (%s)\n", r.CallbackNote)
		}
		return chat.Sent{}, nil
	}
	id := r.Edit
	if id == 0 {
		c.nextMsg++
		id = c.nextMsg
	}
	where := ""
	if r.ChatID == groupID {
		where = "[nhóm] "
	}
	if r.Edit != 0 {
		where += "[sửa] "
	}
	text := chat.PlainText(r.Text)
	for _, f := range []*chat.Upload{r.Document, r.Photo} {
		if f == nil {
			continue
		}
		if c.dir == "" {
			text = fmt.Sprintf("[tệp %s, %d byte] %s", f.Name, len(f.Data), text)
			continue
		}
		path, err := c.save(f)
		if err != nil {
			text = fmt.Sprintf("[tệp %s, %d byte — không ghi được vào %s: %v] %s", f.Name, len(f.Data), c.dir, err, text)
			continue
		}
		text = fmt.Sprintf("[tệp đã lưu: %s (%d byte)] %s", path, len(f.Data), text)
	}
	fmt.Fprintf(c.out, "%s%s\n", where, strings.TrimRight(text, "\n"))
	if len(r.Buttons) > 0 {
		c.buttons, c.msgOf = c.buttons[:0], c.msgOf[:0]
		var parts []string
		for _, row := range r.Buttons {
			for _, b := range row {
				c.buttons = append(c.buttons, b)
				c.msgOf = append(c.msgOf, id)
				label := b.Text
				if b.URL != "" {
					label += " → " + b.URL
				}
				if b.WebApp != "" {
					label += " → " + b.WebApp
				}
				parts = append(parts, fmt.Sprintf("[#%d %s]", len(c.buttons), label))
			}
		}
		fmt.Fprintln(c.out, strings.Join(parts, " "))
	}
	fmt.Fprintln(c.out)
	return chat.Sent{MessageID: id}, nil
}

// Run reads lines from in until it ends or ctx is done, handing each to handle as an update from
// the current user. Console commands: "/as ID [name]" switches user, "/group" and "/private"
// switch chat, "#N" presses button N of the last message that had buttons.
func (c *Console) Run(ctx context.Context, in io.Reader, user chat.User, handle func(context.Context, chat.Update) error) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	chatID, kind := user.ID, chat.Private
	for sc.Scan() {
		if ctx.Err() != nil {
			return nil
		}
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		u := chat.Update{ChatID: chatID, ChatKind: kind, From: user, Text: line}
		switch {
		case strings.HasPrefix(line, "/as ") || line == "/as":
			f := strings.Fields(line)
			id, err := chat.ParseID(strings.TrimPrefix(strings.Join(f[1:2], ""), "#"))
			if n, tg := id.Telegram(); err != nil || (tg && n <= 0) {
				fmt.Fprintln(c.out, "Cách dùng: /as ID [tên], ví dụ /as 42 Lan")
				continue
			}
			user = chat.User{ID: id, FirstName: strings.Join(f[2:], " ")}
			if kind == chat.Private {
				chatID = id
			}
			fmt.Fprintf(c.out, "(đang là người dùng %s)\n\n", user.Name())
			continue
		case line == "/group": // not "/nhom": that is the bot's own command for the groups list
			chatID, kind = groupID, chat.Supergroup
			fmt.Fprintln(c.out, "(đang ở nhóm thử nghiệm)")
			continue
		case line == "/private" || line == "/rieng":
			chatID, kind = user.ID, chat.Private
			fmt.Fprintln(c.out, "(đang ở tin nhắn riêng)")
			continue
		case strings.HasPrefix(line, "#"):
			n, err := strconv.Atoi(line[1:])
			c.mu.Lock()
			ok := err == nil && n >= 1 && n <= len(c.buttons) && c.buttons[n-1].Data != ""
			if ok {
				b := c.buttons[n-1]
				u.Text = ""
				u.Callback = &chat.Callback{ID: "console-" + strconv.Itoa(n), Data: b.Data, MessageID: c.msgOf[n-1]}
			}
			c.mu.Unlock()
			if !ok {
				fmt.Fprintln(c.out, "Không có nút đó. Gõ #N với N là số của nút.")
				continue
			}
		}
		if kind != chat.Private {
			u.ChatTitle = "Nhóm thử nghiệm"
		}
		if err := safeHandle(ctx, handle, u); err != nil {
			fmt.Fprintf(c.out, "(lỗi: %v)\n", err)
		}
	}
	return sc.Err()
}

// safeHandle calls handle, turning a panic into an error as the polling loop does, so one bad
// line cannot end the console.
func safeHandle(ctx context.Context, handle func(context.Context, chat.Update) error, u chat.Update) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("handler panicked: %v", p)
		}
	}()
	return handle(ctx, u)
}

// MemberStatus makes whoever types in the console's group an administrator of it, so the
// console can try /dangky and group reports; the console has no other groups.
func (c *Console) MemberStatus(_ context.Context, chatID, _ chat.ID) (string, error) {
	if chatID == groupID {
		return "administrator", nil
	}
	return "left", nil
}
