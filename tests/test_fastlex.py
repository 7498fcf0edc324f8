"""The joined-rules lexer loop gives exactly Pygments' tokens, for every lexer it speeds up."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from pygments.lexers import get_lexer_by_name
from pygments.lexers.shell import BashLexer

from blogtool.markup import fastlex, lexjoin
from blogtool.markup.fastlex import fast_lexer, joined_states
from blogtool.markup.loglexer import LogLexer

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "code"


def _samples() -> list[str]:
    texts = [p.read_text("utf-8", errors="replace") for p in sorted(DATA.rglob("*"))
             if p.is_file()]
    texts += [p.read_text("utf-8") for p in sorted((ROOT / "_posts").glob("*.md"))]
    rng = random.Random(11)
    pieces = list('{}()[]<>"\'`$#@\\/*-+=;:,.!?&|%^~ \t\n') + [
        "class", "if", "new", "return", "/*", "*/", '"""', "String s", "foo(", "x.y",
        "@Override", "case A:", "label:", "0x1F", "1.5e3", "'c'", "import a.b;", "中文",
        "ERROR", "2014-01-01 00:00:00,123", "\tat org.Foo.bar(Foo.java:1)", "Caused by: "]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 50)))
              for _ in range(1500)]
    return texts


SAMPLES = _samples()


# the fast subset keeps two lexers at one join point; the sweep has all at both
@pytest.mark.parametrize("name", [
    "java", "log", pytest.param("sql", marks=pytest.mark.sweep),
    *[pytest.param(n, marks=pytest.mark.sweep) for n in ("groovy", "scala", "javascript", "xml")],
    pytest.param("python", marks=pytest.mark.sweep),
    *[pytest.param(n, marks=pytest.mark.sweep) for n in ("bash", "console", "c", "cpp")]])
@pytest.mark.parametrize("join_after", [pytest.param(1, marks=pytest.mark.sweep), 37])
def test_same_tokens_as_pygments(name: str, join_after: int, monkeypatch) -> None:
    # each run starts from fresh lexer classes, so the states join at a new point
    monkeypatch.setattr(lexjoin, "JOIN_AFTER", join_after)
    monkeypatch.setattr(fastlex, "_SPED_UP", {})
    plain = LogLexer() if name == "log" else get_lexer_by_name(name)
    fast = fast_lexer(LogLexer() if name == "log" else get_lexer_by_name(name))
    for text in SAMPLES:
        assert list(fast.get_tokens(text)) == list(plain.get_tokens(text)), text[:200]


def test_c_and_cpp_use_the_fast_loop_and_type_their_names(monkeypatch) -> None:
    monkeypatch.setattr(fastlex, "_SPED_UP", {})
    for name in ("c", "cpp"):
        fast = fast_lexer(get_lexer_by_name(name))
        assert type(fast) is not type(get_lexer_by_name(name))
        tokens = [(str(t), v) for t, v in fast.get_tokens("size_t n; uint8_t b; int x;\n")]
        assert ("Token.Keyword.Type", "size_t") in tokens
        assert ("Token.Keyword.Type", "uint8_t") in tokens
    plain = get_lexer_by_name("c", stdlibhighlighting=False)
    off = fast_lexer(get_lexer_by_name("c", stdlibhighlighting=False))
    text = "size_t n; FILE *f;\n"
    assert list(off.get_tokens(text)) == list(plain.get_tokens(text))


def test_java_is_joined_and_recursion_uses_the_fast_loop(monkeypatch) -> None:
    monkeypatch.setattr(fastlex, "_SPED_UP", {})
    fast = fast_lexer(get_lexer_by_name("java"))
    assert type(fast) is not type(get_lexer_by_name("java"))     # the scan loop is ours
    assert not joined_states(fast)["root"]          # nothing compiled before the state is busy
    list(fast.get_tokens("int x = 1;\n" * lexjoin.JOIN_AFTER))
    assert joined_states(fast)["root"]
    # the method-name rule lexes its return type with using(this): the same lexer again
    tokens = list(fast.get_tokens("public static List<String> names(int n) {}\n"))
    assert ("Token.Name.Function", "names") in [(str(t), v) for t, v in tokens]


def test_a_rule_that_cannot_share_is_scanned_alone_between_joined_runs(monkeypatch) -> None:
    # bash's here-documents use a back-reference (\2): that rule is tried on its own, in its
    # place, between the joined runs of the rules before and after it
    monkeypatch.setattr(fastlex, "_SPED_UP", {})
    fast = fast_lexer(BashLexer())
    assert type(fast) is not BashLexer
    list(fast.get_tokens("echo a\n" * lexjoin.JOIN_AFTER))
    assert joined_states(fast)["root"]
    root = fastlex.states_of(fast)["root"]
    assert [c[1] is lexjoin.RUN for c in root.scan] == [True, False, True]
    text = "cat <<EOF\nhello $USER\nEOF\necho done\n"
    assert list(fast.get_tokens(text)) == list(BashLexer().get_tokens(text))


def _same_but_groups(original: str, bare: str, flags: int) -> bool:
    from re import _parser  # type: ignore[attr-defined]
    a, b = _parser.parse(original, flags), _parser.parse(bare, flags)

    def strip(node: object) -> object:
        # a group's operand is (number, add_flags, del_flags, pattern): without its number a
        # group with no flags is only its pattern (the parser leaves out some (?:...) itself)
        if type(node).__name__ == "SubPattern":
            return flat(node.data)  # type: ignore[attr-defined]
        if isinstance(node, (list, tuple)):
            return flat(node)
        return node

    def flat(items: object) -> tuple:
        out: list[object] = []
        for item in items:  # type: ignore[attr-defined]
            if isinstance(item, tuple) and len(item) == 2 and str(item[0]) == "SUBPATTERN":
                _, add, delete, inner = item[1]
                if not add and not delete:
                    out.extend(strip(inner))   # type: ignore[arg-type]
                    continue
                out.append(("SUBPATTERN", add, delete, strip(inner)))
            else:
                out.append(strip(item))
        return tuple(out)

    return strip(a) == strip(b) and b.state.groups == 1


@pytest.mark.parametrize("pattern,flags", [
    (r"(a)(b(c))", 0), (r"[(](x)", 0), (r"[]()](x)", 0), (r"[^](](x)", 0), (r"\((x)\)", 0),
    (r"(?#a(b[c)(x)", 0), (r"(?:a)(?=b)(?<!c)(x)", 0), ("(x) # (y) [\n(z)", re.VERBOSE),
    (r"[a-z[](x)", 0), (r"(a|b)*\1", 0)])
def test_groups_made_non_capturing_change_nothing_else(pattern: str, flags: int) -> None:
    regex = re.compile(pattern, flags)
    bare = lexjoin.non_capturing(pattern, flags, regex.groups)
    if lexjoin._UNSHAREABLE.search(pattern):
        return                  # never joined: references to groups need their numbers
    assert bare is not None and _same_but_groups(pattern, bare, flags), bare


LEXERS = ["java", "scala", "kotlin", "groovy", "python", "javascript", "typescript", "go",
          "rust", "c", "cpp", "csharp", "php", "ruby", "sql", "bash", "yaml", "xml", "html",
          "css", "lua", "swift", "haskell", "dockerfile", "ini", "properties", "diff",
          "graphql", "protobuf"]


@pytest.mark.sweep
def test_every_joinable_regex_of_common_lexers_keeps_its_meaning() -> None:
    checked = 0
    for name in LEXERS + ["log"]:
        lexer = LogLexer() if name == "log" else get_lexer_by_name(name)
        for rules in getattr(type(lexer), "_tokens", {}).values():
            for rule in rules:
                regex = getattr(rule[0], "__self__", None)
                if not isinstance(regex, re.Pattern) or \
                        lexjoin._UNSHAREABLE.search(regex.pattern):
                    continue
                bare = lexjoin.non_capturing(regex.pattern, regex.flags, regex.groups)
                assert bare is not None, (name, regex.pattern)
                if regex.groups:
                    assert _same_but_groups(regex.pattern, bare, regex.flags), \
                        (name, regex.pattern)
                    checked += 1
    assert checked > 1000


def test_console_sessions_lex_their_commands_with_the_fast_loop(monkeypatch) -> None:
    monkeypatch.setattr(fastlex, "_SPED_UP", {})
    fast = fast_lexer(get_lexer_by_name("console"))
    assert type(fast) is not type(get_lexer_by_name("console"))
    assert type(fast)._innerLexerCls is not BashLexer
    text = "$ export A=1 && echo \"$A\" | grep -c 1\n1\n# cat <<EOF\n> x\n> EOF\nx\n"
    assert list(fast.get_tokens(text)) == list(get_lexer_by_name("console").get_tokens(text))
