"""The words blogtool's own theme and generators print (page titles, navigation), per
language. A leaf module: the theme engine and the generators both read it."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["LABELS", "label", "site_lang"]

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "home": "首页", "tags": "标签", "categories": "分类", "archive": "归档",
        "tag_title": "标签：{name}", "category_title": "分类：{name}",
        "page_n": "第 {n} 页", "not_found": "页面不存在", "previous": "上一篇",
        "next": "下一篇", "newer": "较新的文章", "older": "较早的文章",
        "reading_time": "约 {n} 分钟读完", "toc": "目录", "posts_count": "{n} 篇",
        "copy": "复制", "copied": "已复制", "read_more": "阅读全文", "feed": "订阅",
        "no_posts": "还没有文章。", "not_found_text": "找不到这个页面。它可能已被移动或删除。",
        "back_home": "回到首页", "in_tags": "标签", "in_categories": "分类",
        "pages_of": "第 {page} / {total} 页", "skip": "跳到正文",
    },
    "en": {
        "home": "Home", "tags": "Tags", "categories": "Categories", "archive": "Archive",
        "tag_title": "Tag: {name}", "category_title": "Category: {name}",
        "page_n": "Page {n}", "not_found": "Page not found", "previous": "Previous",
        "next": "Next", "newer": "Newer posts", "older": "Older posts",
        "reading_time": "{n} min read", "toc": "Contents", "posts_count": "{n} posts",
        "copy": "Copy", "copied": "Copied", "read_more": "Read more", "feed": "Feed",
        "no_posts": "No posts yet.", "not_found_text": "This page does not exist. It may "
                                                      "have been moved or deleted.",
        "back_home": "Back to the home page", "in_tags": "Tags", "in_categories": "Categories",
        "pages_of": "Page {page} of {total}", "skip": "Skip to content",
    },
}


def site_lang(config: Mapping[str, Any]) -> str:
    """``zh`` unless the site says it is written in another language (the theme is CJK-first)."""
    lang = str(config.get("lang") or "zh-CN").lower()
    return "zh" if lang.startswith(("zh", "cmn", "yue")) else "en"


def label(lang: str, key: str) -> str:
    return LABELS.get(lang, LABELS["en"]).get(key) or LABELS["en"][key]
