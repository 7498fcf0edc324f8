"""Summaries and reading time as the theme shows them: the first real paragraph only (never
fragments joined across a code block), no space beside full-width punctuation, and no
reading time for a post with nothing to read."""
from __future__ import annotations

from blogtool.markup.text import measure, reading_minutes, summarize

LOG = "<pre><code>2015-01-09 ERROR send failed\njava.net.SocketException</code></pre>"


def test_summary_is_the_first_paragraph_only() -> None:
    html = ("<p>凌晨三点收到告警，两台 RegionServer 进程不见了，重启以后又能跑一天。</p>"
            f"{LOG}<p>第二段讲原因。</p>")
    assert summarize(html) == "凌晨三点收到告警，两台 RegionServer 进程不见了，重启以后又能跑一天。"


def test_a_fragment_is_not_the_summary() -> None:
    html = f"<p>更新：</p><p>报错如下：</p>{LOG}<p>这个服务每隔三四天就会因为文件句柄耗尽而失败。</p>"
    assert summarize(html) == "这个服务每隔三四天就会因为文件句柄耗尽而失败。"
    assert summarize("<p>短。</p>") == "短。"            # nothing wider: the first one


def test_a_lead_in_to_a_log_ends_in_an_ellipsis() -> None:
    html = f"<p>用户反馈签到偶尔失败，应用日志里是 MySQL 的死锁：</p>{LOG}<p>客户端会重复提交。</p>"
    assert summarize(html) == "用户反馈签到偶尔失败，应用日志里是 MySQL 的死锁…"
    assert summarize(f"<p>The job failed every night with this error:</p>{LOG}") == \
        "The job failed every night with this error…"


def test_no_space_beside_full_width_punctuation() -> None:
    html = "<p>错误很典型： Too many open files （句柄耗尽） 。\n下一行</p>"
    assert summarize(html) == "错误很典型：Too many open files（句柄耗尽）。下一行"
    assert summarize("<p>Spaces stay: between Latin words, after an ASCII colon.</p>") == \
        "Spaces stay: between Latin words, after an ASCII colon."


def test_no_reading_time_for_an_empty_post() -> None:
    assert reading_minutes("") == 0
    assert measure("<p> </p>") == ("", 0)
    assert measure(LOG) == ("", 0)                # only a log: nothing to read
    assert measure("<p>一句话。</p>") == ("一句话。", 1)
