"""The whole site: every check over its configuration, plugins and templates, and a trial
build."""
from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ...build.plugins import active
from ...build.reader import read_site
from ...build.site import build, plan
from ...errors import BuildError, Diagnostics
from ...timeutil import RubyTime
from .configuration import config_findings
from .finding import Finding, display
from .plugins import plugin_findings, ruby_plugin_findings
from .render_order import render_order_findings
from .tags import known_tags, scan_tags, tag_findings


def diagnose(source: Path | str = ".", *, config_files: list[str] | None = None,
             overrides: Mapping[str, Any] | None = None,
             trial: Path | None = None) -> list[Finding]:
    """Everything in the site at ``source`` that blogtool handles differently from Jekyll,
    in file order; with ``trial`` (a scratch folder), also what a real build of the site stops
    on or warns about. Raises :class:`~blogtool.errors.BuildError` when the configuration
    cannot be read."""
    source = Path(source).resolve()
    diagnostics = Diagnostics()
    config, settings = plan(source, source / "_site", config_files=config_files,
                            overrides=overrides, diagnostics=diagnostics)
    compat = settings.compat
    cfg_file = _config_file(source, config_files)
    cfg_path = display(cfg_file, source) if cfg_file else "_config.yml"
    cfg_text = cfg_file.read_text("utf-8-sig", errors="replace") if cfg_file else ""
    findings = plugin_findings(config, compat, cfg_path, cfg_text)
    findings += config_findings(config, compat, cfg_path, cfg_text)
    findings += ruby_plugin_findings(source, str(config.get("plugins_dir") or "_plugins"))
    if trial is not None:
        findings += trial_build(source, trial, config_files=config_files, overrides=overrides)

    now = RubyTime.wrap(_dt.datetime.now(_dt.UTC))
    try:
        sources = read_site(config, settings, now, diagnostics)
    except BuildError as exc:      # the trial build reports it, or this does
        stop = _stop_finding(exc)
        return findings if stop in findings else findings + [stop]
    ignored = settings.blogtool.ignored_tags
    known = known_tags(active(config, settings))
    hits: list[tuple[str, int, str]] = []
    for layout in sorted(sources.layouts.values(), key=lambda x: x.rel_path):
        hits += scan_tags(layout.body, layout.rel_path, layout.body_line, known, ignored)
    for rel, text in _includes(source, settings.includes_dir):
        hits += scan_tags(text, rel, 1, known, ignored)
    for doc in sorted(sources.all_documents(), key=lambda d: d.rel_path):
        if doc.data.get("render_with_liquid", True) is not False:
            hits += scan_tags(doc.body, doc.rel_path, doc.body_line, known, ignored)
    findings += tag_findings(hits, ignored)
    findings += render_order_findings(sources, _includes(source, settings.includes_dir))
    # a build warning where a finding already points (an ignored tag) says nothing new
    placed = {(f.path, f.line) for f in findings if not f.message.startswith("build warning:")}
    return [f for f in findings
            if not (f.message.startswith("build warning:") and (f.path, f.line) in placed)]


def trial_build(source: Path | str, dest: Path, *, config_files: list[str] | None = None,
                overrides: Mapping[str, Any] | None = None) -> list[Finding]:
    """Build the site into ``dest`` as ``blogtool build`` would (no cache written into the
    source). What stops the build is a finding: Jekyll 4.3.1 builds the sites whose rules
    blogtool follows, so a stop is a difference unless Jekyll stops there too. Build
    warnings are notes (Jekyll warns about the same things)."""
    try:
        result = build(Path(source), Path(dest), config_files=config_files, overrides=overrides,
                       use_cache=False)
    except BuildError as exc:
        return [_stop_finding(exc)]
    except Exception as exc:  # noqa: BLE001 - an internal error is a finding, never a traceback
        return [Finding(str(source), None, f"the build fails with an internal error: "
                                           f"{type(exc).__name__}: {exc}",
                        "stops; please report this site")]
    return [Finding(w.path, w.line, f"build warning: {w.message}",
                    "warns and goes on", unsupported=False) for w in result.warnings]


def _stop_finding(exc: Any) -> Finding:
    p = exc.problem
    return Finding(p.path, p.line, f"the build stops here: {p.message}",
                   "stops, as `blogtool build` would; if Jekyll 4.3.1 builds this site, this "
                   "is a rule blogtool does not follow yet")


def _includes(source: Path, includes_dir: str) -> list[tuple[str, str]]:
    base = source / includes_dir.strip("/")
    out: list[tuple[str, str]] = []
    if not base.is_dir():
        return out
    for path in sorted(base.rglob("*")):
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(base).parts):
            continue
        try:
            out.append((display(path, source), path.read_text("utf-8-sig")))
        except (UnicodeDecodeError, OSError):
            continue
    return out


def _config_file(source: Path, config_files: list[str] | None) -> Path | None:
    if config_files:
        path = Path(config_files[-1])
        return path if path.is_absolute() else Path.cwd() / path
    for name in ("_config.yml", "_config.yaml"):
        if (source / name).is_file():
            return source / name
    return None
