"""Discovery: walk the source tree the way Jekyll's Reader does and return :class:`Sources`.

Nothing is rendered here. Front matter is parsed, defaults applied, dates, categories, tags and
URLs resolved, so every later stage can rely on them. One module per job:

* ``walk``: the entry points and the walk over the source tree;
* ``files``: which entries Jekyll reads, symbolic links, reading bytes;
* ``encoding``: bytes to text, and naming the encoding of a file that is not UTF-8;
* ``documents``: the rules posts, pages and collection documents share (output extension,
  dates, URL, tags, front matter that fails to load);
* ``posts``, ``pages``, ``collection``, ``layouts``, ``data``: one kind of file each.
"""
from .context import HTML_EXTS
from .posts import PARALLEL_READ
from .walk import read_pages, read_site, read_theme_layers, reread

__all__ = ["HTML_EXTS", "PARALLEL_READ", "read_pages", "read_site", "read_theme_layers",
           "reread"]
