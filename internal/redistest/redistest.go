// Package redistest gives tests a real Redis to talk to.
//
// The server is, in order of preference: the one named by REDIS_URL; a redis-server found on PATH,
// started on a free port in a temporary directory for the test binary; the embedded in-process
// miniredis (logged, since it is not the real thing). Every caller gets a fresh key prefix, so tests
// never need to flush a Redis they did not start.
package redistest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

var (
	once    sync.Once
	addrURL string
	kind    string
	startEr error
	counter atomic.Int64
)

// URL returns the redis:// URL of the test server, starting one if needed.
func URL(tb testing.TB) string {
	tb.Helper()
	once.Do(func() { addrURL, kind, startEr = start() })
	if startEr != nil {
		tb.Fatalf("redistest: no Redis for tests: %v", startEr)
	}
	return addrURL
}

// Kind says which server URL returned: "env", "redis-server" or "miniredis".
func Kind(tb testing.TB) string {
	URL(tb)
	return kind
}

// Client returns a client to the test server and a key prefix unique to this test.
// The client is closed and the prefix's keys deleted when the test ends.
func Client(tb testing.TB) (*redis.Client, string) {
	tb.Helper()
	opt, err := redis.ParseURL(URL(tb))
	if err != nil {
		tb.Fatalf("redistest: %v", err)
	}
	c := redis.NewClient(opt)
	prefix := Prefix(tb)
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		iter := c.Scan(ctx, 0, prefix+"*", 1000).Iterator()
		for iter.Next(ctx) {
			c.Del(ctx, iter.Val())
		}
		c.Close()
	})
	return c, prefix
}

// Prefix returns a key prefix no other test in any process uses.
func Prefix(tb testing.TB) string {
	return fmt.Sprintf("test:%d:%d:%d:", os.Getpid(), time.Now().UnixNano()%1e9, counter.Add(1))
}

func start() (string, string, error) {
	if u := os.Getenv("REDIS_URL"); u != "" {
		return u, "env", nil
	}
	if path, err := exec.LookPath("redis-server"); err == nil {
		if u, err := startServer(path); err == nil {
			return u, "redis-server", nil
		}
	}
	m, err := miniredis.Run()
	if err != nil {
		return "", "", err
	}
	fmt.Fprintln(os.Stderr, "redistest: no REDIS_URL and no redis-server on PATH; using the embedded miniredis")
	return "redis://" + m.Addr() + "/0", "miniredis", nil
}

func startServer(path string) (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	dir, err := os.MkdirTemp("", "redistest")
	if err != nil {
		return "", err
	}
	cmd := exec.Command(path, "--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--save", "",
		"--appendonly", "no", "--dir", dir, "--logfile", filepath.Join(dir, "redis.log"))
	// The server must not outlive the test binary.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return "", err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	for i := 0; i < 100; i++ {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			// The server lives as long as the test binary; it is killed with it.
			go func() { _ = cmd.Wait(); os.RemoveAll(dir) }()
			return "redis://" + addr + "/0", nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	cmd.Process.Kill()
	return "", fmt.Errorf("redis-server did not start on %s", addr)
}
