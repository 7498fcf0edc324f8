"""Generate the prose set that code recovery must leave alone.

Run ``python tests/data/prose/make_prose.py`` from the repository root; it rewrites
``tests/data/prose/NNN.md``. Every file is Markdown a troubleshooting post really contains
around its code: Chinese and English paragraphs, lists, quotes, headings, tables, paragraphs
indented by one to three spaces, and sentences full of identifiers, ``;``, ``{}``, ``=`` and
timestamps. Recovery turning any of them into a code block is a false positive.
Deterministic (fixed seed); fixed before recovery was tuned.
"""
from __future__ import annotations

import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20141019

ZH = [
    "Flume 使用过程中碰到一个很诡异的问题，就是当server端挂了后，agent不再给server端传送数据。",
    "在跟进的过程中，发现server端启动后，agent和server端建立了一个 rpc的连接，连接建立后，就不再往后走了。",
    "理论上是在调用super.start() 方法时出问题了。",
    "AbstractRpcSink 的父类为 AbstractSink",
    "看一下 AbstractSink的start 方法：",
    "应该是channel出问题了，为什么在sink启动后，channel出问题了呢？",
    "从以上数据可以看出，`Rpc sink k2 started.` 创建完sink的连接后，理论上会打印此日志。",
    "2014-10-11 22:48:56 左右，线上的 agent 开始不停地重连，日志里全是 WARN。",
    "我们把 batchSize 从 100 调到 500；结果吞吐量提高了一倍，但是延迟也变高了。",
    "配置里写的是 a1.sinks.k1.port = 1463，端口没有问题。",
    "如果 channel != null 的检查失败，就会抛出 IllegalStateException。",
    "用 jstack 看了一下线程栈，SinkRunner-PollingRunner-DefaultSinkProcessor 一直在 WAITING 状态。",
    "最后发现是 NettyAvroRpcClient 的 connect-timeout 设置得太短了（默认 20000 ms）。",
    "在 {} 里填上主机名和端口，例如 {host: 10.2.8.11, port: 1463}。",
    "HashMap 在并发 put 的时候可能形成环形链表，导致 CPU 100%；换成 ConcurrentHashMap 就好了。",
    "GC 日志显示 Full GC 的时间超过了 3 秒，这期间所有请求都被阻塞。",
    "ERROR 级别的日志只有一条，但 WARN 有上千条。",
    "注意：log4j.properties 要放在 classpath 下面，否则不会生效。",
    "这个问题在 1.5.0 版本中已经修复，见 FLUME-2307。",
    "String.format(\"%s\", x) 比字符串拼接慢不少，但是可读性更好。",
    "执行 hdfs dfs -ls / 时报 Connection refused，说明 NameNode 没有起来。",
    "Kafka 的 consumer 在 rebalance 时会暂停消费，session.timeout.ms 设得太小会频繁触发。",
    "从 10:48:57 到 10:49:30，这 33 秒内没有任何日志输出。",
    "public 方法里不要直接返回内部的可变集合，否则调用方可以修改它。",
    "SELECT 语句加上 FOR UPDATE 之后会锁住对应的行，直到事务提交。",
    "第二天早上 07:03:18 又出现了同样的问题。",
    "重启之后一切正常；但是过了两天，问题又出现了。",
    "问题的根源在于 ZooKeeper 的 session 过期后，HBase 的 RegionServer 自己退出了。",
]
EN = [
    "The sink stopped sending events after the collector restarted; nothing in the logs said why.",
    "Set batchSize = 500 and restart the agent, then watch the channel fill rate.",
    "At 22:48:56 the agent logged a WARN about maxIOWorkers, which is harmless.",
    "The fix is simple: check that channel != null before calling start().",
    "Use `jstack <pid>` to dump the threads, and look for SinkRunner.",
    "In Java, a synchronized method locks on this; a static synchronized method locks on the class.",
    "Objects in braces {like this} are not code, they are just how I write placeholders.",
    "If you see java.net.ConnectException: Connection refused, the server is not listening.",
    "On 2014-10-13 the same thing happened again, at 07:03 in the morning.",
    "This post explains why the Flume Avro sink hangs and how we fixed it.",
    "We tried three things; none of them worked until we upgraded Netty.",
    "Note that log4j 1.x is end of life, so consider logback or log4j2 instead.",
    "The method AbstractRpcSink.start() creates the connection before the process loop runs.",
    "Heap usage grew from 1 GB to 7 GB in about an hour (see the GC log below).",
    "Thanks to @colleague for pointing me at the right thread dump.",
    "ERROR and WARN lines are highlighted in red and orange in the theme.",
]


def para(r: random.Random, pool: list[str], n: int) -> str:
    return "".join(r.choice(pool) for _ in range(n)) if pool is ZH else " ".join(
        r.choice(pool) for _ in range(n))


def make(r: random.Random, i: int) -> str:
    kind = i % 12
    zh = r.random() < 0.6
    pool = ZH if zh else EN
    if kind == 0:       # plain paragraph, maybe several lines
        return "\n".join(para(r, pool, r.randint(1, 2)) for _ in range(r.randint(1, 3)))
    if kind == 1:       # indented by one to three spaces
        ind = " " * r.randint(1, 3)
        return "\n".join(ind + para(r, pool, 1) for _ in range(r.randint(1, 3)))
    if kind == 2:       # bullet list
        mark = r.choice(["-", "*", "+", "1."])
        return "\n".join(f"{mark} {r.choice(pool)}" for _ in range(r.randint(2, 5)))
    if kind == 3:       # quote
        return "\n".join(f"> {r.choice(pool)}" for _ in range(r.randint(1, 3)))
    if kind == 4:       # heading then paragraph
        return f"{'#' * r.randint(1, 4)} {r.choice(['问题描述', '原因分析', 'Root cause', '解决办法 (fix)'])}\n\n{para(r, pool, 2)}"
    if kind == 5:       # table
        return ("| 参数 | 默认值 | 说明 |\n|---|---|---|\n| batchSize | 100 | 每批事件数; 越大越快 |\n"
                f"| connect-timeout | 20000 | {r.choice(pool)} |")
    if kind == 6:       # html block
        return r.choice(["<div class=\"note\">\n注意：不要在生产环境直接重启。\n</div>",
                         "<!-- more -->", "<p align=\"center\">图 1：sink 的状态机</p>"])
    if kind == 7:       # paragraph that starts with a timestamp or identifier
        return r.choice([f"2014-10-{r.randint(10, 28)} 22:48:56 {r.choice(ZH)}",
                         f"super.start() {r.choice(ZH)}",
                         f"channel.put(event); {r.choice(ZH)}",
                         f"{r.randint(10, 23)}:{r.randint(10, 59)} {r.choice(EN)}",
                         f"AbstractSink.start(): {r.choice(EN)}"])
    if kind == 8:       # indented list / nested list
        return "\n".join(f"{' ' * r.choice([0, 2])}- {r.choice(pool)}" for _ in range(r.randint(2, 4)))
    if kind == 9:       # several short lines, each with punctuation that looks like code
        return "\n".join(r.choice([
            "步骤一：修改配置 a1.sinks.k1.batch-size = 500；",
            "步骤二：重启 agent；",
            "步骤三：观察 channel 的 {size, capacity}。",
            "Step 1: edit flume.conf;",
            "Step 2: restart the agent (service flume-ng-agent restart);",
            "结论：问题解决。",
        ]) for _ in range(r.randint(2, 4)))
    if kind == 10:      # two-space indented Chinese after code, as in the seed
        return "  " + r.choice(ZH) + ("\n  " + r.choice(ZH) if r.random() < 0.4 else "")
    return f"**{r.choice(['注意', 'Note', '总结'])}**：{r.choice(pool)}"


def main() -> None:
    r = random.Random(SEED)
    for old in HERE.glob("*.md"):
        old.unlink()
    for i in range(240):
        (HERE / f"{i:03d}.md").write_text(make(r, i) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
