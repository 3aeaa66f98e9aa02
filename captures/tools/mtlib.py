"""Small helpers shared by the mailteach capture clients (standard library only).

Every client here talks to 127.0.0.1 only. A transcript of what is sent and
received goes to stderr so a failing scenario can be debugged from the log of
make-captures.sh.
"""

import os
import re
import contextlib
import socket
import ssl
import sys
import time

HOST = "127.0.0.1"
DOMAIN = "mail.example.test"
CLIENT_NAME = "client.example.test"
USER = "student"
PASSWORD = "secret"
STUDENT = "student@" + DOMAIN
TEACHER = "teacher@" + DOMAIN

TOOLS_DIR = os.path.dirname(os.path.abspath(__file__))
MSG_DIR = os.path.join(TOOLS_DIR, "messages")


def log(direction, data):
    if isinstance(data, (bytes, bytearray)):
        text = bytes(data).decode("latin-1")
    else:
        text = str(data)
    for line in text.splitlines() or [""]:
        sys.stderr.write("%s %s\n" % (direction, line[:200] + ("..." if len(line) > 200 else "")))
    sys.stderr.flush()


def tls_context(keylog=None):
    """Client TLS context that accepts the snakeoil certificate and, if given,
    writes an NSS key log (SSLKEYLOGFILE format) for editcap --inject-secrets."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    if keylog:
        ctx.keylog_filename = keylog
    return ctx


def keylog_from_env():
    return os.environ.get("MAILTEACH_KEYLOG") or None


@contextlib.contextmanager
def fixed_client_port(port):
    """Connections opened inside come from this local port (socket.create_connection
    is what poplib, imaplib and Conn use)."""
    real = socket.create_connection

    def create(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None, **kw):
        return real(address, timeout, source_address or (HOST, port), **kw)
    socket.create_connection = create
    try:
        yield
    finally:
        socket.create_connection = real


class Conn:
    """A raw TCP client with line readers for SMTP, POP3 and IMAP replies."""

    def __init__(self, port, host=HOST, nodelay=True, timeout=30):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        if nodelay:
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""
        self.eof = False

    # ---- low level -------------------------------------------------------
    def _fill(self):
        try:
            data = self.sock.recv(65536)
        except (ConnectionResetError, BrokenPipeError):
            data = b""
        if not data:
            self.eof = True
            return False
        self.buf += data
        return True

    def readline(self):
        """One line including its line end (CRLF or bare LF)."""
        while b"\n" not in self.buf:
            if not self._fill():
                line, self.buf = self.buf, b""
                if line:
                    log("S:", line)
                return line
        i = self.buf.index(b"\n") + 1
        line, self.buf = self.buf[:i], self.buf[i:]
        log("S:", line.rstrip(b"\r\n"))
        return line

    def read_exact(self, n):
        while len(self.buf) < n:
            if not self._fill():
                break
        data, self.buf = self.buf[:n], self.buf[n:]
        log("S:", "<%d octets>" % len(data))
        return data

    def send(self, data):
        """Send bytes with ONE sendall() call (one TCP segment for small data)."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        log("C:", data.rstrip(b"\r\n") if len(data) < 300 else data[:300] + b"...")
        self.sock.sendall(data)

    def line(self, text):
        """Send one command line terminated by CRLF."""
        if isinstance(text, str):
            text = text.encode("utf-8")
        self.send(text + b"\r\n")

    def type_slowly(self, data, delay=0.04):
        """Send one keystroke per send() call, like a character-mode telnet
        client (Windows telnet): with TCP_NODELAY every typed character leaves
        in its own 1-octet TCP segment. The Enter key is one keystroke and
        sends CR LF together (2 octets in one segment), as Windows telnet does."""
        if isinstance(data, str):
            data = data.encode("latin-1")
        log("C(typed):", data.replace(b"\x08", b"<BS>"))
        keys = re.findall(rb"\r\n|[\s\S]", data)
        for i, k in enumerate(keys):
            self.sock.send(k)
            if i < len(keys) - 1:
                time.sleep(delay)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def finish(self, timeout=5):
        """After QUIT/LOGOUT: wait for the server to close first, then close,
        so the capture shows the server's FIN before the client's."""
        self.drain_until_close(timeout)
        self.close()

    def drain_until_close(self, timeout=5):
        """Read (and log) whatever the server still sends until it closes."""
        self.sock.settimeout(timeout)
        quickack = getattr(socket, "TCP_QUICKACK", None)
        try:
            while True:
                if quickack is not None:
                    # ACK the server's FIN at once (no delayed ACK), so the
                    # server does not retransmit its FIN while we linger
                    try:
                        self.sock.setsockopt(socket.IPPROTO_TCP, quickack, 1)
                    except OSError:
                        pass
                if not self._fill():
                    break
        except socket.timeout:
            pass
        if self.buf:
            log("S:", self.buf)
            self.buf = b""

    # ---- SMTP --------------------------------------------------------------
    def smtp_reply(self):
        """Read one (possibly multi-line) SMTP reply; return (code, [lines])."""
        lines = []
        while True:
            line = self.readline()
            if not line:
                return (None, lines)
            lines.append(line)
            if len(line) < 4 or line[3:4] != b"-":
                break
        try:
            code = int(lines[-1][:3])
        except ValueError:
            code = None
        return (code, lines)

    def smtp(self, text, expect=None):
        self.line(text)
        code, lines = self.smtp_reply()
        if expect is not None and code != expect:
            raise RuntimeError("expected %s after %r, got %r" % (expect, text, lines))
        return code

    # ---- POP3 --------------------------------------------------------------
    def pop_line(self):
        return self.readline()

    def pop_multi(self):
        """Read a POP3 multi-line response body after its status line."""
        lines = []
        while True:
            line = self.readline()
            if not line or line in (b".\r\n", b".\n"):
                return lines
            lines.append(line)

    def pop(self, text, multi=False):
        self.line(text)
        status = self.pop_line()
        if multi and status.startswith(b"+OK"):
            self.pop_multi()
        return status

    # ---- IMAP --------------------------------------------------------------
    _literal = re.compile(rb"\{(\d+)\+?\}\r?\n$")

    def imap_response_line(self):
        """One IMAP response line, with any literals it contains appended."""
        data = self.readline()
        while True:
            m = self._literal.search(data)
            if not m:
                return data
            data += self.read_exact(int(m.group(1)))
            more = self.readline()
            if not more:
                return data
            data += more

    def imap_until(self, tag):
        """Read responses until the tagged completion for `tag`."""
        if isinstance(tag, str):
            tag = tag.encode()
        out = []
        while True:
            line = self.imap_response_line()
            if not line:
                return out
            out.append(line)
            if line.startswith(tag + b" "):
                return out

    def imap(self, tag, command):
        if isinstance(tag, str):
            tag = tag.encode()
        if isinstance(command, str):
            command = command.encode("utf-8")
        self.line(tag + b" " + command)
        return self.imap_until(tag)
