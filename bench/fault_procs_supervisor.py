"""Child processes of the fault suite, restarted the way compose's `restart: unless-stopped`
would: a SIGKILLed process is started again at once; one that exits by itself is noted (it did
not survive) and started again, unless it finished its work (exit 0 of a one-shot)."""

from __future__ import annotations

import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Supervised:
    name: str
    argv: list[str]
    env: dict[str, str]
    log_path: Path
    one_shot: bool = False  # exits 0 when its work is done
    kills: int = 0
    self_exits: int = 0
    done: bool = False
    kill_times: list[float] = field(default_factory=list)
    _process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        log = self.log_path.open("ab")
        self._process = subprocess.Popen(self.argv, env=self.env, stdout=log, stderr=log,
                                         cwd=Path(__file__).resolve().parents[1])
        log.close()

    def kill(self, at: float) -> None:
        if self._process is None or self.done or self._process.poll() is not None:
            return
        self._process.send_signal(signal.SIGKILL)
        self._process.wait()
        self.kills += 1
        self.kill_times.append(at)
        self.start()

    def watch(self) -> None:
        """Called often: restarts a process that ended on its own."""
        if self._process is None or self.done:
            return
        code = self._process.poll()
        if code is None:
            return
        if code == 0 and self.one_shot:
            self.done = True
            return
        self.self_exits += 1
        self.start()

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.send_signal(signal.SIGTERM)
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()


def now() -> float:
    return time.monotonic()
