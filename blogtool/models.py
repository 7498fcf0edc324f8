"""What the reader produces: documents, static files, layouts, all read and resolved, nothing
rendered. Plain dataclasses so that they pickle cheaply into worker processes."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .timeutil import RubyTime


@dataclass
class Document:
    """A post, draft, page or collection document."""

    kind: str                    # "post" | "page" | "doc" (collection document)
    collection: str | None       # "posts" for posts and drafts, a label for documents
    rel_path: str                # source-relative POSIX path, e.g. "_posts/2014-10-13-x.md"
    data: dict[str, Any]         # defaults merged with the file's own front matter
    body: str                    # the text after the front matter
    body_line: int               # 1-based line of the file where ``body`` starts
    url: str
    dest: str                    # destination-relative POSIX path of the output file
    ext: str                     # source extension, ".md"
    output_ext: str              # ".html", ".xml" ...
    markdown: bool               # converted by the Markdown stage
    date: RubyTime | None = None
    slug: str = ""
    categories: list[str] = field(default_factory=list)
    tags: list[Any] = field(default_factory=list)
    draft: bool = False
    write: bool = True           # collections with ``output: false`` are read, not written
    generated: bool = False      # made by a generator (tag pages, feed...), not read from disk
    template: str | None = None  # for generated documents: the theme template to render
    producer: str | None = None  # a page written by Python code (generators.direct), not Liquid
    key_lines: dict[str, int] = field(default_factory=dict)   # front matter key -> file line

    @property
    def name(self) -> str:
        return self.rel_path.rsplit("/", 1)[-1]

    @property
    def basename(self) -> str:
        """File name without extension (Jekyll's ``basename_without_ext``)."""
        name = self.name
        return name[: len(name) - len(self.ext)] if self.ext else name

    @property
    def is_post(self) -> bool:
        return self.collection == "posts"

    @property
    def layout(self) -> str | None:
        value = self.data.get("layout")
        if value in (None, "", "none", "null", False):
            return None
        return str(value)

    @property
    def id(self) -> str:
        """Jekyll's ``Document#id``: dirname of the URL plus the raw slug."""
        if self.kind == "page":
            return ""
        base = self.url.rsplit("/", 1)[0] if not self.url.endswith("/") else \
            self.url.rstrip("/").rsplit("/", 1)[0]
        return f"{base}/{self.slug}"

    @property
    def title(self) -> Any:
        return self.data.get("title")


@dataclass
class StaticFile:
    rel_path: str                # source-relative POSIX path
    abs_path: str
    dest: str                    # destination-relative POSIX path (decoded)
    url: str
    mtime: float
    collection: str | None = None
    write: bool = True

    @property
    def name(self) -> str:
        return self.rel_path.rsplit("/", 1)[-1]


@dataclass
class Layout:
    name: str                    # "post" for _layouts/post.html
    rel_path: str
    data: dict[str, Any]
    body: str
    body_line: int


@dataclass
class Sources:
    """Everything read from the source tree, before any rendering."""

    posts: list[Document]        # ascending by (date, path), as Jekyll's collection order
    pages: list[Document]
    documents: dict[str, list[Document]]   # other collections by label
    static_files: list[StaticFile]
    layouts: dict[str, Layout]
    data: dict[str, Any]

    def all_documents(self) -> list[Document]:
        docs = list(self.posts)
        for items in self.documents.values():
            docs.extend(items)
        docs.extend(self.pages)
        return docs


def term_key(term: Any) -> str:
    """Tags and categories that differ only in case or spacing are one term (one page)."""
    return " ".join(str(term).split()).casefold()
