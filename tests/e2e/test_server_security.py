"""The server started with the repo's config: loopback only, DNS-rebinding and
foreign-Origin handshakes refused, same-origin accepted."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest


def _handshake(port: int, host: str, origin: str | None) -> int:
    lines = [
        "GET /_stcore/stream HTTP/1.1",
        f"Host: {host}",
        "Connection: Upgrade",
        "Upgrade: websocket",
        "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
    ]
    if origin:
        lines.append(f"Origin: {origin}")
    request = ("\r\n".join(lines) + "\r\n\r\n").encode()
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(request)
        status = s.recv(256).split(b"\r\n", 1)[0]
    return int(status.split()[1])


@pytest.mark.parametrize(
    ("host", "origin", "ok"),
    [
        ("127.0.0.1:{port}", "http://127.0.0.1:{port}", True),
        ("localhost:{port}", "http://localhost:{port}", True),
        ("rebind.attacker.example:{port}", "http://rebind.attacker.example:{port}", False),
        ("127.0.0.1:{port}", "http://evil.example", False),
        ("localhost:{port}", "https://evil.example:{port}", False),
    ],
)
def test_websocket_handshake_policy(server, host, origin, ok):
    code = _handshake(server.port, host.format(port=server.port), origin.format(port=server.port))
    assert (code == 101) is ok, code


def _listen_addresses(port: int) -> set[str]:
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        path = Path(table)
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            local, state = fields[1], fields[3]
            addr, hexport = local.split(":")
            if state == "0A" and int(hexport, 16) == port:  # 0A = LISTEN
                assert len(addr) == width
                found.add(addr)
    return found


def test_listens_on_loopback_only(server):
    addrs = _listen_addresses(server.port)
    assert addrs, "server socket not found"
    assert addrs == {"0100007F"}, addrs  # 127.0.0.1 in /proc's little-endian hex
