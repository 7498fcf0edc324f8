"""The files of a synthetic site besides its posts (``gencorpus.py``): configuration, layouts,
includes and the index, tag and category pages, for the Jekyll and the Hugo flavor.
"""
# ruff: noqa: E501
# (templates keep their lines as a site's author would write them)
from __future__ import annotations

JEKYLL_CONFIG = """\
# Written by blogtool's benchmarks/gencorpus.py (synthetic benchmark corpus).
title: 故障排查笔记
tagline: Hadoop、Java 与 Linux 的踩坑记录
author:
  name: bench
  email: bench@example.com
url: "http://bench.example.com"
baseurl: ""
timezone: Asia/Shanghai
permalink: /:categories/:year/:month/:day/:title.html
markdown: kramdown
highlighter: rouge
exclude: [README.md, Gemfile, Gemfile.lock]
JB:
  setup:
    provider: custom
  BASE_PATH: ""
  ASSET_PATH: /assets
  tags_path: /tags.html
  categories_path: /categories.html
"""

JEKYLL_DEFAULT_LAYOUT = """\
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{% if page.title %}{{ page.title }} | {% endif %}{{ site.title }}</title>
</head>
<body>
<header><a href="{{ '/' | relative_url }}">{{ site.title }}</a> · <a href="{{ '/tags.html' | relative_url }}">标签</a> · <a href="{{ '/categories.html' | relative_url }}">分类</a></header>
<main>
{{ content }}
</main>
<footer>{{ site.author.name }}</footer>
</body>
</html>
"""

JEKYLL_POST_LAYOUT = """\
---
layout: default
---
<article class="post">
<h1>{{ page.title }}</h1>
<p class="meta">{{ page.date | date: "%Y-%m-%d" }}{% for c in page.categories %} · <a href="{{ '/categories.html' | relative_url }}#{{ c | slugify }}">{{ c }}</a>{% endfor %}</p>
{{ content }}
{% if page.tags.size > 0 %}<ul class="tags">{% for tag in page.tags %}<li><a href="{{ '/tags.html' | relative_url }}#{{ tag | slugify }}">{{ tag }}</a></li>{% endfor %}</ul>{% endif %}
<nav>{% if page.previous %}<a href="{{ page.previous.url | relative_url }}">&laquo; {{ page.previous.title }}</a>{% endif %} {% if page.next %}<a href="{{ page.next.url | relative_url }}">{{ page.next.title }} &raquo;</a>{% endif %}</nav>
</article>
"""

#: Jekyll-Bootstrap's setup include only assigns variables: it must print nothing.
JB_SETUP = """\
{% capture jbcache %}{% comment %}Jekyll-Bootstrap style setup: assigns paths, prints nothing.{% endcomment %}{% if site.JB.setup.provider == "custom" %}{% assign BASE_PATH = site.JB.BASE_PATH %}{% assign ASSET_PATH = site.JB.ASSET_PATH %}{% else %}{% assign BASE_PATH = "" %}{% assign ASSET_PATH = "/assets" %}{% endif %}{% endcapture %}{% assign jbcache = nil %}"""

JEKYLL_INDEX = """\
---
layout: default
title: 首页
---
{% include JB/setup %}
<ul class="posts">
{% for post in site.posts limit:20 %}<li><span>{{ post.date | date_to_string }}</span> &raquo; <a href="{{ BASE_PATH }}{{ post.url }}">{{ post.title }}</a></li>
{% endfor %}</ul>
"""

JEKYLL_TAGS = """\
---
layout: default
title: 标签
---
<ul class="tag-cloud">{% for tag in site.tags %}<li><a href="#{{ tag[0] | slugify }}">{{ tag[0] }} <sup>{{ tag[1].size }}</sup></a></li>{% endfor %}</ul>
{% for tag in site.tags %}
<h2 id="{{ tag[0] | slugify }}">{{ tag[0] }}</h2>
<ul>{% for post in tag[1] %}<li><a href="{{ post.url | relative_url }}">{{ post.title }}</a> <small>{{ post.date | date: "%Y-%m-%d" }}</small></li>{% endfor %}</ul>
{% endfor %}
"""

JEKYLL_CATEGORIES = JEKYLL_TAGS.replace("标签", "分类").replace("site.tags", "site.categories") \
    .replace("tag-cloud", "category-cloud")

HUGO_CONFIG = """\
# Written by blogtool's benchmarks/gencorpus.py (synthetic benchmark corpus).
baseURL = "http://bench.example.com/"
languageCode = "zh-cn"
title = "故障排查笔记"
hasCJKLanguage = true
disableKinds = ["RSS", "sitemap"]
timeZone = "Asia/Shanghai"

[permalinks]
  posts = "/:year/:month/:day/:slug/"

[taxonomies]
  tag = "tags"
  category = "categories"

[markup.goldmark.renderer]
  unsafe = true

[markup.highlight]
  noClasses = false
  guessSyntax = false
"""

HUGO_BASEOF = """\
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ .Site.Title }}</title>
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a> · <a href="{{ "/tags/" | relURL }}">标签</a> · <a href="{{ "/categories/" | relURL }}">分类</a></header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer>bench</footer>
</body>
</html>
"""

HUGO_SINGLE = """\
{{ define "main" }}
<article class="post">
<h1>{{ .Title }}</h1>
<p class="meta">{{ .Date.Format "2006-01-02" }}{{ range .GetTerms "categories" }} · <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
{{ .Content }}
{{ with .GetTerms "tags" }}<ul class="tags">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
<nav>{{ with .NextInSection }}<a href="{{ .RelPermalink }}">&laquo; {{ .Title }}</a>{{ end }} {{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }} &raquo;</a>{{ end }}</nav>
</article>
{{ end }}
"""

HUGO_LIST = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <small>{{ .Date.Format "2006-01-02" }}</small></li>{{ end }}</ul>
{{ end }}
"""

HUGO_INDEX = """\
{{ define "main" }}
<ul class="posts">
{{ range first 20 (where .Site.RegularPages "Section" "posts") }}<li><span>{{ .Date.Format "02 Jan 2006" }}</span> &raquo; <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
{{ end }}
"""

HUGO_TAXONOMY = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="tag-cloud">{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }} <sup>{{ .Count }}</sup></a></li>{{ end }}</ul>
{{ end }}
"""

HUGO_TERM = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <small>{{ .Date.Format "2006-01-02" }}</small></li>{{ end }}</ul>
{{ end }}
"""


def site_files(flavor: str, theme: str = "site") -> dict[str, str]:
    """The non-post files of a site, by relative path."""
    if flavor == "jekyll":
        files = {
            "_config.yml": JEKYLL_CONFIG,
            "_includes/JB/setup": JB_SETUP,
            "index.html": JEKYLL_INDEX,
            "tags.html": JEKYLL_TAGS,
            "categories.html": JEKYLL_CATEGORIES,
        }
        if theme == "site":
            files["_layouts/default.html"] = JEKYLL_DEFAULT_LAYOUT
            files["_layouts/post.html"] = JEKYLL_POST_LAYOUT
        return files
    if flavor == "hugo":
        return {
            "config.toml": HUGO_CONFIG,
            "layouts/_default/baseof.html": HUGO_BASEOF,
            "layouts/_default/single.html": HUGO_SINGLE,
            "layouts/_default/list.html": HUGO_LIST,
            "layouts/_default/taxonomy.html": HUGO_TAXONOMY,
            "layouts/_default/term.html": HUGO_TERM,
            "layouts/index.html": HUGO_INDEX,
        }
    raise ValueError(f"unknown flavor {flavor!r}")


def posts_dir(flavor: str) -> str:
    """Where a flavor keeps its posts, relative to the site root."""
    return "_posts" if flavor == "jekyll" else "content/posts"
