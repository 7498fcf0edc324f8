"""Writing new things: a new blog (``blogtool init``) and a new post (``blogtool new``).

Why this is more than a template (README "Publishing and writing"):
* a post's date decides its URL, so the date in the file name, the ``date:`` in the front
  matter (written with the site's UTC offset) and the URL are computed from one instant in the
  site's ``timezone:`` and always agree;
* the slug keeps CJK (Jekyll's ``default`` slugify mode), unlike Jekyll-Bootstrap's
  ``rake post`` which drops every non-ASCII letter and leaves ``2014-10-13-.md``;
* the new post copies the site's own habits (``{% include JB/setup %}``, ``category :`` vs
  ``categories:``, the layout) so a Jekyll-Bootstrap blog stays uniform;
* nothing is ever overwritten: names get ``-2``, ``-3``; files are opened with ``"x"``.

One module per job: ``siteconfig`` (the few configuration keys writing needs, the clock),
``style`` (the habits of the site's recent posts), ``posttext`` (pure pieces of a post: slug,
date, front matter, URL), ``newpost`` (``blogtool new``), ``newblog`` (``blogtool init``; the
files it writes are package data in ``blogtool/builtin/scaffold/``).
"""
from .newblog import WORKFLOW_PATH, init_files, init_site, workflow_text
from .newpost import NewPost, new_post, plan_post, write_post
from .posttext import EMPTY_SLUG, front_matter, parse_when, post_slug, post_url, unique_stem
from .siteconfig import default_timezone, read_config, read_zone
from .style import PostStyle, detect_style

__all__ = [
    "EMPTY_SLUG", "NewPost", "PostStyle", "WORKFLOW_PATH", "default_timezone", "detect_style",
    "front_matter", "init_files", "init_site", "new_post", "parse_when", "plan_post",
    "post_slug", "post_url", "read_config", "read_zone", "unique_stem", "workflow_text",
    "write_post",
]
