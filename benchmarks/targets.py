"""The speed targets, each with its measured ratio and a verdict (``bench.py --incremental``).

A target holds when the median meets its limit; the wall-time verdict is the one that counts
on a quiet machine, the CPU one (user + system of the process tree) is what can be trusted on a
shared one. A figure that could not be measured is "not measured", never "met".
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

try:
    from benchmarks import bench_incremental, realblog
    from benchmarks.kit import median
except ImportError:  # pragma: no cover - run as `python benchmarks/bench.py`
    import bench_incremental  # type: ignore[no-redef]
    import realblog  # type: ignore[no-redef]
    from kit import median  # type: ignore[no-redef]

TARGET_SIZE = 5000


@dataclass
class Verdict:
    """One target: its limit, the measured value on wall and CPU time, met or not."""

    target: str
    limit: str
    wall: str
    cpu: str
    met_wall: bool | None  # None: not measured
    met_cpu: bool | None


def _word(met: bool | None) -> str:
    return "not measured" if met is None else ("**met**" if met else "**not met**")


def ratio_verdict(target: str, runs: Sequence[Any], base: Sequence[Any], most: float,
                  unit: str = "") -> Verdict:
    """``runs`` / ``base`` (medians) at most ``most``, on wall and on CPU time."""
    wall, cpu = _ratio(runs, base, "wall"), _ratio(runs, base, "cpu")
    return Verdict(target, f"≤ {most:g}× {unit}".strip(), _fmt_ratio(wall), _fmt_ratio(cpu),
                   None if wall is None else wall <= most, None if cpu is None else cpu <= most)


def _ratio(runs: Sequence[Any], base: Sequence[Any], attr: str) -> float | None:
    a, b = median(runs, attr), median(base, attr)
    return None if a is None or not b else a / b


def seconds_verdict(target: str, runs: Sequence[Any], most: float) -> Verdict:
    """The median at most ``most`` seconds, on wall and on CPU time."""
    wall, cpu = median(runs, "wall"), median(runs, "cpu")
    return Verdict(target, f"≤ {most:g} s", _fmt_s(wall), _fmt_s(cpu),
                   None if wall is None else wall <= most, None if cpu is None else cpu <= most)


def _fmt_ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def _fmt_s(value: float | None) -> str:
    return "–" if value is None else f"{value:.{3 if value < 1 else 2}f} s"


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def size_verdicts(size: int, found: dict[str, Any]) -> list[Verdict]:
    """Every target measured on the generated corpus of one size."""
    hugo = found["hugo"]
    out = [ratio_verdict("first `blogtool build` / Hugo cold", found["first"], hugo, 2.5),
           ratio_verdict("`blogtool build --no-cache` / Hugo cold", found["nocache"], hugo, 2),
           ratio_verdict("first `blogtool build` / `--no-cache` (writing the cache)",
                         found["first"], found["nocache"], 1.1),
           seconds_verdict("nothing changed", found["noop"], 1.0),
           ratio_verdict("nothing changed / `find` over the sources", found["noop"],
                         found["find"], 10),
           seconds_verdict("one post's body edited (CLI)", found["edit"], 1.5)]
    serve = found.get("serve") or {}
    settled, page = serve.get("settled_median_s"), serve.get("median_s")
    out.append(Verdict("`serve`: whole site up to date after a save", "≤ 1 s",
                       _fmt_s(settled), "", None if settled is None else settled <= 1.0, None))
    out.append(Verdict("`serve`: the edited page after a save", "≈ 0.1 s (≤ 0.15 s)",
                       _fmt_s(page), "", None if page is None else page <= 0.15, None))
    out.append(seconds_verdict("`blogtool --version`", found["version"], 0.1))
    peaks = [median(found[row], "peak_rss") for row in ("nocache", "first")]
    mine = max((p for p in peaks if p is not None), default=None)
    theirs = median(hugo, "peak_rss")
    out.append(Verdict("peak memory (summed over processes), heavier of the two cold builds",
                       f"< Hugo's ({_mb(theirs)})", _mb(mine), "",
                       None if mine is None or theirs is None else mine < theirs, None))
    same = found["same"]
    differing = sum(1 for problems in same if problems)
    out.append(Verdict("incremental output = `--no-cache` output (byte compare)",
                       "identical every round", f"{len(same) - differing}/{len(same)} rounds "
                       "identical", "", None if not same else differing == 0, None))
    return out


def real_verdicts(found: dict[str, Any]) -> list[Verdict]:
    """The real blog's targets against Jekyll."""
    jekyll = found["jekyll"]
    urls = found["urls"]
    same = None if "error" in urls else not urls["missing"] and not urls["extra"]
    shown = urls.get("error") or (f"{urls['blogtool']} files, {len(urls['missing'])} missing, "
                                  f"{len(urls['extra'])} extra")
    return [ratio_verdict("first `blogtool build` / Jekyll cold", found["first"], jekyll, 0.5),
            ratio_verdict("`blogtool build --no-cache` / Jekyll cold", found["nocache"], jekyll,
                          0.5),
            seconds_verdict("nothing changed", found["noop"], 0.3),
            Verdict("same URLs as Jekyll", "no file missing or extra", shown, "", same, None)]


def _mb(value: float | None) -> str:
    return "–" if value is None else f"{value / 2**20:.0f} MB"


def verdict_table(rows: Sequence[tuple[str, Verdict]]) -> list[str]:
    lines = ["| where | target | limit | wall | CPU | verdict (wall) | verdict (CPU) |",
             "|---|---|---|---:|---:|---|---|"]
    for where, v in rows:
        lines.append(f"| {where} | {v.target} | {v.limit} | {v.wall} | {v.cpu} | "
                     f"{_word(v.met_wall)} | {_word(v.met_cpu) if v.cpu else ''} |")
    return lines


def figures_table(title: str, labels: dict[str, str], by_where: dict[str, dict[str, Any]],
                  base_row: str) -> list[str]:
    """Medians of every row, with wall and CPU ratios to ``base_row`` and the peak memory."""
    lines = [f"| {title} | build | runs | wall s | CPU s | wall / base | CPU / base | peak MB |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for where, found in by_where.items():
        base = found.get(base_row) or []
        for row, label in labels.items():
            runs = found.get(row) or []
            if not runs:
                lines.append(f"| {where} | {label} | 0 | failed or missing | | | | |")
                continue
            lines.append(f"| {where} | {label} | {len(runs)} | {_fmt(median(runs, 'wall'))} | "
                         f"{_fmt(median(runs, 'cpu'))} | "
                         f"{_fmt_ratio(_ratio(runs, base, 'wall'))} | "
                         f"{_fmt_ratio(_ratio(runs, base, 'cpu'))} | "
                         f"{_mb(median(runs, 'peak_rss'))} |")
    return lines


def report(corpus: dict[int, dict[str, Any]], real: dict[str, Any] | None, command: str,
           runs: int, context: Sequence[str] = ()) -> str:
    """The Markdown report: verdicts first, then the figures behind them; ``context``: lines
    saying when, where and with which versions it ran."""
    rows: list[tuple[str, Verdict]] = []
    for size, found in corpus.items():
        rows += [(f"{size} posts", v) for v in size_verdicts(size, found)]
    if real is not None:
        rows += [("real blog", v) for v in real_verdicts(real)]
    lines = [*(f"- {line}" for line in context), *([""] if context else []),
             f"Command: `{command}`", "",
             f"Medians of {runs} rounds, tools alternating; wall and CPU (user + system of the "
             "whole process tree). The issue's targets are stated at "
             f"{TARGET_SIZE:,} posts; other sizes are shown against the same limits.", ""]
    lines += verdict_table(rows)
    lines += ["", *figures_table("posts", bench_incremental.LABELS,
                                 {str(s): f for s, f in corpus.items()}, "hugo")]
    for size, found in corpus.items():
        serve = found.get("serve") or {}
        if "error" in serve or serve.get("errors"):
            lines.append(f"\n{size} posts, `serve`: {serve.get('error') or serve['errors']}")
        elif serve:
            lines.append(f"\n{size} posts, `serve` ({len(serve['samples_s'])} saves of "
                         f"`{serve['edited']}`): page reloaded after {serve['samples_s']} s, "
                         f"pages up to date {serve.get('pages_median_s')} s, whole site "
                         f"(search index included) {serve['settled_median_s']} s (medians); "
                         f"start with its first build {serve['startup_s']} s.")
        for round_no, problems in enumerate(found["same"], 1):
            if problems:
                lines.append(f"\n{size} posts, round {round_no}: the incremental output "
                             f"differs from `--no-cache`: {'; '.join(problems)}")
    if real is not None:
        lines += ["", f"Real blog: {real['name']}, {real['posts']} post files.", "",
                  *figures_table("blog", realblog.LABELS, {"real blog": real}, "jekyll")]
        urls = real["urls"]
        for key in ("missing", "extra"):
            if urls.get(key):
                lines.append(f"\nFiles {key} in blogtool's output: "
                             f"{', '.join(urls[key][:10])}")
    return "\n".join(lines) + "\n"
