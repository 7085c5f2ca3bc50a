package chat

import (
	"context"
	"strings"

	"github.com/coordbot/coordbot/bot/view"
)

// A name that fits several units or activities is answered with the list and, where the command
// is short enough to carry, a button per match that runs the same command with that match's code
// (rc:COMMAND). The command goes through the router again, so its permission is checked as if it
// had been typed; a forged rc: button can do no more than typing.

// choiceError is the user error of an ambiguous name, with what it could mean.
type choiceError struct {
	ue      *UserError
	name    string   // as typed
	choices []choice // what it could mean
}

type choice struct{ label, code string }

func (e *choiceError) Error() string { return e.ue.Error() }
func (e *choiceError) Unwrap() error { return e.ue }

// choiceButtons are the buttons of an ambiguous name in req's command: the command again with the
// name replaced by each match's code, when it fits in a button's 64 bytes.
func choiceButtons(req *Request, ce *choiceError) [][]Button {
	if req.Cmd == "" || req.Callback != nil {
		return nil
	}
	i := strings.LastIndex(req.Args, ce.name) // the name as typed, where it stands in the command
	if i < 0 || ce.name == "" {
		return nil
	}
	var rows [][]Button
	for _, c := range ce.choices {
		cmd := "/" + req.Cmd + " " + req.Args[:i] + c.code + req.Args[i+len(ce.name):]
		if len("rc:"+cmd) > 64 {
			return nil
		}
		rows = append(rows, []Button{{Text: view.Truncate(c.label, 40), Data: "rc:" + cmd}})
	}
	return rows
}

// onRunCommand runs the command a choice button carries, as if it had been typed.
func (b *Bot) onRunCommand(ctx context.Context, req *Request, _, rest string) error {
	if err := b.ack(ctx, req, ""); err != nil {
		return err
	}
	typed := *req
	typed.Callback, typed.Text, typed.answered = nil, rest, false
	return b.dispatch(ctx, &typed)
}
