"""Problems found in a user's site, carried as values with a location until the CLI prints them.

Every message a user sees has the shape ``path:line: sentence``. A *warning* is something
Jekyll reports and skips; an *error* is something Jekyll stops on. ``--strict`` turns warnings
into errors.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One located problem. ``path`` is relative to the site source, POSIX style."""

    path: str
    line: int | None
    message: str
    severity: str = "error"  # "error" | "warning"

    def __str__(self) -> str:
        where = self.path or "<site>"
        if self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"


class BuildError(Exception):
    """A build-stopping problem. Raised with a :class:`Problem`; never shown as a traceback."""

    def __init__(self, path: str, line: int | None, message: str):
        self.problem = Problem(path, line, message, "error")
        super().__init__(str(self.problem))

    @classmethod
    def from_problem(cls, problem: Problem) -> BuildError:
        return cls(problem.path, problem.line, problem.message)

    def __reduce__(self):  # picklable across worker processes
        return (BuildError, (self.problem.path, self.problem.line, self.problem.message))


class InvalidYaml(BuildError):
    """YAML that does not parse. Jekyll logs it and goes on for front matter (unless
    ``strict_front_matter``) but stops for ``_config.yml`` and ``_data``; the reader decides."""


@dataclass
class Diagnostics:
    """Collects warnings during a build; errors are raised as :class:`BuildError`."""

    strict: bool = False
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)   # informational, never an error

    def info(self, message: str) -> None:
        self.notes.append(message)

    def warn(self, path: str, line: int | None, message: str) -> None:
        problem = Problem(path, line, message, "warning")
        if self.strict:
            raise BuildError.from_problem(problem)
        if problem not in self.warnings:
            self.warnings.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for p in problems:
            self.warn(p.path, p.line, p.message)

    # Work done elsewhere (a forked worker, a chunk of documents) hands its reports back to
    # be replayed in document order: mark, take what came since, replay.
    def mark(self) -> tuple[int, int]:
        return len(self.warnings), len(self.notes)

    def take(self, mark: tuple[int, int]) -> tuple[list[Problem], list[str]]:
        """What was reported since ``mark``, removed from here."""
        warnings, notes = self.warnings[mark[0]:], self.notes[mark[1]:]
        del self.warnings[mark[0]:]
        del self.notes[mark[1]:]
        return warnings, notes

    def replay(self, warnings: Iterable[Problem], notes: Iterable[str]) -> None:
        self.extend(warnings)
        self.notes.extend(notes)

    @staticmethod
    def error(path: str, line: int | None, message: str) -> BuildError:
        return BuildError(path, line, message)
