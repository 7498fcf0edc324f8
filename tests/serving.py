"""``blogtool serve`` in a subprocess, for the tests that drive the real command."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

SERVE = "from blogtool.cli.serve import command; command(prog_name='blogtool serve')"


class ServeProcess:
    """``blogtool serve -P 0 ...``; its output lines are collected on a thread and the
    address it prints is read. ``wait``: block until it serves (its first build is done)."""

    def __init__(self, source: Path, *args: str, wait: bool = True):
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        env.pop("JEKYLL_ENV", None)
        self.proc = subprocess.Popen([sys.executable, "-c", SERVE, "-s", str(source),
                                      "-H", "127.0.0.1", "-P", "0", *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True, env=env)
        self.lines: list[str] = []
        self.address: str | None = None
        self.port: int | None = None
        self._ready = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        if wait and (not self._ready.wait(120) or self.address is None):
            self.stop()
            raise AssertionError("serve did not start:\n" + self.output())

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line)
            match = re.match(r"Server address: (http://[^:/]+:(\d+)\S*)", line)
            if match:
                self.address, self.port = match.group(1), int(match.group(2))
                self._ready.set()
        self._ready.set()

    @property
    def origin(self) -> str:
        assert self.port is not None
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return "".join(self.lines)

    def wait_for_workers(self) -> None:
        """Until serve's first build renders in worker processes (its posts are read)."""
        deadline = time.monotonic() + 60
        children: list[str] = []
        while time.monotonic() < deadline and not children:
            children = (Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
                        .read_text().split())
            time.sleep(0.02)
        assert children, "the first build forked no worker"

    def stop(self, timeout: float = 10) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        return self.proc.wait()
