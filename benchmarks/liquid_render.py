"""CPU time of Liquid evaluation: three layout-like templates rendered many times.

The templates are parsed once (the engine caches them), so the figure is evaluation: lookups,
loops, conditions and filters over 40 posts held in payload-like dicts.

    python -m benchmarks.liquid_render [ROUNDS] [--profile]
"""
from __future__ import annotations

import cProfile
import datetime as dt
import pstats
import sys
import tempfile
import time
from typing import Any

from blogtool.liquid.engine import LiquidEngine, LiquidSettings
from blogtool.timeutil import RubyTime


class PayloadDict(dict):
    """Reads go through Python methods, as in the build's payload (which records them)."""

    def __getitem__(self, key: Any) -> Any:
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        return super().__contains__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        return super().get(key, default)


def _context() -> dict:
    utc = dt.UTC
    posts = [PayloadDict({
        "title": f'Post {i} "q"', "url": f"/2020/01/{i}/p.html", "n": i,
        "date": RubyTime(2020, 1, 1 + i % 28, tzinfo=utc),
        "tags": ["java", "flume"] if i % 2 else ["中文"], "categories": ["c"],
        "excerpt": "<p>ex</p>" * 3, "author": None if i % 3 else "ann"}) for i in range(40)]
    site = PayloadDict({
        "title": "Site", "description": "d", "posts": posts, "baseurl": "/b",
        "data": {"nav": [{"title": "Home", "url": "/"}, {"title": "About", "url": "/about/"}]},
        "tags": {"java": posts[::2], "flume": posts[1::2]}})
    page = PayloadDict({"title": "A page", "url": "/x/", "path": "x.md", "layout": "post",
                        "date": RubyTime(2021, 2, 3, tzinfo=utc), "tags": ["a", "b"],
                        "lang": None})
    return {"site": site, "page": page, "content": "<p>body</p>",
            "jekyll": {"version": "4.3.1"}}


TEMPLATES = [
    """<html lang="{{ page.lang | default: site.lang | default: "en" }}"><head>
<title>{% if page.title %}{{ page.title | escape }} | {% endif %}{{ site.title | escape }}</title>
{%- assign desc = page.excerpt | default: site.description | strip_html | normalize_whitespace
    | truncate: 160 -%}
<meta name="description" content="{{ desc | escape }}"></head><body>
<nav>{% for item in site.data.nav %}<a href="{{ item.url | relative_url }}"
{%- if page.url == item.url %} class="on"{% endif %}>{{ item.title }}</a>{% endfor %}</nav>
{{ content }}</body></html>""",
    """<ul>{%- for post in site.posts limit: 20 -%}
{%- assign date_format = site.date_format | default: "%b %-d, %Y" -%}
<li><span>{{ post.date | date: date_format }}</span>
<a href="{{ post.url | relative_url }}">{{ post.title | escape }}</a>
{% if post.author %}by {{ post.author | upcase }}{% endif %}
{%- unless forloop.last %},{% endunless %}
{% for tag in post.tags %}<a href="/tags/#{{ tag | slugify }}">{{ tag }}</a>{% endfor %}</li>
{%- endfor -%}</ul>""",
    """{% assign sorted = site.posts | sort: "n" | reverse %}
{% assign java = site.posts | where: "tags", "java" %}
{{ java.size }} {{ sorted.first.title }}
{% case page.layout %}{% when "post" %}P{% when "page" %}G{% else %}O{% endcase %}
{% capture x %}{{ page.title | append: "!" | prepend: ">" }}{% endcapture %}{{ x | size }}
{{ page.date | date_to_xmlschema }}
{% if page.tags contains "a" and site.title != "" or page.n > 3 %}yes{% endif %}
{{ page.tags | join: ", " }}
{% for i in (1..10) %}{{ i | times: 2 | plus: 1 }}{% cycle 'a', 'b' %}{% endfor %}
{{ site.posts | map: "title" | first }}""",
]


def main(argv: list[str]) -> None:
    rounds = int(argv[0]) if argv and argv[0].isdigit() else 1000
    engine = LiquidEngine(LiquidSettings(source=tempfile.mkdtemp(), baseurl="/b",
                                         url="https://example.com", timezone="UTC"),
                          post_urls={}, link_urls={})
    context = _context()

    def render_all() -> None:
        for _ in range(rounds):
            for text in TEMPLATES:
                engine.render(text, context, path="bench.html")

    for text in TEMPLATES:   # parse once
        engine.render(text, context, path="bench.html")
    if "--profile" in argv:
        profile = cProfile.Profile()
        profile.runcall(render_all)
        stats = pstats.Stats(profile)
        print(f"{stats.total_calls:,} calls")   # type: ignore[attr-defined]
        stats.sort_stats("tottime").print_stats(15)
        return
    start = time.process_time()
    render_all()
    print(f"{rounds * len(TEMPLATES):,} renders: {time.process_time() - start:.2f} s CPU")


if __name__ == "__main__":
    main(sys.argv[1:])
