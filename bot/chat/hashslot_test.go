package chat_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/redis/go-redis/v9"
)

// crc16 is CRC-16/XMODEM, the checksum Redis Cluster hashes keys with.
func crc16(b []byte) uint16 {
	var crc uint16
	for _, c := range b {
		crc ^= uint16(c) << 8
		for i := 0; i < 8; i++ {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return crc
}

// keySlot is the Cluster slot of key: the CRC16 of the text inside its first {…} when that is not
// empty, else of the whole key, modulo 16384.
func keySlot(key string) int {
	if i := strings.IndexByte(key, '{'); i >= 0 {
		if j := strings.IndexByte(key[i+1:], '}'); j > 0 {
			key = key[i+1 : i+1+j]
		}
	}
	return int(crc16([]byte(key))) % 16384
}

func TestKeySlotMatchesRedis(t *testing.T) {
	for key, want := range map[string]int{"123456789": 12739, "foo": 12182, "{user1000}.following": keySlot("user1000"),
		"foo{}{bar}": keySlot("foo{}{bar}"), "coordbot:{prog}:act": keySlot("prog")} {
		if got := keySlot(key); got != want {
			t.Errorf("keySlot(%q) = %d, want %d", key, got, want)
		}
	}
}

// stepRecorder notes the keys of every Lua script, MULTI and WATCH the store sends, each as one
// step, by asking Redis itself which arguments are keys (COMMAND GETKEYS).
type stepRecorder struct {
	mu    sync.Mutex
	rdb   *redis.Client
	steps []step
}

type step struct {
	what string
	keys []string
}

func (r *stepRecorder) DialHook(next redis.DialHook) redis.DialHook { return next }
func (r *stepRecorder) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		switch cmd.Name() {
		case "evalsha", "eval", "watch":
			r.note(ctx, cmd.Name(), []redis.Cmder{cmd})
		}
		return next(ctx, cmd)
	}
}
func (r *stepRecorder) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if len(cmds) > 0 && cmds[0].Name() == "multi" {
			r.note(ctx, "multi", cmds)
		} else {
			for _, c := range cmds {
				if n := c.Name(); n == "evalsha" || n == "eval" {
					r.note(ctx, n, []redis.Cmder{c})
				}
			}
		}
		return next(ctx, cmds)
	}
}

func (r *stepRecorder) note(ctx context.Context, what string, cmds []redis.Cmder) {
	var keys []string
	for _, c := range cmds {
		switch c.Name() {
		case "multi", "exec":
			continue
		case "watch":
			for _, a := range c.Args()[1:] {
				keys = append(keys, a.(string))
			}
			continue
		case "evalsha", "eval":
			args := c.Args()
			n, _ := args[2].(int)
			for _, a := range args[3 : 3+n] {
				keys = append(keys, a.(string))
			}
			what += " " + shortScript(args[1])
			continue
		}
		got, err := r.rdb.CommandGetKeys(ctx, c.Args()...).Result()
		if err == nil {
			keys = append(keys, got...)
		}
	}
	r.mu.Lock()
	r.steps = append(r.steps, step{what, keys})
	r.mu.Unlock()
}

func shortScript(v any) string {
	s, _ := v.(string)
	if len(s) > 12 {
		s = s[:12]
	}
	return s
}

// TestEveryStepIsInOneSlot drives every change of programme state and the scheduler, and checks
// that the keys of each Lua script, MULTI and WATCH hash to one Cluster slot: the same code then
// runs on Redis Cluster.
func TestEveryStepIsInOneSlot(t *testing.T) {
	h := newHarness(t)
	plain := redis.NewClient(h.rdb.Options())
	defer plain.Close()
	rec := &stepRecorder{rdb: plain}
	h.rdb.AddHook(rec)

	h.members[[2]bot.ID{groupID, admin}] = "administrator"
	h.members[[2]bot.ID{groupID, cadre}] = "member"
	h.members[[2]bot.ID{groupID, stranger}] = "administrator"
	h.say(stranger, groupID, "/dangky") // a request
	h.say(admin, groupID, "/dangky")    // approved at once
	h.say(admin, admin, "/hoatdong them 27/11/2026 08:00 Tập huấn | nd 4")
	h.say(admin, admin, "/hoatdong them hằng tuần t2 08:00 Giao ban | mã GB")
	h.say(admin, admin, "/hoatdong sua A1 | lúc 28/11/2026 08:00")
	h.say(admin, admin, "/thanhvien them 555 Đồn")
	h.say(cadre, cadre, "/baocao A1 60%")
	h.say(cadre, cadre, "/baocao sua A1 70%")
	h.say(cadre, cadre, "/baocao A1 xong")
	h.say(cadre, cadre, "/baocao rut A1")
	h.say(cadre, cadre, "/baocao GB xong")
	h.say(admin, admin, "/hoatdong huy A1")
	h.say(admin, admin, "/hoatdong mo A1")
	h.say(admin, groupID, "/nhac +1h Họp")
	h.advance(26 * time.Hour) // the scheduler claims, begins and acks reminders
	h.say(admin, groupID, "/huydangky")

	if len(rec.steps) < 15 {
		t.Fatalf("only %d steps recorded: the scenario did not run", len(rec.steps))
	}
	for _, s := range rec.steps {
		slots := map[int][]string{}
		for _, k := range s.keys {
			slots[keySlot(k)] = append(slots[keySlot(k)], k)
		}
		if len(slots) > 1 {
			t.Errorf("%s touches %d slots: %v", s.what, len(slots), slots)
		}
	}
}
