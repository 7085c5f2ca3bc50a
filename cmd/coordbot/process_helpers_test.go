package main

import (
	"bufio"
	"context"
	"fmt"
	"github.com/coordbot/coordbot/bot/telegramtest"
	"github.com/coordbot/coordbot/internal/redistest"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/coordbot/coordbot/internal/testutil"
)

// The process tests start `coordbot run` as real processes, built once per test binary, so that a
// kill is a kill and an exit status is an exit status.
var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	binDir    string
)

// TestMain removes the binary the process tests built.
func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// coordbotBinary builds ./cmd/coordbot once for the whole test binary.
func coordbotBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		binDir, buildErr = os.MkdirTemp("", "coordbot-bin")
		if buildErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "coordbot")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// proc is one `coordbot run` process.
type proc struct {
	t    *testing.T
	name string
	cmd  *exec.Cmd
	logs *testutil.SyncBuffer
	done chan struct{}
	// state is set once the process has exited.
	state *os.ProcessState
	ended time.Time
}

// startProc starts `coordbot run` with env added to the test's environment.
func startProc(t *testing.T, name string, env map[string]string) *proc {
	t.Helper()
	cmd := exec.Command(coordbotBinary(t), "run")
	cmd.Env = os.Environ()
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	p := &proc{t: t, name: name, cmd: cmd, logs: &testutil.SyncBuffer{}, done: make(chan struct{})}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	copied := make(chan struct{})
	go func() {
		defer close(copied)
		_, _ = io.Copy(p.logs, stderr)
	}()
	go func() {
		<-copied
		_ = cmd.Wait()
		p.state, p.ended = cmd.ProcessState, time.Now()
		close(p.done)
	}()
	t.Cleanup(func() {
		p.kill()
		if t.Failed() {
			t.Logf("log of %s:\n%s", p.name, p.logs)
		}
	})
	return p
}

// kill ends the process with SIGKILL, as a crash or an OOM kill does, and waits for it.
func (p *proc) kill() {
	if p.exited() {
		return
	}
	_ = p.cmd.Process.Kill()
	<-p.done
}

// term sends SIGTERM and waits for the process to exit; it fails the test if it takes more than
// d or exits with an error.
func (p *proc) term(d time.Duration) {
	p.t.Helper()
	if p.exited() {
		return
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
		if !p.state.Success() {
			p.t.Errorf("%s: exit status %v after SIGTERM", p.name, p.state)
		}
	case <-time.After(d):
		p.t.Errorf("%s: still running %v after SIGTERM", p.name, d)
		p.kill()
	}
}

func (p *proc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// waitLog waits until the process's log matches re, or fails the test.
func (p *proc) waitLog(re string, d time.Duration) string {
	p.t.Helper()
	rx := regexp.MustCompile(re)
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if m := rx.FindString(p.logs.String()); m != "" {
			return m
		}
		if p.exited() {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	p.t.Fatalf("%s: no log line matching %q:\n%s", p.name, re, p.logs)
	return ""
}

// metric reads one line of the process's /metrics that starts with name.
func (p *proc) metric(name string) string {
	p.t.Helper()
	addr := strings.TrimPrefix(p.waitLog(`metrics_addr=127\.0\.0\.1:\d+`, 30*time.Second), "metrics_addr=")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/metrics", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		p.t.Fatalf("%s: /metrics: %v", p.name, err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), name) {
			return sc.Text()
		}
	}
	return ""
}

// leaderAndStandby starts two `coordbot run` processes on one token and one Redis against a new
// Bot API test server, and returns once a polls and b stands by.
func leaderAndStandby(t *testing.T) (*telegramtest.Server, *proc, *proc) {
	t.Helper()
	srv := telegramtest.New()
	t.Cleanup(srv.Close)
	_, prefix := redistest.Client(t)
	env := procEnv(t, srv, redistest.URL(t), prefix)
	a := startProc(t, "a", env)
	a.waitLog(`this process polls`, 30*time.Second)
	b := startProc(t, "b", env)
	b.waitLog(`standing by`, 30*time.Second)
	return srv, a, b
}
