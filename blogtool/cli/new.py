"""``blogtool new "标题"``: a new post, named, dated and styled like the site's own posts."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import BuildError


@click.command("new")
@click.argument("title")
@click.option("--slug", default=None, help="File name part (default: from the title; CJK kept).")
@click.option("--category", default=None, help="Category of the post.")
@click.option("--tags", default="", help="Comma-separated tags: a,b")
@click.option("--draft", is_flag=True, help="Write _drafts/SLUG.md instead of a dated post.")
@click.option("--date", "date", default=None,
              help="Date (and time) of the post, e.g. 2026-11-23 or '2026-11-23 10:00'; read "
                   "in the site's timezone. Default: now.")
@click.option("-s", "--source", type=click.Path(file_okay=False, path_type=Path), default=".",
              show_default=True, help="Site source directory.")
def command(title: str, slug: str | None, category: str | None, tags: str, draft: bool,
            date: str | None, source: Path) -> None:
    """Write a new post and print its path (its URL goes to stderr)."""
    from ..commands.scaffold import new_post

    tag_list = [t.strip() for t in tags.replace("，", ",").split(",") if t.strip()]
    try:
        post = new_post(source, title, slug=slug, category=category, tags=tag_list,
                        draft=draft, date=date)
    except BuildError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(str(post.path))
    if post.url:
        click.echo(f"URL: {post.url}", err=True)
