package ratelimit

// Every Redis key of the package is built here. Each holds one GCRA cell's theoretical arrival time
// (TAT) as a decimal count of microseconds of the Redis server's clock, and expires when that time
// passes: an expired cell behaves exactly like a fresh one, so idle chats leave nothing behind.
//
// The "{ratelimit}" hash tag puts every key in one Redis Cluster slot, which the single script that
// touches the global cell and a chat's cells together requires (TestEveryScriptsKeysShareOneClusterSlot
// checks it with Redis Cluster's CRC16). If the prefix itself holds a hash tag, that one wins, and
// it is the same for all keys too; only a prefix whose first "{" is directly followed by "}" would
// defeat hash tags altogether, so do not use one.

// globalKey is the bot-wide cell shared by every chat and every process.
func globalKey(prefix string) string { return prefix + "{ratelimit}:global" }

// chatKey is the per-chat cell (about 1 message/s, short bursts).
func chatKey(prefix string, chatID string) string {
	return prefix + "{ratelimit}:chat:" + chatID
}

// groupKey is the per-group cell (messages per minute); only negative chat ids have one.
func groupKey(prefix string, chatID string) string {
	return prefix + "{ratelimit}:group:" + chatID
}
