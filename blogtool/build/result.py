"""What a build returns: counts, the problems it reported and what it wrote. Its own module
(no imports beyond the standard library's lightest) so the check for an unchanged site can
answer without loading the pipeline."""
from __future__ import annotations

TYPE_CHECKING = False     # typing itself is not imported: it costs a no-op build 3 ms
if TYPE_CHECKING:
    from pathlib import Path

    from ..errors import Problem


class BuildResult:
    """``outputs``: dest path -> source rel_path; ``rendered``: documents laid out this
    build; ``changed_files``: files replaced or removed in a site patched in place (None: the
    whole site was swapped); ``hint``: said after the summary, e.g. for an empty folder."""

    def __init__(self, destination: Path, documents: int, written: int, unchanged: int,
                 static: int, seconds: float, warnings: list[Problem] | None = None,
                 notes: list[str] | None = None, outputs: dict[str, str] | None = None,
                 rendered: list[str] | None = None, changed_files: list[str] | None = None,
                 hint: str = ""):
        self.destination = destination
        self.documents = documents
        self.written = written
        self.unchanged = unchanged
        self.static = static
        self.seconds = seconds
        self.warnings: list[Problem] = warnings if warnings is not None else []
        self.notes: list[str] = notes if notes is not None else []
        self.outputs: dict[str, str] = outputs if outputs is not None else {}
        self.rendered: list[str] = rendered if rendered is not None else []
        self.changed_files = changed_files
        self.hint = hint

    def __repr__(self) -> str:
        return f"BuildResult({self.summary()!r})"

    def summary(self) -> str:
        return summary(self.documents, self.written, self.unchanged, self.static,
                       len(self.warnings), self.seconds, str(self.destination), self.hint)


def summary(documents: int, written: int, unchanged: int, static: int, warnings: int,
            seconds: float, destination: str, hint: str) -> str:
    """The line a build ends with (and the hint after it, if any)."""
    parts = [f"{documents} pages ({written} written, {unchanged} unchanged)",
             f"{static} static file{'s' if static != 1 else ''}"]
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    line = f"Built {', '.join(parts)} in {seconds:.2f} s -> {destination}"
    return f"{line}\n{hint}" if hint else line
