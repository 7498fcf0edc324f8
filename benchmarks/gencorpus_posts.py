"""One synthetic post (``gencorpus.py``): its date, slug, title, categories and tags, front
matter typed by hand in the Jekyll-Bootstrap styles, and its body, all drawn from a random
generator seeded by ``(seed, index)`` alone; :class:`Post` renders the Jekyll and Hugo sources.
"""
from __future__ import annotations

import datetime as _dt
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass

try:  # `python benchmarks/gencorpus.py` puts benchmarks/ on sys.path; `-m benchmarks...` not
    from benchmarks import gencorpus_words as vocab
    from benchmarks.gencorpus_blocks import post_body
except ImportError:  # pragma: no cover - depends on how the script is started
    import gencorpus_words as vocab  # type: ignore[no-redef]
    from gencorpus_blocks import post_body  # type: ignore[no-redef]

#: Bumped whenever the output changes, so cached corpora are regenerated.
GENERATOR_VERSION = 1
INCLUDE_LINE = "{% include JB/setup %}"

FIRST_DAY = _dt.date(2010, 1, 1)
#: Days in the date cycle; prime, so ``index * STRIDE % DATE_CYCLE`` visits every day once.
DATE_CYCLE = 4001
DATE_STRIDE = 1237
CST = _dt.timezone(_dt.timedelta(hours=8))


@dataclass(frozen=True)
class Post:
    """Everything about one synthetic post, so each flavor can render its own front matter."""

    index: int
    date: _dt.date
    slug: str
    title: str | None  # None: no `title:` line, Jekyll derives it from the slug
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    timestamp: _dt.datetime | None  # a `date:` line in the front matter
    jekyll_front_matter: str  # including both `---` lines
    has_include: bool
    body: str  # the Markdown shared by every flavor

    @property
    def filename(self) -> str:
        """Jekyll post file name: ``YYYY-MM-DD-slug.md``."""
        return f"{self.date.isoformat()}-{self.slug}.md"

    @property
    def jekyll_text(self) -> str:
        """The complete Jekyll source file."""
        include = INCLUDE_LINE + "\n\n\n" if self.has_include else ""
        return self.jekyll_front_matter + include + self.body

    @property
    def display_title(self) -> str:
        """The title Jekyll shows: front matter ``title`` or the slug, pieces capitalized."""
        if self.title is not None:
            return self.title
        return " ".join(p[:1].upper() + p[1:].lower() for p in self.slug.split("-"))

    @property
    def hugo_text(self) -> str:
        """The Hugo source: YAML front matter Hugo accepts, then the same Markdown body."""
        moment = self.timestamp or _dt.datetime.combine(self.date, _dt.time(), CST)
        lines = [
            "---",
            f"title: {_yaml_str(self.display_title)}",
            f"date: {moment.isoformat()}",
            f"slug: {_yaml_str(self.slug)}",
            f"categories: [{', '.join(_yaml_str(c) for c in self.categories)}]",
            f"tags: [{', '.join(_yaml_str(t) for t in self.tags)}]",
            "---",
            "",
        ]
        return "\n".join(lines) + self.body


def _yaml_str(value: str) -> str:
    """A double-quoted YAML scalar (JSON string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _rng(seed: int, index: int) -> random.Random:
    """The generator for one post; string seeding is stable across Python versions and runs."""
    return random.Random(f"blogtool-gencorpus:{GENERATOR_VERSION}:{seed}:{index}")


def _post_date(index: int, seed: int) -> tuple[_dt.date, int]:
    """Distinct dates for the first DATE_CYCLE posts; returns the date and the cycle number."""
    day = (index * DATE_STRIDE + seed * 61) % DATE_CYCLE
    return FIRST_DAY + _dt.timedelta(days=day), index // DATE_CYCLE


def _pick_tags(rng: random.Random, category: str) -> list[str]:
    """1-4 tags, Zipf-skewed, usually including one that matches the category."""
    count = rng.choices((0, 1, 2, 3, 4), weights=(3, 30, 35, 22, 10))[0]
    chosen: list[str] = []
    if count and rng.random() < 0.7:
        chosen.append(rng.choice(vocab.CATEGORY_TAGS[category]))
    while len(chosen) < count:
        tag = rng.choices(vocab.TAGS, weights=vocab.TAG_WEIGHTS)[0]
        if tag not in chosen:
            chosen.append(tag)
    return chosen


def _front_matter(rng: random.Random, title: str | None, categories: list[str],
                  tags: list[str], timestamp: _dt.datetime | None, date_style: int) -> str:
    """Hand-written-looking YAML front matter, in the styles seen on Jekyll-Bootstrap blogs."""
    lines = ["---", "layout: post" if rng.random() < 0.9 else "layout : post"]
    if title is not None:
        lines.append(f"title: {_yaml_str(title)}" if rng.random() < 0.7 else f'title : "{title}"')
    if rng.random() < 0.3:
        lines.append('description: ""')
    if categories:
        style = rng.random()
        if len(categories) > 1:
            lines.append(f"categories: [{', '.join(categories)}]" if style < 0.6
                         else f"categories: {' '.join(categories)}")
        elif style < 0.55:
            lines.append(f"category : {categories[0]}")
        elif style < 0.85:
            lines.append(f"category: {categories[0]}")
        else:
            lines.append(f"categories: [{categories[0]}]")
    style = rng.random()
    if not tags:
        lines.append("tags : []")
    elif style < 0.5:
        lines.append(f"tags : [{', '.join(tags)}]")
    elif style < 0.7:
        lines.append(f"tags: [{', '.join(tags)}]")
    elif style < 0.85:
        lines.append(f"tags: {' '.join(tags)}")
    else:
        lines.append("tags:")
        lines.extend(f"  - {tag}" for tag in tags)
    if timestamp is not None:
        if date_style == 0:
            lines.append(f"date: {timestamp.strftime('%Y-%m-%d %H:%M:%S')} +0800")
        else:
            lines.append(f"date: {timestamp.strftime('%Y-%m-%d %H:%M:%S')}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def make_post(index: int, seed: int = 1) -> tuple[str, str]:
    """Return ``(file name, full Jekyll source)`` of post ``index``; depends only on seed, index."""
    post = build_post(index, seed)
    return post.filename, post.jekyll_text


def make_hugo_post(index: int, seed: int = 1) -> tuple[str, str]:
    """Return ``(file name, full Hugo source)`` of post ``index``: same body as
    :func:`make_post`."""
    post = build_post(index, seed)
    return post.filename, post.hugo_text


def build_post(index: int, seed: int = 1) -> Post:
    """Build post ``index`` with all its parts (see :class:`Post`)."""
    if index < 0:
        raise ValueError("post index must be >= 0")
    rng = _rng(seed, index)
    date, cycle = _post_date(index, seed)
    words = rng.sample(vocab.SLUG_WORDS, rng.randint(2, 4))
    slug = "-".join(words) + (f"-{cycle + 1}" if cycle else "")
    title: str | None = None
    if rng.random() < 0.6:
        title = _zh_title(rng, words)
    category = rng.choices(vocab.CATEGORIES, weights=vocab.CATEGORY_WEIGHTS)[0]
    categories = [category]
    roll = rng.random()
    if roll < 0.12:
        other = rng.choices(vocab.CATEGORIES, weights=vocab.CATEGORY_WEIGHTS)[0]
        if other != category:
            categories.append(other)
    elif roll < 0.16:
        categories = []
    tags = _pick_tags(rng, category)
    timestamp = None
    date_style = 0
    if rng.random() < 0.2:
        # Keep the clock inside the day in both UTC and +0800, so the URL day matches the
        # file name whichever way a tool reads an offset-less timestamp.
        timestamp = _dt.datetime.combine(
            date, _dt.time(rng.randint(8, 15), rng.randint(0, 59), rng.randint(0, 59)), CST)
        date_style = 0 if rng.random() < 0.6 else 1
    front_matter = _front_matter(rng, title, categories, tags, timestamp, date_style)
    has_include = rng.random() < 0.9
    body = post_body(rng)
    return Post(index, date, slug, title, tuple(categories), tuple(tags), timestamp,
                front_matter, has_include, body)


def _zh_title(rng: random.Random, words: Sequence[str]) -> str:
    """A title mixing the slug's English words and Chinese, as the seed blog's titles do."""
    head = " ".join(w for w in words[:2])
    if rng.random() < 0.5:
        head = rng.choice(vocab.EN_TERMS) + " " + head
    return f"{head} {rng.choice(vocab.ZH_NOUNS)}{rng.choice(vocab.ZH_TITLE_TAILS)}"
