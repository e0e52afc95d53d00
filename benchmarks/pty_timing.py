"""Timing a terminal program the way a user feels it: in a real pseudo-terminal.

The program's output is fed to a VT emulator (pyte); the clock stops at the read after
which the expected texts are on screen. Parsing happens only in pauses of the output, so
the emulator's cost does not leak into the figures. Key latency: after the screen has
been quiet for a while, send a key and time until any cell (text or colour) changes.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import struct
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from fcntl import ioctl

import pyte

KEYS = {"down": b"\x1b[B", "up": b"\x1b[A", "right": b"\x1b[C", "left": b"\x1b[D"}


@dataclass
class Run:
    first_paint: float = float("nan")
    peak_rss_mib: float = float("nan")
    keys: list[float] = field(default_factory=list)


class Term:
    def __init__(self, argv: Sequence[str], cols: int, rows: int, env: dict[str, str]) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.start = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # child
            os.execvpe(argv[0], list(argv), env)
        ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.pending: list[tuple[float, bytes]] = []

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            return False
        if data:
            self.pending.append((time.perf_counter(), data))
            if b"\x1b[6n" in data:  # answer a cursor position query
                os.write(self.fd, b"\x1b[1;1R")
        return bool(data)

    def _drain(self, check) -> float | None:  # type: ignore[no-untyped-def]
        """Feed pending chunks; the time of the first after which ``check()`` holds."""
        found = None
        for stamp, data in self.pending:
            self.stream.feed(data)
            if found is None and check():
                found = stamp
        self.pending.clear()
        return found

    def wait_for(self, texts: Sequence[str], timeout: float = 30.0) -> float:
        """Seconds from spawn until all ``texts`` are visible."""
        deadline = time.perf_counter() + timeout

        def visible() -> bool:
            shown = "\n".join(self.screen.display)
            return all(t in shown for t in texts)

        while time.perf_counter() < deadline:
            if not self._read(0.002) and self.pending:
                stamp = self._drain(visible)
                if stamp is not None:
                    return stamp - self.start
        raise TimeoutError(f"never saw {texts!r}; screen:\n" + "\n".join(self.screen.display))

    def settle(self, quiet: float = 0.5, timeout: float = 10.0) -> None:
        deadline = time.perf_counter() + timeout
        last = time.perf_counter()
        while time.perf_counter() < deadline and time.perf_counter() - last < quiet:
            if self._read(0.01):
                last = time.perf_counter()
        self._drain(lambda: False)

    def _cells(self) -> list[tuple[object, ...]]:
        return [
            (c.data, c.fg, c.bg, c.bold, c.reverse)
            for y in range(self.screen.lines)
            for c in (self.screen.buffer[y][x] for x in range(self.screen.columns))
        ]

    def key_latency(self, key: str, timeout: float = 5.0) -> float:
        before = self._cells()
        sent = time.perf_counter()
        os.write(self.fd, KEYS.get(key, key.encode()))
        deadline = sent + timeout
        while time.perf_counter() < deadline:
            if not self._read(0.002) and self.pending:
                stamp = self._drain(lambda: self._cells() != before)
                if stamp is not None:
                    return stamp - sent
        raise TimeoutError(f"key {key!r} changed nothing on screen")

    def peak_rss(self) -> float:
        """Peak resident memory (MiB) of the program since exec (Linux: VmHWM)."""
        try:
            with open(f"/proc/{self.pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return float("nan")

    def kill(self) -> float:
        """Kill the program; returns its peak RSS in MiB (read just before)."""
        peak = self.peak_rss()
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)
        return peak


def measure(
    argv: Sequence[str],
    expect: Sequence[str],
    *,
    keys: Sequence[str] = (),
    size: tuple[int, int] = (120, 40),
    env: dict[str, str] | None = None,
) -> Run:
    environment = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor", **(env or {})}
    # measure what users get: bytecode compiled once and cached
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    term = Term(argv, size[0], size[1], environment)
    run = Run()
    try:
        run.first_paint = term.wait_for(expect)
        if keys:
            term.settle()
            for key in keys:
                run.keys.append(term.key_latency(key))
                term.settle(0.3)
    finally:
        run.peak_rss_mib = term.kill()
    return run
