package chat

import (
	"html"
	"strings"
)

// PlainText turns a reply's HTML into the text a reader sees: tags dropped, entities decoded.
func PlainText(h string) string {
	var sb strings.Builder
	for {
		i := strings.IndexByte(h, '<')
		if i < 0 {
			sb.WriteString(h)
			break
		}
		j := strings.IndexByte(h[i:], '>')
		if j < 0 {
			sb.WriteString(h)
			break
		}
		sb.WriteString(h[:i])
		h = h[i+j+1:]
	}
	return html.UnescapeString(sb.String())
}
