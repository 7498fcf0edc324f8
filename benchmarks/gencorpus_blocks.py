"""The Markdown body of a synthetic post (``gencorpus.py``): prose, headings, lists, quotes,
tables and pasted code (log4j runs, stack traces, Java, shell, XML, properties), presented
indented or fenced as people paste them; :func:`post_body` strings blocks together.

Each block returns Markdown without a trailing newline; none contains `{{` or `{%`.
"""
# ruff: noqa: E501
# (the sentence templates mix Chinese and markup on one line each)
from __future__ import annotations

import datetime as _dt
import random
from collections.abc import Callable, Sequence

try:  # `python benchmarks/gencorpus.py` puts benchmarks/ on sys.path; `-m benchmarks...` not
    from benchmarks import gencorpus_words as vocab
except ImportError:  # pragma: no cover - depends on how the script is started
    import gencorpus_words as vocab  # type: ignore[no-redef]

def _term(rng: random.Random) -> str:
    """An English word as Chinese writers glue it in: sometimes spaced, sometimes not."""
    word = rng.choice(vocab.EN_TERMS)
    return f" {word} " if rng.random() < 0.4 else word


def _sentence(rng: random.Random) -> str:
    """One sentence of Chinese prose with English terms and, sometimes, inline markup."""
    n1, n2 = rng.choice(vocab.ZH_NOUNS), rng.choice(vocab.ZH_NOUNS)
    kind = rng.randrange(9)
    if kind == 0:
        s = f"当{_term(rng)}的{n1}{rng.choice(vocab.ZH_STATES)}后，{_term(rng)}不再给{_term(rng)}发送{n2}。"
    elif kind == 1:
        s = f"{rng.choice(vocab.ZH_OPENERS)}发现{n1}{rng.choice(vocab.ZH_STATES)}，{rng.choice(vocab.ZH_CLOSERS)}"
    elif kind == 2:
        s = (f"看一下{rng.choice(vocab.JAVA_CLASSES)}.java的 `{rng.choice(vocab.JAVA_METHODS)}` 方法，"
             f"{n1}在这里会{rng.choice(vocab.ZH_STATES)}。")
    elif kind == 3:
        s = f"{_term(rng)}和{_term(rng)}之间建立了一个{n1}，{rng.choice(vocab.ZH_CLOSERS)}"
    elif kind == 4:
        s = f"**注意**：{_term(rng)}端的{n1}{rng.choice(vocab.ZH_STATES)}，为什么{n2}没有变化呢？"
    elif kind == 5:
        host = rng.choice(vocab.LINK_HOSTS)
        s = (f"详细的说明可以参考[{rng.choice(vocab.EN_TERMS)} 的文档](http://{host}/"
             f"{rng.choice(vocab.SLUG_WORDS)}-{rng.randint(100, 9999)}.html)，{rng.choice(vocab.ZH_CLOSERS)}")
    elif kind == 6:
        s = f"从以上日志可以看出，`{rng.choice(vocab.LOG_MESSAGES).split(' {')[0]}` {rng.choice(vocab.ZH_CLOSERS)}"
    elif kind == 7:
        s = f"“{n1}的{n2}不一致”，这是{_term(rng)}日志里的原话，*{rng.choice(vocab.ZH_CLOSERS)}*"
    else:
        s = f"{rng.choice(vocab.ZH_OPENERS)}{n1}（{rng.choice(vocab.EN_TERMS)}）{rng.choice(vocab.ZH_STATES)}。"
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
    text = rng.choice(vocab.ZH_HEADINGS)
    if rng.random() < 0.3:
        text = f"{rng.choice(vocab.EN_TERMS)} {text}"
    return "#" * level + " " + text


def _list(rng: random.Random) -> str:
    """A bullet or numbered list of short items."""
    ordered = rng.random() < 0.4
    items = []
    for i in range(rng.randint(2, 5)):
        mark = f"{i + 1}." if ordered else rng.choice("-*")
        item = (f"{rng.choice(vocab.ZH_NOUNS)}：`{rng.choice(vocab.JAVA_METHODS)}()` {rng.choice(vocab.ZH_CLOSERS)}"
                if rng.random() < 0.5 else _sentence(rng))
        items.append(f"{mark} {item}")
    return "\n".join(items)


def _quote(rng: random.Random) -> str:
    """A quoted passage (from docs or a colleague)."""
    return "\n".join("> " + _sentence(rng) for _ in range(rng.randint(1, 3)))


def _table(rng: random.Random) -> str:
    """A small GFM table of settings."""
    rows = ["| 参数 | 默认值 | 说明 |", "| --- | --- | --- |"]
    for name, value in rng.sample(vocab.XML_PROPERTIES, rng.randint(2, 4)):
        rows.append(f"| `{name}` | {value} | {rng.choice(vocab.ZH_NOUNS)}{rng.choice(vocab.ZH_CLOSERS)} |")
    return "\n".join(rows)


def _log_line(rng: random.Random, day: _dt.datetime) -> str:
    """One log4j line in the ``%d (%t) [%p - %l] %m`` pattern the seed post shows."""
    cls = rng.choice(vocab.JAVA_CLASSES)
    level = rng.choices(("DEBUG", "INFO", "WARN", "ERROR"), weights=(4, 6, 2, 1))[0]
    msg = rng.choice(vocab.LOG_MESSAGES).format(
        n=rng.randint(100, 5000), n3=rng.randint(1, 254), w=f"k{rng.randint(1, 4)}",
        port=rng.choice((1463, 4141, 8020, 9092, 2181, 60020)), hex=f"{rng.getrandbits(48):x}",
        path=f"/flume/events/{day:%Y%m%d}/FlumeData.{rng.getrandbits(40)}")
    stamp = f"{day:%Y-%m-%d %H:%M:%S},{rng.randint(0, 999):03d}"
    where = f"{rng.choice(vocab.JAVA_PACKAGES)}.{cls}.{rng.choice(vocab.JAVA_METHODS)}({cls}.java:{rng.randint(40, 900)})"
    if rng.random() < 0.8:
        return f"{stamp} ({rng.choice(vocab.THREADS)}) [{level} - {where}] {msg}"
    return f"{stamp} {level:<5} [{rng.choice(vocab.THREADS)}] {rng.choice(vocab.JAVA_PACKAGES)}.{cls}: {msg}"


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
        return "\n".join(["  " + line for line in lines[:split]]
                         + ["    " + line for line in lines[split:]])
    return _code(rng, lines, ("text", "log", "bash"))


def _stack_trace(rng: random.Random) -> str:
    """A Java exception with tab-indented frames and a cause."""
    lines = [f"Exception in thread \"{rng.choice(vocab.THREADS)}\" {rng.choice(vocab.EXCEPTIONS)}"]
    for _ in range(rng.randint(3, 9)):
        cls = rng.choice(vocab.JAVA_CLASSES)
        lines.append(f"\tat {rng.choice(vocab.JAVA_PACKAGES)}.{cls}.{rng.choice(vocab.JAVA_METHODS)}"
                     f"({cls}.java:{rng.randint(40, 900)})")
    if rng.random() < 0.5:
        lines.append(f"Caused by: {rng.choice(vocab.EXCEPTIONS)}")
        cls = rng.choice(vocab.JAVA_CLASSES)
        lines.append(f"\tat {rng.choice(vocab.JAVA_PACKAGES)}.{cls}.{rng.choice(vocab.JAVA_METHODS)}"
                     f"({cls}.java:{rng.randint(40, 900)})")
        lines.append(f"\t... {rng.randint(3, 40)} more")
    return _code(rng, lines, ("java", "text"))


def _java_block(rng: random.Random) -> str:
    """A Java method or class, with comments, annotations and generics; indentation as pasted."""
    cls, method = rng.choice(vocab.JAVA_CLASSES), rng.choice(vocab.JAVA_METHODS)
    field = rng.choice(("channel", "client", "sinkCounter", "lifecycleState", "batchSize"))
    body = [
        "/**",
        f" * {rng.choice(vocab.EN_TERMS)} {method}() is called by the runner; if it fails the",
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
        f"      {field}.{rng.choice(vocab.JAVA_METHODS)}(events);",
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
        lines = [line.strip() for line in lines]  # indentation lost when pasted, as in the seed
    return _code(rng, lines, ("java",))


def _shell_block(rng: random.Random) -> str:
    """Shell commands with a prompt and a bit of output."""
    lines = []
    for _ in range(rng.randint(1, 5)):
        cmd = rng.choice(vocab.SHELL_COMMANDS).format(
            y=rng.randint(2012, 2018), pid=rng.randint(1000, 32000),
            port=rng.choice((1463, 8020, 9092)), n3=rng.randint(1, 254))
        lines.append(("$ " if rng.random() < 0.6 else "") + cmd)
        if rng.random() < 0.4:
            lines.append(f"{rng.randint(1000, 32000)} {rng.choice(vocab.JAVA_CLASSES)}")
    return _code(rng, lines, ("bash", "shell", "sh", "console"))


def _xml_block(rng: random.Random) -> str:
    """A Hadoop-style ``*-site.xml`` fragment."""
    lines = ["<configuration>"]
    for name, value in rng.sample(vocab.XML_PROPERTIES, rng.randint(1, 4)):
        lines += ["  <property>", f"    <name>{name}</name>", f"    <value>{value}</value>",
                  "  </property>"]
    lines.append("</configuration>")
    return _code(rng, lines, ("xml", "html"))


def _properties_block(rng: random.Random) -> str:
    """A Flume agent or log4j.properties fragment."""
    start = rng.randrange(len(vocab.FLUME_PROPERTIES) - 4)
    lines = list(vocab.FLUME_PROPERTIES[start:start + rng.randint(4, 9)])
    if rng.random() < 0.3:
        lines.insert(0, "# " + rng.choice(vocab.ZH_NOUNS) + "相关的配置")
    return _code(rng, lines, ("properties", "ini"))


BLOCKS: tuple[tuple[Callable[[random.Random], str], int], ...] = (
    (_paragraph, 44), (_heading, 8), (_list, 6), (_quote, 2), (_table, 1), (_log_block, 11),
    (_stack_trace, 5), (_java_block, 9), (_shell_block, 7), (_xml_block, 4),
    (_properties_block, 3),
)
_BLOCK_FUNCS = tuple(f for f, _ in BLOCKS)
_BLOCK_WEIGHTS = tuple(w for _, w in BLOCKS)


def post_body(rng: random.Random) -> str:
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
