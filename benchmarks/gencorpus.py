#!/usr/bin/env python3
"""Synthetic Chinese troubleshooting-blog corpus for blogtool's benchmarks.

    python benchmarks/gencorpus.py OUTDIR --posts N [--seed S]
        [--flavor jekyll|hugo] [--theme site|default] [--force]

Why this exists: blogtool is judged by how fast it builds sites like the seed blog (an old
Jekyll-Bootstrap blog of Hadoop/Java notes: YAML front matter written by hand in several
styles, a ``{% include JB/setup %}`` line, Chinese prose with English words glued in, and long
pasted log4j runs, Java, shell and XML, some fenced and some indented, a few log lines
indented by only two spaces).  A benchmark on Lorem-ipsum would measure the wrong thing, so
this module writes posts of that shape, deterministically:

* a post depends only on ``(seed, index)``, so a corpus of 1,000 posts is exactly the first
  1,000 posts of a corpus of 5,000, and two runs give byte-identical trees;
* the Jekyll and Hugo flavors carry the same Markdown body (Hugo gets TOML-free YAML front
  matter it accepts and no Liquid include line), so the tools render the same text.

The flavor used for blogtool is ``jekyll`` (blogtool builds Jekyll sites); ``--theme default``
leaves out ``_layouts/`` so blogtool falls back to its built-in theme.


The generator is split by job: ``gencorpus_words.py`` (vocabulary), ``gencorpus_blocks.py``
(body blocks), ``gencorpus_posts.py`` (one post and its front matter), ``gencorpus_site.py``
(configuration and layouts); this module writes a site and is the command line.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

try:  # `python benchmarks/gencorpus.py` puts benchmarks/ on sys.path; `-m benchmarks...` not
    from benchmarks.gencorpus_posts import (
        GENERATOR_VERSION,
        INCLUDE_LINE,
        Post,
        build_post,
        make_hugo_post,
        make_post,
    )
    from benchmarks.gencorpus_site import posts_dir, site_files
except ImportError:  # pragma: no cover - depends on how the script is started
    from gencorpus_posts import (  # type: ignore[no-redef]
        GENERATOR_VERSION,
        INCLUDE_LINE,
        Post,
        build_post,
        make_hugo_post,
        make_post,
    )
    from gencorpus_site import posts_dir, site_files  # type: ignore[no-redef]

__all__ = ["GENERATOR_VERSION", "INCLUDE_LINE", "MARKER", "Post", "build_post", "main",
           "make_hugo_post", "make_post", "marker_data", "posts_dir", "site_files", "write_site"]

#: Marker file proving a directory was written by this generator (``--force`` needs it).
MARKER = ".blogtool-gencorpus.json"


def marker_data(posts: int, seed: int, flavor: str, theme: str) -> dict[str, object]:
    """What the marker file records; the benchmark compares it to reuse a cached corpus."""
    return {"generator": "blogtool benchmarks/gencorpus.py", "version": GENERATOR_VERSION,
            "posts": posts, "seed": seed, "flavor": flavor, "theme": theme}


def write_site(outdir: Path, posts: int, seed: int = 1, flavor: str = "jekyll",
               theme: str = "site", force: bool = False) -> int:
    """Write a complete buildable site into ``outdir``; returns the bytes of post text written.

    An existing non-empty ``outdir`` is replaced only with ``force`` and only if it carries
    this generator's marker, so a typo cannot wipe someone's real blog.
    """
    if flavor not in ("jekyll", "hugo"):
        raise ValueError(f"unknown flavor {flavor!r}")
    if theme not in ("site", "default"):
        raise ValueError(f"unknown theme {theme!r}")
    if theme == "default" and flavor != "jekyll":
        raise ValueError("--theme default only applies to the jekyll flavor")
    if outdir.exists() and (not outdir.is_dir() or any(outdir.iterdir())):
        if not force:
            raise FileExistsError(f"{outdir} exists and is not empty (use --force)")
        if not (outdir / MARKER).is_file():
            raise FileExistsError(f"{outdir} was not written by gencorpus.py "
                                  f"(no {MARKER}); refusing to replace it")
        shutil.rmtree(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    for rel, text in site_files(flavor, theme).items():
        path = outdir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    target = outdir / posts_dir(flavor)
    target.mkdir(parents=True, exist_ok=True)
    total = 0
    for index in range(posts):
        post = build_post(index, seed)
        data = (post.jekyll_text if flavor == "jekyll" else post.hugo_text).encode("utf-8")
        (target / post.filename).write_bytes(data)
        total += len(data)
    (outdir / MARKER).write_text(json.dumps(marker_data(posts, seed, flavor, theme)) + "\n",
                                 encoding="utf-8")
    return total


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--posts", type=int, required=True, help="number of posts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--flavor", choices=("jekyll", "hugo"), default="jekyll")
    parser.add_argument("--theme", choices=("site", "default"), default="site",
                        help="default: omit _layouts/ so blogtool uses its built-in theme")
    parser.add_argument("--force", action="store_true",
                        help="replace OUTDIR if (and only if) gencorpus.py wrote it")
    args = parser.parse_args(argv)
    if args.posts < 0:
        parser.error("--posts must be >= 0")
    try:
        total = write_site(args.outdir, args.posts, args.seed, args.flavor, args.theme,
                           args.force)
    except (FileExistsError, ValueError) as exc:
        print(f"gencorpus.py: {exc}", file=sys.stderr)
        return 2
    avg = total / args.posts if args.posts else 0
    print(f"wrote {args.posts} {args.flavor} posts ({total / 1e6:.1f} MB, "
          f"{avg / 1024:.1f} KB average) to {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
