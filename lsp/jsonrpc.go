package lsp

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"strings"
	"sync"
)

// maxMessageBytes bounds one message's body: an inventory file is at most
// 64 MiB (inventory.DefaultMaxFileBytes), and JSON may escape it further.
const maxMessageBytes = 256 << 20

// JSON-RPC 2.0 error codes, and those LSP adds.
const (
	codeParseError           = -32700
	codeInvalidRequest       = -32600
	codeMethodNotFound       = -32601
	codeInvalidParams        = -32602
	codeInternalError        = -32603
	codeServerNotInitialized = -32002
)

// message is a JSON-RPC 2.0 request, notification or response. A
// notification has no ID.
type message struct {
	JSONRPC string           `json:"jsonrpc"`
	ID      *json.RawMessage `json:"id,omitempty"`
	Method  string           `json:"method,omitempty"`
	Params  json.RawMessage  `json:"params,omitempty"`
}

// response answers a request: a result, or an error.
type response struct {
	JSONRPC string           `json:"jsonrpc"`
	ID      *json.RawMessage `json:"id"`
	Result  any              `json:"result"`
	Error   *rpcError        `json:"error,omitempty"`
}

// errorResponse is a response that carries an error and no result.
type errorResponse struct {
	JSONRPC string           `json:"jsonrpc"`
	ID      *json.RawMessage `json:"id"`
	Error   *rpcError        `json:"error"`
}

// notification is a message sent without expecting an answer.
type notification struct {
	JSONRPC string `json:"jsonrpc"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}

// rpcError is a JSON-RPC error object.
type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// Error is the error's message.
func (e *rpcError) Error() string { return e.Message }

// conn reads and writes messages framed by a Content-Length header, as the
// base protocol of LSP frames them.
type conn struct {
	r  *bufio.Reader
	mu sync.Mutex
	w  io.Writer
}

// newConn frames messages over r and w.
func newConn(r io.Reader, w io.Writer) *conn {
	return &conn{r: bufio.NewReader(r), w: w}
}

// errBadFrame is a header that cannot be read: the stream cannot be resynchronised.
var errBadFrame = errors.New("lsp: bad message header")

// read returns the next message's body. It returns io.EOF when the stream
// ends between messages.
func (c *conn) read() ([]byte, error) {
	tp := textproto.NewReader(c.r)
	header, err := tp.ReadMIMEHeader()
	if err != nil {
		if errors.Is(err, io.EOF) && len(header) == 0 {
			return nil, io.EOF
		}
		return nil, fmt.Errorf("%w: %v", errBadFrame, err)
	}
	length := strings.TrimSpace(header.Get("Content-Length"))
	n, err := strconv.ParseInt(length, 10, 64)
	if err != nil || n < 0 {
		return nil, fmt.Errorf("%w: Content-Length %q", errBadFrame, length)
	}
	if n > maxMessageBytes {
		return nil, fmt.Errorf("%w: a message of %d bytes, more than %d", errBadFrame, n, maxMessageBytes)
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(c.r, body); err != nil {
		return nil, fmt.Errorf("%w: the message ends early: %v", errBadFrame, err)
	}
	return body, nil
}

// write sends v as one message.
func (c *conn) write(v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, err := fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n", len(body)); err != nil {
		return err
	}
	_, err = c.w.Write(body)
	return err
}
