"""``blogtool new``: names, slugs, front matter style, and a date that agrees with the URL."""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from click.testing import CliRunner

from blogtool import timeutil, urls
from blogtool.cli.new import command
from blogtool.commands.scaffold import (
    EMPTY_SLUG,
    PostStyle,
    detect_style,
    front_matter,
    new_post,
    plan_post,
    post_slug,
    unique_stem,
)
from blogtool.errors import BuildError

SEED = Path(__file__).resolve().parents[1] / "_posts" / "2014-10-18-flume-sink-hang.md"
NOW = dt.datetime(2026, 11, 22, 20, 0, 0, tzinfo=dt.UTC)  # 04:00 next day in Shanghai
POST_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)\.md$")


def make_site(root: Path, config: str = "timezone: Asia/Shanghai\n") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "_config.yml").write_text(config, encoding="utf-8")
    return root


def split(text: str) -> tuple[dict, str]:
    assert text.startswith("---\n")
    head, _, body = text[4:].partition("\n---\n")
    return yaml.safe_load(head), body


def check_agreement(site: Path, post) -> None:
    """File name date == front matter date (in the site zone) == the URL's date."""
    config = yaml.safe_load((site / "_config.yml").read_text(encoding="utf-8")) or {}
    zone = ZoneInfo(config["timezone"])
    data, _ = split(post.path.read_text(encoding="utf-8"))
    when = timeutil.from_front_matter(data["date"], zone)
    y, m, d, slug = POST_NAME.match(post.path.name).groups()
    assert (when.year, when.month, when.day) == (int(y), int(m), int(d))
    assert str(data["date"]).endswith(when.strftime("%z"))
    cats = [data["categories"][0]] if data.get("categories") else []
    values = urls.document_placeholders(
        date=when, slug=slug, basename=post.path.stem, categories=cats, collection="posts",
        output_ext=".html", rel_path=f"_posts/{post.path.name}")
    expected = urls.document_url(urls.style_template(config.get("permalink")), values)
    assert post.url == expected
    assert f"/{y}/{m}/{d}/" in post.url


def test_chinese_title_keeps_cjk_in_the_slug(tmp_path: Path) -> None:
    site = make_site(tmp_path / "blog")
    post = new_post(site, "中文 标题：测试", now=NOW)
    assert post.path == site / "_posts" / "2026-11-23-中文-标题-测试.md"
    data, body = split(post.path.read_text(encoding="utf-8"))
    assert data["title"] == "中文 标题：测试"
    assert data["layout"] == "post"
    assert data["date"] == "2026-11-23 04:00:00 +0800"
    assert body.strip() == ""
    assert post.url == "/2026/11/23/%E4%B8%AD%E6%96%87-%E6%A0%87%E9%A2%98-%E6%B5%8B%E8%AF%95.html"
    check_agreement(site, post)


def test_english_and_mixed_titles(tmp_path: Path) -> None:
    site = make_site(tmp_path / "blog")
    english = new_post(site, "Flume Agent Stops!", now=NOW)
    assert english.path.name == "2026-11-23-flume-agent-stops.md"
    assert english.url == "/2026/11/23/flume-agent-stops.html"
    mixed = new_post(site, "HDFS 安全模式 (Safe Mode) 排查", now=NOW)
    assert mixed.path.name == "2026-11-23-hdfs-安全模式-safe-mode-排查.md"
    for post in (english, mixed):
        check_agreement(site, post)


def test_punctuation_only_title_gets_the_post_slug_and_never_overwrites(tmp_path: Path) -> None:
    site = make_site(tmp_path / "blog")
    first = new_post(site, "？？！！……", now=NOW)
    second = new_post(site, "!!!", now=NOW)
    assert EMPTY_SLUG == "post"
    assert first.path.name == "2026-11-23-post.md"
    assert second.path.name == "2026-11-23-post-2.md"
    assert split(first.path.read_text(encoding="utf-8"))[0]["title"] == "？？！！……"
    assert second.url == "/2026/11/23/post-2.html"
    check_agreement(site, second)


def test_existing_files_are_never_overwritten(tmp_path: Path) -> None:
    site = make_site(tmp_path / "blog")
    posts = site / "_posts"
    posts.mkdir()
    (posts / "2026-11-23-hello.md").write_text("mine\n")
    (posts / "2026-11-23-hello-2.markdown").write_text("also mine\n")  # same URL, other ext
    post = new_post(site, "Hello", now=NOW)
    assert post.path.name == "2026-11-23-hello-3.md"
    assert post.slug == "hello-3" and post.url == "/2026/11/23/hello-3.html"
    assert (posts / "2026-11-23-hello.md").read_text() == "mine\n"
    assert (posts / "2026-11-23-hello-2.markdown").read_text() == "also mine\n"
    # another day: the same slug is free again
    other = new_post(site, "Hello", date="2026-11-24", now=NOW)
    assert other.path.name == "2026-11-24-hello.md"


def test_unique_stem() -> None:
    assert unique_stem("a", []) == "a"
    assert unique_stem("a", ["a", "a-2", "a-4"]) == "a-3"


@pytest.mark.parametrize("zone, instant, day", [
    ("Asia/Shanghai", NOW, "2026-11-23"),
    ("UTC", NOW, "2026-11-22"),
    ("America/New_York", dt.datetime(2026, 3, 8, 3, 30, tzinfo=dt.UTC), "2026-03-07"),
    ("Pacific/Kiritimati", dt.datetime(2026, 12, 31, 10, 0, tzinfo=dt.UTC),
     "2027-01-01"),
])
def test_date_name_and_url_agree_in_every_zone(tmp_path: Path, zone: str, instant: dt.datetime,
                                               day: str) -> None:
    site = make_site(tmp_path / "blog", f"timezone: {zone}\npermalink: pretty\n")
    post = new_post(site, "时区 测试", category="jvm", now=instant)
    assert post.path.name == f"{day}-时区-测试.md"
    assert post.url.startswith("/jvm/" + day.replace("-", "/") + "/") and post.url.endswith("/")
    check_agreement(site, post)


def test_date_option_read_in_the_site_zone(tmp_path: Path) -> None:
    site = make_site(tmp_path / "blog")
    local = new_post(site, "本地时间", date="2015-03-02 23:30")
    assert local.path.name == "2015-03-02-本地时间.md"
    assert split(local.path.read_text(encoding="utf-8"))[0]["date"] == "2015-03-02 23:30:00 +0800"
    # an explicit offset keeps the instant; the day follows the site zone
    utc = new_post(site, "带时区", date="2015-03-02 23:30:00 +0000")
    assert utc.path.name == "2015-03-03-带时区.md"
    assert split(utc.path.read_text(encoding="utf-8"))[0]["date"] == "2015-03-03 07:30:00 +0800"
    for post in (local, utc):
        check_agreement(site, post)
    with pytest.raises(BuildError) as info:
        plan_post(site, "x", date="yesterday")
    assert "--date 'yesterday' is not a date" in str(info.value)


def test_titles_are_quoted_safely() -> None:
    for title in ['He said "hi": #1', "yes", "2014", "- dash", "a\\b", "'single'", "{% raw %}",
                  "[x]", "null", "标题：冒号 # 井号", "tab\there"]:
        data, _ = split(front_matter(title, style=PostStyle(), date=None))
        assert data["title"] == title


def test_site_without_config_uses_the_machine_zone(tmp_path: Path) -> None:
    site = tmp_path / "bare"
    site.mkdir()
    post = plan_post(site, "x", now=NOW)
    local = NOW.astimezone()
    assert post.path.name == f"{local:%Y-%m-%d}-x.md"
    assert post.date.utcoffset() == local.utcoffset()


def test_jekyll_bootstrap_style_is_copied(tmp_path: Path) -> None:
    site = make_site(tmp_path / "blog")
    (site / "_posts").mkdir()
    shutil.copy(SEED, site / "_posts" / SEED.name)
    post = new_post(site, "Kafka 消费者 rebalance", category="kafka", tags=["kafka", "消费者"],
                    now=NOW)
    text = post.path.read_text(encoding="utf-8")
    assert "\ncategory : kafka\n" in text
    assert "\ntags : [kafka, 消费者]\n" in text
    assert "---\n{% include JB/setup %}\n" in text
    data, _ = split(text)
    assert data["category"] == "kafka" and data["tags"] == ["kafka", "消费者"]
    assert post.url.startswith("/kafka/2026/11/23/")


def test_categories_list_style_and_layout_are_copied(tmp_path: Path) -> None:
    site = make_site(tmp_path / "blog")
    posts = site / "_posts"
    posts.mkdir()
    for i in range(3):
        (posts / f"2015-01-0{i + 1}-p{i}.md").write_text(
            f"---\nlayout: article\ntitle: p{i}\ncategories: [ops]\n---\nbody\n")
    post = new_post(site, "Big Data 笔记", category="Big Data", now=NOW)
    data, body = split(post.path.read_text(encoding="utf-8"))
    assert data["layout"] == "article"
    assert data["categories"] == ["Big Data"]
    assert "JB/setup" not in body
    assert post.url.startswith("/big%20data/2026/11/23/")


def test_detect_style_majority_of_posts() -> None:
    jb = "---\nlayout: post\ncategory : a\ntags : [x]\n---\n{% include JB/setup %}\nbody"
    plain = "---\nlayout: post\ncategories: [a]\n---\nbody"
    assert detect_style([jb, jb, plain]) == PostStyle("post", True, "category", True)
    assert detect_style([plain, plain, jb]) == PostStyle("post", False, "categories", False)
    assert detect_style([]) == PostStyle()
    crlf = jb.replace("\n", "\r\n")
    assert detect_style([crlf]).jb_setup and detect_style([crlf]).category_key == "category"


def test_draft(tmp_path: Path) -> None:
    site = make_site(tmp_path / "blog")
    draft = new_post(site, "草稿 Draft", draft=True)
    assert draft.path == site / "_drafts" / "草稿-draft.md"
    data, _ = split(draft.path.read_text(encoding="utf-8"))
    assert "date" not in data and draft.url is None
    again = new_post(site, "草稿 Draft", draft=True)
    assert again.path.name == "草稿-draft-2.md"
    dated = new_post(site, "定时", draft=True, date="2026-12-01 09:00")
    assert dated.path.name == "定时.md" and dated.url == "/2026/12/01/定时.html".replace(
        "定时", "%E5%AE%9A%E6%97%B6")


def test_slug_option_and_post_slug() -> None:
    assert post_slug("中文 标题", "Custom Slug!") == "custom-slug"
    assert post_slug("日本語のタイトル 2014") == "日本語のタイトル-2014"
    assert post_slug("   ") == EMPTY_SLUG


def test_cli_prints_the_path(tmp_path: Path) -> None:
    site = make_site(tmp_path / "blog")
    before = dt.datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d")
    res = CliRunner().invoke(command, ["Spring 事务不回滚", "--tags", "spring,事务",
                                       "--category", "java", "-s", str(site)])
    after = dt.datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d")
    assert res.exit_code == 0, res.output
    path = Path(res.stdout.strip().splitlines()[0])
    assert path.is_file() and path.parent == site / "_posts"
    assert path.name in (f"{before}-spring-事务不回滚.md", f"{after}-spring-事务不回滚.md")
    data, _ = split(path.read_text(encoding="utf-8"))
    assert data["tags"] == ["spring", "事务"] and data["categories"] == ["java"]
    assert data["date"].startswith(path.name[:10]) and data["date"].endswith("+0800")


def test_cli_slug_draft_and_errors(tmp_path: Path) -> None:
    site = make_site(tmp_path / "blog")
    runner = CliRunner()
    res = runner.invoke(command, ["任意标题", "--slug", "my-slug", "--date", "2015-06-18",
                                  "-s", str(site)])
    assert res.exit_code == 0, res.output
    assert res.stdout.strip() == str(site / "_posts" / "2015-06-18-my-slug.md")
    res = runner.invoke(command, ["草稿", "--draft", "-s", str(site)])
    assert res.stdout.strip() == str(site / "_drafts" / "草稿.md")
    res = runner.invoke(command, ["x", "--date", "2015-13-45", "-s", str(site)])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "is not a date" in res.output
    bad = make_site(tmp_path / "bad", "timezone: Mars/Olympus\n")
    res = runner.invoke(command, ["x", "-s", str(bad)])
    assert res.exit_code == 1 and "unknown time zone 'Mars/Olympus'" in res.output
