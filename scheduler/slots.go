package scheduler

import (
	"context"
	"fmt"
	"time"
)

// Once takes the lock of a slot (e.g. "digest:2026-W48") for ttl and reports whether this caller
// got it, so that a digest or nudge goes out from one process only.
func (q *Queue) Once(ctx context.Context, slot string, ttl time.Duration) (bool, error) {
	ok, err := q.rdb.SetNX(ctx, q.k.once(slot), "1", ttl).Result()
	if err != nil {
		return false, fmt.Errorf("scheduler: once %s: %w", slot, err)
	}
	return ok, nil
}

// ClaimSlot takes slot (e.g. one group's copy of one occurrence of a reminder) for one send:
// "sending" for a short ttl, so that a caller that dies before confirming frees it by itself.
// It returns the claim's token and whether the slot is now this caller's (SlotClaimed), was
// already sent (SlotSent), or is held by another caller (SlotBusy). With ConfirmSlot and
// ReleaseSlot this makes a send exactly once in the normal path (the slot says "sent" only after
// the send) and at least once under a single fault (a send that failed, or a caller that died,
// leaves the slot free for a retry).
func (q *Queue) ClaimSlot(ctx context.Context, slot string, ttl time.Duration) (string, int, error) {
	token := "sending:" + newClaimToken()
	res, err := slotClaimScript.Run(ctx, q.rdb, []string{q.k.once(slot)}, token, ttl.Milliseconds()).Int()
	if err != nil {
		return "", 0, fmt.Errorf("scheduler: claim slot %s: %w", slot, err)
	}
	return token, res, nil
}

// ConfirmSlot records slot as sent for ttl. It does so even when the claim expired meanwhile:
// the message is out, and a retry must not send it again.
func (q *Queue) ConfirmSlot(ctx context.Context, slot string, ttl time.Duration) error {
	if err := q.rdb.Set(ctx, q.k.once(slot), slotSent, ttl).Err(); err != nil {
		return fmt.Errorf("scheduler: confirm slot %s: %w", slot, err)
	}
	return nil
}

// ReleaseSlot frees slot after its send failed, so that a retry sends it; a slot claimed by
// someone else since (this claim, token, expired) is left alone.
func (q *Queue) ReleaseSlot(ctx context.Context, slot, token string) error {
	if err := slotReleaseScript.Run(ctx, q.rdb, []string{q.k.once(slot)}, token).Err(); err != nil {
		return fmt.Errorf("scheduler: release slot %s: %w", slot, err)
	}
	return nil
}

// slotSent is the value of a slot whose send went out.
const slotSent = "sent"

// Results of ClaimSlot.
const (
	// SlotClaimed: the slot is this caller's to send; confirm or release it afterwards.
	SlotClaimed = iota
	// SlotSent: the slot was sent already (by this process or another): skip it.
	SlotSent
	// SlotBusy: another caller holds a claim on the slot and has not finished; its claim expires
	// after its TTL if it died, so retry later rather than skip it.
	SlotBusy
)
