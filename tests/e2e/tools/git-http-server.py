#!/usr/bin/env python3
"""A smart-HTTP git server for tests, behind HTTP Basic authentication.

usage: git-http-server.py [--log FILE] ROOT USER PASSWORD

Serves every repository below the folder ROOT through `git http-backend`
(found in `git --exec-path`) as a CGI program, on 127.0.0.1 at a free
port, which it prints as the first line of its output; then serves until
it is killed. A request without the user and password given here gets
401 and a WWW-Authenticate challenge, as a git host answers. With --log,
each request is a line of FILE, "METHOD PATH STATUS", written before it
is answered, so a test can count what a client asked; else it logs
nothing.
"""
import argparse
import base64
import os
import subprocess
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

parser = argparse.ArgumentParser()
parser.add_argument("--log")
parser.add_argument("root")
parser.add_argument("user")
parser.add_argument("password")
args = parser.parse_args()
root, user, password = args.root, args.user, args.password
backend = os.path.join(
    subprocess.run(["git", "--exec-path"], capture_output=True, check=True, text=True)
    .stdout.strip(),
    "git-http-backend",
)
expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"   # keep-alive, as git hosts do; every reply has a length

    def log_message(self, *_):
        pass

    def reply(self, status, reason, headers, body):
        # Logged first: a client that has its answer finds its request in the log.
        if args.log:
            with open(args.log, "a") as log:
                log.write(f"{self.command} {self.path} {status}\n")
        self.send_response(status, reason)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def body(self):
        """The request's body, whether sized or chunked."""
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def serve(self):
        body = self.body() if self.command == "POST" else b""
        if self.headers.get("Authorization") != expected:
            self.reply(401, "Unauthorized",
                       [("WWW-Authenticate", 'Basic realm="perennial tests"'),
                        ("Content-Type", "text/plain")], b"authentication required\n")
            return
        url = urlsplit(self.path)
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "GIT_PROJECT_ROOT": root,
            "GIT_HTTP_EXPORT_ALL": "1",
            "GATEWAY_INTERFACE": "CGI/1.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REQUEST_METHOD": self.command,
            "PATH_INFO": unquote(url.path),
            "QUERY_STRING": url.query,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": str(len(body)),
            "REMOTE_USER": user,
            "REMOTE_ADDR": self.client_address[0],
        }
        for name, value in self.headers.items():
            key = "HTTP_" + name.upper().replace("-", "_")
            if key not in ("HTTP_AUTHORIZATION", "HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH"):
                env[key] = value
        out = subprocess.run([backend], input=body, env=env, capture_output=True).stdout
        head, _, payload = out.partition(b"\r\n\r\n")
        if not _:
            head, _, payload = out.partition(b"\n\n")
        status, reason, headers = 200, "OK", []
        for line in head.decode("latin-1").splitlines():
            name, _, value = line.partition(":")
            if name.lower() == "status":
                code, _, reason = value.strip().partition(" ")
                status = int(code)
            elif name:
                headers.append((name, value.strip()))
        self.reply(status, reason, headers, payload)

    do_GET = serve
    do_POST = serve


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that hangs up on a kept-alive connection is no error of the tests.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


server = Server(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
