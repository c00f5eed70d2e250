"""A real SMTP server for tests (aiosmtpd), with the faults real ones have."""

import email
import socket
import threading
import time
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Faults:
    """What the server does wrong; tests change it while it runs."""

    # Seconds each message waits before the server answers its DATA.
    delay: float = 0
    # The next N messages get "451 try again later".
    temporary_failures: int = 0
    # Addresses refused for good at RCPT TO ("550 No such user").
    refused: set = field(default_factory=set)
    # The next N messages lose the connection before the server accepts them.
    drops: int = 0


class Handler:
    def __init__(self, faults: Faults):
        self.faults = faults
        self.received = []
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.faults.refused:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.faults.delay:
            time.sleep(self.faults.delay)
        with self.lock:
            if self.faults.drops:
                self.faults.drops -= 1
                server.transport.close()
                return "421 4.4.2 Connection dropped"
            if self.faults.temporary_failures:
                self.faults.temporary_failures -= 1
                return "451 4.3.0 Try again later"
            self.received.append(email.message_from_bytes(envelope.content))
        return "250 2.0.0 Accepted"


class SMTPServer:
    """An SMTP server on 127.0.0.1 that can be stopped (down) and started again."""

    def __init__(self):
        self.port = free_port()
        self.faults = Faults()
        self.handler = Handler(self.faults)
        self.controller = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    @property
    def received(self) -> list:
        with self.handler.lock:
            return list(self.handler.received)

    def start(self):
        self.controller = Controller(
            self.handler, hostname="127.0.0.1", port=self.port, ready_timeout=10
        )
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def wait_for(self, count: int, *, timeout: float = 60) -> list:
        """The messages received, once there are `count` (or the timeout passed)."""
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.received


def message_ids(messages) -> list[str]:
    return [message["Message-ID"] for message in messages]
