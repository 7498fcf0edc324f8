"""Property tests: whatever a user writes, a build either succeeds or stops with a located
:class:`BuildError`; it never raises anything else and no document takes more than 2 s.

Random front matter (mappings, scalars, YAML-ish text), Markdown mixing CJK, emphasis, code,
quotes, lists and pasted log lines, and Liquid fragments, each built in-process on a tiny site
(one worker, no cache). Pathological nesting is rendered directly through
``render_markdown`` with a time bound. Examples are kept few so the file runs in seconds.
"""
from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blogtool.build.site import build
from blogtool.errors import BuildError
from blogtool.markup.markdown import render_markdown
from blogtool.markup.options import MarkupOptions

SITE_TIME = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
PER_DOCUMENT_SECONDS = 2.0
PROPERTY = settings(max_examples=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

LAYOUT = "<!DOCTYPE html>\n<html><body>{{ content }}</body></html>\n"
CJK = "注意：这里排查日志线程栈卡住了「引号」（括号）、。한국어ログ"
LOG_LINES = [
    "2014-10-18 10:00:00,123 ERROR [SinkRunner-PollingRunner] (org.apache.flume.SinkRunner) - x",
    "java.lang.IllegalStateException: close() called when transaction is OPEN",
    "\tat org.apache.flume.channel.BasicTransactionSemantics.close(Basic.java:179)",
    "Caused by: java.io.IOException: Broken pipe",
]


def _site(root: Path, kind: str, post: str | bytes) -> Path:
    """A fresh tiny site: a Jekyll site (own layout) or a theme site, with one post."""
    if root.exists():
        shutil.rmtree(root)
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text("title: P\ntimezone: UTC\n", "utf-8")
    (root / "index.md").write_text("---\ntitle: Home\n---\nhome\n", "utf-8")
    if kind == "jekyll":
        (root / "_layouts").mkdir()
        (root / "_layouts/default.html").write_text(LAYOUT, "utf-8")
    data = post.encode("utf-8", "surrogatepass") if isinstance(post, str) else post
    (root / "_posts/2020-01-01-p.md").write_bytes(data)
    return root


def _build_ok_or_located(tmp: Path, kind: str, post: str | bytes) -> None:
    """The property itself: success, or a BuildError naming a file of the site."""
    source = _site(tmp / "src", kind, post)
    started = time.perf_counter()
    try:
        build(source, tmp / "out", jobs=1, use_cache=False, site_time=SITE_TIME)
    except BuildError as exc:
        problem = exc.problem
        assert problem.message.strip(), problem
        assert "\n" not in str(problem).strip() or problem.message.count("\n") < 5, problem
        assert problem.path, problem
        assert not problem.path.startswith("<"), problem
    elapsed = time.perf_counter() - started
    assert elapsed < PER_DOCUMENT_SECONDS * 2, f"{elapsed:.2f} s"   # a post and an index page


# --- front matter --------------------------------------------------------------------------

_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.dates(), st.datetimes(), st.sampled_from(["", "~", "yes", "no", "2014-02-30",
                                                  "{{ site.title }}", "{% if %}", "..", "/",
                                                  "中文 标题", "a/b", "?#"]))
_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)
_KEYS = st.sampled_from(["title", "date", "tags", "tag", "categories", "category", "layout",
                         "permalink", "slug", "published", "excerpt_separator", "author",
                         "render_with_liquid", "description", "lang", "x"])


@st.composite
def _front_matter_mapping(draw: st.DrawFn) -> str:
    import yaml
    data = draw(st.dictionaries(_KEYS, _values, max_size=6))
    try:
        text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=None)
    except yaml.YAMLError:
        text = ""
    return f"---\n{text}---\nbody {CJK}\n"


_YAMLISH = st.text(alphabet=st.sampled_from(list("abc:- \n\t[]{}\"'#&*!|>%@`,?.0123456789中文")),
                   max_size=80)


@PROPERTY
@given(post=_front_matter_mapping(), kind=st.sampled_from(["jekyll", "theme"]))
def test_random_front_matter_mappings(tmp_path: Path, post: str, kind: str) -> None:
    _build_ok_or_located(tmp_path, kind, post)


@PROPERTY
@given(value=_scalars, kind=st.sampled_from(["jekyll", "theme"]))
def test_front_matter_that_is_a_scalar(tmp_path: Path, value: object, kind: str) -> None:
    import yaml
    _build_ok_or_located(tmp_path, kind, f"---\n{yaml.safe_dump(value)}---\nbody\n")


@PROPERTY
@given(text=_YAMLISH, kind=st.sampled_from(["jekyll", "theme"]))
def test_yaml_ish_text(tmp_path: Path, text: str, kind: str) -> None:
    _build_ok_or_located(tmp_path, kind, f"---\n{text}\n---\nbody\n")


@PROPERTY
@given(raw=st.binary(max_size=200))
def test_random_bytes_as_a_post(tmp_path: Path, raw: bytes) -> None:
    _build_ok_or_located(tmp_path, "theme", b"---\ntitle: b\n---\n" + raw)


# --- Markdown with CJK and code --------------------------------------------------------------

_PIECES = st.sampled_from(["*", "**", "_", "__", "`", "```", "~~~", ">", "> ", "-", "- ", "1. ",
                           "  ", "    ", "\t", "\n", "\n\n", "#", "## ", "[", "]", "(", ")", "|",
                           "<div>", "</div>", "<", "&amp;", "\\", "~~", "!", "http://x.y",
                           '"', "'", "：", "，", "。", "「", "」", "（", "）"]
                          + list(CJK) + LOG_LINES + ["public void run() {", "}", "word"])
_MARKDOWN = st.lists(_PIECES, max_size=60).map("".join)


@PROPERTY
@given(body=_MARKDOWN, kind=st.sampled_from(["jekyll", "theme"]))
def test_markdown_mixes_build(tmp_path: Path, body: str, kind: str) -> None:
    _build_ok_or_located(tmp_path, kind, f"---\ntitle: m\nlayout: default\n---\n{body}\n")


@settings(max_examples=60, deadline=None, derandomize=True)
@given(body=_MARKDOWN, compat=st.sampled_from(["blogtool", "jekyll"]))
def test_markdown_mixes_render_directly(body: str, compat: str) -> None:
    options = MarkupOptions(compat=compat, cjk=compat == "blogtool",
                            code_recovery=compat == "blogtool",
                            detect_language=compat == "blogtool")
    started = time.perf_counter()
    html = render_markdown(body, options)
    assert isinstance(html, str)
    assert time.perf_counter() - started < PER_DOCUMENT_SECONDS


@pytest.mark.parametrize("text", [
    "> " * 5000 + "deep",
    # indentation makes these inputs grow with the square of the depth (2,000 levels = 4 MB)
    "".join("  " * i + "- item\n" for i in range(2000)),
    "".join("   " * i + "1. item\n" for i in range(1500)),
    "".join("- " * i + "item\n" for i in range(1, 300)),
    "> - " * 2500 + "x",
    "*" * 20000 + "a" + "*" * 20000,
    "_" * 20000 + "a" + "_" * 20000,
    "[" * 10000 + "x" + "]" * 10000,
    "[" * 5000 + "x" + "](" * 5000,
    "`" * 10000 + "x",
    "<" * 20000,
    "![" * 5000,
    "**注意：" * 5000,
    "\n".join(LOG_LINES * 2000),
    ("    " + "x" * 100 + "\n") * 5000,
    "|" * 5000 + "\n" + "|-" * 2500 + "\n",
])
def test_pathological_nesting_renders_in_time(text: str) -> None:
    for options in (MarkupOptions(), MarkupOptions(compat="jekyll", cjk=False,
                                                   code_recovery=False, detect_language=False)):
        started = time.perf_counter()
        html = render_markdown(text, options)
        elapsed = time.perf_counter() - started
        assert isinstance(html, str) and html
        assert elapsed < PER_DOCUMENT_SECONDS, f"{elapsed:.2f} s"


# --- Liquid ---------------------------------------------------------------------------------

_LIQUID = st.lists(st.sampled_from([
    "{{", "}}", "{%", "%}", "{{ page.title }}", "{{ site.posts | size }}", "{% if true %}",
    "{% endif %}", "{% for p in site.posts %}", "{% endfor %}", "{% raw %}", "{% endraw %}",
    "{% comment %}", "{% endcomment %}", "{% assign x = 'a' %}", "{{ x | upcase }}",
    "{{ 'a' | nosuch }}", "{{ | }}", "{{ a b }}", "{% include nothere.html %}", "{%- -%}",
    "{% capture c %}", "{% endcapture %}", "{{ c }}", "{% highlight java %}",
    "{% endhighlight %}", "{% post_url nothere %}", "{{ 1 | divided_by: 0 }}",
    "{{ page.date | date: '%Y' }}", "{% case x %}", "{% when 'a' %}", "{% endcase %}",
    "{% unless false %}", "{% endunless %}", "{{ '中文' | slugify }}", "text", "\n", "中文",
    "{{ site.data.x.y.z }}", "{% cycle 'a', 'b' %}", "{% tablerow i in (1..3) %}",
    "{% endtablerow %}", "{{ (1..5) }}", '{{ "a\\"b" }}', "{% liquid echo 1 %}",
]), max_size=25).map("".join)


@PROPERTY
@given(body=_LIQUID, kind=st.sampled_from(["jekyll", "theme"]))
def test_liquid_fragments(tmp_path: Path, body: str, kind: str) -> None:
    _build_ok_or_located(tmp_path, kind, f"---\ntitle: l\nlayout: default\n---\n{body}\n")
