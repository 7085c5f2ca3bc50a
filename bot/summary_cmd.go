package bot

import "context"

// summary handles /summary (/soket): a sơ kết of a period.
func (b *Bot) summary(ctx context.Context, req *Request) error {
	return nil
}
