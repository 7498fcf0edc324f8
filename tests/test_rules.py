"""The rule table: every Jekyll rule blogtool copies (``I…``) and every item of a checklist of
rules that sites depend on (``C1``–``C22``, :data:`CHECKLIST`), each mapped to the fixture
build that exercises it and to what proves it: files that must exist or be absent and text a
file must contain, checked in real Jekyll's output *and* in blogtool's (``--compat jekyll``). A
rule whose fixture is missing fails; so does a checklist item no rule covers.

A few rules are proven by a test elsewhere (``proof_test``): that test must exist.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from compat.catalog import BUILDS
from compat.compare import list_outputs

TESTS = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Rule:
    id: str
    text: str
    build: str | None                 # a name in compat.catalog.BUILDS
    proof: str                        # what proves it, in words
    exists: tuple[str, ...] = ()      # output files that must exist
    absent: tuple[str, ...] = ()      # output files that must not exist
    contains: tuple[tuple[str, str], ...] = ()   # (file, text it must contain)
    covers: tuple[str, ...] = ()      # checklist items (C1..C22) this rule also covers
    proof_test: str | None = None     # "tests/test_x.py::test_name" proving it instead


R = Rule
RULES: tuple[Rule, ...] = (
    # --- posts ---------------------------------------------------------------------------
    R("I01", "Posts are read from _posts/ in every directory; the folders above _posts become "
             "categories, folders below it do not", "posts-discovery",
      "posts from hadoop/_posts and a/b/_posts carry their folders; _posts/sub does not",
      exists=("hadoop/2014/10/16/in-dir.html", "a/b/extra/2014/10/18/deep.html",
              "2014/10/17/in-subdir.html")),
    R("I02", "A _posts folder inside a skipped (_ or .) directory is never read",
      "posts-discovery", "_notes/_posts/… produces nothing",
      absent=("2014/10/19/hidden.html", "_notes/2014/10/19/hidden.html")),
    R("I03", "A file in _posts without front matter is still a post", "posts-discovery",
      "_posts/2014-10-20-nofm.md is converted and gets a URL",
      contains=(("2014/10/20/nofm.html", "<p>no front matter</p>"),)),
    R("I04", "`category : hadoop` and `tags : [flume]` (space before the colon) parse; the "
             "title comes from the slug", "posts-discovery", "URL and title of the seed post",
      contains=(("hadoop/2014/10/13/flume-agent-stops.html", "<title>Flume Agent Stops</title>"),
                ("hadoop/2014/10/13/flume-agent-stops.html", "tags=flume")),
      covers=("C1",)),
    R("I05", "Drafts are read from _drafts/ (any directory) only with --drafts; their date is "
             "the front matter date or the file time", "drafts",
      "dated drafts at their date, the folder draft with its category",
      exists=("2014/11/01/a-draft.html", "blog/2014/11/02/in-dir.html",
              "2014/10/13/published.html")),
    R("I06", "Without --drafts no draft is built", "drafts-off", "only the published post",
      exists=("2014/10/13/published.html",), absent=("2014/11/01/a-draft.html",)),
    R("I07", "Post file names: 1-digit month/day, 2-digit years (14 → 2014), foo.bar slug, "
             "trailing dots dropped, case-insensitive Markdown extension, non-Markdown "
             "extensions kept", "post-filenames", "the output files of each name",
      exists=("2014/01/02/short-date.html", "2014/10/13/two-digit.html",
              "2014/10/13/foo.bar.html", "2014/10/13/trailing.html", "2014/10/13/UPPER.html",
              "2014/10/13/a_b-c.txt", "2014/10/13/x.html", "2014/10/13/kd.html",
              "2014/10/13/Upper_Case.Title.html")),
    R("I08", "Files in _posts that do not match YYYY-MM-DD-slug.ext, backups (~) and hidden "
             "files are ignored", "post-filenames", "no output for them",
      absent=("no-date.html", "2014/10/13/noext.html", "2014/10/13/y.html",
              "2014/10/13/hidden.html", "2014/10/13/hash.html")),
    R("I09", "An empty slug (rake post with a Chinese-only title) gives a URL ending in "
             "'/.html'", "post-filenames", "_posts/2014-10-14-.md is written as 2014/10/14/.html",
      exists=("2014/10/14/.html",), covers=("C21",)),
    R("I10", "Dates: an unquoted timestamp without offset is UTC; quoted strings, bare dates "
             "and file-name dates are read in the site zone (timezone unset, TZ=UTC)",
      "dates-utc", "each kind of date's hour-minute-second in the URLs (zone unset)",
      exists=("2014/10/13/23-30-00/unquoted.html", "2014/10/13/01-00-00/offset.html",
              "2014/10/13/00-00-00/bare.html", "2014/10/20/10-00-00/quoted.html",
              "2014/10/13/00-00-00/none.html", "2014/01/15/01-20-30/iso.html")),
    R("I11", "Dates with timezone: Asia/Shanghai — 2014-10-13 23:30:00 is published on the "
             "14th", "dates-shanghai", "the same dates in Asia/Shanghai",
      exists=("2014/10/14/07-30-00/unquoted.html", "2014/10/13/09-00-00/offset.html",
              "2014/10/13/00-00-00/bare.html", "2014/10/20/10-00-00/quoted.html",
              "2014/10/13/16-00-00/shanghai.html"),
      contains=(("2014/10/14/07-30-00/unquoted.html", "date=2014-10-14 07:30:00 +0800"),),
      covers=("C3",)),
    R("I12", "Dates with timezone: America/New_York — an offset date moves to the previous day",
      "dates-newyork", "the same dates in America/New_York",
      exists=("2014/10/13/19-30-00/unquoted.html", "2014/10/12/21-00-00/offset.html",
              "2014/10/13/00-00-00/bare.html", "2014/10/20/10-00-00/quoted.html"),
      contains=(("2014/10/12/21-00-00/offset.html", "date=2014-10-12 21:00:00 -0400"),)),
    R("I13", "published: false (or no) drops posts and pages silently", "published",
      "only the visible post and the index",
      exists=("2014/10/13/visible.html",),
      absent=("2014/10/14/hidden.html", "2014/10/15/no.html", "secret.html")),
    R("I14", "--unpublished builds them", "unpublished", "hidden post and page are written",
      exists=("2014/10/14/hidden.html", "2014/10/15/no.html", "secret.html")),
    R("I15", "Posts dated after site.time are skipped", "future",
      "the future posts are absent, site.posts lists only the past one",
      exists=("2020/05/31/past.html",), absent=("2020/06/02/future.html", "2099/01/01/far.html"),
      contains=(("index.html", "<p>Past</p>"),)),
    R("I16", "--future builds them", "future-on", "all three posts",
      exists=("2020/06/02/future.html", "2099/01/01/far.html")),
    R("I17", "Title from the slug: split on '-', each piece Ruby-capitalized; CJK untouched; "
             "pages get none", "titles", "the <title> of each post",
      contains=(("2014/10/15/flume-agent-stops.html", "<title>Flume Agent Stops</title>"),
                ("2014/10/15/Upper_Case.Title.html", "<title>Upper_case.title</title>"),
                ("2014/10/15/UPPER.html", "<title>Upper</title>"),
                ("2014/10/15/with-space.html", "<title>With space</title>"),
                ("2014/10/15/a_b-c.html", "<title>A_b C</title>"),
                ("2014/10/15/中文-标题.html", "<title>中文 标题</title>"),
                ("untitled.html", "<title></title>"))),
    R("I18", "An empty or false front-matter title is replaced by the slug's (Ruby ||=)",
      "titles", "the <title> of the two posts",
      contains=(("2014/10/17/empty-title.html", "<title>Empty Title</title>"),
                ("2014/10/17/false-title.html", "<title>False Title</title>"))),
    R("I19", "slug: changes the URL (:title keeps its case); title: never does", "titles",
      "My-Custom-Slug.html and given.html",
      exists=("2014/10/16/My-Custom-Slug.html", "2014/10/16/given.html")),
    R("I20", "CJK file names: raw slug and id, percent-encoded URL, UTF-8 file name",
      "cjk-names", "the file, page.url and page.id of 中文 标题",
      contains=(("2014/10/15/中文-标题.html",
                 "url=/2014/10/15/%E4%B8%AD%E6%96%87-%E6%A0%87%E9%A2%98.html"),
                ("2014/10/15/中文-标题.html", "id=/2014/10/15/中文 标题")),
      exists=("关于.html", "docs/中文 页面.html", "图片/说明.txt",
              "大数据/hadoop/2014/10/16/日志分析.html"), covers=("C2",)),
    R("I21", "NFD file names (as macOS writes them) give the same URLs", "nfd-names",
      "outputs exist under their NFC names after normalisation",
      exists=("2014/10/15/café.html", "naïve.html", "résumé.txt")),
    # --- front matter ------------------------------------------------------------------------
    R("I22", "category + categories merge (categories first); tag beats tags; tags: a b is "
             "split on whitespace; commas are not separators", "front-matter",
      "URL prefixes and the printed tags",
      exists=("two/three/one/2014/10/02/both.html", "x/y/2014/10/05/cat-string.html",
              "x,/y/2014/10/06/comma.html", "123/2014/10/07/number.html",
              "a/2014/10/09/case.html", "2014/10/10/empty.html"),
      contains=(("2014/10/03/tag-wins.html", "tags=one<"),
                ("2014/10/04/tag-string.html", "tags=a,b,c<")), covers=("C4",)),
    R("I23", "categories with a space: URL %20-encoded, folder with a space", "front-matter",
      "big data/hadoop/… on disk, /big%20data/… as page.url",
      contains=(("big data/hadoop/2014/10/08/bigdata.html",
                 "url=/big%20data/hadoop/2014/10/08/bigdata.html"),), covers=("C5",)),
    R("I24", "A post with a BOM is a normal post; a page with a BOM is copied raw", "front-matter",
      "bom.html post with its title; bom.md copied with its front matter",
      contains=(("2014/10/11/bom.html", "<title>BOM</title>"), ("bom.md", "title: BOM page")),
      covers=("C20",)),
    R("I25", "CRLF files: front matter honoured", "front-matter", "title and category of the post",
      contains=(("windows/2014/10/12/crlf.html", "<title>CRLF</title>"),)),
    R("I26", "Front matter may end with '...', an empty block is no data, blank lines after "
             "the block are eaten", "front-matter", "titles and rss.xml starting with <?xml",
      contains=(("2014/10/14/dots.html", "<title>Dots end</title>"),
                ("rss.xml", '<?xml version="1.0"?>')),
      exists=("2014/10/15/emptyblock.html", "2014/10/13/nofm.html")),
    R("I27", "YAML 1.1 scalars: yes is true, numbers stay numbers", "front-matter",
      "page.special printed as true", contains=(("2014/10/16/yes.html", "<p>true "),)),
    # --- pages, static files, data, collections ----------------------------------------------
    R("I28", "Pages of any extension with front matter are rendered (atom.xml, feed.json, "
             "robots.txt, .htm, .markdown); index pages become folders", "pages",
      "their outputs; atom.xml starts with <?xml",
      exists=("about.html", "plain.html", "docs/guide.html", "docs/index.html", "feed.json",
              "robots.txt", "page.htm", "index.html", "custom/here/index.html"),
      contains=(("atom.xml", '<?xml version="1.0" encoding="utf-8"?>'),
                ("plain.html", "<p>plain 2</p>"))),
    R("I29", "Files without front matter are copied byte for byte (README.md, raw.html, CNAME, "
             "LICENSE); .htaccess is included by default", "pages",
      "the copies keep their {{ }} text",
      contains=(("README.md", "{{ not processed }}"), ("raw.html", "{{ not processed }}")),
      exists=(".htaccess", "CNAME", "LICENSE", "style.css", "assets/app.js"), covers=("C16",)),
    R("I30", "Names starting with _ . # ~ or ending with ~ are skipped, at every level", "pages",
      "none of them is written",
      absent=("_hidden.html", ".dot.html", "#hash.html", "~tilde.html", "backup.md~",
              "backup.html", "assets/_partial/x.css", "assets/.hidden/x.css")),
    R("I31", "_data: YAML, JSON, CSV, TSV and nested folders; file keys sanitized", "data",
      "values printed by data.html",
      contains=(("data.html", "Alice 张 java+中文"), ("data.html", "/ 3"),
                ("data.html", "<li>flume=3</li><li>hadoop=10</li>"),
                ("data.html", "a true sanitized"))),
    R("I32", "Collections: output true writes documents with the collection permalink; "
             "output false reads them only", "collections", "r/… and docs/… written, notes not",
      exists=("r/soup/index.html", "r/sub/中文 菜/index.html", "docs/2014-10-13-dated.html",
              "install-guide/index.html"),
      absent=("notes/n.html", "_notes/n.md"),
      contains=(("list.html", "<li>Note</li>"),)),
    R("I33", "Static files of an output collection are written under the collection's URL",
      "collections", "r/image.txt", exists=("r/image.txt",), absent=("_recipes/image.txt",)),
    R("I34", "include: rescues _ and . names and replaces the default [.htaccess]; exclude: "
             "globs and path prefixes", "include-exclude", "outputs present and absent",
      exists=(".well-known/security.txt", "_keep.html", "sub/ok.txt", "index.html"),
      absent=(".htaccess", "drafts-folder/a.html", "debug.log", "README.md", "sub/skip/x.txt")),
    R("I35", "Stale files are removed; keep_files keeps its entries and replaces the default "
             "[.git, .svn]", "include-exclude", "stale.html gone, kept/ kept, .git gone",
      exists=("kept/notes.txt",), absent=("stale.html", "old/dir/x.txt", ".git/HEAD")),
    R("I36", "With the default keep_files, .git in the destination survives", "keep-default",
      ".git/HEAD kept, everything else stale removed",
      exists=(".git/HEAD",), absent=("kept/notes.txt", "stale.html")),
    # --- URLs ----------------------------------------------------------------------------------
    R("I37", "permalink: date (default) — posts /:categories/:year/:month/:day/:title.html, "
             "pages .html", "permalink-date", "the date style's post and page URLs",
      exists=("big data/hadoop/2014/10/13/flume-agent-stops.html", "2014/10/15/中文-标题!.html",
              "about.html", "404.html", "about/index.html", "docs/中文 页面.html",
              "guides/setup.html")),
    R("I38", "permalink: pretty — folders with index.html, 404.html becomes 404/index.html",
      "permalink-pretty", "the pretty column",
      exists=("big data/hadoop/2014/10/13/flume-agent-stops/index.html", "404/index.html",
              "about/index.html", "docs/page/index.html", "feed.json",
              "guides/setup/index.html"),
      absent=("404.html", "about.html"), covers=("C6",)),
    R("I39", "Two sources writing one file: the page sorting last by name wins (about/index.md "
             "over about.md under pretty)", "permalink-pretty", "the text of about/index.html",
      contains=(("about/index.html", "About index."),)),
    R("I40", "permalink: ordinal", "permalink-ordinal", "day of year in the URL",
      exists=("big data/hadoop/2014/286/flume-agent-stops.html", "2014/002/plain.html")),
    R("I41", "permalink: weekdate — pages get no suffix (extensionless URLs, .html files)",
      "permalink-weekdate", "ISO week URLs; page.url of about.md is /about",
      exists=("big data/hadoop/2014/W42/Mon/flume-agent-stops.html", "2014/W01/Thu/plain.html"),
      contains=(("about.html", "url=/about |"),)),
    R("I42", "permalink: none", "permalink-none", "no date in the URL",
      exists=("big data/hadoop/flume-agent-stops.html", "中文-标题!.html")),
    R("I43", "Custom templates and every placeholder (:short_year :i_month :long_month :y_day "
             ":w_year :week :w_day :short_day :long_day :hour :minute :second :name :slug "
             ":slugified_categories :collection :path, :month_ underscore rule)",
      "permalink-custom", "the output paths",
      exists=("2014/14/10/10/Oct/October/13/13/286/00/00/00/all-dates.html",
              "2014/42/1/Mon/Monday/week/index.html", "10_13/underscore/index.html",
              "posts/2014-10-13-names/custom-slug/Custom-Slug/big-data/c/big data/c++/"
              "2014-10-13-names.html", "big data/c++/2014/10/flume-agent-stops.html")),
    R("I44", ":categories is lowercased and de-duplicated, not slugified", "permalink-custom",
      "Hadoop, HBase, hadoop → hadoop/hbase",
      exists=("hadoop/hbase/2014/10/Upper-Cats.html",)),
    R("I45", "Placeholder values are percent-encoded (# % [ ] space), literal permalink text "
             "is not", "permalink-custom", "escape.html URL vs literal/a b#c/",
      exists=("a?b#c%d[e]f/g h+i&j~k_l:m@n'o(p)!q*r,s;t=u/2014/10/escape.html",
              "literal/a b#c/index.html"),
      contains=(("a?b#c%d[e]f/g h+i&j~k_l:m@n'o(p)!q*r,s;t=u/2014/10/escape.html",
                 "url=/a?b%23c%25d%5Be%5Df/g%20h+i&j~k_l:m@n'o(p)!q*r,s;t=u/"),
                ("literal/a b#c/index.html", "url=/literal/a b#c/ |"))),
    R("I46", "A literal CJK permalink stays raw in page.url", "cjk-names",
      "raw/中文 url.html with url=/raw/中文 url",
      exists=("raw/中文 url.html", "页面 x/index.html"),
      contains=(("raw/中文 url.html", "url=/raw/中文 url |"),), covers=("C8",)),
    R("I47", "Permalink endings: '/' → index.html, none → .html added, own extension kept "
             "(and it becomes the output extension); page permalinks only know :path "
             ":basename :output_ext", "permalink-custom", "the output paths",
      exists=("folder/index.html", "bare.html", "custom/2014/noext.html", "feeds/withext.xml",
              "pages/page.html", ":year/:title/index.html")),
    R("I48", "slugify modes (default raw pretty ascii latin; cjk/none only lowercase)",
      "slugify", "the table page",
      contains=(("table.html", "<td>中文 标题：测试</td><td>中文-标题-测试</td><td>中文-标题：测试</td>"),
                ("table.html", "<td>héllo-wörld-ça-va</td><td>héllo-wörld-ça-va?</td>"),
                ("table.html", "<td>c++-&-c#-(notes)</td>")), covers=("C13",)),
    R("I49", ":title keeps ! (pretty slugify), :slug drops it and lowercases", "slugify",
      "the output paths",
      exists=("2014/10/13/flume-agent-stops!.html", "mixed-case-name/Mixed-Case-Name/index.html")),
    R("I50", "baseurl never changes the file layout; relative_url, absolute_url, post_url "
             "include it", "baseurl", "files at the root, links with /blog",
      exists=("2014/10/13/first.html", "about.html", "index.html"),
      contains=(("index.html", 'href="/blog/2014/10/13/first.html"'),
                ("index.html", "https://example.com/blog/2014/10/15/%E4%B8%AD%E6%96%87-"
                               "%E6%A0%87%E9%A2%98.html"),
                ("index.html", '<a href="/blog/2014/10/13/first.html">post_url</a>')),
      covers=("C15",)),
    R("I51", "--baseurl overrides the configured baseurl", "baseurl-flag", "links with /other",
      contains=(("index.html", 'href="/other/about.html"'),)),
    R("I52", "Excerpts: first blank line, <!--more--> per post, CRLF = whole post, custom "
             "excerpt not rendered, link references resolved, empty separator disables",
      "excerpts", "the index listing",
      contains=(("index.html", 'Default: <p>First <em>paragraph</em> with a <a href="http://example.com">link</a>.'),
                ("index.html", "More: <p>Intro line one.</p>"),
                ("index.html", "Custom: Custom *excerpt*"),
                ("index.html", "<p>Two.</p>")), covers=("C11",)),
    R("I53", "defaults: path and type scopes, precedence, layout: none", "defaults",
      "values printed by the layouts and pages",
      exists=("cook/soup/index.html", "noframe/bare.html"),
      contains=(("2014/01/01/p1.html", "post layout: post global true matched"),
                ("blog/2015/01/01/p2.html", "P2 blog."),
                ("blog/page.html", "Page blog page global."),
                ("guides/g.html", "Guide true."))),
    R("I54", "Jekyll-Bootstrap permalink (no extension): extensionless URLs, .html files, page "
             "URLs like /archive", "jb-permalinks", "files and printed URLs",
      exists=("lessons/2011/12/29/jekyll-introduction.html", "archive.html", "atom.xml"),
      contains=(("archive.html", 'href="/lessons/2011/12/29/jekyll-introduction"'),
                ("index.html", "/archive /atom.xml / /tags")), covers=("C7",)),
    # --- rendering items of the checklist ------------------------------------------------------
    R("I55", "Code fences: java highlighted in Rouge's wrapper, none/indented plaintext "
             "wrapper, unknown or capitalised language a bare pre", "code-blocks",
      "the wrappers in the post",
      contains=(("2014/10/13/code.html", '<div class="language-java highlighter-rouge">'),
                ("2014/10/13/code.html", '<pre><code class="language-nosuchlang">'),
                ("2014/10/13/code.html", '<pre><code class="language-Java">'),
                ("2014/10/13/code.html", '<div class="language-plaintext highlighter-rouge">'
                                         '<div class="highlight"><pre class="highlight"><code>indented code'))),
    R("I56", "highlighter: pygments turns Markdown highlighting off in Jekyll 4", "highlighter-pygments",
      "no token spans", contains=(("2014/10/13/code.html", '<pre><code class="language-java">int a;'),), covers=("C9",)),
    R("I57", "Header ids keep CJK, duplicates get -1", "header-ids", "the ids",
      contains=(("2014/10/13/headers.html", 'id="中文-english-mixed-标题"'),
                ("2014/10/13/headers.html", 'id="same-1"')), covers=("C10",)),
    R("KS1", "kramdown span syntax: footnotes in kramdown's HTML, abbreviations on every "
             "occurrence, $$ math for MathJax, span IALs on images, links and strong, smart "
             "quotes, Rouge line numbers from syntax_highlighter_opts, URLs as written",
      "kramdown-span", "the posts' HTML",
      contains=(("hadoop/2015/03/02/hdfs-block-report.html",
                 '<sup id="fnref:heap" role="doc-noteref"><a href="#fn:heap" class="footnote" '
                 'rel="footnote">2</a></sup>'),
                ("hadoop/2015/03/02/hdfs-block-report.html",
                 '<abbr title="Hadoop Distributed File System">HDFS</abbr>'),
                ("hadoop/2015/03/02/hdfs-block-report.html",
                 '<img src="/assets/images/namenode-heap.png" alt="NameNode 内存曲线" '
                 'width="60%" class="align-center" />'),
                ("hadoop/2015/03/02/hdfs-block-report.html", "\\[M = N_{block}"),
                ("hadoop/2015/03/02/hdfs-block-report.html",
                 '<td class="rouge-gutter gl"><pre class="lineno">1'),
                ("hadoop/2015/03/02/hdfs-block-report.html",
                 'href="/参数/hdfs-site.html#块汇报"'),
                ("2015/03/05/gc-log.html", '<li id="fn:gc" role="doc-endnote">'),
                ("2015/03/09/kafka-lag.html", '<strong class="warn">브로커</strong>'),
                ("2015/03/12/typography.html",
                 "“Smart quotes” are ‘curly’, even in the ’80s – and the ellipsis… too"))),
    R("KB1", "kramdown block syntax: {:toc} tables of contents, block IALs and ALDs, {#id}, "
             "{::comment}/{::nomarkdown}/{::options}, definition lists, kramdown tables, "
             "markdown=\"1\", and kramdown's structure (1) is text, lazy lines stay in items)",
      "kramdown-block", "the posts' HTML",
      contains=(("2015/04/01/flume-toc.html",
                 '<a href="#problem" id="markdown-toc-problem">问题</a>'),
                ("2015/04/01/flume-toc.html", '<p class="notice--warning">日志里反复出现超时。</p>'),
                ("2015/04/01/flume-toc.html",
                 '<p class="notice--info" title="提示">重启之前先看 channel 的监控。</p>'),
                ("2015/04/01/flume-toc.html", '<h2 class="no_toc" id="附录">附录</h2>'),
                ("2015/04/01/flume-toc.html", "<!-- 这一段是给自己看的笔记，不输出。 -->"),
                ("2015/04/01/flume-toc.html", '<div class="language-text config highlighter-rouge">'),
                ("2015/04/02/ja-notes.html", '<ol id="markdown-toc">'),
                ("2015/04/02/ja-notes.html", '<blockquote class="epigraph">'),
                ("2015/04/02/ja-notes.html", "<p>1) これはリストではありません"),
                ("2015/04/02/ja-notes.html", '<h1 id="この見出しは項目の中">'),
                ("2015/04/02/ja-notes.html", '<p class="raw">*生の* HTML</p>'),
                ("2015/04/03/ko-hbase.html", '<h2 id="hb-설치-방법-1">설치 방법</h2>'),
                ("2015/04/03/ko-hbase.html", '<p class="lead">리전이'),
                ("2015/04/03/ko-hbase.html", '<ul class="task-list">'),
                ("2015/04/04/en-tips.html", '<ul class="toc-list" id="markdown-toc">'),
                ("2015/04/04/en-tips.html", '<p id="para-one">A paragraph with an id.</p>'),
                ("2015/04/04/en-tips.html", "<dt>YARN</dt>"),
                ("2015/04/04/en-tips.html", '<hr class="dashed" />'))),
    R("KB2", "kramdown settings: toc_levels and auto_id_prefix", "kramdown-block-settings",
      "ids and the table of contents",
      contains=(("2015/04/01/flume-toc.html",
                 '<a href="#id-原因" id="markdown-toc-id-原因">原因</a>'),
                ("2015/04/04/en-tips.html", '<h1 id="id-install">Install</h1>'))),
    R("I58", "number_of_words: cjk counts each CJK character", "site-order",
      "'Hello world 你好世界' → 3 by default, 6 with cjk",
      contains=(("index.html", "<p>3 6 2 3</p>"),), covers=("C12",)),
    R("I59", "site.tags in first-appearance order; site.pages by name; previous is older",
      "site-order", "the index listing",
      contains=(("index.html", "t1:1 common:2 t2:1 t0:1 中文:2"),
                ("index.html", "alpha.md feed.json index.html zeta.md 中文 页面.md"),
                ("index.html", "B: prev=A next=C")), covers=("C14",)),
    R("I60", "Broken YAML in a post: warning, post built without front matter at the build "
             "date", "bad-yaml", "the quirk URL under site.time",
      exists=("2020/06/01/2014-01-09-bad-yaml.html", "2014/01/10/good.html"), covers=("C17",)),
    R("I61", "A GBK post is dropped, the build goes on", "encoding", "only the UTF-8 post",
      exists=("2014/10/14/utf8.html",), absent=("2014/10/13/gbk.html",), covers=("C18",)),
    R("I62", "kramdown input: no backtick fences", "kramdown-input", "the fence stays text",
      contains=(("2014/10/13/k.html", '<p><code class="language-plaintext highlighter-rouge">\nnot a fence'),
                ("2014/10/13/k.html", '<h2 id="section">中文标题</h2>')), covers=("C22",)),
    R("I63", "A site without layouts gets no pages but its own", "no-layouts",
      "exactly the two files", exists=("2014/10/13/bare.html", "about.html"),
      absent=("index.html", "404.html", "feed.xml", "sitemap.xml")),
    R("I64", "jekyll serve: baseurl mount, extensionless resolution, 404.html", None,
      "the serve tests", covers=("C19",),
      proof_test="tests/test_serve_server.py"),
    R("S01", "Sass: an @import in a page is looked for in the site source folder first, never "
             "next to the page, then in the load paths, so css/default.scss importing "
             "'default' finds _sass/default.scss", "sass-imports",
      "the CSS carries the partials' rules and the source folder's $w; the map names them",
      contains=(("css/default.css", ".default { margin: 0; }"),
                ("assets/css/main.css", ".main { width: 30px; }"),
                ("css/default.css.map", "_sass/theme/_colors.scss"))),
    R("S02", "Sass without source maps resolves imports the same way", "sass-imports-nomap",
      "no .css.map written, same CSS",
      contains=(("assets/css/plain.css", ".plain { width: 30px; }"),),
      absent=("css/default.css.map",)),
    R("S03", "site.related_posts (no LSI): the ten most recent posts other than the document "
             "itself, for posts and collection documents; nil on pages", "related-posts",
      "the newest post lists the next ten, a note lists the newest ten, the page none",
      contains=(("2020/01/13/p13.html", '<a href="/2020/01/03/p03.html">p03</a> (10)'),
                ("notes/n.html", '<a href="/2020/01/04/p04.html">p04</a> (10)'),
                ("index.html", "related: ()"))),
    R("S04", "Plugin generators run by priority (archives, redirect-from before paginate, feed, "
             "sitemap), each priority in plugins: order, so site.pages ends in that order",
      "generator-order", "sitemap listed before the feed and the pager pages",
      contains=(("list.html", '<li><a href="/list.html">/list.html</a></li><li><a href='
                              '"/sitemap.xml">/sitemap.xml</a></li>'),)),
    R("S05", "The same site with jekyll-feed listed first", "generator-order-feed-first",
      "the feed, then the pager pages, then the sitemap",
      contains=(("list.html", '<li><a href="/feed.xml">/feed.xml</a></li><li><a href='
                              '"/page2/">/page2/</a></li>'),)),
    R("S06", "site and documents are drops: a for loop over site yields its keys (collection "
             "labels not among them), post == page only for the same document; a hash still "
             "yields [key, value] pairs", "drops",
      "the key list, the menu, the pairs, and each post naming only itself as the same",
      contains=(("index.html", "<p>site keys: [posts][title][menu]</p>"),
                ("index.html", "<p>hash pairs: home=/ about=/about/ </p>"),
                ("2020/01/02/p2.html", "<p>same: 文章2</p>"),
                ("notes/n.html", "<p>others: 文章3 文章2 文章1 </p>"))),
    R("P01", "A heading without the space (##Flume 安装) and an under-indented log paste are "
             "paragraphs under kramdown's GFM parser", "pasted",
      "Jekyll's paragraphs; blogtool's own mode differs (tests/test_pasted_compat.py)",
      contains=(("2016/01/05/nospace.html", "<p>##Flume 安装</p>"),
                ("2016/01/06/spaced.html", '<h2 id="flume-安装">Flume 安装</h2>'),
                ("2016/01/07/safemode.html", "<p>##现象</p>"))),
    R("D01", "A front matter date wins and the file name's date is then not checked; date "
             "strings are read by Ruby's Time.parse (slashes, one-digit fields, month and "
             "weekday names, full-width colons dropping the time, zones, trailing words, "
             "date: 12345); document dates are whole seconds", "dates-timeparse",
      "each post's URL and printed date",
      exists=("2018/08/26/notes.html", "2016/09/05/short.html", "2012/12/10/int.html",
              "2023/12/10/zone.html", "2014/03/02/feb.html", "2016/09/19/weekday.html"),
      contains=(("2016/09/20/fullwidth.html", "date=2016-09-20 00:00:00 +0800"),
                ("2016/09/20/est.html", "date=2016-09-20 23:00:00 +0800"),
                ("2016/09/20/jst.html", "date=2016-09-20 10:00:00 +0800"),
                ("2016/09/20/frac.html", "date=2016-09-20 14:13:52 +0800"),
                ("2015/03/20/three-digit-zone.html", "date=2015-03-20 09:20:26 +0800"))),
    R("D02", "In _posts, files not named YYYY-MM-DD-slug.ext and .yml/.yaml files are neither "
             "posts nor static files", "dates-timeparse", "no output for them",
      absent=("notes.html", "_posts/notes.md", "2016/01/13/data.yml", "2016/01/13/data.html",
              "_posts/2016-01-13-data.yml")),
    R("D03", "Singular category/tag is one value; plural strings split on whitespace; nested "
             "lists flattened, nils dropped; numbers stringified for categories; folder "
             "categories and defaults united", "frontmatter-categories", "the URLs and tags",
      exists=("data mining/2019/01/01/single.html", "data/mining/2019/01/02/plural.html",
              '["game engine", "unity"]/c#/game engine/unity/2019/01/03/nested.html',
              "2019/2019/01/04/numbers.html", "two/three/one/2019/01/05/both.html",
              "a/2019/01/06/nil.html", "a/b/c/from defaults/2019/01/07/folder.html",
              "notes/data mining/note/index.html"),
      contains=(('["game engine", "unity"]/c#/game engine/unity/2019/01/03/nested.html',
                 "tags=Game Engine,Unity,C#"),
                ("2019/2019/01/04/numbers.html", "tags=1,true,2.5"),
                ("two/three/one/2019/01/05/both.html", "tags=solo tag"))),
    R("D04", "Page output names: a converted page keeps its basename without trailing dots "
             "and takes the converter's extension; encoded or plain .. in a permalink stays "
             "inside the destination", "page-urls", "the output files",
      exists=("trailing-dots.html", "about.html", "docs/guide.html", "docs/index.html",
              "escaped.html", "climbed/index.html", "feed.xml", "notes.html", "old.html",
              "assets/style.css", "notes.txt"),
      absent=("about.md.html", "trailing-dots/.html", "notes.mkdn.html", "assets/style.scss")),
    R("D05", "Page URLs under the pretty, ordinal, none and custom permalink styles",
      "page-urls-pretty", "about/index.html under pretty",
      exists=("about/index.html", "trailing-dots/index.html", "docs/guide/index.html")),
    R("D06", "Pages under the ordinal style keep .html", "page-urls-ordinal", "about.html",
      exists=("about.html", "trailing-dots.html")),
    R("D07", "Pages under the none style keep .html", "page-urls-none", "about.html",
      exists=("about.html", "trailing-dots.html")),
    R("D08", "A custom style ending in :output_ext gives pages .html", "page-urls-custom",
      "about.html", exists=("about.html", "trailing-dots.html")),
    R("D09", "A custom style ending in / gives pages folders", "page-urls-custom-dir",
      "about/index.html", exists=("about/index.html", "trailing-dots/index.html")),
    # --- gem themes and plugins ----------------------------------------------------------------
    R("T01", "theme: minima (a gem theme) supplies layouts, includes, Sass and assets; its "
             "runtime dependencies (jekyll-feed, jekyll-seo-tag) are active", "jekyll-new",
      "the site `jekyll new` makes: minima's header, compiled main.css, feed.xml",
      exists=("assets/main.css", "assets/minima-social-icons.svg", "feed.xml", "404.html"),
      contains=(("index.html", '<header class="site-header" role="banner">'),
                ("assets/main.css", ".site-header {"))),
    R("T02", "The site's own include, layout and assets/main.scss win over the theme's; a "
             "partial the theme imports relative to itself stays the theme's", "minima-override",
      "the custom footer and page layout, main.css with the site's rule",
      contains=(("about/index.html", "自定义页脚：王小明"),
                ("about/index.html", '<article class="post custom-page">'),
                ("assets/main.css", ".custom-page {"))),
    R("T03", "jekyll-toc: toc, toc_only and inject_anchors act only with toc: true; "
             "no_toc and no_toc_section headings are left out", "plugin-toc",
      "the list of the guide; nothing on the page without toc",
      contains=(("2024/01/02/guide.html", '<a href="#second-step-with-punctuation-1">'),
                ("2024/01/02/guide.html", '<a class="anchor" href="#deep-level"'),
                ("no-toc.html", "<nav></nav>"))),
    R("T04", "jekyll-gist: {% gist %} writes the gist's script tag", "plugin-gist",
      "three script tags, one with ?file=",
      contains=(("index.html", '<script src="https://gist.github.com/parkr/'
                               'c08ee0f2726fd0e3909d.js?file=test.md"> </script>'),
                ("index.html", "From a variable: <script src=\"https://gist.github.com/parkr/"
                               "931c1c8d465a04042403.js\">"))),
    R("T05", "jekyll-include-cache: include_cached renders like include", "plugin-include-cache",
      "the nav and the footer with its parameter",
      contains=(("index.html", "<footer>&copy; 2024 include cache</footer>"),)),
    R("T06", "jekyll-mentions: @name links to GitHub outside code and links", "plugin-mentions",
      "links for @benbalter, none for @in_code or @mention",
      contains=(("2024/01/02/thanks.html",
                 '<a href="https://github.com/benbalter" class="user-mention">'
                 '@benbalter</a>'),
                ("custom.html", '<a href="https://twitter.com/jack"'))),
    R("T07", "jekyll-readme-index: README.md becomes the index of a folder that has none",
      "plugin-readme-index", "index.html from README.md, docs/index.html from readme.markdown",
      exists=("index.html", "docs/index.html", "README.md", "withfm/README.html"),
      contains=(("index.html", "项目说明"), ("guide/index.html", "own index"))),
    R("T08", "jekyll-titles-from-headings: a page without a title takes its first heading",
      "plugin-titles-from-headings", "titles from ATX and Setext headings, stripped title",
      contains=(("atx.html", "<title>第一章：安装 &amp; 配置</title>"),
                ("setext.html", "<title>Setext title</title>"),
                ("own.html", "<title>Own title</title>"))),
    R("T09", "jekyll-default-layout: home for /, page for pages, post for posts",
      "plugin-default-layout", "the layout class of each page",
      contains=(("index.html", '<main class="home">'), ("about.html", '<main class="page">'),
                ("2024/02/03/a-post.html", '<main class="post">'),
                ("explicit.html", '<main class="default">'))),
    R("T10", "jekyll-optional-front-matter and jekyll-relative-links when listed in plugins",
      "plugin-optional-front-matter", "notes.md without front matter is a page; its .md "
      "links point to pages", exists=("notes.html", "other.html", "README.md"),
      contains=(("notes.html", '<a href="/other.html">'),)),
    R("T11", "jekyll-github-metadata without network: site.github from repository:",
      "plugin-github-metadata", "the derived URLs and the title fallback",
      contains=(("index.html", '"https://github.com/pages/acme/widgets"'),
                ("index.html", "<title>Metadata · widgets</title>"))),
    R("T12", "jekyll-last-modified-at: page.last_modified_at from git, the tag's format",
      "plugin-last-modified-at", "the footer of the page", exists=("index.html",),
      contains=(("index.html", "<footer>Updated "),)),
    R("T13", "jekyll-paginate-v2: pagination: in front matter over _config.yml; category "
             "filter, sort, trail, indexpage/extension; page 1 keeps its file name in its URL",
      "plugin-paginate-v2", "three pages of the home list, two of the java list",
      exists=("index.html", "page/2/index.html", "page/3/index.html", "java/list.htm",
              "java/page/2/list.htm"),
      contains=(("index.html", "url /index.html; info 1/3"),
                ("page/2/index.html", "<title>分页 - 第 2 页</title>"))),
    # --- Liquid as Ruby Liquid 5.4 parses it ---------------------------------------------------
    R("Q01", "error_mode warn: markup the strict parser rejects is read by Ruby's lax parser "
             "(unknown for attributes, .['key'], {{x}} inside a tag, stray characters, extra "
             "filter arguments) and rendered", "liquid-lax",
      "the layout's lax constructs render as in Jekyll on every page",
      contains=(("index.html", "1 posts in C Sharp"),
                ("index.html", "has a layout"), ("index.html", "HOME 首页 题"),
                ("c sharp/2020/01/01/hello.html", "Title: HELLO 你好."),
                ("c sharp/2020/01/01/hello.html", "Length plus one: 9"),
                ("中文/2020/02/02/second.html", "[第二篇 Second]"))),
    R("Q02", "error_mode lax: the same site renders the same, without warnings",
      "liquid-lax-silent", "the same pages as liquid-lax",
      contains=(("index.html", "1 posts in C Sharp"), ("index.html", "HOME 首页 题"))),
    R("Q03", "{% include /dir/x.html %} resolves inside _includes/; include_cached renders as an "
             "include; includes that recurse through nested data (40 levels, NexT-style) render",
      "liquid-lax", "the nav tree, the theme variables and the deep walk in the layout",
      contains=(("index.html", '<a href="/c-sharp/">C Sharp</a>'),
                ("index.html", "$theme-colors-dark-fg: #eee;"),
                ("index.html", "37/38/39/bottom"))),
)

CHECKLIST = tuple(f"C{i}" for i in range(1, 23))


def _by_build(rules):
    return [r for r in rules if r.build]


# --- the table itself ----------------------------------------------------------------------------

def test_rule_ids_unique_and_every_rule_has_a_proof():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert rule.text and rule.proof, rule.id
        if rule.build:
            assert rule.exists or rule.absent or rule.contains, f"{rule.id} checks nothing"
        else:
            assert rule.proof_test, f"{rule.id} has neither a fixture nor a test"


@pytest.mark.parametrize("rule", _by_build(RULES), ids=lambda r: r.id)
def test_rule_fixture_exists(rule):
    assert rule.build in BUILDS, f"{rule.id}: no fixture build named {rule.build!r}"
    site = BUILDS[rule.build].source
    assert site.is_dir() and any(site.iterdir()), f"{rule.id}: fixture {site} missing or empty"


@pytest.mark.parametrize("rule", [r for r in RULES if r.proof_test], ids=lambda r: r.id)
def test_rule_proof_test_exists(rule):
    path = TESTS.parent / rule.proof_test.split("::")[0]
    assert path.is_file(), f"{rule.id}: {path} does not exist"
    assert re.search(r"^def test_", path.read_text("utf-8"), re.M)


def test_every_checklist_item_covered():
    covered = {c for r in RULES for c in r.covers}
    assert not set(CHECKLIST) - covered, f"uncovered: {sorted(set(CHECKLIST) - covered)}"


def test_every_fixture_build_is_used_by_a_rule():
    used = {r.build for r in RULES}
    unused = sorted(set(BUILDS) - used)
    assert not unused, f"fixture builds no rule names: {unused}"


# --- the proofs, in both outputs -------------------------------------------------------------------

def _check(rule: Rule, root: Path) -> list[str]:
    """Problems with the rule's proof in one output folder (paths compared NFC, so that an
    NFD file name Jekyll copies byte for byte still counts)."""
    files = list_outputs(root)
    prefixes = {posixpath.dirname(rel) for rel in files}
    problems = []
    for rel in rule.exists:
        if rel not in files:
            problems.append(f"missing {rel}")
    for rel in rule.absent:
        if rel in files or any(p == rel or p.startswith(rel + "/") for p in prefixes):
            problems.append(f"unexpected {rel}")
    for rel, text in rule.contains:
        path = files.get(rel)
        if path is None:
            problems.append(f"missing {rel}")
        elif text not in path.read_text("utf-8", errors="replace"):
            problems.append(f"{rel} lacks {text!r}")
    return problems


@pytest.mark.parametrize("rule", _by_build(RULES), ids=lambda r: r.id)
def test_rule_holds_in_jekyll(site_builds, rule):
    """The fixture really shows the rule: real Jekyll's output has the proof."""
    run = site_builds.jekyll(rule.build)
    assert run.ok, run.describe()
    assert not _check(rule, run.dest), f"{rule.id} {rule.text}: {_check(rule, run.dest)}"


@pytest.mark.parametrize("rule", _by_build(RULES), ids=lambda r: r.id)
def test_rule_holds_in_blogtool(site_builds, rule):
    run = site_builds.blogtool(rule.build)
    assert run.ok, run.describe()
    assert not _check(rule, run.dest), f"{rule.id} {rule.text}: {_check(rule, run.dest)}"
