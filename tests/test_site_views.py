"""``site`` as a render sees it: its own ``related_posts`` per document, one view per
document (and one for all pages) while a render wave runs, a fresh one outside."""
from __future__ import annotations

from blogtool.build.payload import Drop, site_for, wave_views


def _site() -> tuple[Drop, list[Drop]]:
    posts = [Drop(f"_posts/{i}.md", {"title": f"p{i}"}) for i in range(13)]
    return Drop("site", {"posts": posts, "time": 1, "title": "t"}), posts


def test_related_posts_leave_out_the_document_itself() -> None:
    site, posts = _site()
    related = site_for(site, posts[0])["related_posts"]
    assert related == posts[1:11] and site_for(site, {"title": "a page"})["related_posts"] is None
    assert dict.get(site, "related_posts") is None       # the site itself is not changed


def test_a_wave_reuses_a_documents_view_and_one_for_pages() -> None:
    site, posts = _site()
    outside = site_for(site, posts[0])
    assert site_for(site, posts[0]) is not outside
    with wave_views():
        first = site_for(site, posts[0])
        assert site_for(site, posts[0]) is first               # content, then excerpt
        second = site_for(site, posts[1])
        assert second is not first and posts[1] not in second["related_posts"]
        page = site_for(site, {"title": "index"})
        assert site_for(site, {"title": "tags"}) is page
        assert page["related_posts"] is None
        assert site_for(site, posts[1]) is second               # its layouts
    dict.__setitem__(site, "time", 2)            # after the wave the site may change
    assert site_for(site, posts[1])["time"] == 2
    with wave_views():
        assert site_for(site, posts[1])["time"] == 2
        other, _ = _site()
        assert site_for(other, posts[1]) is not site_for(site, posts[1])
