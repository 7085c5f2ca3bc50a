// Package pdftest prints workbooks as a leader's assistant would: opened in LibreOffice Calc
// (headless) and exported to PDF, then read back with poppler's pdftotext -layout, pdfinfo and
// pdftoppm. Tests use it to check that a workbook reads on paper.
package pdftest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// PDF is a workbook printed to PDF.
type PDF struct {
	Path  string
	Pages int
	// Text is pdftotext -layout's text, pages separated by form feeds.
	Text string
}

// need finds the tools, installing Debian's libreoffice-calc and poppler-utils with apt-get when
// they are missing (as scripts/test.sh does); it skips the test only where they are missing and
// apt-get is not there either.
func need(t testing.TB) string {
	t.Helper()
	office := func() string {
		for _, name := range []string{"libreoffice", "soffice"} {
			if p, err := exec.LookPath(name); err == nil {
				return p
			}
		}
		return ""
	}
	_, perr := exec.LookPath("pdftotext")
	if bin := office(); bin != "" && perr == nil {
		return bin
	}
	apt, err := exec.LookPath("apt-get")
	if err != nil {
		t.Skip("pdftest: no libreoffice or pdftotext on PATH and no apt-get to install libreoffice-calc and poppler-utils: the print test cannot run here")
	}
	args := []string{apt, "install", "-y", "-qq", "libreoffice-calc", "poppler-utils"}
	if os.Getuid() != 0 {
		args = append([]string{"sudo", "-n"}, args...)
	}
	t.Logf("pdftest: installing libreoffice-calc and poppler-utils")
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pdftest: apt-get install libreoffice-calc poppler-utils: %v\n%s", err, out)
	}
	if bin := office(); bin != "" {
		return bin
	}
	t.Fatal("pdftest: libreoffice still missing after apt-get install")
	return ""
}

// Print converts the workbook data (named name, e.g. "so-ket.xlsx") to PDF in a temporary
// directory, with a LibreOffice profile of its own (LibreOffice runs one instance per profile).
func Print(t testing.TB, data []byte, name string) PDF {
	t.Helper()
	office := need(t)
	dir := t.TempDir()
	in := filepath.Join(dir, name)
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, office, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pdftest: libreoffice --convert-to pdf: %v\n%s", err, out)
	}
	pdf := strings.TrimSuffix(in, filepath.Ext(in)) + ".pdf"
	if _, err := os.Stat(pdf); err != nil {
		t.Fatalf("pdftest: libreoffice made no PDF: %v", err)
	}
	text, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftest: pdftotext: %v", err)
	}
	info, err := exec.Command("pdfinfo", pdf).Output()
	if err != nil {
		t.Fatalf("pdftest: pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdftest: no page count in pdfinfo's output:\n%s", info)
	}
	pages, _ := strconv.Atoi(string(m[1]))
	return PDF{Path: pdf, Pages: pages, Text: string(text)}
}

// FirstPagePNG writes the PDF's first page as a PNG at dpi to out.
func FirstPagePNG(t testing.TB, p PDF, out string, dpi int) {
	t.Helper()
	prefix := strings.TrimSuffix(out, ".png")
	if err := exec.Command("pdftoppm", "-png", "-singlefile", "-r", strconv.Itoa(dpi), "-f", "1", "-l", "1", p.Path, prefix).Run(); err != nil {
		t.Fatalf("pdftest: pdftoppm: %v", err)
	}
}

// Column is where s starts and ends (in runes) on the first line of text containing it, and that
// line's index; ok is false when no line does.
func Column(lines []string, s string, from int) (line, start, end int, ok bool) {
	for i := from; i < len(lines); i++ {
		if at := strings.Index(lines[i], s); at >= 0 {
			start = len([]rune(lines[i][:at]))
			return i, start, start + len([]rune(s)), true
		}
	}
	return 0, 0, 0, false
}

// Table checks, in pdftotext -layout's text, that under the caption each header has its number
// in the same text column on the line of row: the number's characters overlap the header's
// (headers and numbers are centred in their cells, so they do when each sits in its column).
// headers[i] may be the first line of a wrapped header; values[i] is the number as printed.
func Table(t testing.TB, text, caption, row string, headers, values []string) {
	t.Helper()
	lines := strings.Split(text, "\n")
	cl, _, _, ok := Column(lines, caption, 0)
	if !ok {
		t.Errorf("pdftest: no %q in the printed text", caption)
		return
	}
	rl, _, _, ok := Column(lines, row, cl+1)
	if !ok {
		t.Errorf("pdftest: no line %q under %q", row, caption)
		return
	}
	for i, h := range headers {
		hl, hs, he, ok := Column(lines, h, cl+1)
		if !ok || hl >= rl {
			t.Errorf("pdftest: no header %q between %q and its line %q", h, caption, row)
			continue
		}
		line := []rune(lines[rl])
		found, at := false, []int{}
		re := regexp.MustCompile(`(^|\s)` + regexp.QuoteMeta(values[i]) + `(\s|$)`)
		for _, m := range re.FindAllStringIndex(string(line), -1) {
			s := len([]rune(string(line)[:m[0]]))
			if string(line)[m[0]] == ' ' {
				s++
			}
			e := s + len([]rune(values[i]))
			at = append(at, s)
			if s < he && e > hs {
				found = true
			}
		}
		if !found {
			t.Errorf("pdftest: %q: %q of line %q is not under its header %q (columns %d–%d; the value at %v):\n%s\n%s",
				caption, values[i], row, h, hs, he, at, lines[hl], lines[rl])
		}
	}
}
