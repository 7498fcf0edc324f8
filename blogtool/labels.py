"""The words blogtool's own theme and generators print (page titles, navigation, dates), in
Simplified Chinese, Traditional Chinese, Japanese, Korean and English. A leaf module: the
theme engine and the generators both read it."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["LABELS", "LANGUAGES", "label", "lang_key", "site_lang", "long_date"]

LANGUAGES = ("zh-CN", "zh-TW", "ja", "ko", "en")

LABELS: dict[str, dict[str, str]] = {
    "zh-CN": {
        "home": "首页", "tags": "标签", "categories": "分类", "archive": "归档",
        "tag_title": "标签：{name}", "category_title": "分类：{name}",
        "page_n": "第 {n} 页", "not_found": "页面不存在", "previous": "上一篇",
        "next": "下一篇", "newer": "较新的文章", "older": "较早的文章",
        "reading_time": "约 {n} 分钟读完", "toc": "目录", "posts_count": "{n} 篇",
        "copy": "复制", "copied": "已复制", "read_more": "阅读全文", "feed": "订阅",
        "no_posts": "还没有文章。", "not_found_text": "找不到这个页面。它可能已被移动或删除。",
        "back_home": "回到首页", "in_tags": "标签", "in_categories": "分类",
        "pages_of": "第 {page} / {total} 页", "skip": "跳到正文",
        "date": "{y}年{m}月{d}日", "site_nav": "网站导航", "pagination": "分页",
        "post_nav": "上一篇和下一篇", "wrap": "自动换行", "search": "搜索",
        "errors": "错误索引",
        "search_placeholder": "异常类名、日志或关键词",
        "search_none": "没有找到结果。",
        "search_count": "{n} 个结果",
        "search_nojs": "搜索需要 JavaScript。",
        "errors_in_post": "本文涉及的错误",
        "errors_intro": "本站文章的日志和堆栈中出现的异常与错误信息。",
        "errors_plain": "无异常类的错误日志",
        "errors_none": "还没有文章包含错误日志。",
        "errors_log": "日志",
    },
    "zh-TW": {
        "home": "首頁", "tags": "標籤", "categories": "分類", "archive": "彙整",
        "tag_title": "標籤：{name}", "category_title": "分類：{name}",
        "page_n": "第 {n} 頁", "not_found": "找不到頁面", "previous": "上一篇",
        "next": "下一篇", "newer": "較新的文章", "older": "較舊的文章",
        "reading_time": "約 {n} 分鐘讀完", "toc": "目錄", "posts_count": "{n} 篇",
        "copy": "複製", "copied": "已複製", "read_more": "繼續閱讀", "feed": "訂閱",
        "no_posts": "還沒有文章。", "not_found_text": "找不到這個頁面。它可能已被移動或刪除。",
        "back_home": "回到首頁", "in_tags": "標籤", "in_categories": "分類",
        "pages_of": "第 {page} / {total} 頁", "skip": "跳到主要內容",
        "date": "{y}年{m}月{d}日", "site_nav": "網站導覽", "pagination": "分頁",
        "post_nav": "上一篇與下一篇", "wrap": "自動換行", "search": "搜尋",
        "errors": "錯誤索引",
        "search_placeholder": "例外類別、日誌或關鍵字",
        "search_none": "找不到結果。",
        "search_count": "{n} 筆結果",
        "search_nojs": "搜尋需要 JavaScript。",
        "errors_in_post": "本文涉及的錯誤",
        "errors_intro": "本站文章的日誌與堆疊中出現的例外與錯誤訊息。",
        "errors_plain": "無例外類別的錯誤日誌",
        "errors_none": "還沒有文章包含錯誤日誌。",
        "errors_log": "日誌",
    },
    "ja": {
        "home": "ホーム", "tags": "タグ", "categories": "カテゴリー", "archive": "アーカイブ",
        "tag_title": "タグ：{name}", "category_title": "カテゴリー：{name}",
        "page_n": "{n} ページ目", "not_found": "ページが見つかりません", "previous": "前の記事",
        "next": "次の記事", "newer": "新しい記事", "older": "古い記事",
        "reading_time": "約 {n} 分で読めます", "toc": "目次", "posts_count": "{n} 件",
        "copy": "コピー", "copied": "コピーしました", "read_more": "続きを読む",
        "feed": "フィード", "no_posts": "まだ記事がありません。",
        "not_found_text": "このページは存在しません。移動または削除された可能性があります。",
        "back_home": "ホームに戻る", "in_tags": "タグ", "in_categories": "カテゴリー",
        "pages_of": "{page} / {total} ページ", "skip": "本文へスキップ",
        "date": "{y}年{m}月{d}日", "site_nav": "サイト内ナビゲーション",
        "pagination": "ページ送り", "post_nav": "前後の記事", "wrap": "折り返し",
        "search": "検索", "errors": "エラー索引",
        "search_placeholder": "例外クラス名・ログ・キーワード",
        "search_none": "見つかりませんでした。",
        "search_count": "{n} 件",
        "search_nojs": "検索には JavaScript が必要です。",
        "errors_in_post": "この記事のエラー",
        "errors_intro": "このサイトの記事のログとスタックトレースに現れる例外とエラーメッセージ。",
        "errors_plain": "例外クラスのないエラーログ",
        "errors_none": "エラーログのある記事はまだありません。",
        "errors_log": "ログ",
    },
    "ko": {
        "home": "홈", "tags": "태그", "categories": "카테고리", "archive": "보관함",
        "tag_title": "태그: {name}", "category_title": "카테고리: {name}",
        "page_n": "{n}페이지", "not_found": "페이지를 찾을 수 없습니다", "previous": "이전 글",
        "next": "다음 글", "newer": "새 글", "older": "지난 글",
        "reading_time": "읽는 데 약 {n}분", "toc": "목차", "posts_count": "글 {n}개",
        "copy": "복사", "copied": "복사됨", "read_more": "더 읽기", "feed": "피드",
        "no_posts": "아직 글이 없습니다.",
        "not_found_text": "이 페이지는 존재하지 않습니다. 옮겨졌거나 삭제되었을 수 있습니다.",
        "back_home": "홈으로 돌아가기", "in_tags": "태그", "in_categories": "카테고리",
        "pages_of": "{page} / {total} 페이지", "skip": "본문으로 건너뛰기",
        "date": "{y}년 {m}월 {d}일", "site_nav": "사이트 메뉴", "pagination": "페이지 이동",
        "post_nav": "이전 글과 다음 글", "wrap": "줄 바꿈", "search": "검색",
        "errors": "오류 색인",
        "search_placeholder": "예외 클래스, 로그, 키워드",
        "search_none": "결과가 없습니다.",
        "search_count": "{n}개 결과",
        "search_nojs": "검색하려면 JavaScript가 필요합니다.",
        "errors_in_post": "이 글에서 다루는 오류",
        "errors_intro": "이 사이트 글의 로그와 스택 트레이스에 나오는 예외와 오류 메시지입니다.",
        "errors_plain": "예외 클래스가 없는 오류 로그",
        "errors_none": "아직 오류 로그가 있는 글이 없습니다.",
        "errors_log": "로그",
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
        "date": "{mon} {d}, {y}", "site_nav": "Site", "pagination": "Pagination",
        "post_nav": "Previous and next post", "wrap": "Wrap lines", "search": "Search",
        "errors": "Error index",
        "search_placeholder": "Exception, log line or words",
        "search_none": "No results.",
        "search_count": "{n} results",
        "search_nojs": "Search needs JavaScript.",
        "errors_in_post": "Errors in this post",
        "errors_intro": "Exceptions and error messages shown in this site's logs and stack traces.",
        "errors_plain": "Log errors without an exception",
        "errors_none": "No post shows an error yet.",
        "errors_log": "log",
    },
}

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def lang_key(lang: Any) -> str:
    """The label set for a language tag (BCP 47, any case, ``_`` or ``-``): ``zh-TW`` for
    Traditional Chinese (``zh-TW``, ``zh-HK``, ``zh-MO``, ``zh-Hant``), ``zh-CN`` for other
    Chinese, ``ja``, ``ko``, and ``en`` for everything else. No tag at all: ``zh-CN``."""
    tag = str(lang or "zh-CN").strip().lower().replace("_", "-")
    primary, _, rest = tag.partition("-")
    if primary in ("zh", "cmn", "yue"):
        parts = rest.split("-")
        return "zh-TW" if {"tw", "hk", "mo", "hant"} & set(parts) or primary == "yue" \
            else "zh-CN"
    if primary in ("ja", "jp"):
        return "ja"
    if primary in ("ko", "kr"):
        return "ko"
    return "en"


def site_lang(config: Mapping[str, Any]) -> str:
    """The label set for a site (its ``lang:``; Simplified Chinese when it has none: the theme
    is CJK-first)."""
    return lang_key(config.get("lang"))


def label(lang: str, key: str) -> str:
    labels = LABELS.get(lang) or LABELS[lang_key(lang)]
    return labels.get(key) or LABELS["en"][key]


def long_date(lang: str, year: int, month: int, day: int) -> str:
    """A date as readers of ``lang`` write it: 2014年10月18日, 2014년 10월 18일, Oct 18, 2014."""
    return label(lang, "date").format(y=year, m=month, d=day, mon=_MONTHS[month - 1])
