"""A finding: one thing blogtool handles differently from Jekyll, and where it is."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Finding:
    """One thing blogtool handles differently from Jekyll, where it is and what happens."""

    path: str
    line: int | None
    message: str
    action: str
    unsupported: bool = True      # False: a note; the output is the same as Jekyll's

    def __str__(self) -> str:
        where = self.path + (f":{self.line}" if self.line else "")
        kind = "" if self.unsupported else "note: "
        return f"{where}: {kind}{self.message}\n    blogtool: {self.action}"


def display(path: Path, source: Path) -> str:
    try:
        return path.resolve().relative_to(source).as_posix()
    except ValueError:
        return str(path)
