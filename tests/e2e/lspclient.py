"""A minimal LSP client for the tests and the benchmark: starts a server, frames
JSON-RPC messages (Content-Length), sends requests and notifications, and reads the
server's messages with a time limit. Positions are whatever the session negotiated
(the tests pass positionEncodings to choose)."""
import json
import os
import select
import subprocess
import time


class Timeout(Exception):
    pass


class Client:
    def __init__(self, argv, cwd=None, env=None):
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  cwd=cwd, env=env)
        self.buf = b""
        self.next_id = 1
        self.pending = []   # messages read while waiting for something else

    # ---- raw ----
    def send_raw(self, data):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def send(self, msg):
        body = json.dumps(msg, ensure_ascii=False).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def _read_some(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            raise Timeout("no message from the server in time")
        r, _, _ = select.select([self.p.stdout], [], [], left)
        if not r:
            raise Timeout("no message from the server in time")
        chunk = os.read(self.p.stdout.fileno(), 1 << 20)
        if not chunk:
            raise EOFError("the server closed its output (exit %s): %s" % (self.p.poll(), self.p.stderr.read()[-2000:]))
        self.buf += chunk

    def _read_message(self, deadline):
        while True:
            i = self.buf.find(b"\r\n\r\n")
            if i >= 0:
                head = self.buf[:i].decode("ascii")
                n = None
                for line in head.split("\r\n"):
                    k, _, v = line.partition(":")
                    if k.strip().lower() == "content-length":
                        n = int(v.strip())
                assert n is not None, "a message without Content-Length: %r" % head
                if len(self.buf) >= i + 4 + n:
                    body = self.buf[i + 4:i + 4 + n]
                    self.buf = self.buf[i + 4 + n:]
                    return json.loads(body.decode("utf-8"))
            self._read_some(deadline)

    def read(self, timeout=10):
        if self.pending:
            return self.pending.pop(0)
        return self._read_message(time.monotonic() + timeout)

    # ---- requests ----
    def request(self, method, params=None, timeout=10):
        rid = self.next_id
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": rid, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return self.wait_response(rid, timeout)

    def wait_response(self, rid, timeout=10):
        deadline = time.monotonic() + timeout
        for i, m in enumerate(self.pending):
            if m.get("id") == rid and "method" not in m:
                return self.pending.pop(i)
        while True:
            m = self._read_message(deadline)
            if m.get("id") == rid and "method" not in m:
                return m
            self.pending.append(m)

    def notify(self, method, params=None):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def wait_notification(self, method, pred=None, timeout=10):
        deadline = time.monotonic() + timeout
        for i, m in enumerate(self.pending):
            if m.get("method") == method and (pred is None or pred(m["params"])):
                return self.pending.pop(i)["params"]
        while True:
            m = self._read_message(deadline)
            if m.get("method") == method and (pred is None or pred(m["params"])):
                return m["params"]
            self.pending.append(m)

    def diagnostics(self, uri, version=None, timeout=10):
        return self.wait_notification(
            "textDocument/publishDiagnostics",
            lambda p: p["uri"] == uri and (version is None or p.get("version") == version), timeout)["diagnostics"]

    def close(self, timeout=10):
        try:
            self.p.stdin.close()
        except BrokenPipeError:
            pass
        try:
            return self.p.wait(timeout)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
            return None


def uri(path):
    from urllib.parse import quote
    return "file://" + quote(os.path.abspath(path))
