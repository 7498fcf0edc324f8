"""HTML blocks end at their matching end tag, as in kramdown (Jekyll), not at a blank line."""
from blogtool.markup.markdown import render_markdown
from blogtool.markup.options import MarkupOptions

JEKYLL = MarkupOptions(compat="jekyll", cjk=False, code_recovery=False, detect_language=False)


def test_blank_lines_inside_a_list_element_stay_html() -> None:
    src = '<ul class="posts">\n  \n    <li><a href="/a">A</a></li>\n  \n</ul>\n'
    assert render_markdown(src, JEKYLL) == src
    assert render_markdown(src) == src


def test_nested_same_tags_are_balanced() -> None:
    src = "<div>\n<div>\n\ninner\n\n</div>\n\n</div>\n\n**after**\n"
    out = render_markdown(src, JEKYLL)
    assert out.startswith("<div>\n<div>\n\ninner\n\n</div>\n\n</div>\n")
    assert "<strong>after</strong>" in out


def test_unclosed_element_keeps_commonmark_reading() -> None:
    out = render_markdown("<div>\n\n*text*\n", JEKYLL)
    assert out == "<div>\n\n<p><em>text</em></p>\n"   # kramdown keeps the blank line


def test_markdown_inside_with_markdown_attribute_is_not_raw() -> None:
    out = render_markdown('<div markdown="1">\n\n**x**\n\n</div>\n', JEKYLL)
    assert "<strong>x</strong>" in out
