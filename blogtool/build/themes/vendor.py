"""``blogtool theme vendor``: the resolved theme copied into the site's ``_themes/`` folder,
so that later builds need neither Ruby nor the network. Only what a theme provides is
copied: ``_layouts``, ``_includes``, ``_sass``, ``assets``, ``_data``, its ``_config.yml``
and gemspec (for its plugin list)."""
from __future__ import annotations

import shutil
from pathlib import Path

from .resolve import FOLDERS, VENDOR_DIR, ResolvedTheme

EXTRA_FILES = ("_config.yml",)


def vendor_target(source: Path, theme: ResolvedTheme) -> Path:
    return source / VENDOR_DIR / theme.name


def vendor(source: Path, theme: ResolvedTheme) -> tuple[Path, int]:
    """Copy ``theme`` into the site; returns the folder and the number of files copied. A
    theme already vendored there is left as it is (0 files)."""
    target = vendor_target(source, theme)
    if theme.origin == "vendored" or target.exists():
        return target, 0
    staging = target.with_name(target.name + ".partial")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    count = 0
    for folder in FOLDERS:
        path = theme.path_for(folder)
        if path is not None:
            shutil.copytree(path, staging / folder, symlinks=False)
            count += sum(1 for p in (staging / folder).rglob("*") if p.is_file())
    for f in [theme.root / name for name in EXTRA_FILES] + sorted(theme.root.glob("*.gemspec")):
        if f.is_file() and not f.is_symlink():
            shutil.copy2(f, staging / f.name)
            count += 1
    spec = _installed_spec(theme)
    if spec is not None and not any(staging.glob("*.gemspec")):
        shutil.copy2(spec, staging / spec.name)
        count += 1
    staging.rename(target)
    return target, count


def _installed_spec(theme: ResolvedTheme) -> Path | None:
    """The RubyGems stub of an installed gem (it names the theme's plugins)."""
    if theme.origin != "gem":
        return None
    spec = theme.root.parent.parent / "specifications" / f"{theme.root.name}.gemspec"
    return spec if spec.is_file() else None
