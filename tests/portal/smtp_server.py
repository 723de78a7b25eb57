"""A real SMTP server on 127.0.0.1, in a thread, whose first session can get stuck like a failing one."""

import socketserver
import threading

from django.utils.encoding import force_bytes


class SMTPServer:
    """Records each message it accepts; with `stuck_at` ("DATA" or "QUIT") its first session stops
    answering at that command, and `stuck` is set, until the server is closed."""

    def __init__(self, *, stuck_at: str | None = None):
        self.messages: list[bytes] = []
        self.stuck = threading.Event()
        self._stuck_at = force_bytes(stuck_at) if stuck_at else None
        self._closing = threading.Event()
        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]

    def _handler(self):
        server = self

        class Handler(socketserver.StreamRequestHandler):
            def reply(self, line: str) -> None:
                self.wfile.write(f"{line}\r\n".encode())

            def handle(self):
                self.reply("220 test ESMTP")
                while line := self.rfile.readline():
                    command = line.split(maxsplit=1)[0].upper() if line.strip() else b""
                    if command == server._stuck_at and not server.stuck.is_set():
                        server.stuck.set()
                        server._closing.wait()
                        return
                    if command == b"DATA":
                        self.reply("354 end with <CRLF>.<CRLF>")
                        server.messages.append(b"".join(iter(self.rfile.readline, b".\r\n")))
                        self.reply("250 queued")
                    elif command == b"QUIT":
                        self.reply("221 bye")
                        return
                    else:  # EHLO, MAIL, RCPT, RSET, NOOP
                        self.reply("250 ok")

        return Handler

    def __enter__(self):
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._closing.set()
        self._server.shutdown()
        self._server.server_close()
