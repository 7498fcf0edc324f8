"""Language markers on blocks shaped like what blogs paste: each marker names its language,
the markers of languages blogtool does not name keep their code plain, and the trigger index
never skips a marker that would match."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from blogtool.markup.detect import detect_language
from blogtool.markup.langmarkers import _MARKERS, _WHOLE_WORD, marker_counts
from blogtool.markup.langtable import TABLE

DATA = Path(__file__).parent / "data" / "code"


@pytest.mark.parametrize("text,lang", [
    # C: the kernel's API, (void), static inline, snake_case enums and calls
    ("static int __init demo_init(void)\n{\n\tpr_info(\"demo: loaded\\n\");\n\treturn 0;\n}",
     "c"),
    ("\tspin_lock(&q->lock);\n\tlist_for_each_entry(req, &q->pending, node)\n"
     "\t\tcomplete_request(req);\n\tspin_unlock(&q->lock);", "c"),
    ("static inline void set_flag(unsigned long *word)\n{\n\t*word |= 1;\n}", "c"),
    ("enum page_state {\n\tPAGE_CLEAN,\n\tPAGE_DIRTY,\n};", "c"),
    ("# define SCALE(w)\t((w) << 10)\n# define UNSCALE(w)\t((w) >> 10)", "c"),
    ("buf = kzalloc(size, GFP_KERNEL);\nif (!buf)\n\treturn -ENOMEM;", "c"),
    # C++: a member defined outside its class, const members, reference parameters
    ("void Cache::evict(const Key &key) {\n    auto it = index_.find(key);\n"
     "    if (it != index_.end()) index_.erase(it);\n}", "cpp"),
    ("class Reader {\npublic:\n    const Buffer &data() const;\n    size_t size() const;\n};",
     "cpp"),
    # Java: a generic method, class-typed locals, abstract nested classes
    ("public <T> T query(String sql, RowMapper<T> mapper) {\n"
     "    Connection conn = dataSource.getConnection();\n"
     "    PreparedStatement ps = conn.prepareStatement(sql);\n    return mapper.map(ps);\n}",
     "java"),
    # Python: is None, f-strings, the standard and data libraries
    ("if cfg is None:\n    cfg = load_default()\nprint(f\"using {cfg.path}\")", "python"),
    ("import os\nbase = os.path.dirname(__file__)\nwith open(os.path.join(base, 'a.json')) as f:\n"
     "    data = json.load(f)", "python"),
    ("df = pd.read_csv('orders.csv')\ntotal = np.sum(df['amount'])", "python"),
    ("pattern = re.compile(r'\\d+')\nnums = pattern.findall(text)  #=> ['1', '2']", "python"),
    # JavaScript: ===, for (let ...), the DOM, test runners
    ("for (let i = 0; i < items.length; i++) {\n  if (items[i].id === id) return items[i];\n}",
     "javascript"),
    ("document.querySelector('#save').addEventListener('click', () => {\n  save();\n});",
     "javascript"),
    ("test('adds', () => {\n  expect(add(1, 2)).toBe(3);\n});", "javascript"),
    # Scala: placeholder lambdas, typed case patterns
    ("val words = lines.flatMap(_.split(\" \"))\nval counts = words.map((_, 1)).reduceByKey(_ + _)",
     "scala"),
    ("msg match {\n  case s: String => println(s)\n  case n: Int => println(n + 1)\n}", "scala"),
    # Go: const( without the space
    ("const(\n    Red = iota\n    Green\n)", "go"),
    # SQL: after # comments, USE x; and BEGIN; at the end of the line, mysql> statements
    ("# 只对当前实例生效\nSET GLOBAL max_connections = 2000;", "sql"),
    ("USE shop;\nSELECT id, name FROM users;", "sql"),
    ("BEGIN;\nUPDATE account SET balance = balance - 100 WHERE id = 1;\nCOMMIT;", "sql"),
    ("SELECT ROUND(3.456, 2); -- 返回 3.46", "sql"),
    ("mysql> CREATE DATABASE shop;\nmysql> GRANT ALL ON shop.* TO 'app'@'%';", "sql"),
    # bash: CJK placeholders, here-documents, options on continuation lines, subcommands
    ("grep \"超时\" 日志文件 | tail -n 20", "bash"),
    ("sudo tee /etc/docker/daemon.json <<-'EOF'\n{\n  \"log-driver\": \"json-file\"\n}\nEOF\n"
     "sudo systemctl restart docker", "bash"),
    ("mytool serve \\\n  --port 8080 \\\n  --data ./data", "bash"),
    ("uv tool install ruff\nruff check .", "bash"),
    ("cat /sys/devices/virtual/net/eth0/mtu", "bash"),
    # properties: placeholders, MessageFormat arguments, continued values
    ("app.timeout=${APP_TIMEOUT:30}\napp.name=demo", "properties"),
    ("error.expired=The license expired on {0}\nerror.invalid=Invalid key: {0}", "properties"),
    ("org.example.autoconfigure.EnableAutoConfiguration=\\\n"
     "org.example.autoconfigure.CacheAutoConfiguration", "properties"),
    # YAML block scalars, JSON with empty values, nginx directives, Dockerfile elisions, logs
    ("script: |\n  make build\n  make test\nnote: >\n  folded text", "yaml"),
    ("{\n  \"name\": \"node-1\",\n  \"tags\": [],\n  \"meta\": {},\n  \"up\": true\n},",
     "json"),
    ("# 只允许内网访问\nallow 10.0.0.0/8;\ndeny all;", "nginx"),
    ("http {\n    log_format timed '$remote_addr [$time_local] '\n"
     "                     '\"$request\" $status $request_time';\n"
     "    access_log /var/log/a.log timed;\n}", "nginx"),
    ("FROM node:20-alpine AS build\nWORKDIR /app\nRUN npm ci\n...\nFROM nginx:alpine", "dockerfile"),
    ("2024-03-01 10:00:01|1|com.example.OrderService:create(java.lang.String),Blocked,1\n"
     "2024-03-01 10:00:02|1|com.example.OrderService:create(java.lang.String),Blocked,2",
     "log"),
    ("api-1  | 2024-03-01 10:00:01.120  INFO 1 --- [main] c.e.Application : Started\n"
     "api-1  | 2024-03-01 10:00:02.400  WARN 1 --- [main] c.e.Pool : Slow start", "log"),
    # YAML with inline flow maps and lists, a manifest whose block scalar holds code
    ("app:\n  image: registry.local/app\nresources:\n  requests: { cpu: \"100m\" }\n"
     "  limits: { cpu: \"1\" }\nports: [80, 443]", "yaml"),
    ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: policy\ndata:\n  main.rego: |\n"
     "    package main\n    deny[msg] {\n      name := input.name\n      msg := name\n    }",
     "yaml"),
    # Java lambdas use ->, which is not Scala's
    ("Runnable r = () -> {\n    log.info(\"tick\");\n};\n"
     "list.forEach(item -> System.out.println(item));", "java"),
    # Oracle's PL/SQL assigns with := and ends lines with ;, and a FROM line may be SQL's
    ("CREATE OR REPLACE PROCEDURE raise_salary (p_id NUMBER) IS\n  v_total NUMBER := 0;\n"
     "BEGIN\n  v_total := v_total + 1;\nEND;", "sql"),
    ("FROM python:3.12-slim  # 基础镜像\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"app.py\"]",
     "dockerfile"),
    # commands with a variable in front are commands, not properties
    ("JAVA_OPTS=-Xmx2g ./bin/start.sh --port=8080\nJAVA_OPTS=-Xmx4g ./bin/start.sh --port=8081",
     "bash"),
])
def test_marker_names_its_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", [
    # Kotlin, Rust, PHP, C#, Dart, Makefiles and shell functions: not a named language
    "val a = Money(1, 2)\nval b = Money(3, 4)\nprintln(a + b)",
    "let pair: (i32, u8) = (500, 1);\nlet first = pair.0;",
    "echo $date->format('Y-m-d');",
    "public enum Level {\n    Low = 1,\n    High = 2\n}",
    "class Counter extends ChangeNotifier {\n  int count = 0;\n"
    "  void inc() {\n    count++;\n    notifyListeners();\n  }\n}",
    "build:\n\tcd src && make all",
    "CFLAGS_demo.o := -O2",
    "function start_vm() {\n    args+=\" -m 4G\"\n    args+=\" -smp 4\"\n}",
    "@startuml\nA --> B\n@enduml",
    "FROM emp e1 JOIN emp e2\nON e1.mgr = e2.empno",
    # Lua, a Gemfile, Ruby modules, Kotlin's typed properties
    "local count = 0\nfor i, v in ipairs(items) do\n  count = count + v\nend\n"
    "print(\"total: \" .. count)",
    "function Stack:push(v)\n  self.items[#self.items + 1] = v\nend",
    'source "https://rubygems.org"\ngem "rails", "~> 7.0"\ngem "puma"',
    "module Billing\n  module Invoices\n    protected\n  end\nend",
    "class Order(\n    var id: Long,\n    var total: Long,\n    val note: String\n)",
    # a path with a C++ keyword in it, one gdb frame line, a comment with CJK
    "// 说明：这里只是注释",
])
def test_other_languages_stay_text(text: str) -> None:
    assert detect_language(text) == "text"


def _blocks() -> list[str]:
    labels = json.loads((DATA / "labels.json").read_text(encoding="utf-8"))
    return [path.read_text(encoding="utf-8") for kind in labels
            for path in sorted((DATA / kind).glob("*.txt"))]


def test_every_match_contains_a_trigger() -> None:
    """The index runs a marker only when one of its triggers is in the block: on every
    block of the labelled set, no marker matches a block that lacks all its triggers."""
    checked = 0
    for text in _blocks():
        lines = [line for line in text.splitlines()[:24] if line.strip()]
        block = "\n" + "\n".join(line[:120] for line in lines)   # as marker_counts reads it
        words = set(re.findall(r"\w+", block))
        for lang, (strong, weak) in TABLE.items():
            for marker, (triggers, _) in zip(_MARKERS[lang][0] + _MARKERS[lang][1],
                                             strong + weak, strict=True):
                if not marker.rx.search(block):
                    continue
                checked += 1
                assert any(t in words if _WHOLE_WORD.fullmatch(t) else t.lstrip("~") in block
                           for t in triggers.split()), (lang, marker.rx.pattern, block[:80])
    assert checked > 500


def test_every_marker_has_a_trigger() -> None:
    for lang, (strong, weak) in TABLE.items():
        for triggers, pattern in (*strong, *weak):
            assert triggers.split(), (lang, pattern)


def test_no_marker_is_tried_at_every_character() -> None:
    """Compiled markers start with a literal, a class or an anchor, never \\b or \\w."""
    for markers in _MARKERS.values():
        for marker in (*markers[0], *markers[1]):
            assert not marker.rx.pattern.startswith(("\\b", "\\w", "(?<")), marker.rx.pattern


def test_counts_ignore_strings_and_trailing_comments() -> None:
    # Java's "System.out." inside a string and C's "->" in a trailing comment say nothing
    assert marker_counts(['x = "System.out.println"  # a -> b']) == marker_counts(['x = "y"'])
