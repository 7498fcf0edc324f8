"""Tag and category pages for theme sites: one page per term (paginated), and an index of
all terms with counts.

Terms that differ only in case or spacing (``Flume``, ``flume``, ``big  data``) share one page,
named as first written. The URL uses the term's slug (Jekyll's default slugify: letters of
every script kept, so ``中文`` stays ``中文`` and is percent-encoded in the URL, and any ``/``,
``..``, ``?`` or ``#`` becomes ``-``); a term with nothing left (``???``, emoji) gets a stable
hash, and two terms with one slug (``C++``, ``C#``) get ``c`` and ``c-2``. No term can reach
outside its folder."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ... import urls
from ...errors import BuildError
from ...labels import label
from ...models import Document, term_key
from ..settings import BlogtoolOptions
from .pages import make_page, refs, virtual_path
from .paginate import theme_pages

KINDS = {"tag": ("tags", "tag_permalink", "/tags/"),
         "category": ("categories", "category_permalink", "/categories/")}


@dataclass
class Term:
    key: str                       # case- and space-folded
    name: str                      # as first written
    posts: list[Document] = field(default_factory=list)   # newest first
    slug: str = ""
    url: str = ""


def collect_terms(posts: list[Document], kind: str) -> list[Term]:
    """Terms in order of first appearance (posts oldest first, as Jekyll's ``site.tags``),
    each with its posts newest first and no post twice."""
    terms: dict[str, Term] = {}
    for doc in posts:
        values = doc.tags if kind == "tag" else doc.categories
        for value in values:
            if value is None or not str(value).strip():
                continue
            key = term_key(value)
            term = terms.get(key)
            if term is None:
                term = terms[key] = Term(key, " ".join(str(value).split()))
            if not term.posts or term.posts[-1] is not doc:
                term.posts.append(doc)
    for term in terms.values():
        term.posts.reverse()
    return list(terms.values())


def term_slug(term: Term) -> str:
    slug = urls.slugify(term.name, "default")
    if not slug:
        slug = "t-" + hashlib.sha1(term.key.encode("utf-8")).hexdigest()[:8]
    return slug


def assign_urls(terms: list[Term], template: str, setting: str) -> None:
    """Unique slug and URL for every term, in order, so the result never depends on luck."""
    if ":name" not in template:
        raise BuildError("_config.yml", None, f"blogtool.{setting} must contain ':name' "
                                              f"(it is '{template}')")
    used: set[str] = set()
    for term in terms:
        base = term_slug(term)
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        term.slug = slug
        term.url = urls.sanitize_url(urls.fill_template(template, {"name": slug}, strict=False))


def index_url(template: str, fallback: str) -> str:
    """``/tags/:name/`` -> ``/tags/``; a pattern with no folder of its own uses ``fallback``."""
    prefix = template.split(":name", 1)[0]
    prefix = prefix if prefix.endswith("/") else prefix.rsplit("/", 1)[0] + "/"
    prefix = urls.sanitize_url(prefix)
    return fallback if prefix == "/" else prefix


def sorted_for_index(terms: list[Term]) -> list[Term]:
    return sorted(terms, key=lambda t: (-len(t.posts), t.name.casefold(), t.name))


def taxonomy_pages(posts: list[Document], kind: str, options: BlogtoolOptions, lang: str
                   ) -> tuple[list[Document], list[Term]]:
    """Every term's pages and the index page of one taxonomy (``tag`` or ``category``)."""
    plural, setting, fallback = KINDS[kind]
    template = options.term_permalink(kind)
    terms = collect_terms(posts, kind)
    assign_urls(terms, template, setting)
    per_page = options.paginate
    docs: list[Document] = []
    for term in terms:
        for url, pager in theme_pages(term.posts, per_page, term.url):
            title = label(lang, kind + "_title").format(name=term.name)
            data = {"title": title, "term": term.name, "kind": kind, "posts": refs(term.posts),
                    "count": len(term.posts), "paginator": pager, "layout": None}
            docs.append(make_page(virtual_path(plural, term.slug, f"page{pager['page']}",
                                               "index.html"), url,
                                  data=data, template=f"{kind}.html"))
    listing = [{"name": t.name, "url": t.url, "count": len(t.posts), "slug": t.slug}
               for t in sorted_for_index(terms)]
    docs.append(make_page(virtual_path(plural, "index.html"), index_url(template, fallback),
                          data={"title": label(lang, plural), "kind": plural, "terms": listing,
                                "layout": None},
                          template=f"{plural}.html"))
    return docs, terms
