"""Build real Jekyll blogs with Jekyll 4.3.1 and with blogtool, and compare what they wrote.

    python benchmarks/realblogs.py SITE [SITE ...] [--config-extra NAME=FILE ...] [--json OUT]

Each SITE is a folder holding a blog's source (for instance a ``git archive`` of the commit
the README table names). Both generators get the site's ``_config.yml`` and, when
``--config-extra NAME=FILE`` names the site's folder, that file merged last (to drop a plugin
Debian does not package, say). Both run from a scratch folder with ``TZ=UTC``, blogtool with
``--compat jekyll --no-cache``. One line per site: builds (exit status of each), seconds,
output files, URL set identical or the numbers missing/extra, titles, internal links and
visible text (mean/min per common HTML page), as the compatibility suite measures them
(``tests/compat/compare.py``).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from compat.build import build_blogtool, build_jekyll  # noqa: E402
from compat.compare import compare  # noqa: E402


def _extra_config(path: Path | None) -> dict | None:
    if path is None:
        return None
    import yaml

    data = yaml.safe_load(path.read_text("utf-8")) or {}
    return data if isinstance(data, dict) else None


def measure(site: Path, extra: Path | None, work: Path) -> dict:
    """Both builds of ``site`` into ``work`` and the comparison's figures."""
    config = _extra_config(extra)
    started = time.perf_counter()
    jekyll = build_jekyll(site, work / "jekyll", config=config)
    jekyll_s = time.perf_counter() - started
    started = time.perf_counter()
    blogtool = build_blogtool(site, work / "blogtool", config=config)
    blogtool_s = time.perf_counter() - started
    row: dict = {"site": site.name, "jekyll_exit": jekyll.returncode,
                 "blogtool_exit": blogtool.returncode, "jekyll_s": round(jekyll_s, 1),
                 "blogtool_s": round(blogtool_s, 1)}
    if not blogtool.ok:
        row["blogtool_error"] = (blogtool.stderr or blogtool.stdout).strip().splitlines()[-1:]
    if jekyll.ok and blogtool.ok:
        report = compare(work / "jekyll", work / "blogtool")
        row.update(report.figures())
        row["missing_sample"] = report.missing[:10]
        row["extra_sample"] = report.extra[:10]
    return row


def line(row: dict) -> str:
    builds = f"jekyll {'yes' if row['jekyll_exit'] == 0 else 'no'} / " \
             f"blogtool {'yes' if row['blogtool_exit'] == 0 else 'no'}"
    times = f"{row['jekyll_s']} s vs {row['blogtool_s']} s"
    if "urls" not in row:
        return f"{row['site']}: {builds}; {times}; {row.get('blogtool_error', '')}"
    urls = "identical" if not row["missing"] and not row["extra"] else \
        f"{row['urls']:.1%} ({row['missing']} missing, {row['extra']} extra)"
    return (f"{row['site']}: {builds}; {row['files']} files, URLs {urls}; titles "
            f"{row['titles']:.1%}; links {row['links']:.1%}; text {row['text_mean']:.1%} / "
            f"{row['text_min']:.1%}; {times}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sites", nargs="+", type=Path)
    ap.add_argument("--config-extra", action="append", default=[], metavar="NAME=FILE",
                    help="a configuration file merged last for the site folder NAME")
    ap.add_argument("--json", type=Path, help="write every figure to this file")
    args = ap.parse_args(argv)
    extras = {}
    for item in args.config_extra:
        name, _, file = item.partition("=")
        extras[name] = Path(file).resolve()
    rows = []
    for site in args.sites:
        with tempfile.TemporaryDirectory(prefix="realblogs-") as tmp:
            row = measure(site.resolve(), extras.get(site.name), Path(tmp))
        rows.append(row)
        print(line(row), flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
