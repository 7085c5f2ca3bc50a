package redistest

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/coordbot/coordbot/internal/testutil"
	"github.com/redis/go-redis/v9"
)

// Cluster is a Redis Cluster of three masters (no replicas) started for one test, on loopback
// ports in a temporary directory, and stopped when the test ends.
type Cluster struct {
	// Addrs are the masters' host:port.
	Addrs []string
	// URL is the cluster in go-redis's ParseClusterURL form, the value for REDIS_URL:
	// redis://127.0.0.1:P1?addr=127.0.0.1:P2&addr=127.0.0.1:P3
	URL string
}

// Sentinel is a master, one replica and one redis-sentinel monitoring them as "mymaster",
// started for one test and stopped when it ends.
type Sentinel struct {
	MasterAddr, ReplicaAddr, SentinelAddr string
	// URL is the setup in go-redis's ParseFailoverURL form, the value for REDIS_URL:
	// redis://127.0.0.1:SENTINELPORT/0?master_name=mymaster
	URL string
	// MasterName is the name the sentinel monitors.
	MasterName string

	tb      testing.TB
	master  *exec.Cmd
	replica *exec.Cmd
}

// need finds a Redis program on PATH or fails the test saying how to install it; tests of
// Cluster and Sentinel never skip: `.ci/run` installs them.
func need(tb testing.TB, name string) string {
	tb.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		tb.Fatalf("redistest: %s not on PATH (apt-get install redis-server redis-sentinel redis-tools): %v", name, err)
	}
	return p
}

// freePort returns a loopback port free now.
func freePort(tb testing.TB) int {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// server is a Redis program started for a test.
type server struct {
	cmd    *exec.Cmd
	exited chan struct{}
}

// spawn starts a Redis program with args, killed with the test (and with the test binary, should
// it die first).
func spawn(tb testing.TB, path string, args ...string) *server {
	tb.Helper()
	cmd := exec.Command(path, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		tb.Fatalf("redistest: starting %s: %v", path, err)
	}
	s := &server{cmd: cmd, exited: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(s.exited) }()
	tb.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-s.exited
	})
	return s
}

// serving starts a server with start(port) on a free port and waits until it answers. A port
// taken between the choice and the bind (by another test's server) is retried on another.
func serving(tb testing.TB, dir string, start func(port int) *server) (string, *server) {
	tb.Helper()
	for try := 1; ; try++ {
		port := freePort(tb)
		addr := fmt.Sprintf("127.0.0.1:%d", port)
		srv := start(port)
		up := waitFor(10*time.Second, func() bool {
			select {
			case <-srv.exited:
				return true
			default:
			}
			// Our own process answers, not another test's server that took the port first.
			return info(addr, "server")["process_id"] == strconv.Itoa(srv.cmd.Process.Pid)
		})
		select {
		case <-srv.exited:
			if try < 3 {
				continue
			}
		default:
			if up {
				return addr, srv
			}
		}
		tb.Fatalf("redistest: the server on %s did not start:\n%s", addr, logs(dir))
	}
}

// waitFor polls cond every 50 ms for up to d.
func waitFor(d time.Duration, cond func() bool) bool {
	return testutil.Until(d, 50*time.Millisecond, cond)
}

// info returns the fields of INFO section from the server at addr.
func info(addr, section string) map[string]string {
	c := redis.NewClient(&redis.Options{Addr: addr, DialTimeout: time.Second, ReadTimeout: time.Second, MaxRetries: -1})
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	s, err := c.Info(ctx, section).Result()
	if err != nil {
		return nil
	}
	out := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		if k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), ":"); ok {
			out[k] = v
		}
	}
	return out
}

func serverArgs(dir string, port int, extra ...string) []string {
	p := strconv.Itoa(port)
	return append([]string{"--port", p, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
		"--dir", dir, "--logfile", filepath.Join(dir, "redis-"+p+".log")}, extra...)
}

// logs returns the log files of dir, for a failing test.
func logs(dir string) string {
	var sb strings.Builder
	files, _ := filepath.Glob(filepath.Join(dir, "*.log"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		if len(b) > 3000 {
			b = b[len(b)-3000:]
		}
		fmt.Fprintf(&sb, "== %s\n%s\n", filepath.Base(f), b)
	}
	return sb.String()
}

// StartCluster starts three `redis-server --cluster-enabled yes` and joins them with
// `redis-cli --cluster create`, then waits until every node serves all 16,384 slots.
func StartCluster(tb testing.TB) *Cluster {
	tb.Helper()
	serverBin, cli := need(tb, "redis-server"), need(tb, "redis-cli")
	dir := tb.TempDir()
	c := &Cluster{}
	for range 3 {
		// The cluster bus gets a free port of its own, not the default port+10000, which may be
		// taken.
		addr, _ := serving(tb, dir, func(port int) *server {
			return spawn(tb, serverBin, serverArgs(dir, port, "--cluster-enabled", "yes",
				"--cluster-port", strconv.Itoa(freePort(tb)),
				"--cluster-config-file", filepath.Join(dir, fmt.Sprintf("nodes-%d.conf", port)),
				"--cluster-node-timeout", "2000")...)
		})
		c.Addrs = append(c.Addrs, addr)
	}
	args := append([]string{"--cluster", "create"}, c.Addrs...)
	args = append(args, "--cluster-replicas", "0", "--cluster-yes")
	if out, err := exec.Command(cli, args...).CombinedOutput(); err != nil {
		tb.Fatalf("redistest: redis-cli --cluster create: %v\n%s", err, out)
	}
	for _, a := range c.Addrs {
		ok := waitFor(20*time.Second, func() bool { return clusterOK(a) })
		if !ok {
			tb.Fatalf("redistest: cluster node %s never reached cluster_state:ok:\n%s", a, logs(dir))
		}
	}
	c.URL = "redis://" + c.Addrs[0] + "?addr=" + c.Addrs[1] + "&addr=" + c.Addrs[2]
	return c
}

// clusterOK reports whether the node at addr says the cluster is ok and knows three masters.
func clusterOK(addr string) bool {
	c := redis.NewClient(&redis.Options{Addr: addr, DialTimeout: time.Second, ReadTimeout: time.Second, MaxRetries: -1})
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	s, err := c.ClusterInfo(ctx).Result()
	if err != nil {
		return false
	}
	return strings.Contains(s, "cluster_state:ok") && strings.Contains(s, "cluster_known_nodes:3") &&
		strings.Contains(s, "cluster_slots_ok:16384")
}

// Client returns a cluster client for the test, closed when it ends.
func (c *Cluster) Client(tb testing.TB) *redis.ClusterClient {
	tb.Helper()
	opt, err := redis.ParseClusterURL(c.URL)
	if err != nil {
		tb.Fatal(err)
	}
	rdb := redis.NewClusterClient(opt)
	tb.Cleanup(func() { rdb.Close() })
	return rdb
}

// StartSentinel starts a master, a replica of it and a sentinel monitoring them, and returns once
// the replica is in sync and the sentinel knows it (so that a failover has somewhere to go).
func StartSentinel(tb testing.TB) *Sentinel {
	tb.Helper()
	serverBin, sentinelBin := need(tb, "redis-server"), need(tb, "redis-sentinel")
	dir := tb.TempDir()
	s := &Sentinel{tb: tb, MasterName: "mymaster"}
	// No diskless-sync delay: a new replica's first sync would otherwise wait 5 s.
	var master *server
	s.MasterAddr, master = serving(tb, dir, func(port int) *server {
		return spawn(tb, serverBin, serverArgs(dir, port, "--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0")...)
	})
	s.master = master.cmd
	mp := strings.TrimPrefix(s.MasterAddr, "127.0.0.1:")
	var replica *server
	s.ReplicaAddr, replica = serving(tb, dir, func(port int) *server {
		return spawn(tb, serverBin, serverArgs(dir, port, "--replicaof", "127.0.0.1", mp,
			"--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0")...)
	})
	s.replica = replica.cmd
	rp := strings.TrimPrefix(s.ReplicaAddr, "127.0.0.1:")
	if !waitFor(20*time.Second, func() bool { return info(s.ReplicaAddr, "replication")["master_link_status"] == "up" }) {
		tb.Fatalf("redistest: the replica never synced (master_link_status:up):\n%s", logs(dir))
	}
	// After a diskless sync Redis 7 holds the command stream until the replica's first ACK
	// (up to a second after the link is up): a write seen on the replica shows it flows.
	if !s.probe() {
		tb.Fatalf("redistest: writes to the master never reached the replica:\n%s", logs(dir))
	}
	s.SentinelAddr, _ = serving(tb, dir, func(port int) *server {
		conf := filepath.Join(dir, fmt.Sprintf("sentinel-%d.conf", port))
		cfg := fmt.Sprintf(`port %d
bind 127.0.0.1
dir %s
logfile %s
sentinel monitor mymaster 127.0.0.1 %s 1
sentinel down-after-milliseconds mymaster 1000
sentinel failover-timeout mymaster 10000
sentinel parallel-syncs mymaster 1
`, port, dir, filepath.Join(dir, fmt.Sprintf("sentinel-%d.log", port)), mp)
		if err := os.WriteFile(conf, []byte(cfg), 0o644); err != nil {
			tb.Fatal(err)
		}
		return spawn(tb, sentinelBin, conf)
	})
	ok := waitFor(20*time.Second, func() bool {
		c := redis.NewSentinelClient(&redis.Options{Addr: s.SentinelAddr, DialTimeout: time.Second, MaxRetries: -1})
		defer c.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		reps, err := c.Replicas(ctx, s.MasterName).Result()
		if err != nil {
			return false
		}
		for _, r := range reps {
			if r["port"] == rp && !strings.Contains(r["flags"], "down") && !strings.Contains(r["flags"], "disconnected") {
				return true
			}
		}
		return false
	})
	if !ok {
		tb.Fatalf("redistest: the sentinel never saw the replica:\n%s", logs(dir))
	}
	s.URL = "redis://" + s.SentinelAddr + "/0?master_name=" + s.MasterName
	return s
}

// Master asks the sentinel for the current master's address.
func (s *Sentinel) Master(ctx context.Context) (string, error) {
	c := redis.NewSentinelClient(&redis.Options{Addr: s.SentinelAddr, DialTimeout: time.Second, MaxRetries: -1})
	defer c.Close()
	a, err := c.GetMasterAddrByName(ctx, s.MasterName).Result()
	if err != nil {
		return "", err
	}
	return net.JoinHostPort(a[0], a[1]), nil
}

// KillMaster waits until the replica's link to the master is up (master_link_status:up), kills
// the master with SIGKILL, and returns once the sentinel has promoted the replica.
func (s *Sentinel) KillMaster() {
	tb := s.tb
	tb.Helper()
	synced := waitFor(20*time.Second, func() bool {
		return info(s.ReplicaAddr, "replication")["master_link_status"] == "up"
	})
	if !synced {
		tb.Fatal("redistest: the replica never caught up with the master")
	}
	_ = s.master.Process.Kill()
	promoted := waitFor(30*time.Second, func() bool {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		a, err := s.Master(ctx)
		return err == nil && a == s.ReplicaAddr && info(s.ReplicaAddr, "replication")["role"] == "master"
	})
	if !promoted {
		tb.Fatal("redistest: the sentinel did not promote the replica")
	}
}

// probe writes a key on the master and waits until the replica has it.
func (s *Sentinel) probe() bool {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	m := redis.NewClient(&redis.Options{Addr: s.MasterAddr})
	defer m.Close()
	r := redis.NewClient(&redis.Options{Addr: s.ReplicaAddr})
	defer r.Close()
	if err := m.Set(ctx, "redistest:probe", "1", time.Minute).Err(); err != nil {
		return false
	}
	return waitFor(20*time.Second, func() bool { return r.Get(ctx, "redistest:probe").Val() == "1" })
}
