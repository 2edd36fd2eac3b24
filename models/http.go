package models

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"
)

// fetchError is a download failure: kind is one of the Err… sentinels,
// retry says whether trying again may help.
type fetchError struct {
	kind   error
	detail string
	retry  bool
}

func (e *fetchError) Error() string { return e.detail }
func (e *fetchError) Unwrap() error { return e.kind }

func retriable(err error) bool {
	var fe *fetchError
	return errors.As(err, &fe) && fe.retry
}

// defaultClient has connection and header time-outs but no overall one:
// model files take minutes on slow links.
func defaultClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.TLSHandshakeTimeout = 20 * time.Second
	t.ResponseHeaderTimeout = time.Minute
	return &http.Client{Transport: t}
}

// httpsOnly copies c (or the default client) and makes it refuse any
// redirect that is not to an https:// address.
func httpsOnly(c *http.Client) *http.Client {
	if c == nil {
		c = defaultClient()
	}
	cc := *c
	prev := c.CheckRedirect
	cc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if req.URL.Scheme != "https" {
			return &fetchError{kind: ErrInsecure, detail: fmt.Sprintf("refused a redirect to %s, which is not HTTPS", req.URL.Redacted())}
		}
		if prev != nil {
			return prev(req, via)
		}
		if len(via) >= 10 {
			return &fetchError{kind: ErrServer, detail: "stopped after 10 redirects"}
		}
		return nil
	}
	return &cc
}

// get downloads rawURL into the file part, resuming from what part
// already holds, retrying with back-off. limit caps the file's size;
// exact, when not zero, is its known size. report is called with the
// bytes part holds.
func (p *puller) get(ctx context.Context, rawURL, part string, limit, exact int64, report func(int64)) error {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "https" {
		return &fetchError{kind: ErrInsecure, detail: fmt.Sprintf("refused %s, which is not an https:// address", rawURL)}
	}
	wait := p.backoff
	for attempt := 0; ; attempt++ {
		err := p.attempt(ctx, rawURL, part, limit, exact, report)
		if err == nil || ctx.Err() != nil || !retriable(err) || attempt >= p.retries {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return err
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return ctx.Err()
		}
		wait *= 2
	}
}

// attempt makes one request for the rest of the file. The part file is
// created only once the server has answered, so a failed first request
// leaves nothing behind.
func (p *puller) attempt(ctx context.Context, rawURL, part string, limit, exact int64, report func(int64)) error {
	var have int64
	if st, err := os.Stat(part); err == nil {
		have = st.Size()
	}
	if have > limit || (exact > 0 && have > exact) {
		os.Remove(part)
		have = 0
	}
	report(have)
	if exact > 0 && have == exact {
		return nil // finished by an earlier run; install checks it
	}
	actx, cancel := context.WithCancel(ctx)
	defer cancel()
	var stalled atomic.Bool
	timer := time.AfterFunc(p.stall, func() { stalled.Store(true); cancel() })
	defer timer.Stop()
	req, err := http.NewRequestWithContext(actx, http.MethodGet, rawURL, nil)
	if err != nil {
		return &fetchError{kind: ErrInsecure, detail: err.Error()}
	}
	if have > 0 {
		req.Header.Set("Range", fmt.Sprintf("bytes=%d-", have))
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return classify(err, &stalled, rawURL)
	}
	defer resp.Body.Close()
	if have, err = checkResponse(resp, part, have, limit); err != nil {
		report(have)
		return err
	}
	report(have)
	f, err := openPart(part, have)
	if err != nil {
		return err
	}
	defer f.Close()
	buf := make([]byte, 256<<10)
	for {
		n, rerr := resp.Body.Read(buf)
		if n > 0 {
			timer.Reset(p.stall)
			if have+int64(n) > limit {
				f.Close()
				os.Remove(part)
				report(0)
				return &fetchError{kind: ErrTooLarge, detail: fmt.Sprintf("the server sent more than the %d bytes the catalog allows", limit)}
			}
			if _, err := f.Write(buf[:n]); err != nil {
				return fmt.Errorf("models: write %s: %w", part, err)
			}
			have += int64(n)
			report(have)
		}
		if errors.Is(rerr, io.EOF) {
			break
		}
		if rerr != nil {
			return classify(rerr, &stalled, rawURL)
		}
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("models: write %s: %w", part, err)
	}
	if exact > 0 && have < exact {
		return &fetchError{kind: ErrServer, retry: true, detail: fmt.Sprintf("the connection ended after %d of %d bytes", have, exact)}
	}
	return nil
}

// openPart opens the part file to append to its have bytes, or creates it
// (and its folder) empty when have is 0.
func openPart(part string, have int64) (*os.File, error) {
	if err := os.MkdirAll(filepath.Dir(part), 0o755); err != nil {
		return nil, fmt.Errorf("models: create %s: %w", filepath.Dir(part), err)
	}
	flag := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if have > 0 {
		flag = os.O_WRONLY | os.O_APPEND
	}
	f, err := os.OpenFile(part, flag, 0o644)
	if err != nil {
		return nil, fmt.Errorf("models: open %s: %w", part, err)
	}
	return f, nil
}

// checkResponse checks the status and returns how many bytes of the file
// are kept before the body is appended (0 when the server sends it whole
// or the part file had to be dropped).
func checkResponse(resp *http.Response, part string, have, limit int64) (int64, error) {
	code := resp.StatusCode
	switch {
	case code == http.StatusPartialContent && have > 0:
		if !strings.HasPrefix(resp.Header.Get("Content-Range"), fmt.Sprintf("bytes %d-", have)) {
			os.Remove(part)
			return 0, &fetchError{kind: ErrServer, retry: true, detail: "the server resumed at the wrong place"}
		}
	case code == http.StatusOK:
		have = 0 // the whole file follows; openPart truncates
	case code == http.StatusRequestedRangeNotSatisfiable:
		os.Remove(part)
		return 0, &fetchError{kind: ErrServer, retry: true, detail: "the server would not resume the download"}
	case code == http.StatusNotFound || code == http.StatusGone:
		return have, &fetchError{kind: ErrNotFound, detail: fmt.Sprintf("the server has no such file (HTTP %d)", code)}
	case code >= 500 || code == http.StatusTooManyRequests || code == http.StatusRequestTimeout:
		return have, &fetchError{kind: ErrServer, retry: true, detail: fmt.Sprintf("the server failed (HTTP %d %s)", code, http.StatusText(code))}
	default:
		return have, &fetchError{kind: ErrServer, detail: fmt.Sprintf("the server answered HTTP %d %s", code, http.StatusText(code))}
	}
	if resp.ContentLength > 0 && have+resp.ContentLength > limit {
		return have, &fetchError{kind: ErrTooLarge, detail: fmt.Sprintf("the file has %d bytes, more than the %d the catalog allows", have+resp.ContentLength, limit)}
	}
	return have, nil
}

// classify turns a transport error into a fetchError.
func classify(err error, stalled *atomic.Bool, rawURL string) error {
	var fe *fetchError
	if errors.As(err, &fe) {
		return fe
	}
	host := rawURL
	if u, perr := url.Parse(rawURL); perr == nil {
		host = u.Host
	}
	if stalled.Load() {
		return &fetchError{kind: ErrTimeout, retry: true, detail: fmt.Sprintf("%s stopped answering", host)}
	}
	var dns *net.DNSError
	var op *net.OpError
	var cert *tls.CertificateVerificationError
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	switch {
	case errors.As(err, &cert) || errors.As(err, &unknownCA) || errors.As(err, &hostErr):
		return &fetchError{kind: ErrInsecure, detail: fmt.Sprintf("the HTTPS certificate of %s is not trusted", host)}
	case errors.As(err, &dns):
		return &fetchError{kind: ErrOffline, detail: "its name does not resolve; is this computer offline?"}
	case errors.As(err, &op) && (op.Op == "dial" || op.Op == "proxyconnect"):
		return &fetchError{kind: ErrOffline, detail: "the connection was refused; is this computer offline?"}
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return &fetchError{kind: ErrTimeout, retry: true, detail: fmt.Sprintf("%s took too long to answer", host)}
	}
	return &fetchError{kind: ErrServer, retry: true, detail: fmt.Sprintf("the connection to %s failed", host)}
}
