"""Language detection measured on code that real CJK blogs paste, labels removed.

    python benchmarks/realblogs_detection.py MIRROR... [--verdicts FILE] [--per-repo N]
                                              [--natural] [--wrong] [--held-out BLOG...]

Each MIRROR is a local git repository of a public blog (a bare clone is enough); the blocks
are read from its HEAD: every fenced block with a language label in a Markdown file that
contains CJK text, duplicates removed. From each blog N blocks (default 300) are drawn at
random (fixed seed), then up to 60 blocks per less frequent language are added from the
rest, so that each language blogtool detects is measured on enough blocks (``--natural``
reports the random draw alone). The fetched blogs stay outside the repository.

Authors' labels are not always right (``bash`` on a config file, ``text`` on C), so the
figures are taken on blocks whose label is right: ``--verdicts`` names a file of
``<block id> <right label>`` lines, from a hand check of a random sample of 200 labels and of
every block where detection and label disagreed; ``ok`` keeps the author's label. Blocks
labelled only ``text``/``txt`` say nothing about their language and are reported apart.

The order of the mirrors matters (the draw of extra blocks follows it, and so do the ids the
verdicts name). ``--held-out`` names blogs (``owner+name``, as the mirrors' folders are called)
whose blocks are also reported apart from the others', to see whether markers written while
reading some blogs hold on blogs not read.

Reported: on blocks of a language detect_language names, the share it gets right, leaves
as plain text and gets wrong; on every judged block (other languages too: TypeScript,
Kotlin, Rust, PHP...), the share given a wrong language; per language; time per block.
Families that highlight alike count as right: bash and console, C and C++, ini and
properties, Python and its tracebacks and sessions, TypeScript and JavaScript.
"""
from __future__ import annotations

import argparse
import collections
import hashlib
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from blogtool.markup.detect import detect_language  # noqa: E402

CANON = {
    "java": "java", "log": "log", "logs": "log", "xml": "xml",
    "bash": "bash", "sh": "bash", "shell": "bash", "zsh": "bash", "shellscript": "bash",
    "console": "console", "shell-session": "console", "properties": "properties",
    "ini": "ini", "json": "json", "sql": "sql", "mysql": "sql", "python": "python",
    "py": "python", "python3": "python", "pytb": "pytb", "pycon": "pycon", "yaml": "yaml",
    "yml": "yaml", "js": "javascript", "javascript": "javascript", "ts": "typescript",
    "typescript": "typescript", "go": "go", "golang": "go", "c": "c", "h": "c", "cpp": "cpp",
    "c++": "cpp", "cc": "cpp", "hpp": "cpp", "scala": "scala", "dockerfile": "dockerfile",
    "docker": "dockerfile", "nginx": "nginx", "text": "text", "txt": "text", "plain": "text",
    "plaintext": "text",
}
FAMILY = {"console": "bash", "cpp": "c", "ini": "properties", "pytb": "python",
          "pycon": "python", "typescript": "javascript"}
BOOSTED = ("python", "yaml", "javascript", "go", "c", "cpp", "scala", "dockerfile", "nginx",
           "json", "sql", "properties", "ini", "xml", "log", "console", "bash")
FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[ \t]*([^`\n]*)$")
CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


def canon(label: str) -> str:
    return CANON.get(label.lower(), "other")


def family(lang: str) -> str:
    return FAMILY.get(lang, lang)


def _git(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True,
                          check=True).stdout


def fences(text: str):  # type: ignore[no-untyped-def]
    """(info string, body) of every fenced block of a Markdown text."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, mark, info = m.groups()
        body = []
        j = i + 1
        while j < len(lines):
            line = lines[j]
            stripped = line.strip()
            if (stripped.startswith(mark[0] * len(mark)) and not stripped.strip(mark[0])
                    and len(line) - len(line.lstrip(" ")) < 4):
                break
            body.append(line[len(indent):] if line.startswith(indent) else line.lstrip(" "))
            j += 1
        yield info.strip(), "\n".join(body)
        i = j + 1


def blog_blocks(repo: Path) -> list[dict]:
    name = repo.resolve().parent.name if repo.name == "repo" else repo.name
    files = [f for f in _git(repo, "ls-tree", "-r", "--name-only", "HEAD").decode().splitlines()
             if f.endswith((".md", ".markdown")) and not f.lower().startswith("readme")]
    found, seen = [], set()
    for path in files:
        try:
            text = _git(repo, "show", f"HEAD:{path}").decode("utf-8")
        except (subprocess.CalledProcessError, UnicodeDecodeError):
            continue
        if not CJK.search(text):
            continue
        for info, body in fences(text):
            label = info.split()[0].lower().strip("{}.") if info.split() else ""
            if not label or not body.strip() or body.count("\n") > 300:
                continue
            digest = hashlib.sha1(body.encode()).hexdigest()
            if digest not in seen:
                seen.add(digest)
                found.append({"blog": name, "file": path, "label": label, "code": body})
    random.Random(16).shuffle(found)
    return found


def sample(mirrors: list[Path], per_repo: int) -> list[dict]:
    natural, rest = [], []
    for repo in mirrors:
        blocks = blog_blocks(repo)
        commit = _git(repo, "rev-parse", "HEAD").decode().strip()
        print(f"{repo}: {commit} ({len(blocks)} labelled blocks)")
        natural += blocks[:per_repo]
        rest += blocks
    have = {(b["blog"], b["file"], b["code"]) for b in natural}
    count = collections.Counter(canon(b["label"]) for b in natural)
    random.Random(7).shuffle(rest)
    extra = []
    for b in rest:
        lang = canon(b["label"])
        if lang in BOOSTED and count[lang] < 60 and (b["blog"], b["file"], b["code"]) not in have:
            count[lang] += 1
            extra.append(dict(b, boost=True))
            have.add((b["blog"], b["file"], b["code"]))
    out = natural + extra
    for i, b in enumerate(out):
        b["id"] = i
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("mirrors", nargs="+", type=Path)
    ap.add_argument("--verdicts", type=Path, action="append", default=[])
    ap.add_argument("--per-repo", type=int, default=300)
    ap.add_argument("--natural", action="store_true")
    ap.add_argument("--wrong", action="store_true", help="list every wrong answer")
    ap.add_argument("--held-out", nargs="*", default=[], help="blogs also reported apart")
    args = ap.parse_args()

    blocks = sample(args.mirrors, args.per_repo)
    if args.natural:
        blocks = [b for b in blocks if not b.get("boost")]
    verdicts: dict[int, str] = {}
    for path in args.verdicts:
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#")[0].strip()
            if line:
                ident, verdict = line.split()[:2]
                verdicts[int(ident)] = verdict
    times = []                  # CPU time: the machine may be shared
    for b in blocks:
        start = time.process_time()
        b["got"] = detect_language(b["code"])
        times.append(time.process_time() - start)
    per: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    split: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    wrong = []
    for b in blocks:
        label = canon(b["label"])
        truth = verdicts.get(b["id"], "ok")
        truth = label if truth == "ok" else truth
        if label == "text" and b["id"] not in verdicts:
            per["(text label, unchecked)"]["language" if b["got"] != "text" else "text"] += 1
            continue
        key = truth if truth != "other" else "other:" + b["label"]
        if b["got"] == "text":
            outcome = "text"
        elif truth != "text" and family(b["got"]) == family(truth):
            outcome = "right"
        else:
            outcome = "wrong"
            wrong.append(b)
        per[key][outcome] += 1
        part = "held-out blogs" if b["blog"] in args.held_out else "other blogs"
        split[part + (" (named)" if truth not in ("text", "other") else " (other)")][outcome] += 1

    def total(keep) -> collections.Counter:  # type: ignore[no-untyped-def]
        c: collections.Counter = collections.Counter()
        for k, v in per.items():
            if keep(k):
                c.update(v)
        return c

    named = total(lambda k: k not in ("text", "(text label, unchecked)")
                  and not k.startswith("other"))
    judged = total(lambda k: k != "(text label, unchecked)")
    n_named, n_judged = sum(named.values()), sum(judged.values())
    print(f"blocks: {len(blocks)} from {len(args.mirrors)} blogs; judged {n_judged}")
    print(f"languages detect_language names ({n_named} blocks): "
          f"right {named['right'] / n_named:.1%}, plain text {named['text'] / n_named:.1%}, "
          f"wrong {named['wrong'] / n_named:.1%}")
    print(f"every judged block: wrong language {judged['wrong']}/{n_judged} = "
          f"{judged['wrong'] / n_judged:.2%}")
    print(f"CPU time per block: median {statistics.median(times) * 1e6:.0f} us, "
          f"mean {statistics.mean(times) * 1e6:.0f} us")
    for k in sorted(per, key=lambda k: (k.startswith("other"), -sum(per[k].values()))):
        c = per[k]
        if k.startswith("other") and not c["wrong"]:
            continue
        print(f"  {k:26} n={sum(c.values()):4} right={c['right']:4} text={c['text']:4} "
              f"wrong={c['wrong']:3} language={c['language']}")
    for part in ("other blogs", "held-out blogs") if args.held_out else ():
        named_part, other_part = split[part + " (named)"], split[part + " (other)"]
        n_part = sum(named_part.values())
        judged_part = n_part + sum(other_part.values())
        if n_part:
            print(f"{part}: named languages ({n_part}) right {named_part['right'] / n_part:.1%}, "
                  f"plain {named_part['text'] / n_part:.1%}, "
                  f"wrong {named_part['wrong'] / n_part:.1%}; every judged block: wrong "
                  f"{(named_part['wrong'] + other_part['wrong']) / judged_part:.2%}")
    others = total(lambda k: k.startswith("other"))
    print(f"  other languages: n={sum(others.values())} text={others['text']} "
          f"wrong={others['wrong']}")
    if args.wrong:
        for b in wrong:
            print(f"#{b['id']} [{b['label']}] -> {b['got']}: {b['code'].splitlines()[0][:80]}")


if __name__ == "__main__":
    main()
