"""Detection quality and speed on the committed data sets.

    python benchmarks/detection.py [--repeat N] [--misses]

Prints detect_language's accuracy overall, per label and per kind on tests/data/code/, the
number of code blocks code recovery makes out of the prose in tests/data/prose/ (should be
0), the pasted-run figures on tests/data/pasted/ (each run one block with its text intact;
no paragraph or list item about logs turned into code), and the detection CPU time per
block. tests/test_detect.py, tests/test_recovery.py and tests/test_pasted.py assert the same
quality targets on the same data; time is only reported here.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from markdown_it import MarkdownIt  # noqa: E402

from blogtool.markup.detect import detect_language  # noqa: E402
from blogtool.markup.recovery import recovery_plugin  # noqa: E402

CODE = ROOT / "tests" / "data" / "code"
PROSE = ROOT / "tests" / "data" / "prose"
PASTED = ROOT / "tests" / "data" / "pasted"


def load_code() -> list[tuple[str, str, str, str]]:
    """(kind, expected label, file name, text) for every labelled block."""
    labels = json.loads((CODE / "labels.json").read_text(encoding="utf-8"))
    return [(kind, label, path.name, path.read_text(encoding="utf-8"))
            for kind, label in sorted(labels.items())
            for path in sorted((CODE / kind).glob("*.txt"))]


def recovered_blocks(md: MarkdownIt, text: str) -> int:
    return sum(1 for t in md.parse(text) if t.type == "fence" and (t.meta or {}).get("recovered"))


def _dedent(run: str) -> str:
    """A run without its common indentation of spaces (tab-led lines keep theirs)."""
    lines = run.split("\n")
    cut = min(len(x) - len(x.lstrip(" ")) for x in lines
              if x.strip() and not x.lstrip(" ").startswith("\t"))
    return "\n".join("" if not x.strip() else x[min(cut, len(x) - len(x.lstrip(" "))):]
                     for x in lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20, help="timing repetitions per block")
    ap.add_argument("--misses", action="store_true", help="list every wrong answer")
    args = ap.parse_args()

    samples = load_code()
    by_label: dict[str, Counter] = defaultdict(Counter)
    by_kind: dict[str, Counter] = defaultdict(Counter)
    misses = []
    for kind, label, name, text in samples:
        got = detect_language(text)
        ok = got == label
        by_label[label][ok] += 1
        by_kind[kind][ok] += 1
        if not ok:
            misses.append((kind, name, label, got))
    total_ok = sum(c[True] for c in by_label.values())
    print(f"detection accuracy: {total_ok}/{len(samples)} = {total_ok / len(samples):.1%}")
    print("per label:")
    for label, c in sorted(by_label.items()):
        n = c[True] + c[False]
        print(f"  {label:<11} {c[True]:>3}/{n:<3} {c[True] / n:.1%}")
    print("per kind:")
    for kind, c in sorted(by_kind.items()):
        n = c[True] + c[False]
        print(f"  {kind:<11} {c[True]:>3}/{n:<3} {c[True] / n:.1%}")
    if args.misses:
        for m in misses:
            print("  miss:", *m)

    md = MarkdownIt("commonmark", {"typographer": True}).enable(
        ["table", "strikethrough", "replacements", "smartquotes"])
    recovery_plugin(md)
    prose = sorted(PROSE.glob("*.md"))
    false_blocks = 0
    for path in prose:
        n = recovered_blocks(md, path.read_text(encoding="utf-8"))
        if n and args.misses:
            print("  false code block in", path.name)
        false_blocks += n
    print(f"recovery false code blocks on prose: {false_blocks} in {len(prose)} snippets")

    runs = [run.rstrip("\n") for path in sorted((PASTED / "runs").glob("*.txt"))
            for run in path.read_text(encoding="utf-8").split("\n%%%\n")]
    whole = 0
    for run in runs:
        doc = f"先看一下当时的输出。\n\n{run}\n\n从上面可以看出问题所在。\n"
        blocks = [t for t in md.parse(doc) if t.type in ("fence", "code_block")]
        if len(blocks) == 1 and blocks[0].content == _dedent(run) + "\n":
            whole += 1
        elif args.misses:
            print("  run not one intact block:", run.splitlines()[0][:70])
    print(f"pasted runs that become exactly one block with their text: {whole}/{len(runs)}")
    prose_doc = (PASTED / "prose.md").read_text(encoding="utf-8")
    tokens = md.parse(prose_doc)
    items = sum(1 for t in tokens if t.type in ("paragraph_open", "list_item_open"))
    code = sum(1 for t in tokens if t.type in ("fence", "code_block"))
    print(f"paragraphs and list items about logs: {items}, turned into code: {code}")

    # CPU time (the machine may be shared): each block's repetitions, then per block
    times = []
    for _, _, _, text in samples:
        start = time.process_time()
        for _ in range(args.repeat):
            detect_language(text)
        times.append((time.process_time() - start) / args.repeat)
    lines = statistics.median(t.count("\n") + 1 for *_, t in samples)
    print(f"detection CPU time per block: median {statistics.median(times) * 1e6:.0f} us, "
          f"mean {statistics.mean(times) * 1e6:.0f} us, "
          f"max {max(times) * 1e6:.0f} us (median block {lines:.0f} lines, "
          f"{args.repeat} repetitions)")


if __name__ == "__main__":
    main()
