"""What a build returns: counts, the problems it reported and what it wrote. Its own module
(standard library only) so the check for an unchanged site can answer without loading the
pipeline."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem


@dataclass
class BuildResult:
    destination: Path
    documents: int
    written: int
    unchanged: int
    static: int
    seconds: float
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)   # dest path -> source rel_path
    rendered: list[str] = field(default_factory=list)       # documents laid out this build
    # files replaced or removed in a site patched in place (None: the whole site was swapped)
    changed_files: list[str] | None = None
    hint: str = ""            # said after the summary, e.g. for a folder with nothing in it

    def summary(self) -> str:
        parts = [f"{self.documents} pages ({self.written} written, {self.unchanged} unchanged)",
                 f"{self.static} static file{'s' if self.static != 1 else ''}"]
        if self.warnings:
            parts.append(f"{len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}")
        line = f"Built {', '.join(parts)} in {self.seconds:.2f} s -> {self.destination}"
        return f"{line}\n{self.hint}" if self.hint else line

