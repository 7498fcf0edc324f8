"""The search index: Pagefind (the ``pagefind[extended]`` package, whose binary also splits
Chinese and Japanese into words) run over the new site before it replaces the old one.

The indexer sees exactly the pages of the new site that are worth finding (posts, collection
documents, pages converted from Markdown): in the staging folder itself, chosen by one glob,
or, when a site is patched in place (only changed files are staged), in a folder of hard links
laid out at their URLs. Its bundle is written into the staging folder, so it goes live with
the pages, in the same swap. A failure stops the build with one line and leaves the previous
site, index included, as it was.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..errors import BuildError

__all__ = ["BUNDLE", "executable", "build_index"]

BUNDLE = "pagefind"           # the bundle's folder in the site
TIMEOUT = 900                 # seconds; 5,000 Chinese posts take about 25 s of CPU
SCRIPT = Path(__file__).resolve().parent.parent / "builtin" / "search" / "search.js"
SCRIPT_NAME = "blogtool-search.js"   # the search page's script, shipped inside the bundle
MANIFEST = "blogtool-index.txt"   # digests of what the bundle was built from (content only)
VIEW = ".blogtool-index-view"  # the pages to index, inside the staging folder (removed after)
# bundle files named by a hash of their contents: an equal name is an equal file
_HASHED = ("fragment/", "index/", "filter/")


def executable() -> str:
    """The Pagefind binary shipped by ``pagefind[extended]`` (or the plain one)."""
    for module in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            found = __import__(module).get_executable()
        except (ImportError, FileNotFoundError, OSError):
            continue
        return str(found)
    raise BuildError("_config.yml", None, "blogtool.search: the pagefind package is not "
                                          "installed (pip install 'pagefind[extended]'); "
                                          "or set search: false")


def _link(src: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, target)
    except OSError:
        shutil.copy2(src, target)


def _bundle_files(folder: Path) -> list[str]:
    out: list[str] = []
    root = str(folder)
    for dirpath, _dirs, files in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
        prefix = "" if rel_dir == "." else rel_dir + "/"
        out.extend(prefix + name for name in files)
    return sorted(out)


def _manifest(staged: Path, live: Path, pages: list[str], exe: str,
              staged_files: set[str] | None = None) -> str:
    """What an index is made from, as the text the bundle keeps (``blogtool-index.txt``):
    a digest of the pages' paths and sizes and one of their bytes, each with the indexer's
    name and size and the search page's script. Only content counts, so the same pages
    give the same text in any folder. ``staged_files``, when known: the files in ``staged``
    (a site patched in place stages few), so the others are looked up live only.

    When the sizes are those of the live bundle's text and every page is older than that
    text (an unchanged page is the previous build's very file, linked or left in place), the
    pages are the ones it was made from: its text is returned without reading them."""
    found: list[tuple[str, str, os.stat_result]] = []
    new, old = str(staged), str(live)
    for rel in pages:
        places = (new, old) if staged_files is None else \
            (new,) if rel in staged_files else (old,)
        for root in places:
            where = os.path.join(root, rel)
            try:
                st = os.stat(where)
            except OSError:
                continue
            found.append((rel, where, st))
            break
    tool = [os.path.basename(exe), os.stat(exe).st_size,
            hashlib.sha256(SCRIPT.read_bytes()).hexdigest()]
    shape = _digest([[rel, st.st_size] for rel, _, st in found] + tool)
    last = live_manifest(live)
    if last is not None and last.split("\n", 1)[0] == shape:
        try:
            written = os.stat(live / BUNDLE / MANIFEST).st_mtime_ns
        except OSError:
            written = 0
        if all(st.st_mtime_ns < written for _, _, st in found):
            return last
    content = _digest([[rel, _file_digest(where, st)] for rel, where, st in found] + tool)
    return f"{shape}\n{content}\n"


def _digest(state: list) -> str:
    return hashlib.sha256(json.dumps(state, ensure_ascii=False).encode("utf-8",
                                                                        "surrogatepass")).hexdigest()


# the digests of files read by this process, by path, size, mtime and inode (``serve`` reads
# only the pages a rebuild wrote)
_DIGESTS: dict[str, tuple[int, int, int, str]] = {}


def _file_digest(path: str, st: os.stat_result) -> str:
    known = _DIGESTS.get(path)
    if known is not None and known[:3] == (st.st_size, st.st_mtime_ns, st.st_ino):
        return known[3]
    with open(path, "rb") as fh:
        digest = hashlib.blake2b(fh.read(), digest_size=16).hexdigest()
    if len(_DIGESTS) > 100_000:
        _DIGESTS.clear()
    _DIGESTS[path] = (st.st_size, st.st_mtime_ns, st.st_ino, digest)
    return digest


def _reuse(staged: Path, live: Path, patch: bool) -> list[str]:
    """Keep the live site's bundle: nothing to stage when patching, links when swapping."""
    files = [f"{BUNDLE}/{rel}" for rel in _bundle_files(live / BUNDLE)]
    if not patch:
        for rel in files:
            _link(live / rel, staged / rel)
    return files


def build_index(staged: Path, live: Path, pages: Iterable[str], *, patch: bool,
                force_language: str | None = None) -> list[str]:
    """Index ``pages`` (paths in the site) of the new site and write the bundle under
    ``staged/pagefind``. ``patch``: ``staged`` holds only changed files, the rest are still in
    ``live``. When the pages are the very files the previous index was made from, that index
    is kept as it is; otherwise bundle files equal to the live
    ones are not staged again (a patched site). Returns the bundle's paths in the site (the
    caller records them as outputs)."""
    exe = executable()
    wanted = sorted(set(pages))
    if not wanted:
        return []
    check_own_folder(staged)
    manifest = _manifest(staged, live, wanted, exe)
    if live_manifest(live) == manifest:
        return _reuse(staged, live, patch)
    out = staged / BUNDLE
    shutil.rmtree(out, ignore_errors=True)
    if not patch:
        # the staging folder is the whole new site: the indexer reads the pages in place
        _run(exe, staged, out, force_language, _glob(wanted))
    else:
        # only changed pages are staged: the others are linked from the live site beside them
        view = staged / VIEW
        shutil.rmtree(view, ignore_errors=True)
        try:
            for rel in wanted:
                src = staged / rel
                if not src.is_file():
                    src = live / rel
                    if not src.is_file():
                        continue
                _link(src, view / rel)
            _run(exe, view, out, force_language, None)
        finally:
            shutil.rmtree(view, ignore_errors=True)
    shutil.copyfile(SCRIPT, out / SCRIPT_NAME)
    (out / MANIFEST).write_text(manifest, encoding="utf-8")
    files = [f"{BUNDLE}/{rel}" for rel in _bundle_files(out)]
    if patch:
        for rel in files:
            old = live / rel
            if not old.is_file():
                continue
            # hashed names: an equal name is an equal file; the few others are compared
            if rel[len(BUNDLE) + 1:].startswith(_HASHED) or \
                    old.read_bytes() == (staged / rel).read_bytes():
                (staged / rel).unlink()        # the live site already has this very file
    return files


def check_own_folder(staged: Path) -> None:
    """Stop when the new site writes a ``pagefind/`` folder of its own."""
    if (staged / BUNDLE).exists():
        raise BuildError(f"{BUNDLE}/", None, f"the site writes its own {BUNDLE}/ folder, where "
                                             f"the search index goes; rename it, or set "
                                             f"blogtool.search: false")


def live_manifest(live: Path) -> str | None:
    """The digest the live site's bundle was built from (None: no bundle, or not ours)."""
    try:
        return (live / BUNDLE / MANIFEST).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


_GLOB_SPECIAL = re.compile(r"([\\{}\[\],*?])")


def _glob(pages: list[str]) -> str:
    """One glob that matches exactly these paths (its special characters escaped)."""
    return "{" + ",".join(_GLOB_SPECIAL.sub(r"\\\1", rel) for rel in pages) + "}"


def _run(exe: str, site: Path, out: Path, force_language: str | None,
         glob: str | None) -> None:
    """Run the indexer over ``site`` (only the pages ``glob`` matches, when given: in a
    configuration file, as a site's thousands of paths do not fit in one argument)."""
    with tempfile.TemporaryDirectory(prefix="blogtool-pagefind-") as cwd:
        _call(command(exe, site, out, cwd, force_language, glob), cwd, out)


def command(exe: str, site: Path, out: Path, cwd: str, force_language: str | None = None,
            glob: str | None = None) -> list[str]:
    """The indexer's command line, to run in ``cwd`` (where the glob's configuration goes)."""
    words = [exe, "--site", str(site), "--output-path", str(out), "--silent"]
    if force_language:
        words += ["--force-language", force_language]
    if glob is not None:
        Path(cwd, "pagefind.json").write_text(json.dumps({"glob": glob}), "utf-8")
    return words


def _call(command: list[str], cwd: str, out: Path) -> None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT,
                              check=False, cwd=cwd)
    except subprocess.TimeoutExpired:
        raise BuildError(BUNDLE, None, f"the search index took over {TIMEOUT} s; "
                                       f"the previous site is intact") from None
    except OSError as exc:
        raise BuildError(BUNDLE, None, f"cannot run pagefind ({exc.strerror or exc}); "
                                       f"the previous site is intact") from None
    failure = failed(done.returncode, done.stdout, done.stderr, out)
    if failure:
        raise BuildError(BUNDLE, None, f"the search index failed: {failure}; "
                                       f"the previous site is intact")


def failed(returncode: int, stdout: str, stderr: str, out: Path) -> str:
    """Why the indexer failed, from its exit status and what it said ("" when it worked)."""
    if returncode == 0 and (out / "pagefind.js").is_file():
        return ""
    said = [ln.strip() for ln in (stderr + "\n" + stdout).splitlines() if ln.strip()]
    return said[-1] if said else f"exit status {returncode}"
