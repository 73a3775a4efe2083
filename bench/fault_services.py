"""The fault suite's own PostgreSQL cluster and redis-server, on their own ports in a temp dir.

The machine's PostgreSQL (5432) and Redis (6379) serve other people's tests: the suite never
touches them. Only these two are restarted or killed.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.support.redis_server import RedisServer

PG_PORT = 55433
REDIS_PORT = 6391


def _wait_port(port: int, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")


def _as_postgres(argv: list[str]) -> list[str]:
    # initdb refuses to run as root: the cluster belongs to the postgres system user then.
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


class OwnPostgres:
    def __init__(self, root: Path, port: int = PG_PORT) -> None:
        self.port = port
        self.dir = root / "pg"
        self.dir.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(root, "postgres")
            shutil.chown(self.dir, "postgres")
        self.log = root / "pg.log"
        bindir = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True,
                                check=True).stdout.strip()
        self._bin = Path(bindir)

    @property
    def admin_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def init(self) -> None:
        subprocess.run(_as_postgres([str(self._bin / "initdb"), "-D", str(self.dir), "-A",
                                     "trust", "-U", "postgres", "--no-sync"]),
                       check=True, capture_output=True)

    def _ctl(self, *args: str) -> None:
        options = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c max_connections=200")
        subprocess.run(_as_postgres([str(self._bin / "pg_ctl"), "-D", str(self.dir), "-l",
                                     str(self.log), "-w", "-o", options, *args]),
                       check=True, capture_output=True)

    def start(self) -> None:
        if os.geteuid() == 0 and not self.log.exists():
            self.log.touch()
            shutil.chown(self.log, "postgres")
        self._ctl("start")
        _wait_port(self.port)

    def restart(self) -> None:
        """A fast shutdown (every connection cut) and a start: what an upgrade looks like."""
        self._ctl("-m", "fast", "restart")
        _wait_port(self.port)

    def stop(self) -> None:
        self._ctl("-m", "immediate", "stop")


class OwnRedis(RedisServer):
    """The tests' throwaway redis-server, on the suite's fixed port."""

    def __init__(self, port: int = REDIS_PORT) -> None:
        super().__init__()
        self.port = port

    def kill(self) -> None:
        self.stop()


def scratch_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="radar-faults-"))


class OwnSmtp:
    """An aiosmtpd server that can go down and come back on the same port (a Controller
    cannot be started twice, so each start builds a new one around the same handler)."""

    def __init__(self) -> None:
        from tests.support.smtp import RecordingHandler, _free_port

        self.handler = RecordingHandler()
        self.port = _free_port()
        self._controller: Any = None

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        self._controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None
