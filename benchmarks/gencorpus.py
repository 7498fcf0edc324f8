#!/usr/bin/env python3
"""Synthetic Chinese troubleshooting-blog corpus for blogtool's benchmarks.

    python benchmarks/gencorpus.py OUTDIR --posts N [--seed S]
        [--flavor jekyll|hugo] [--theme site|default] [--force]

Why this exists: blogtool is judged by how fast it builds sites like the seed blog (an old
Jekyll-Bootstrap blog of Hadoop/Java notes: YAML front matter written by hand in several
styles, a ``{% include JB/setup %}`` line, Chinese prose with English words glued in, and long
pasted log4j runs, Java, shell and XML, some fenced and some indented, a few log lines
indented by only two spaces).  A benchmark on Lorem-ipsum would measure the wrong thing, so
this module writes posts of that shape, deterministically:

* a post depends only on ``(seed, index)``, so a corpus of 1,000 posts is exactly the first
  1,000 posts of a corpus of 5,000, and two runs give byte-identical trees;
* the Jekyll and Hugo flavors carry the same Markdown body (Hugo gets TOML-free YAML front
  matter it accepts and no Liquid include line), so the tools render the same text.

The flavor used for blogtool is ``jekyll`` (blogtool builds Jekyll sites); ``--theme default``
leaves out ``_layouts/`` so blogtool falls back to its built-in theme.

Standard library only: the benchmark must run before any dependency is installed.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import random
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

#: Bumped whenever the output changes, so cached corpora are regenerated.
GENERATOR_VERSION = 1
#: Marker file proving a directory was written by this generator (``--force`` needs it).
MARKER = ".blogtool-gencorpus.json"
INCLUDE_LINE = "{% include JB/setup %}"

# --------------------------------------------------------------------------------------------
# Vocabulary (written for this generator).
# --------------------------------------------------------------------------------------------

#: Categories, most common first; drawn with Zipf-like weights.
CATEGORIES: tuple[str, ...] = (
    "hadoop", "java", "linux", "bigdata", "mysql", "network", "tools", "读书笔记",
)
#: Tags, most common first (32 of them; a few are CJK, as on real Chinese blogs).
TAGS: tuple[str, ...] = (
    "flume", "hdfs", "jvm", "hbase", "log4j", "shell", "kafka", "mysql", "zookeeper",
    "故障排查", "hive", "gc", "netty", "maven", "tomcat", "nginx", "yarn", "spark", "redis",
    "jstack", "性能", "linux", "git", "ssh", "crontab", "tcp", "spring", "vim", "dns",
    "docker", "python", "源码分析",
)
#: Tags that go with a category, so a post's tags look related to its category.
CATEGORY_TAGS: dict[str, tuple[str, ...]] = {
    "hadoop": ("hdfs", "flume", "hbase", "hive", "yarn", "zookeeper"),
    "java": ("jvm", "gc", "jstack", "netty", "maven", "spring", "log4j"),
    "linux": ("shell", "crontab", "ssh", "linux", "vim", "性能"),
    "bigdata": ("kafka", "spark", "flume", "hive", "zookeeper"),
    "mysql": ("mysql", "redis", "性能"),
    "network": ("tcp", "dns", "nginx", "netty", "ssh"),
    "tools": ("git", "vim", "maven", "docker", "python"),
    "读书笔记": ("源码分析", "jvm", "性能"),
}

ZH_NOUNS = ["服务端", "客户端", "连接", "配置文件", "日志", "线程", "线程池", "进程", "内存", "磁盘", "网络", "集群", "节点", "数据块", "副本", "队列", "缓存", "索引", "数据库", "请求", "响应", "超时时间", "心跳", "端口", "防火墙", "权限", "环境变量", "启动脚本", "源码", "方法", "参数", "返回值", "异常", "堆栈", "堆内存", "类加载器", "依赖包", "版本", "补丁", "监控", "告警", "吞吐量", "延迟", "负载", "调度器", "任务", "分区", "文件系统", "目录", "序列化", "协议", "通道", "事件", "回调", "死锁", "事务", "慢查询", "消息", "消费者", "生产者", "偏移量", "元数据", "快照", "检查点", "编码", "字符集", "乱码", "时区", "定时任务", "脚本", "命令行", "生产环境", "测试环境", "虚拟机", "容器", "内核参数", "文件句柄", "系统调用", "代理", "证书", "重试机制", "接口", "实现类", "父类", "构造函数", "单例", "配置项", "默认值", "会话", "连接池", "计数器", "生命周期", "主线程", "工作线程", "守护进程", "临时文件", "软链接", "时间戳", "错误码"]
ZH_STATES = ["挂了", "卡住了", "没有响应", "超时了", "断开了", "被阻塞了", "重启了", "报错了", "启动失败了", "一直在重连", "占满了", "丢失了一部分", "被覆盖了", "初始化完成", "执行了两次", "没有释放", "泄漏了", "变慢了", "乱码了", "回滚了"]
ZH_OPENERS = (
    "在跟进的过程中，", "先来看正常启动的过程。", "从以上日志可以看出，", "查了一下资料，",
    "一开始以为是网络的问题，", "仔细看了一下源码，", "于是，", "重新部署后，", "理论上，",
    "奇怪的是，", "测试时，", "简单来说，", "为了验证这个猜想，", "重启之后，",
)
ZH_CLOSERS = (
    "以后遇到同样的问题可以参考。", "这是一个已知的问题。", "只是猜测还没有验证。",
    "需要对比一下前后的日志。", "具体的步骤如下。", "效果还不错。", "复现的概率不高。",
    "应该是哪里没有处理好。", "问题就解决了。", "先记录下来。", "暂时没有更好的办法。",
)
ZH_HEADINGS = (
    "问题描述", "现象", "原因分析", "解决方案", "解决办法", "遗留问题", "参考资料", "总结",
    "排查过程", "环境", "复现步骤", "源码分析", "后记", "补充",
)
EN_TERMS = (
    "Flume", "HDFS", "NameNode", "DataNode", "HBase", "RegionServer", "Hive", "Kafka",
    "ZooKeeper", "YARN", "ResourceManager", "Spark", "Tomcat", "Nginx", "MySQL", "Redis",
    "Netty", "Avro", "Thrift", "JVM", "GC", "Maven", "log4j", "slf4j", "agent", "sink",
    "source", "channel", "server", "client", "socket", "rpc", "jstack", "jmap", "crontab",
    "iptables", "classpath", "heap", "broker", "consumer", "producer", "session", "checkpoint",
)
JAVA_PACKAGES = (
    "org.apache.flume.sink", "org.apache.flume.api", "org.apache.flume.channel",
    "org.apache.hadoop.hdfs", "org.apache.hadoop.ipc", "org.apache.hadoop.hbase.regionserver",
    "org.apache.zookeeper", "org.apache.kafka.clients.producer", "com.example.etl",
    "org.springframework.context", "io.netty.channel", "org.apache.catalina.core",
)
JAVA_CLASSES = (
    "NettyAvroRpcClient", "AbstractRpcSink", "AvroSink", "FileChannel", "MemoryChannel",
    "SinkRunner", "DFSOutputStream", "LeaseManager", "Client", "HRegion", "ClientCnxn",
    "KafkaProducer", "LogLoader", "ApplicationContext", "DefaultChannelPipeline",
    "StandardWrapper", "BucketWriter", "HDFSEventSink", "ExecSource", "DataStreamer",
)
JAVA_METHODS = (
    "configure", "start", "stop", "process", "createConnection", "destroyConnection", "append",
    "flush", "run", "doTake", "doPut", "commit", "rollback", "call", "sendPacket", "close",
    "initializeRpcClient", "checkState", "recover", "poll", "write", "handle",
)
THREADS = (
    "lifecycleSupervisor-1-1", "SinkRunner-PollingRunner-DefaultSinkProcessor", "main",
    "pool-3-thread-1", "IPC Server handler 4 on 8020", "New I/O worker #2",
    "hdfs-k1-call-runner-0", "conf-file-poller-0", "DataStreamer for file /flume/events",
    "http-bio-8080-exec-12",
)
LOG_MESSAGES = (
    "Batch size string = {n}", "Using default maxIOWorkers", "Rpc sink {w}: Created RpcClient",
    "Rpc sink {w} started.", "Polling sink runner starting", "Attempting to create Avro Rpc client.",
    "Creating {path}.tmp", "Renaming {path}.tmp to {path}", "Connection refused: /10.2.8.{n3}:{port}",
    "Unable to deliver event. Exception follows.", "Checkpoint for file: {path} is: {n}",
    "Exception while closing socket", "Transaction rolled back", "Got brand-new compressor",
    "Session establishment complete on server 10.2.8.{n3}:2181, sessionid = 0x{hex}",
    "Slow ReadProcessor read fields took {n}ms (threshold=30000ms)",
    "Started SelectChannelConnector@0.0.0.0:{port}", "Waiting for channel: {w} to stop",
    "Removing pool entry: {w}", "Failed to send batch, will retry in {n3} ms",
)
EXCEPTIONS = (
    "java.io.IOException: Broken pipe", "java.net.ConnectException: Connection refused",
    "java.lang.OutOfMemoryError: Java heap space", "java.lang.NullPointerException",
    "org.apache.flume.EventDeliveryException: Failed to send events",
    "java.util.concurrent.TimeoutException", "java.io.EOFException",
    "org.apache.hadoop.ipc.RemoteException: File does not exist",
    "java.lang.IllegalStateException: Channel closed",
)
SLUG_WORDS = (
    "flume", "sink", "hang", "hdfs", "namenode", "safemode", "hbase", "region", "split", "jvm",
    "gc", "full", "oom", "heap", "dump", "log4j", "rolling", "appender", "kafka", "offset",
    "lag", "zookeeper", "session", "expired", "mysql", "slow", "query", "utf8", "encoding",
    "nginx", "upstream", "timeout", "tomcat", "thread", "leak", "jstack", "deadlock", "maven",
    "dependency", "conflict", "shell", "crontab", "ssh", "tunnel", "iptables", "tcp",
    "time-wait", "dns", "cache", "hive", "udf", "spark", "shuffle", "yarn", "container",
    "killed", "netty", "epoll", "bug", "fix", "upgrade", "notes", "install", "config",
    "hadoop2", "cdh5", "java7", "x64", "centos6",
)
ZH_TITLE_TAILS = (
    "的问题", "问题排查", "踩坑记录", "笔记", "的一次故障", "的解决办法", "源码分析", "小结",
    "不工作的原因", "配置说明",
)
SHELL_COMMANDS = (
    "hadoop fs -ls /flume/events/{y}", "jps -l", "jstack {pid} > /tmp/jstack.{pid}.log",
    "jmap -histo:live {pid} | head -n 20", "jstat -gcutil {pid} 1000 5",
    "tail -f /var/log/flume/flume.log | grep -i error", "netstat -anp | grep {port}",
    "ps aux | grep flume | grep -v grep", "ulimit -n", "sudo iptables -L -n",
    "hdfs dfsadmin -report", "hbase hbck -details", "crontab -l",
    "grep -c 'Batch size' /var/log/flume/flume.log", "ls -lh /data/flume/checkpoint",
    "export JAVA_HOME=/usr/java/jdk1.7.0_67", "echo $HADOOP_HOME",
    "mvn dependency:tree -Dincludes=org.slf4j", "ssh -p 22 hadoop@10.2.8.{n3}",
    "bin/flume-ng agent -c conf -f conf/flume.conf -n a1 -Dflume.root.logger=DEBUG,console",
)
XML_PROPERTIES = (
    ("dfs.replication", "3"), ("dfs.namenode.handler.count", "64"),
    ("dfs.client.socket-timeout", "120000"), ("hbase.regionserver.handler.count", "50"),
    ("hbase.zookeeper.quorum", "zk1,zk2,zk3"), ("io.file.buffer.size", "131072"),
    ("mapreduce.map.memory.mb", "2048"), ("yarn.nodemanager.resource.memory-mb", "8192"),
    ("hive.exec.parallel", "true"), ("fs.trash.interval", "1440"),
)
FLUME_PROPERTIES = (
    "a1.sources = r1", "a1.channels = c1", "a1.sinks = k1 k2", "a1.sources.r1.type = exec",
    "a1.sources.r1.command = tail -F /var/log/app/app.log", "a1.channels.c1.type = file",
    "a1.channels.c1.checkpointDir = /data/flume/checkpoint", "a1.channels.c1.capacity = 1000000",
    "a1.sinks.k1.type = avro", "a1.sinks.k1.hostname = 10.2.8.11", "a1.sinks.k1.port = 1463",
    "a1.sinks.k1.batch-size = 500", "a1.sinks.k1.request-timeout = 20000",
    "a1.sinkgroups.g1.processor.type = failover",
    "log4j.rootLogger=INFO, DRFA", "log4j.appender.DRFA=org.apache.log4j.DailyRollingFileAppender",
    "log4j.appender.DRFA.DatePattern=.yyyy-MM-dd",
    "log4j.appender.DRFA.layout.ConversionPattern=%d (%t) [%p - %l] %m%n",
)
LINK_HOSTS = ("issues.apache.org/jira/browse", "flume.apache.org", "wiki.example.com/doc",
              "stackoverflow.com/questions", "blog.example.org/posts")

FIRST_DAY = _dt.date(2010, 1, 1)
#: Days in the date cycle; prime, so ``index * STRIDE % DATE_CYCLE`` visits every day once.
DATE_CYCLE = 4001
DATE_STRIDE = 1237
CST = _dt.timezone(_dt.timedelta(hours=8))


def _zipf_weights(n: int, s: float = 1.1) -> list[float]:
    """Skewed weights (rank ``r`` gets ``1/r**s``): a few tags dominate, as on real blogs."""
    return [1.0 / (rank ** s) for rank in range(1, n + 1)]


CATEGORY_WEIGHTS = _zipf_weights(len(CATEGORIES))
TAG_WEIGHTS = _zipf_weights(len(TAGS))


# --------------------------------------------------------------------------------------------
# One post.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Post:
    """Everything about one synthetic post, so each flavor can render its own front matter."""

    index: int
    date: _dt.date
    slug: str
    title: str | None  # None: no `title:` line, Jekyll derives it from the slug
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    timestamp: _dt.datetime | None  # a `date:` line in the front matter
    jekyll_front_matter: str  # including both `---` lines
    has_include: bool
    body: str  # the Markdown shared by every flavor

    @property
    def filename(self) -> str:
        """Jekyll post file name: ``YYYY-MM-DD-slug.md``."""
        return f"{self.date.isoformat()}-{self.slug}.md"

    @property
    def jekyll_text(self) -> str:
        """The complete Jekyll source file."""
        include = INCLUDE_LINE + "\n\n\n" if self.has_include else ""
        return self.jekyll_front_matter + include + self.body

    @property
    def display_title(self) -> str:
        """The title Jekyll shows: front matter ``title`` or the slug, pieces capitalized."""
        if self.title is not None:
            return self.title
        return " ".join(p[:1].upper() + p[1:].lower() for p in self.slug.split("-"))

    @property
    def hugo_text(self) -> str:
        """The Hugo source: YAML front matter Hugo accepts, then the same Markdown body."""
        moment = self.timestamp or _dt.datetime.combine(self.date, _dt.time(), CST)
        lines = [
            "---",
            f"title: {_yaml_str(self.display_title)}",
            f"date: {moment.isoformat()}",
            f"slug: {_yaml_str(self.slug)}",
            f"categories: [{', '.join(_yaml_str(c) for c in self.categories)}]",
            f"tags: [{', '.join(_yaml_str(t) for t in self.tags)}]",
            "---",
            "",
        ]
        return "\n".join(lines) + self.body


def _yaml_str(value: str) -> str:
    """A double-quoted YAML scalar (JSON string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _rng(seed: int, index: int) -> random.Random:
    """The generator for one post; string seeding is stable across Python versions and runs."""
    return random.Random(f"blogtool-gencorpus:{GENERATOR_VERSION}:{seed}:{index}")


def _post_date(index: int, seed: int) -> tuple[_dt.date, int]:
    """Distinct dates for the first DATE_CYCLE posts; returns the date and the cycle number."""
    day = (index * DATE_STRIDE + seed * 61) % DATE_CYCLE
    return FIRST_DAY + _dt.timedelta(days=day), index // DATE_CYCLE


def _pick_tags(rng: random.Random, category: str) -> list[str]:
    """1-4 tags, Zipf-skewed, usually including one that matches the category."""
    count = rng.choices((0, 1, 2, 3, 4), weights=(3, 30, 35, 22, 10))[0]
    chosen: list[str] = []
    if count and rng.random() < 0.7:
        chosen.append(rng.choice(CATEGORY_TAGS[category]))
    while len(chosen) < count:
        tag = rng.choices(TAGS, weights=TAG_WEIGHTS)[0]
        if tag not in chosen:
            chosen.append(tag)
    return chosen


def _front_matter(rng: random.Random, title: str | None, categories: list[str],
                  tags: list[str], timestamp: _dt.datetime | None, date_style: int) -> str:
    """Hand-written-looking YAML front matter, in the styles seen on Jekyll-Bootstrap blogs."""
    lines = ["---", "layout: post" if rng.random() < 0.9 else "layout : post"]
    if title is not None:
        lines.append(f"title: {_yaml_str(title)}" if rng.random() < 0.7 else f'title : "{title}"')
    if rng.random() < 0.3:
        lines.append('description: ""')
    if categories:
        style = rng.random()
        if len(categories) > 1:
            lines.append(f"categories: [{', '.join(categories)}]" if style < 0.6
                         else f"categories: {' '.join(categories)}")
        elif style < 0.55:
            lines.append(f"category : {categories[0]}")
        elif style < 0.85:
            lines.append(f"category: {categories[0]}")
        else:
            lines.append(f"categories: [{categories[0]}]")
    style = rng.random()
    if not tags:
        lines.append("tags : []")
    elif style < 0.5:
        lines.append(f"tags : [{', '.join(tags)}]")
    elif style < 0.7:
        lines.append(f"tags: [{', '.join(tags)}]")
    elif style < 0.85:
        lines.append(f"tags: {' '.join(tags)}")
    else:
        lines.append("tags:")
        lines.extend(f"  - {tag}" for tag in tags)
    if timestamp is not None:
        if date_style == 0:
            lines.append(f"date: {timestamp.strftime('%Y-%m-%d %H:%M:%S')} +0800")
        else:
            lines.append(f"date: {timestamp.strftime('%Y-%m-%d %H:%M:%S')}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def make_post(index: int, seed: int = 1) -> tuple[str, str]:
    """Return ``(file name, full Jekyll source)`` of post ``index``; depends only on seed, index."""
    post = build_post(index, seed)
    return post.filename, post.jekyll_text


def make_hugo_post(index: int, seed: int = 1) -> tuple[str, str]:
    """Return ``(file name, full Hugo source)`` of post ``index``: same body as :func:`make_post`."""
    post = build_post(index, seed)
    return post.filename, post.hugo_text


def build_post(index: int, seed: int = 1) -> Post:
    """Build post ``index`` with all its parts (see :class:`Post`)."""
    if index < 0:
        raise ValueError("post index must be >= 0")
    rng = _rng(seed, index)
    date, cycle = _post_date(index, seed)
    words = rng.sample(SLUG_WORDS, rng.randint(2, 4))
    slug = "-".join(words) + (f"-{cycle + 1}" if cycle else "")
    title: str | None = None
    if rng.random() < 0.6:
        title = _zh_title(rng, words)
    category = rng.choices(CATEGORIES, weights=CATEGORY_WEIGHTS)[0]
    categories = [category]
    roll = rng.random()
    if roll < 0.12:
        other = rng.choices(CATEGORIES, weights=CATEGORY_WEIGHTS)[0]
        if other != category:
            categories.append(other)
    elif roll < 0.16:
        categories = []
    tags = _pick_tags(rng, category)
    timestamp = None
    date_style = 0
    if rng.random() < 0.2:
        # Keep the clock inside the day in both UTC and +0800, so the URL day matches the
        # file name whichever way a tool reads an offset-less timestamp.
        timestamp = _dt.datetime.combine(
            date, _dt.time(rng.randint(8, 15), rng.randint(0, 59), rng.randint(0, 59)), CST)
        date_style = 0 if rng.random() < 0.6 else 1
    front_matter = _front_matter(rng, title, categories, tags, timestamp, date_style)
    has_include = rng.random() < 0.9
    body = _body(rng)
    return Post(index, date, slug, title, tuple(categories), tuple(tags), timestamp,
                front_matter, has_include, body)


def _zh_title(rng: random.Random, words: Sequence[str]) -> str:
    """A title mixing the slug's English words and Chinese, as the seed blog's titles do."""
    head = " ".join(w for w in words[:2])
    if rng.random() < 0.5:
        head = rng.choice(EN_TERMS) + " " + head
    return f"{head} {rng.choice(ZH_NOUNS)}{rng.choice(ZH_TITLE_TAILS)}"


# --------------------------------------------------------------------------------------------
# Body blocks. Each returns Markdown without a trailing newline; none contains `{{` or `{%`.
# --------------------------------------------------------------------------------------------


def _term(rng: random.Random) -> str:
    """An English word as Chinese writers glue it in: sometimes spaced, sometimes not."""
    word = rng.choice(EN_TERMS)
    return f" {word} " if rng.random() < 0.4 else word


def _sentence(rng: random.Random) -> str:
    """One sentence of Chinese prose with English terms and, sometimes, inline markup."""
    n1, n2 = rng.choice(ZH_NOUNS), rng.choice(ZH_NOUNS)
    kind = rng.randrange(9)
    if kind == 0:
        s = f"当{_term(rng)}的{n1}{rng.choice(ZH_STATES)}后，{_term(rng)}不再给{_term(rng)}发送{n2}。"
    elif kind == 1:
        s = f"{rng.choice(ZH_OPENERS)}发现{n1}{rng.choice(ZH_STATES)}，{rng.choice(ZH_CLOSERS)}"
    elif kind == 2:
        s = (f"看一下{rng.choice(JAVA_CLASSES)}.java的 `{rng.choice(JAVA_METHODS)}` 方法，"
             f"{n1}在这里会{rng.choice(ZH_STATES)}。")
    elif kind == 3:
        s = f"{_term(rng)}和{_term(rng)}之间建立了一个{n1}，{rng.choice(ZH_CLOSERS)}"
    elif kind == 4:
        s = f"**注意**：{_term(rng)}端的{n1}{rng.choice(ZH_STATES)}，为什么{n2}没有变化呢？"
    elif kind == 5:
        host = rng.choice(LINK_HOSTS)
        s = (f"详细的说明可以参考[{rng.choice(EN_TERMS)} 的文档](http://{host}/"
             f"{rng.choice(SLUG_WORDS)}-{rng.randint(100, 9999)}.html)，{rng.choice(ZH_CLOSERS)}")
    elif kind == 6:
        s = f"从以上日志可以看出，`{rng.choice(LOG_MESSAGES).split(' {')[0]}` {rng.choice(ZH_CLOSERS)}"
    elif kind == 7:
        s = f"“{n1}的{n2}不一致”，这是{_term(rng)}日志里的原话，*{rng.choice(ZH_CLOSERS)}*"
    else:
        s = f"{rng.choice(ZH_OPENERS)}{n1}（{rng.choice(EN_TERMS)}）{rng.choice(ZH_STATES)}。"
    return s.replace("  ", " ").strip(" ")


def _paragraph(rng: random.Random) -> str:
    """1-5 sentences; occasionally hard-wrapped or with trailing spaces, as typed by hand."""
    sentences = [_sentence(rng) for _ in range(rng.randint(1, 5))]
    joiner = "\n" if rng.random() < 0.2 else ""
    text = joiner.join(sentences)
    if rng.random() < 0.1:
        text = "  " + text  # a stray two-space indent, still a paragraph
    return text


def _heading(rng: random.Random) -> str:
    """An ATX heading, mostly Chinese."""
    level = rng.choices((2, 3, 4), weights=(5, 3, 1))[0]
    text = rng.choice(ZH_HEADINGS)
    if rng.random() < 0.3:
        text = f"{rng.choice(EN_TERMS)} {text}"
    return "#" * level + " " + text


def _list(rng: random.Random) -> str:
    """A bullet or numbered list of short items."""
    ordered = rng.random() < 0.4
    items = []
    for i in range(rng.randint(2, 5)):
        mark = f"{i + 1}." if ordered else rng.choice("-*")
        item = (f"{rng.choice(ZH_NOUNS)}：`{rng.choice(JAVA_METHODS)}()` {rng.choice(ZH_CLOSERS)}"
                if rng.random() < 0.5 else _sentence(rng))
        items.append(f"{mark} {item}")
    return "\n".join(items)


def _quote(rng: random.Random) -> str:
    """A quoted passage (from docs or a colleague)."""
    return "\n".join("> " + _sentence(rng) for _ in range(rng.randint(1, 3)))


def _table(rng: random.Random) -> str:
    """A small GFM table of settings."""
    rows = ["| 参数 | 默认值 | 说明 |", "| --- | --- | --- |"]
    for name, value in rng.sample(XML_PROPERTIES, rng.randint(2, 4)):
        rows.append(f"| `{name}` | {value} | {rng.choice(ZH_NOUNS)}{rng.choice(ZH_CLOSERS)} |")
    return "\n".join(rows)


def _log_line(rng: random.Random, day: _dt.datetime) -> str:
    """One log4j line in the ``%d (%t) [%p - %l] %m`` pattern the seed post shows."""
    cls = rng.choice(JAVA_CLASSES)
    level = rng.choices(("DEBUG", "INFO", "WARN", "ERROR"), weights=(4, 6, 2, 1))[0]
    msg = rng.choice(LOG_MESSAGES).format(
        n=rng.randint(100, 5000), n3=rng.randint(1, 254), w=f"k{rng.randint(1, 4)}",
        port=rng.choice((1463, 4141, 8020, 9092, 2181, 60020)), hex=f"{rng.getrandbits(48):x}",
        path=f"/flume/events/{day:%Y%m%d}/FlumeData.{rng.getrandbits(40)}")
    stamp = f"{day:%Y-%m-%d %H:%M:%S},{rng.randint(0, 999):03d}"
    where = f"{rng.choice(JAVA_PACKAGES)}.{cls}.{rng.choice(JAVA_METHODS)}({cls}.java:{rng.randint(40, 900)})"
    if rng.random() < 0.8:
        return f"{stamp} ({rng.choice(THREADS)}) [{level} - {where}] {msg}"
    return f"{stamp} {level:<5} [{rng.choice(THREADS)}] {rng.choice(JAVA_PACKAGES)}.{cls}: {msg}"


def _indent(lines: Sequence[str], width: int = 4) -> str:
    """An indented code block."""
    return "\n".join((" " * width + line) if line else "" for line in lines)


def _fence(lines: Sequence[str], lang: str) -> str:
    """A fenced code block (``lang`` may be empty)."""
    return "\n".join([f"```{lang}", *lines, "```"])


def _code(rng: random.Random, lines: Sequence[str], langs: Sequence[str]) -> str:
    """Present code lines the way they get pasted: indented, or fenced with or without a lang."""
    roll = rng.random()
    if roll < 0.45:
        return _indent(lines)
    if roll < 0.65:
        return _fence(lines, "")
    return _fence(lines, rng.choice(langs))


def _log_block(rng: random.Random) -> str:
    """A run of log4j lines; sometimes the seed's quirk of lines indented by two spaces only."""
    moment = _dt.datetime(2012, 1, 1) + _dt.timedelta(seconds=rng.randint(0, 6 * 365 * 86400))
    lines = []
    for _ in range(rng.randint(3, 12)):
        moment += _dt.timedelta(milliseconds=rng.randint(0, 90_000))
        lines.append(_log_line(rng, moment))
    if rng.random() < 0.25:
        # Seed post: the first lines are indented by 2 spaces (a paragraph), later ones by 4
        # (lazy continuation lines of that paragraph, not code).
        split = rng.randint(1, len(lines))
        return "\n".join(["  " + l for l in lines[:split]] + ["    " + l for l in lines[split:]])
    return _code(rng, lines, ("text", "log", "bash"))


def _stack_trace(rng: random.Random) -> str:
    """A Java exception with tab-indented frames and a cause."""
    lines = [f"Exception in thread \"{rng.choice(THREADS)}\" {rng.choice(EXCEPTIONS)}"]
    for _ in range(rng.randint(3, 9)):
        cls = rng.choice(JAVA_CLASSES)
        lines.append(f"\tat {rng.choice(JAVA_PACKAGES)}.{cls}.{rng.choice(JAVA_METHODS)}"
                     f"({cls}.java:{rng.randint(40, 900)})")
    if rng.random() < 0.5:
        lines.append(f"Caused by: {rng.choice(EXCEPTIONS)}")
        cls = rng.choice(JAVA_CLASSES)
        lines.append(f"\tat {rng.choice(JAVA_PACKAGES)}.{cls}.{rng.choice(JAVA_METHODS)}"
                     f"({cls}.java:{rng.randint(40, 900)})")
        lines.append(f"\t... {rng.randint(3, 40)} more")
    return _code(rng, lines, ("java", "text"))


def _java_block(rng: random.Random) -> str:
    """A Java method or class, with comments, annotations and generics; indentation as pasted."""
    cls, method = rng.choice(JAVA_CLASSES), rng.choice(JAVA_METHODS)
    field = rng.choice(("channel", "client", "sinkCounter", "lifecycleState", "batchSize"))
    body = [
        "/**",
        f" * {rng.choice(EN_TERMS)} {method}() is called by the runner; if it fails the",
        " * process() loop will retry the connection later.",
        " */",
        "@Override",
        f"public synchronized void {method}() {{",
        f"  Preconditions.checkState({field} != null, \"No {field} configured\");",
        "  logger.info(\"Starting {}...\", this);",
        "  try {",
        f"    List<Event> events = new ArrayList<Event>({rng.randint(10, 1000)});",
        f"    Map<String, List<{cls}>> pending = new HashMap<String, List<{cls}>>();",
        f"    if (events.size() > 0 && {field} != null) {{",
        f"      {field}.{rng.choice(JAVA_METHODS)}(events);",
        "    }",
        f"  }} catch ({rng.choice(('IOException', 'FlumeException', 'Exception'))} e) {{",
        f"    logger.warn(\"Unable to {method}: \" + e.getMessage(), e);",
        "  } finally {",
        "    // release the transaction whatever happens",
        "    tx.close();",
        "  }",
        "}",
    ]
    start = rng.randint(0, 5)
    end = rng.randint(max(start + 8, 12), len(body))
    lines = body[start:end]
    if rng.random() < 0.3:
        lines = [l.strip() for l in lines]  # indentation lost when pasted, as in the seed
    return _code(rng, lines, ("java",))


def _shell_block(rng: random.Random) -> str:
    """Shell commands with a prompt and a bit of output."""
    lines = []
    for _ in range(rng.randint(1, 5)):
        cmd = rng.choice(SHELL_COMMANDS).format(
            y=rng.randint(2012, 2018), pid=rng.randint(1000, 32000),
            port=rng.choice((1463, 8020, 9092)), n3=rng.randint(1, 254))
        lines.append(("$ " if rng.random() < 0.6 else "") + cmd)
        if rng.random() < 0.4:
            lines.append(f"{rng.randint(1000, 32000)} {rng.choice(JAVA_CLASSES)}")
    return _code(rng, lines, ("bash", "shell", "sh", "console"))


def _xml_block(rng: random.Random) -> str:
    """A Hadoop-style ``*-site.xml`` fragment."""
    lines = ["<configuration>"]
    for name, value in rng.sample(XML_PROPERTIES, rng.randint(1, 4)):
        lines += ["  <property>", f"    <name>{name}</name>", f"    <value>{value}</value>",
                  "  </property>"]
    lines.append("</configuration>")
    return _code(rng, lines, ("xml", "html"))


def _properties_block(rng: random.Random) -> str:
    """A Flume agent or log4j.properties fragment."""
    start = rng.randrange(len(FLUME_PROPERTIES) - 4)
    lines = list(FLUME_PROPERTIES[start:start + rng.randint(4, 9)])
    if rng.random() < 0.3:
        lines.insert(0, "# " + rng.choice(ZH_NOUNS) + "相关的配置")
    return _code(rng, lines, ("properties", "ini"))


BLOCKS: tuple[tuple[Callable[[random.Random], str], int], ...] = (
    (_paragraph, 44), (_heading, 8), (_list, 6), (_quote, 2), (_table, 1), (_log_block, 11),
    (_stack_trace, 5), (_java_block, 9), (_shell_block, 7), (_xml_block, 4),
    (_properties_block, 3),
)
_BLOCK_FUNCS = tuple(f for f, _ in BLOCKS)
_BLOCK_WEIGHTS = tuple(w for _, w in BLOCKS)


def _body(rng: random.Random) -> str:
    """Blocks until the post reaches a log-normally drawn size (mean about 4 KB)."""
    target = min(16_000, max(900, int(rng.lognormvariate(8.1, 0.5))))
    blocks = [_paragraph(rng)]
    size = len(blocks[0].encode())
    while size < target:
        block = rng.choices(_BLOCK_FUNCS, weights=_BLOCK_WEIGHTS)[0](rng)
        blocks.append(block)
        size += len(block.encode()) + 2
    blocks.append(_paragraph(rng))
    out = []
    for i, block in enumerate(blocks):
        if i:
            out.append("\n\n\n" if rng.random() < 0.15 else "\n\n")
        out.append(block)
    return "".join(out) + "\n"


# --------------------------------------------------------------------------------------------
# Site files.
# --------------------------------------------------------------------------------------------

JEKYLL_CONFIG = """\
# Written by blogtool's benchmarks/gencorpus.py (synthetic benchmark corpus).
title: 故障排查笔记
tagline: Hadoop、Java 与 Linux 的踩坑记录
author:
  name: bench
  email: bench@example.com
url: "http://bench.example.com"
baseurl: ""
timezone: Asia/Shanghai
permalink: /:categories/:year/:month/:day/:title.html
markdown: kramdown
highlighter: rouge
exclude: [README.md, Gemfile, Gemfile.lock]
JB:
  setup:
    provider: custom
  BASE_PATH: ""
  ASSET_PATH: /assets
  tags_path: /tags.html
  categories_path: /categories.html
"""

JEKYLL_DEFAULT_LAYOUT = """\
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{% if page.title %}{{ page.title }} | {% endif %}{{ site.title }}</title>
</head>
<body>
<header><a href="{{ '/' | relative_url }}">{{ site.title }}</a> · <a href="{{ '/tags.html' | relative_url }}">标签</a> · <a href="{{ '/categories.html' | relative_url }}">分类</a></header>
<main>
{{ content }}
</main>
<footer>{{ site.author.name }}</footer>
</body>
</html>
"""

JEKYLL_POST_LAYOUT = """\
---
layout: default
---
<article class="post">
<h1>{{ page.title }}</h1>
<p class="meta">{{ page.date | date: "%Y-%m-%d" }}{% for c in page.categories %} · <a href="{{ '/categories.html' | relative_url }}#{{ c | slugify }}">{{ c }}</a>{% endfor %}</p>
{{ content }}
{% if page.tags.size > 0 %}<ul class="tags">{% for tag in page.tags %}<li><a href="{{ '/tags.html' | relative_url }}#{{ tag | slugify }}">{{ tag }}</a></li>{% endfor %}</ul>{% endif %}
<nav>{% if page.previous %}<a href="{{ page.previous.url | relative_url }}">&laquo; {{ page.previous.title }}</a>{% endif %} {% if page.next %}<a href="{{ page.next.url | relative_url }}">{{ page.next.title }} &raquo;</a>{% endif %}</nav>
</article>
"""

#: Jekyll-Bootstrap's setup include only assigns variables: it must print nothing.
JB_SETUP = """\
{% capture jbcache %}{% comment %}Jekyll-Bootstrap style setup: assigns paths, prints nothing.{% endcomment %}{% if site.JB.setup.provider == "custom" %}{% assign BASE_PATH = site.JB.BASE_PATH %}{% assign ASSET_PATH = site.JB.ASSET_PATH %}{% else %}{% assign BASE_PATH = "" %}{% assign ASSET_PATH = "/assets" %}{% endif %}{% endcapture %}{% assign jbcache = nil %}"""

JEKYLL_INDEX = """\
---
layout: default
title: 首页
---
{% include JB/setup %}
<ul class="posts">
{% for post in site.posts limit:20 %}<li><span>{{ post.date | date_to_string }}</span> &raquo; <a href="{{ BASE_PATH }}{{ post.url }}">{{ post.title }}</a></li>
{% endfor %}</ul>
"""

JEKYLL_TAGS = """\
---
layout: default
title: 标签
---
<ul class="tag-cloud">{% for tag in site.tags %}<li><a href="#{{ tag[0] | slugify }}">{{ tag[0] }} <sup>{{ tag[1].size }}</sup></a></li>{% endfor %}</ul>
{% for tag in site.tags %}
<h2 id="{{ tag[0] | slugify }}">{{ tag[0] }}</h2>
<ul>{% for post in tag[1] %}<li><a href="{{ post.url | relative_url }}">{{ post.title }}</a> <small>{{ post.date | date: "%Y-%m-%d" }}</small></li>{% endfor %}</ul>
{% endfor %}
"""

JEKYLL_CATEGORIES = JEKYLL_TAGS.replace("标签", "分类").replace("site.tags", "site.categories") \
    .replace("tag-cloud", "category-cloud")

HUGO_CONFIG = """\
# Written by blogtool's benchmarks/gencorpus.py (synthetic benchmark corpus).
baseURL = "http://bench.example.com/"
languageCode = "zh-cn"
title = "故障排查笔记"
hasCJKLanguage = true
disableKinds = ["RSS", "sitemap"]
timeZone = "Asia/Shanghai"

[permalinks]
  posts = "/:year/:month/:day/:slug/"

[taxonomies]
  tag = "tags"
  category = "categories"

[markup.goldmark.renderer]
  unsafe = true

[markup.highlight]
  noClasses = false
  guessSyntax = false
"""

HUGO_BASEOF = """\
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ .Site.Title }}</title>
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a> · <a href="{{ "/tags/" | relURL }}">标签</a> · <a href="{{ "/categories/" | relURL }}">分类</a></header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer>bench</footer>
</body>
</html>
"""

HUGO_SINGLE = """\
{{ define "main" }}
<article class="post">
<h1>{{ .Title }}</h1>
<p class="meta">{{ .Date.Format "2006-01-02" }}{{ range .GetTerms "categories" }} · <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
{{ .Content }}
{{ with .GetTerms "tags" }}<ul class="tags">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
<nav>{{ with .NextInSection }}<a href="{{ .RelPermalink }}">&laquo; {{ .Title }}</a>{{ end }} {{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }} &raquo;</a>{{ end }}</nav>
</article>
{{ end }}
"""

HUGO_LIST = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <small>{{ .Date.Format "2006-01-02" }}</small></li>{{ end }}</ul>
{{ end }}
"""

HUGO_INDEX = """\
{{ define "main" }}
<ul class="posts">
{{ range first 20 (where .Site.RegularPages "Section" "posts") }}<li><span>{{ .Date.Format "02 Jan 2006" }}</span> &raquo; <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
{{ end }}
"""

HUGO_TAXONOMY = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="tag-cloud">{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }} <sup>{{ .Count }}</sup></a></li>{{ end }}</ul>
{{ end }}
"""

HUGO_TERM = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <small>{{ .Date.Format "2006-01-02" }}</small></li>{{ end }}</ul>
{{ end }}
"""


def site_files(flavor: str, theme: str = "site") -> dict[str, str]:
    """The non-post files of a site, by relative path."""
    if flavor == "jekyll":
        files = {
            "_config.yml": JEKYLL_CONFIG,
            "_includes/JB/setup": JB_SETUP,
            "index.html": JEKYLL_INDEX,
            "tags.html": JEKYLL_TAGS,
            "categories.html": JEKYLL_CATEGORIES,
        }
        if theme == "site":
            files["_layouts/default.html"] = JEKYLL_DEFAULT_LAYOUT
            files["_layouts/post.html"] = JEKYLL_POST_LAYOUT
        return files
    if flavor == "hugo":
        return {
            "config.toml": HUGO_CONFIG,
            "layouts/_default/baseof.html": HUGO_BASEOF,
            "layouts/_default/single.html": HUGO_SINGLE,
            "layouts/_default/list.html": HUGO_LIST,
            "layouts/_default/taxonomy.html": HUGO_TAXONOMY,
            "layouts/_default/term.html": HUGO_TERM,
            "layouts/index.html": HUGO_INDEX,
        }
    raise ValueError(f"unknown flavor {flavor!r}")


def posts_dir(flavor: str) -> str:
    """Where a flavor keeps its posts, relative to the site root."""
    return "_posts" if flavor == "jekyll" else "content/posts"


def marker_data(posts: int, seed: int, flavor: str, theme: str) -> dict[str, object]:
    """What the marker file records; the benchmark compares it to reuse a cached corpus."""
    return {"generator": "blogtool benchmarks/gencorpus.py", "version": GENERATOR_VERSION,
            "posts": posts, "seed": seed, "flavor": flavor, "theme": theme}


def write_site(outdir: Path, posts: int, seed: int = 1, flavor: str = "jekyll",
               theme: str = "site", force: bool = False) -> int:
    """Write a complete buildable site into ``outdir``; returns the bytes of post text written.

    An existing non-empty ``outdir`` is replaced only with ``force`` and only if it carries
    this generator's marker, so a typo cannot wipe someone's real blog.
    """
    if flavor not in ("jekyll", "hugo"):
        raise ValueError(f"unknown flavor {flavor!r}")
    if theme not in ("site", "default"):
        raise ValueError(f"unknown theme {theme!r}")
    if theme == "default" and flavor != "jekyll":
        raise ValueError("--theme default only applies to the jekyll flavor")
    if outdir.exists() and (not outdir.is_dir() or any(outdir.iterdir())):
        if not force:
            raise FileExistsError(f"{outdir} exists and is not empty (use --force)")
        if not (outdir / MARKER).is_file():
            raise FileExistsError(f"{outdir} was not written by gencorpus.py "
                                  f"(no {MARKER}); refusing to replace it")
        shutil.rmtree(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    for rel, text in site_files(flavor, theme).items():
        path = outdir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    target = outdir / posts_dir(flavor)
    target.mkdir(parents=True, exist_ok=True)
    total = 0
    for index in range(posts):
        post = build_post(index, seed)
        data = (post.jekyll_text if flavor == "jekyll" else post.hugo_text).encode("utf-8")
        (target / post.filename).write_bytes(data)
        total += len(data)
    (outdir / MARKER).write_text(json.dumps(marker_data(posts, seed, flavor, theme)) + "\n",
                                 encoding="utf-8")
    return total


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--posts", type=int, required=True, help="number of posts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--flavor", choices=("jekyll", "hugo"), default="jekyll")
    parser.add_argument("--theme", choices=("site", "default"), default="site",
                        help="default: omit _layouts/ so blogtool uses its built-in theme")
    parser.add_argument("--force", action="store_true",
                        help="replace OUTDIR if (and only if) gencorpus.py wrote it")
    args = parser.parse_args(argv)
    if args.posts < 0:
        parser.error("--posts must be >= 0")
    try:
        total = write_site(args.outdir, args.posts, args.seed, args.flavor, args.theme,
                           args.force)
    except (FileExistsError, ValueError) as exc:
        print(f"gencorpus.py: {exc}", file=sys.stderr)
        return 2
    avg = total / args.posts if args.posts else 0
    print(f"wrote {args.posts} {args.flavor} posts ({total / 1e6:.1f} MB, "
          f"{avg / 1024:.1f} KB average) to {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
