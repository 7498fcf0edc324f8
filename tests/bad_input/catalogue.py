"""The bad-input catalogue: one small site per case, what Jekyll 4.3.1 did with it (verified by
``python tests/bad_input/verify_jekyll.py``, which builds every case with real Jekyll and
compares), and what blogtool must do.

Columns:
  id, description
  files       overlaid on the base site (``sitegen.JEKYLL_BASE`` or ``THEME_BASE``);
              ``None`` removes a base file
  jekyll      Jekyll's outcome: "error" (stops, non-zero exit), "warning" (reports, skips or
              continues, exit 0) or "ok" (silent)
  jekyll_says a fragment of Jekyll's own message (empty when it says nothing)
  expect      blogtool's outcome (the same as Jekyll's unless ``differs`` says why)
  where       the ``file:line`` (or ``file``) blogtool's line starts with
  says        a fragment of blogtool's message
  args        extra command-line arguments; ``dest`` "source" or "parent" for the
              destination cases
  check       optional name of an extra check in test_bad_input.py (on the built site)
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sitegen import Fifo, FileSpec, Folder, Generated, Symlink

POST = "_posts/2020-02-02-case.md"
CJK = "Flume 的 sink 卡住了：排查日志与线程栈。\n"


def _post(front: str, body: str = "CASE-BODY\n") -> str:
    return f"---\n{front}---\n{body}"


def _big_post() -> bytes:
    para = ("Flume 的 HDFS sink 卡住了，**注意：**这里要看线程栈。" * 20 + "\n\n")
    code = "```\n" + "2014-10-18 10:00:00 ERROR [SinkRunner] - Unable to deliver event\n" * 40 \
        + "```\n\n"
    chunk = (para * 3 + code).encode("utf-8")
    out = b"---\nlayout: default\ntitle: Big\n---\n" + chunk * (10_000_000 // len(chunk) + 1)
    return out


def _medium_post() -> bytes:
    """About 400 KB of Chinese text: its page is bigger than the disk-full case's limit."""
    para = "Flume 的 HDFS sink 卡住了，这里要看线程栈。" * 20 + "\n\n"
    return ("---\nlayout: default\ntitle: Medium\n---\n" + para * 400).encode("utf-8")


def _many_tags() -> bytes:
    tags = ", ".join(f"t{i}" for i in range(10_000))
    return f"---\ntitle: Many tags\ntags: [{tags}]\n---\nMANY-TAGS\n".encode()


def _nested_quotes() -> bytes:
    return ("---\nlayout: default\n---\n" + ">" * 5000 + " deep\n\nAFTER-QUOTES\n").encode()


def _nested_lists() -> bytes:
    lines = "".join("  " * i + "- item\n" for i in range(5000))
    return ("---\nlayout: default\n---\n" + lines + "\nAFTER-LISTS\n").encode()


def _nested_mixed() -> bytes:
    return ("---\nlayout: default\n---\n" + "> - " * 2500 + "x\n\n" + "*" * 20000 + "a" +
            "*" * 20000 + "\n\n" + "[" * 5000 + "x" + "]" * 5000 + "\n\nAFTER-MIXED\n").encode()


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8"
       b"\xb5\xfb\x00\x00\x00\x00IEND\xaeB`\x82")


@dataclass(frozen=True)
class Case:
    id: str
    description: str
    files: Mapping[str, FileSpec]
    jekyll: str
    jekyll_says: str
    expect: str
    where: str
    says: str
    base: str = "jekyll"            # "jekyll" | "theme"
    args: tuple[str, ...] = ()
    dest: str = "sibling"           # "sibling" | "source" | "parent"
    file_size_limit: int | None = None
    differs: str = ""
    check: str = ""
    jekyll_verifiable: bool = True  # False: Jekyll hangs or cannot express the case


CASES: list[Case] = [
    # --- front matter YAML ------------------------------------------------------------------
    Case("yaml-broken-post", "Unclosed flow sequence in a post's front matter",
         {POST: _post("title: [unclosed\nlayout: default\n")},
         "warning", "YAML Exception reading", "warning", POST + ":3", "invalid YAML"),
    Case("yaml-broken-post-strict-front-matter", "The same with strict_front_matter: true",
         {POST: _post("title: [unclosed\n"),
          "_config.yml": "title: x\nstrict_front_matter: true\n"},
         "error", "YAML Exception reading", "error", POST + ":3", "invalid YAML"),
    Case("yaml-broken-page", "Unclosed flow sequence in a page's front matter",
         {"about.md": _post("title: [unclosed\n")},
         "warning", "YAML Exception reading", "warning", "about.md:3", "invalid YAML",
         check="page_without_front_matter"),
    Case("yaml-broken-layout", "A layout whose front matter does not parse",
         {"_layouts/post.html": "---\nlayout: [default\n---\nPOST-LAYOUT {{ content }}\n",
          POST: _post("layout: post\n")},
         "warning", "YAML Exception reading", "warning", "_layouts/post.html:3", "invalid YAML"),
    Case("yaml-bad-indent", "A key indented under a scalar",
         {POST: _post("title: a\n  bad: indent\n")},
         "warning", "YAML Exception reading", "warning", POST + ":3", "invalid YAML"),
    Case("yaml-tabs", "A tab where YAML wants spaces",
         {POST: _post("title: tabs\ntags:\n\t- a\n")},
         "warning", "YAML Exception reading", "warning", POST + ":4", "invalid YAML"),
    Case("yaml-list-post", "Front matter that is a list, not a mapping, in a post",
         {POST: _post("- a\n- b\n")},
         "warning", "could not read file", "warning", POST + ":2", "not a mapping"),
    Case("yaml-scalar-page", "Front matter that is a plain string, in a page",
         {"about.md": _post("just some text\n")},
         "error", "Invalid YAML front matter", "error", "about.md:2", "not a mapping"),
    Case("yaml-liquid-value", "title: {{ site.title }} (a YAML flow mapping Psych accepts)",
         {POST: _post("layout: default\ntitle: {{ site.title }}\n", "{{ page.title }}\n")},
         "ok", "", "ok", "", ""),
    Case("yaml-duplicate-key", "The same key twice",
         {POST: _post("layout: default\ntitle: one\ntitle: two\n")},
         "ok", "", "ok", "", ""),
    Case("yaml-unclosed-post", "Front matter never closed: the whole file is the body",
         {POST: "---\ntitle: open\nUNCLOSED-BODY\n"},
         "ok", "", "ok", "", ""),
    Case("yaml-unclosed-page", "A page whose front matter is never closed",
         {"about.md": "---\ntitle: open\nUNCLOSED-PAGE\n"},
         "ok", "", "ok", "", ""),
    Case("yaml-crlf", "CRLF line endings throughout",
         {POST: "---\r\nlayout: default\r\ntitle: crlf\r\n---\r\nCRLF-BODY\r\n"},
         "ok", "", "ok", "", ""),
    Case("config-broken", "_config.yml is not valid YAML",
         {"_config.yml": "title: [unclosed\n"},
         "error", "did not find expected ',' or ']'", "error", "_config.yml:2", "invalid YAML"),
    Case("config-not-mapping", "_config.yml is a list: Jekyll uses its defaults",
         {"_config.yml": "- a\n- b\n"},
         "warning", "Error reading configuration. Using defaults", "warning", "_config.yml:1",
         "not a mapping"),
    Case("config-exclude-string", "exclude: must be a list",
         {"_config.yml": "exclude: vendor\n"},
         "error", "should be set as an array", "error", "_config.yml:1",
         "'exclude' should be set as an array, but was: \"vendor\"."),
    Case("data-broken-yaml", "A _data file that is not valid YAML",
         {"_data/links.yml": "a: [unclosed\n"},
         "error", "did not find expected ',' or ']'", "error", "_data/links.yml:2", "invalid YAML"),
    Case("data-broken-json", "A _data JSON file with a syntax error",
         {"_data/links.json": '{"a": 1,,}\n'},
         "error", "did not find expected node content", "error", "_data/links.json:1", "invalid JSON"),
    Case("permalink-empty", "permalink: '' in a page",
         {"about.md": _post("permalink: ''\n")},
         "error", "Invalid permalink", "error", "about.md", "permalink"),

    # --- dates --------------------------------------------------------------------------------
    Case("date-bad-filename", "A post named 2014-13-45-bad.md",
         {"_posts/2014-13-45-bad.md": _post("title: bad\n")},
         "error", "does not have a valid date in the filename", "error",
         "_posts/2014-13-45-bad.md", "invalid date"),
    Case("date-bad-front-matter", "date: not a date",
         {POST: _post("date: not a date\n")},
         "error", "does not have a valid date in the YAML front matter", "error",
         POST + ":2", "invalid date"),
    Case("date-feb-30", "date: 2014-02-30 (a YAML date that does not exist)",
         {POST: _post("layout: default\ndate: 2014-02-30\n")},
         "ok", "", "ok", "", ""),
    Case("date-integer", "date: 12345",
         {POST: _post("layout: default\ndate: 12345\n")},
         "ok", "", "ok", "", ""),      # Time.parse reads 12345 as 2012-12-10 (year 12, day 345)
    Case("date-empty", "date: with no value",
         {POST: _post("layout: default\ndate:\n")},
         "error", "Invalid date ''", "error", POST + ":3", "invalid date"),
    Case("date-bad-name-front-date", "A post named 2018-26-08-notes.md with a valid date:",
         {"_posts/2018-26-08-notes.md": _post("layout: default\ndate: 2018-08-26\n")},
         "ok", "", "ok", "", ""),
    Case("date-cjk-front-matter", "date: 2016年9月20日 (Time.parse reads 2016 as month 20)",
         {POST: _post("layout: default\ndate: 2016年9月20日\n")},
         "error", "does not have a valid date in the YAML front matter", "error",
         POST + ":3", "invalid date"),
    Case("date-year-zero", "A post named 0000-01-01-zero.md",
         {"_posts/0000-01-01-zero.md": _post("layout: default\n")},
         "ok", "", "ok", "", "", check="year_zero_url"),

    # --- encodings ------------------------------------------------------------------------------
    Case("gbk-post", "A post saved in GBK",
         {POST: _post("layout: default\ntitle: gbk\n", CJK).encode("gbk")},
         "warning", "invalid byte sequence in UTF-8", "warning", POST + ":5", "GBK"),
    Case("big5-post", "A post saved in Big5",
         {POST: _post("layout: default\ntitle: big5\n", "排查日誌與執行緒。\n").encode("big5")},
         "warning", "invalid byte sequence in UTF-8", "warning", POST + ":5", "Big5"),
    Case("euc-kr-post", "A post saved in EUC-KR",
         {POST: _post("layout: default\ntitle: kr\n", "로그를 확인하세요. 스레드가 멈췄습니다.\n")
          .encode("euc_kr")},
         "warning", "invalid byte sequence in UTF-8", "warning", POST + ":5", "EUC-KR"),
    Case("latin1-post", "A post saved in Latin-1",
         {POST: _post("layout: default\ntitle: latin\n", "Café déjà vu\n").encode("latin-1")},
         "warning", "invalid byte sequence in UTF-8", "warning", POST + ":5", "Latin-1"),
    Case("gbk-page", "A Markdown page saved in GBK",
         {"about.md": _post("layout: default\n", CJK).encode("gbk")},
         "error", "invalid characters for the used encoding", "error", "about.md:4", "GBK"),
    Case("gbk-encoding-config", "encoding: gbk reads GBK sources and writes UTF-8",
         {"_config.yml": "title: x\nencoding: gbk\n",
          POST: _post("layout: default\ntitle: 编码\n", CJK).encode("gbk")},
         "ok", "", "ok", "", "", check="gbk_written_as_utf8",
         differs="Jekyll writes the GBK bytes unchanged; blogtool writes UTF-8"),
    Case("bom-post", "A post starting with a UTF-8 byte order mark",
         {POST: b"\xef\xbb\xbf" + _post("layout: default\ntitle: bom\n", "BOM-BODY\n").encode()},
         "ok", "", "ok", "", ""),
    Case("bom-page", "A page starting with a UTF-8 byte order mark",
         {"about.md": b"\xef\xbb\xbf" + _post("layout: default\n", "BOM-PAGE\n").encode()},
         "ok", "", "warning", "about.md:1", "byte order mark",
         differs="Jekyll copies the file unprocessed; blogtool reads it and says so"),
    Case("nul-bytes-post", "A text post with NUL bytes inside",
         {POST: _post("layout: default\n", "before\x00after\n").encode()},
         "ok", "", "warning", POST, "binary",
         differs="Jekyll writes the NUL bytes into the HTML; blogtool skips the post"),
    Case("non-utf8-asset-page", "assets/bad.css with front matter and bytes that are not UTF-8",
         {"assets/bad.css": b"---\ntitle: p\n---\n\xff\xfe bad\n"},
         "warning", "invalid byte sequence in UTF-8", "warning", "assets/bad.css",
         "invalid byte sequence"),
    Case("resource-forks", "macOS resource forks (._x.md) beside pages and among posts",
         {"._about.md": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X",
          "_posts/._2020-02-02-case.md": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X"},
         "ok", "", "ok", "", ""),
    Case("binary-in-posts", "A PNG named like a post in _posts",
         {"_posts/2020-03-03-image.png": PNG},
         "warning", "invalid byte sequence in UTF-8", "warning", "_posts/2020-03-03-image.png",
         "binary"),

    # --- layouts, includes, Liquid ------------------------------------------------------------
    Case("layout-unknown", "layout: missing",
         {POST: _post("layout: missing\n")},
         "warning", "Layout 'missing' requested", "warning", POST, "missing"),
    Case("layout-cycle", "Two layouts that name each other",
         {"_layouts/a.html": "---\nlayout: b\n---\nA[{{ content }}]\n",
          "_layouts/b.html": "---\nlayout: a\n---\nB[{{ content }}]\n",
          POST: _post("layout: a\n")},
         "ok", "", "warning", "_layouts/b.html", "layout cycle a -> b -> a",
         differs="Jekyll stops at the repeated layout silently; blogtool says where"),
    Case("layout-self", "A layout that names itself",
         {"_layouts/default.html": "---\nlayout: default\n---\n<html>{{ content }}</html>\n"},
         "ok", "", "warning", "_layouts/default.html", "layout cycle",
         differs="Jekyll ignores it silently; blogtool says where"),
    Case("include-missing", "{% include nothere.html %}",
         {POST: _post("layout: default\n", "{% include nothere.html %}\n")},
         "error", "Could not locate the included file", "error", POST + ":4", "nothere.html"),
    Case("include-cycle", "Two includes that include each other",
         {"_includes/a.html": "A{% include b.html %}", "_includes/b.html": "B{% include a.html %}",
          POST: _post("layout: default\n", "{% include a.html %}\n")},
         "error", "Nesting too deep", "error", "_includes/a.html:1", "Nesting too deep"),
    Case("include-dotdot", "{% include ../_config.yml %} (leaves _includes)",
         {POST: _post("layout: default\n", "{% include ../_config.yml %}\n")},
         "error", "invalid characters or sequences", "error", POST + ":4", ".."),
    Case("include-relative-escape", "{% include_relative ../../etc/passwd %}",
         {POST: _post("layout: default\n", "{% include_relative ../../../etc/passwd %}\n")},
         "error", "invalid characters or sequences", "error", POST + ":4",
         "invalid characters or sequences"),
    Case("liquid-unknown-tag", "{% frobnicate %}",
         {POST: _post("layout: default\n", "text\n\n{% frobnicate %}\n")},
         "error", "Unknown tag 'frobnicate'", "error", POST + ":6", "frobnicate"),
    Case("liquid-unclosed-if", "{% if true %} never closed",
         {POST: _post("layout: default\n", "{% if true %}\nopen\n")},
         "error", "'if' tag was never closed", "error", POST + ":4", "if"),
    Case("liquid-bad-output", "{{ 'x' | }} and {{ a b }}: Ruby Liquid's lax output",
         {POST: _post("layout: default\n", "{{ 'x' | }} and {{ a b }}\n")},
         "warning", "Liquid syntax error", "warning", POST + ":4", "Liquid syntax error"),
    Case("liquid-unknown-filter", "{{ 'x' | nosuchfilter }} (ignored by Jekyll)",
         {POST: _post("layout: default\n", "{{ 'x' | nosuchfilter }}\n")},
         "ok", "", "warning", POST + ":4", "unknown filter 'nosuchfilter'",
         differs="Jekyll ignores the filter silently; blogtool warns (and --strict stops)"),
    Case("liquid-unknown-filter-strict", "The same with liquid: {strict_filters: true}",
         {POST: _post("layout: default\n", "{{ 'x' | nosuchfilter }}\n"),
          "_config.yml": "title: x\nliquid:\n  strict_filters: true\n"},
         "error", "undefined filter nosuchfilter", "error", POST + ":4", "nosuchfilter"),
    Case("liquid-error-in-layout", "An unknown tag inside a layout",
         {"_layouts/default.html": "<html>{% frobnicate %}{{ content }}</html>\n"},
         "error", "Unknown tag 'frobnicate'", "error", "_layouts/default.html:1", "frobnicate"),
    Case("liquid-deep-nesting", "300 nested {% if %} blocks",
         {POST: _post("layout: default\n", "{% if true %}" * 300 + "DEEP" + "{% endif %}" * 300
                      + "\n")},
         "error", "Nesting too deep", "error", POST + ":4", "Nesting too deep"),

    # --- outputs --------------------------------------------------------------------------------
    Case("same-url", "Two pages with the same permalink",
         {"a.md": _post("permalink: /same.html\n", "A\n"),
          "b.md": _post("permalink: /same.html\n", "B\n")},
         "warning", "Conflict: The following destination is shared by multiple files",
         "warning", "b.md", "same file"),
    Case("permalink-dotdot", "permalink: /../../escape.html",
         {"about.md": _post("permalink: /../../escape.html\n", "ESCAPE\n")},
         "ok", "", "ok", "", "", check="nothing_outside_destination"),
    Case("tag-hostile-theme", "Tags with /, .., ?, # and spaces only on a theme site",
         {POST: _post("title: tags\ntags: ['a/b', '..', '../../x', 'q?x', 'h#x', '   ', "
                      "'/etc/passwd', '%2e%2e']\n")},
         "ok", "", "ok", "", "", base="theme", check="tag_pages_inside_destination"),
    Case("tag-hostile-jekyll", "The same tags on a Jekyll site (no tag pages are written)",
         {POST: _post("layout: default\ntags: ['a/b', '..', 'q?x', 'h#x', '   ']\n")},
         "ok", "", "ok", "", ""),
    Case("category-dotdot", "category: ../.. on a Jekyll site",
         {POST: _post("layout: default\ncategory: ../..\n")},
         "ok", "", "ok", "", "", check="nothing_outside_destination"),

    # --- size and nesting -----------------------------------------------------------------------
    Case("huge-post", "A 10 MB post", {"_posts/2020-04-04-big.md": Generated(_big_post)},
         "ok", "", "ok", "", ""),
    Case("many-tags", "10,000 tags on one post (theme site: a page per tag)",
         {POST: Generated(_many_tags)}, "ok", "", "ok", "", "", base="theme"),
    Case("nested-quotes", "5,000 levels of >", {POST: Generated(_nested_quotes)},
         "error", "stack level too deep (SystemStackError)", "ok", "", "",
         differs="kramdown overflows Ruby's stack; blogtool renders it"),
    Case("nested-lists", "5,000 levels of list nesting", {POST: Generated(_nested_lists)},
         "hang", "timed out", "ok", "", "", jekyll_verifiable=False,
         differs="Jekyll was still running after 120 s; blogtool renders it"),
    Case("nested-mixed", "Quotes in lists, 20,000 *, 5,000 [", {POST: Generated(_nested_mixed)},
         "error", "stack level too deep (SystemStackError)", "ok", "", "",
         differs="kramdown overflows Ruby's stack; blogtool renders it"),
    Case("huge-line", "A 700 KB paragraph on one line",
         {POST: Generated(lambda: b"---\nlayout: default\n---\n" + "日志 **x** `y` _z_ ".encode()
                          * 40_000 + b"\n")},
         "hang", "timed out", "ok", "", "", jekyll_verifiable=False,
         differs="Jekyll was still running after 120 s; blogtool renders it"),

    # --- the file system ------------------------------------------------------------------------
    Case("symlink-loop-dir", "A folder symlink pointing at its parent",
         {"sub/loop": Symlink(".."), "sub/page.md": _post("layout: default\n")},
         "error", "Too many levels of symbolic links", "warning", "sub/loop", "loop",
         differs="Jekyll crashes with a Ruby traceback; blogtool skips the link"),
    Case("symlink-outside", "A symlink to /etc/passwd",
         {"secret.txt": Symlink("/etc/passwd")},
         "ok", "", "warning", "secret.txt", "outside",
         differs="Jekyll (not in safe mode) copies /etc/passwd into the site"),
    Case("symlink-dangling", "A post that is a dangling symlink",
         {"_posts/2020-05-05-gone.md": Symlink("nowhere.md")},
         "warning", "No such file or directory", "warning", "_posts/2020-05-05-gone.md",
         "cannot be read"),
    Case("symlink-dangling-page", "A dangling symlink in the site root",
         {"ghost.md": Symlink("nowhere.md")},
         "error", "No such file or directory", "error", "ghost.md",
         "cannot be read (No such file or directory)"),
    Case("folder-as-post", "A folder named like a post file",
         {"_posts/2020-05-06-dir.md": Folder()},
         "ok", "", "ok", "", ""),
    Case("fifo-page", "A named pipe (FIFO) in the site root",
         {"pipe.md": Fifo()},
         "ok", "", "warning", "pipe.md", "not a regular file", jekyll_verifiable=False,
         differs="Jekyll blocks forever reading the pipe"),
    Case("fifo-post", "A named pipe named like a post",
         {"_posts/2020-05-07-pipe.md": Fifo()},
         "ok", "", "warning", "_posts/2020-05-07-pipe.md", "not a regular file",
         jekyll_verifiable=False, differs="Jekyll blocks forever reading the pipe"),
    Case("disk-full", "Writing the site fails (file size limit: EFBIG, as a full disk would)",
         {"_posts/2020-04-04-big.md": Generated(_medium_post)},
         "error", "killed by signal 25", "error", "", "cannot write the new site: File too large",
         file_size_limit=150_000,
         differs="Jekyll is killed by SIGXFSZ with no message and a half-written _site"),
    Case("output-file-and-folder", "A static file z and a page at /z/w.html",
         {"z": "static\n", "b.md": _post("permalink: /z/w.html\n", "B\n")},
         "error", "Is a directory", "error", "", "cannot copy to the destination: Is a directory"),
    Case("dest-is-source", "-d pointing at the source folder", {},
         "error", "Destination directory cannot be or contain the Source directory", "error", "",
         "must not be the source folder or contain it", dest="source"),
    Case("dest-contains-source", "-d pointing at the folder that holds the source", {},
         "error", "Destination directory cannot be or contain the Source directory", "error", "",
         "must not be the source folder or contain it", dest="parent"),
    Case("tags-mapping", "tags: [{x: 1}, ok]: a mapping as a tag",
         {POST: _post("tags: [{x: 1}, ok]\n")},
         "ok", "", "warning", POST + ":2", "mapping or a list is ignored", base="theme",
         differs="Jekyll keeps the Hash as a tag; blogtool drops it with a warning"),
    Case("title-mapping-theme", "title: {a: 1} on a theme site",
         {POST: _post("title: {a: 1}\n")}, "ok", "", "ok", "", "", base="theme"),
    Case("empty-post", "A 0-byte post", {"_posts/2020-06-06-empty.md": b""},
         "ok", "", "ok", "", ""),
    Case("timezone-unknown", "timezone: Mars/Olympus",
         {"_config.yml": "title: x\ntimezone: Mars/Olympus\n"},
         "ok", "", "ok", "", ""),     # the C library reads an unknown zone as UTC
]
