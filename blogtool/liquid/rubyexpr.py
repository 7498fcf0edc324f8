"""Ruby Liquid 5.4's expressions: how it reads markup (strict and lax) and evaluates it.

Ruby Liquid parses a tag's or output's markup with a strict lexer first; in ``error_mode:
warn`` (Jekyll's default) a failure is a warning and the markup is read again by the *lax*
regular expressions, which take what they can and drop the rest. Either way an expression
string ends in ``Expression.parse``: quotes stripped, integers, floats, ranges, literals, and
anything else a variable lookup that keeps only its ``[...]`` and ``[\\w-]+`` pieces.

The objects here evaluate against a python-liquid :class:`RenderContext` with Ruby's rules
(lookups, ``size``/``first``/``last``, ``==`` without ``true == 1``, comparisons that fail
between types, ``contains``). Ruby's ``\\w`` and ``\\s`` are ASCII, spelled out below.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from liquid.exceptions import LiquidError, LiquidSyntaxError, LiquidTypeError, UndefinedError
from liquid.token import Token

_S = r"[ \t\n\v\f\r]"
_NS = r"[^ \t\n\v\f\r]"
_W = r"[A-Za-z0-9_]"
QUOTED_STRING = r"\"[^\"]*\"|'[^']*'"
QUOTED_FRAGMENT = rf"(?:{QUOTED_STRING})|(?:[^ \t\n\v\f\r,|'\"]|{QUOTED_STRING})+"
TAG_ATTRIBUTES = re.compile(rf"({_W}[A-Za-z0-9_-]*){_S}*:{_S}*({QUOTED_FRAGMENT})")
_JUST_TAG_ATTRIBUTES = re.compile(rf"\A({_W}[A-Za-z0-9_-]*){_S}*:{_S}*({QUOTED_FRAGMENT})\Z")
_INTEGER = re.compile(r"\A(-?[0-9]+)\Z")
_RANGE = re.compile(rf"\A\({_S}*(?>({_NS}+){_S}*\.\.){_S}*({_NS}+){_S}*\)\Z")
_FLOAT = re.compile(r"\A(-?[0-9][0-9.]+)\Z")
_FLOAT_PREFIX = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_VARIABLE_PARSER = re.compile(r"\[[^\]]+\]|[A-Za-z0-9_-]+\??")
_RUBY_WS = " \t\n\v\f\r"
COMMAND_METHODS = ("size", "first", "last")


def rstrip(text: str) -> str:
    return text.rstrip(_RUBY_WS + "\0")


def strip(text: str) -> str:
    """Ruby's ``String#strip`` (ASCII whitespace and trailing NULs, not U+3000)."""
    return rstrip(text).lstrip(_RUBY_WS)


class RubySyntaxError(LiquidSyntaxError):
    """A Ruby Liquid syntax error; ``str`` is Ruby's message without the line."""


class RubyArgumentError(LiquidTypeError):
    """Ruby Liquid's ``Liquid::ArgumentError`` raised while rendering (Jekyll stops)."""


# --- values ------------------------------------------------------------------------------------


class MethodLiteral:
    """``empty`` and ``blank`` in conditions: ``x == empty`` asks ``x.empty?``."""

    def __init__(self, method: str):
        self.method = method

    def __str__(self) -> str:
        return ""

    def evaluate(self, context: Any) -> Any:
        return self


EMPTY = MethodLiteral("empty?")
BLANK = MethodLiteral("blank?")


class JekyllLiteral:
    """``empty`` and ``blank`` outside conditions: Jekyll replaces Liquid's ``""`` for them
    with an object of its own that prints as ``""``, equals only itself and has no methods
    (``{% case empty %}{% when empty %}`` does not match under Jekyll)."""

    __slots__ = ("method",)

    def __init__(self, method: str):
        self.method = method

    def __str__(self) -> str:
        return ""

    def __repr__(self) -> str:
        return f"JekyllLiteral({self.method})"


JEKYLL_EMPTY = JekyllLiteral("empty?")
JEKYLL_BLANK = JekyllLiteral("blank?")


def is_drop(value: Any) -> bool:
    """A payload Jekyll exposes as a drop (``blogtool.payload.Drop``)."""
    return hasattr(value, "drop_keys")


def is_undefined(value: Any) -> bool:
    return type(value).__name__.endswith("Undefined") and hasattr(value, "poke")


def ruby_eq(a: Any, b: Any, _depth: int = 0) -> bool:
    """Ruby's ``==`` on Liquid values (``true != 1``, ``1 == 1.0``, arrays element-wise).
    Jekyll's drops (posts, documents, ``site``) are equal only to themselves: the same
    document, whatever copy of its payload this is."""
    if isinstance(a, JekyllLiteral) or isinstance(b, JekyllLiteral):
        return a is b
    if is_drop(a) or is_drop(b):
        return is_drop(a) and is_drop(b) and type(a) is type(b) and \
            getattr(a, "owner", None) == getattr(b, "owner", None)
    if _depth > 200:
        return a is b
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str) and a == b
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(ruby_eq(x, y, _depth + 1)
                                        for x, y in zip(a, b, strict=True))
    if isinstance(a, range) and isinstance(b, range):
        return a == b
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return len(a) == len(b) and all(k in b and ruby_eq(v, b[k], _depth + 1)
                                        for k, v in a.items())
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (list, tuple, Mapping)) or isinstance(b, (list, tuple, Mapping)):
        return False
    return bool(a == b)


def _empty_p(value: Any) -> Any:
    if isinstance(value, (str, list, tuple, Mapping)):
        return len(value) == 0
    return None   # Range, numbers, nil: no empty? in Ruby


def _method_literal_eq(lit: MethodLiteral, other: Any) -> Any:
    if lit.method == "empty?":
        return _empty_p(other)
    return None   # Ruby has no blank? without ActiveSupport


def ruby_class(value: Any) -> str:
    if value is None:
        return "NilClass"
    if isinstance(value, bool):
        return "TrueClass" if value else "FalseClass"
    if isinstance(value, int):
        return "Integer"
    if isinstance(value, float):
        return "Float"
    if isinstance(value, str):
        return "String"
    if isinstance(value, Mapping):
        return "Hash"
    if isinstance(value, range):
        return "Range"
    if isinstance(value, (list, tuple)):
        return "Array"
    return type(value).__name__


def _comparable(value: Any) -> bool:
    """Responds to ``<`` in Ruby (and is not a Hash)."""
    return isinstance(value, (int, float, str)) and not isinstance(value, bool)


def _compare(op: str, left: Any, right: Any) -> Any:
    if not (_comparable(left) and _comparable(right)):
        return None
    numeric = isinstance(left, (int, float)) and isinstance(right, (int, float))
    if not numeric and not (isinstance(left, str) and isinstance(right, str)):
        from blogtool.filters import ruby_inspect
        shown = ruby_class(right) if isinstance(left, (int, float)) else ruby_inspect(right)
        raise RubyArgumentError(f"Liquid error: comparison of {ruby_class(left)} with "
                                f"{shown} failed", token=None)
    if op == "<":
        return left < right
    if op == ">":
        return left > right
    if op == "<=":
        return left <= right
    return left >= right


def _contains(left: Any, right: Any) -> bool:
    if left is None or left is False or right is None or right is False:
        return False
    if isinstance(left, str):
        from blogtool.filters import to_ruby_string
        return to_ruby_string(right) in left
    if isinstance(left, (list, tuple)):
        return any(ruby_eq(item, right) for item in left)
    if isinstance(left, range):
        return isinstance(right, (int, float)) and not isinstance(right, bool) and \
            left.start <= right <= left.stop - 1
    if isinstance(left, Mapping):
        return right in left if not isinstance(right, (list, dict)) else False
    return False


def truthy(value: Any) -> bool:
    return not (value is None or value is False or is_undefined(value))


# --- expressions --------------------------------------------------------------------------------


class RExpr:
    """Base of the expression objects; python-liquid nodes call ``evaluate`` and
    ``children``."""

    token: Token | None = None

    def evaluate(self, context: Any) -> Any:
        raise NotImplementedError

    async def evaluate_async(self, context: Any) -> Any:
        return self.evaluate(context)

    def children(self) -> list:
        return []


class RLiteral(RExpr):
    def __init__(self, value: Any, text: str = ""):
        self.value = value
        self.text = text

    def evaluate(self, context: Any) -> Any:
        return self.value

    def __str__(self) -> str:
        return self.text


def evaluate(expr: Any, context: Any) -> Any:
    """``context.evaluate``: expressions evaluate, plain values are themselves."""
    if isinstance(expr, RExpr):
        return expr.evaluate(context)
    return expr


def _to_i(value: Any) -> int:
    if isinstance(value, bool):
        raise RubyArgumentError("Liquid error: invalid integer", token=None)
    if isinstance(value, int):
        return value
    if value is None:
        return 0
    if isinstance(value, float):
        return int(value)
    m = re.match(r"[ \t\n\v\f\r]*([-+]?[0-9]+(?:_[0-9]+)*)", str(value))
    return int(m.group(1).replace("_", "")) if m else 0


def to_integer(value: Any) -> int:
    """Liquid's ``Utils.to_integer``: integers, or strings Ruby's ``Integer()`` reads."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    from blogtool.filters import ruby_to_s
    text = strip(ruby_to_s(value))
    if re.fullmatch(r"[-+]?[0-9]+(?:_[0-9]+)*", text):
        digits = text.replace("_", "")
        body = digits.lstrip("+-")
        if len(body) > 1 and body.startswith("0"):
            if re.fullmatch(r"[0-7]+", body):
                return int(digits[0] + "0o" + body[1:] if digits[0] in "+-" else "0o" + body[1:], 0)
            raise RubyArgumentError("Liquid error: invalid integer", token=None)
        return int(digits)
    raise RubyArgumentError("Liquid error: invalid integer", token=None)


class RRange(RExpr):
    def __init__(self, start: Any, stop: Any, text: str):
        self.start, self.stop, self.text = start, stop, text

    def evaluate(self, context: Any) -> range:
        def one(expr: Any) -> int:
            value = evaluate(expr, context)
            if isinstance(value, str) or value is None:
                return _to_i(value)
            return to_integer(value)
        return range(one(self.start), one(self.stop) + 1)

    def __str__(self) -> str:
        return self.text


def _literal_range(start: Any, stop: Any) -> range:
    return range(_to_i(start), _to_i(stop) + 1)


class RLookup(RExpr):
    """``VariableLookup``: a name (or ``[expr]``) then ``.key`` / ``[expr]`` lookups."""

    def __init__(self, markup: str, token: Token | None = None):
        self.text = markup
        self.token = token
        parts = _VARIABLE_PARSER.findall(markup)
        name: Any = parts.pop(0) if parts else None
        if isinstance(name, str) and name.startswith("[") and name.endswith("]"):
            name = parse_expression(name[1:-1], token)
        self.name = name
        self.lookups: list[Any] = []
        self.commands: set[int] = set()
        for i, part in enumerate(parts):
            if part.startswith("[") and part.endswith("]"):
                self.lookups.append(parse_expression(part[1:-1], token))
            else:
                self.lookups.append(part)
                if part in COMMAND_METHODS:
                    self.commands.add(i)

    def __str__(self) -> str:
        return self.text

    def children(self) -> list:
        return [x for x in [self.name, *self.lookups] if isinstance(x, RExpr)]

    def evaluate(self, context: Any) -> Any:
        name = evaluate(self.name, context)
        obj = find_variable(context, name, self.token)
        for i, lookup in enumerate(self.lookups):
            key = evaluate(lookup, context)
            found, value = _lookup(obj, key)
            if found:
                obj = value
            elif i in self.commands and _responds(obj, key):
                obj = _command(obj, key)
            else:
                if getattr(context.env, "strict_variables_ruby", False):
                    from blogtool.filters import to_ruby_string
                    raise UndefinedError(f"Liquid error: undefined variable "
                                         f"{to_ruby_string(key)}", token=self.token)
                return None
        return obj


def find_variable(context: Any, name: Any, token: Token | None) -> Any:
    try:
        if not isinstance(name, str):
            raise KeyError(name)
        value = context.scope[name]
    except (KeyError, TypeError, IndexError):
        if getattr(context.env, "strict_variables_ruby", False):
            from blogtool.filters import to_ruby_string
            raise UndefinedError(f"Liquid error: undefined variable {to_ruby_string(name)}",
                                 token=token) from None
        return None
    return None if is_undefined(value) else _plain(value)


def _plain(value: Any) -> Any:
    """A value read from a variable, as ``to_liquid`` gives it (Jekyll's empty/blank object
    becomes ``""``)."""
    if isinstance(value, JekyllLiteral):
        return ""
    return list(value) if isinstance(value, tuple) else value


def _lookup(obj: Any, key: Any) -> tuple[bool, Any]:
    if isinstance(obj, Mapping):
        if isinstance(key, (list, dict)):
            return False, None
        try:
            if key in obj:
                return True, _plain(obj[key])
        except TypeError:
            return False, None
        return False, None
    if isinstance(obj, (list, tuple, range)) and isinstance(key, int) and not isinstance(key, bool):
        try:
            return True, _plain(obj[key])
        except IndexError:
            return True, None
    if obj is not None and not isinstance(obj, (str, int, float, bool, list, tuple, range)):
        try:   # python-liquid drops (forloop) and other mappings of the payload
            return True, _plain(obj[key])
        except (KeyError, IndexError, TypeError, AttributeError):
            return False, None
    return False, None


def _responds(obj: Any, key: Any) -> bool:
    if key == "size":
        return isinstance(obj, (str, list, tuple, Mapping, range)) or (
            isinstance(obj, int) and not isinstance(obj, bool))
    if key == "first":
        return isinstance(obj, (list, tuple, Mapping, range))
    if key == "last":
        return isinstance(obj, (list, tuple, range))
    return False


def _command(obj: Any, key: str) -> Any:
    if key == "size":
        if isinstance(obj, int):
            return 8
        return len(obj)
    if key == "first":
        if isinstance(obj, Mapping):
            for k, v in obj.items():
                return [k, v]
            return None
        return obj[0] if len(obj) else None
    return obj[-1] if len(obj) else None


def parse_expression(markup: str | None, token: Token | None = None) -> Any:
    """Ruby's ``Expression.parse``: a plain value or an :class:`RExpr`."""
    if markup is None:
        return None
    markup = strip(markup)
    if markup[:1] in ("'", '"') and markup.endswith(markup[0]):
        return markup[1:-1]   # a lone quote starts and ends with itself: ""
    if _INTEGER.match(markup):
        return int(markup)
    m = _RANGE.match(markup)
    if m:
        start, stop = parse_expression(m.group(1), token), parse_expression(m.group(2), token)
        if isinstance(start, RExpr) or isinstance(stop, RExpr):
            return RRange(start, stop, markup)
        return _literal_range(start, stop)
    if _FLOAT.match(markup):
        return float(_FLOAT_PREFIX.match(markup).group(0))  # type: ignore[union-attr]
    literal = _LITERALS.get(markup, _MISSING)
    if literal is not _MISSING:
        return literal
    return RLookup(markup, token)


_MISSING = object()
_LITERALS: dict[str, Any] = {"nil": None, "null": None, "": None, "true": True,
                             "false": False, "blank": JEKYLL_BLANK, "empty": JEKYLL_EMPTY}


def condition_expression(markup: str | None, token: Token | None = None) -> Any:
    """``Condition.parse_expression``: ``empty`` and ``blank`` become method literals."""
    if markup == "empty":
        return EMPTY
    if markup == "blank":
        return BLANK
    return parse_expression(markup, token)


# --- conditions ----------------------------------------------------------------------------------


@dataclass
class Condition:
    left: Any
    op: str | None = None
    right: Any = None
    relation: str | None = None      # "and" | "or", to ``child``
    child: Condition | None = None

    def evaluate(self, context: Any) -> Any:
        cond: Condition | None = self
        result: Any = None
        while cond is not None:
            result = cond.interpret(context)
            if cond.relation == "or" and truthy(result):
                break
            if cond.relation == "and" and not truthy(result):
                break
            if cond.relation is None:
                break
            cond = cond.child
        return result

    def interpret(self, context: Any) -> Any:
        if self.op is None:
            return evaluate(self.left, context)
        left = evaluate(self.left, context)
        right = evaluate(self.right, context)
        op = self.op
        if op in ("==", "!=", "<>"):
            if isinstance(left, MethodLiteral):
                eq = _method_literal_eq(left, right)
            elif isinstance(right, MethodLiteral):
                eq = _method_literal_eq(right, left)
            else:
                eq = ruby_eq(left, right)
            return eq if op == "==" else not eq
        if op in ("<", ">", "<=", ">="):
            return _compare(op, left, right)
        if op == "contains":
            return _contains(left, right)
        raise RubyArgumentError(f"Liquid error: Unknown operator {op}", token=None)


class ConditionExpr(RExpr):
    """A condition as a python-liquid expression (truthiness for ``if``/``unless``)."""

    def __init__(self, condition: Condition, token: Token | None):
        self.condition = condition
        self.token = token

    def evaluate(self, context: Any) -> bool:
        return truthy(self.condition.evaluate(context))


# --- Ruby Liquid's strict lexer and parser ------------------------------------------------------

_SPECIALS = {"|": "pipe", ".": "dot", ":": "colon", ",": "comma", "[": "open_square",
             "]": "close_square", "(": "open_round", ")": "close_round", "?": "question",
             "-": "dash"}
_LEX = re.compile(
    r"(?P<comparison>==|!=|<>|<=?|>=?|contains(?=[ \t\n\v\f\r]))"
    r"|(?P<string>'[^']*'|\"[^\"]*\")"
    r"|(?P<number>-?[0-9]+(?:\.[0-9]+)?)"
    r"|(?P<id>[a-zA-Z_][A-Za-z0-9_-]*\??)"
    r"|(?P<dotdot>\.\.)")


def lex(markup: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos, n = 0, len(markup)
    while pos < n:
        while pos < n and markup[pos] in _RUBY_WS:
            pos += 1
        if pos >= n:
            break
        m = _LEX.match(markup, pos)
        if m:
            kind = m.lastgroup or ""
            tokens.append((kind, m.group(0)))
            pos = m.end()
            continue
        char = markup[pos]
        kind = _SPECIALS.get(char, "")
        if not kind:
            raise RubySyntaxError(f"Unexpected character {char}", token=None)
        tokens.append((kind, char))
        pos += 1
    tokens.append(("end_of_string", ""))
    return tokens


def _token_inspect(tok: tuple[str, str]) -> str:
    if tok[0] == "end_of_string":
        return "[:end_of_string]"
    value = tok[1].replace("\\", "\\\\").replace('"', '\\"')
    return f'[:{tok[0]}, "{value}"]'


class StrictParser:
    """Ruby Liquid's ``Parser``: validates markup and rebuilds expression strings."""

    def __init__(self, markup: str):
        self.tokens = lex(markup)
        self.p = 0

    def consume(self, kind: str | None = None) -> str:
        tok = self.tokens[min(self.p, len(self.tokens) - 1)]
        if kind and tok[0] != kind:
            raise RubySyntaxError(f"Expected {kind} but found {tok[0]}", token=None)
        self.p += 1
        return tok[1]

    def consume_p(self, kind: str) -> str | None:
        if self.p < len(self.tokens) and self.tokens[self.p][0] == kind:
            self.p += 1
            return self.tokens[self.p - 1][1]
        return None

    def id_p(self, word: str) -> bool:
        if self.p < len(self.tokens) and self.tokens[self.p] == ("id", word):
            self.p += 1
            return True
        return False

    def look(self, kind: str, ahead: int = 0) -> bool:
        i = self.p + ahead
        return i < len(self.tokens) and self.tokens[i][0] == kind

    def expression(self) -> str:
        tok = self.tokens[min(self.p, len(self.tokens) - 1)]
        kind = tok[0]
        if kind == "id":
            return self.consume() + self.variable_lookups()
        if kind == "open_square":
            text = self.consume() + self.expression() + self.consume("close_square")
            return text + self.variable_lookups()
        if kind in ("string", "number"):
            return self.consume()
        if kind == "open_round":
            self.consume()
            first = self.expression()
            self.consume("dotdot")
            last = self.expression()
            self.consume("close_round")
            return f"({first}..{last})"
        raise RubySyntaxError(f"{_token_inspect(tok)} is not a valid expression", token=None)

    def argument(self) -> str:
        text = ""
        if self.look("id") and self.look("colon", 1):
            text = self.consume() + self.consume() + " "
        return text + self.expression()

    def variable_lookups(self) -> str:
        text = ""
        while True:
            if self.look("open_square"):
                text += self.consume() + self.expression() + self.consume("close_square")
            elif self.look("dot"):
                text += self.consume() + self.consume("id")
            else:
                return text


# --- variables (output markup and assign's right side) -------------------------------------------

_MARKUP_WITH_QF = re.compile(rf"({QUOTED_FRAGMENT})(.*)", re.S)
_FILTER_MARKUP = re.compile(r"\|[ \t\n\v\f\r]*(.*)", re.S)
_FILTER_PARSER = re.compile(rf"(?:{_S}+|{QUOTED_FRAGMENT}|,)+")
_FILTER_ARGS = re.compile(rf"(?::|,){_S}*((?:{_W}+{_S}*:{_S}*)?(?:{QUOTED_FRAGMENT}))")
_WORD = re.compile(rf"{_W}+")


@dataclass
class RFilter:
    name: str
    args: list[Any]
    kwargs: dict[str, Any] | None = None


@dataclass
class Variable(RExpr):
    """``{{ name | filter: args }}`` as Ruby Liquid parsed it."""

    name: Any = None
    filters: list[RFilter] = field(default_factory=list)
    token: Token | None = None

    def evaluate(self, context: Any) -> Any:
        value = evaluate(self.name, context)
        for flt in self.filters:
            func = context.filter(flt.name, token=self.token)
            args = [_filter_value(evaluate(a, context)) for a in flt.args]
            kwargs = {k: _filter_value(evaluate(v, context))
                      for k, v in (flt.kwargs or {}).items()}
            try:
                value = func(_filter_value(value), *args, **kwargs)
            except TypeError as err:
                raise RubyArgumentError(f"Liquid error: {flt.name}: {err}",
                                        token=self.token) from err
            except LiquidError as err:
                if err.token is None:
                    err.token = self.token
                raise
        return value

    def children(self) -> list:
        out = [self.name] + [a for f in self.filters for a in f.args]
        return [x for x in out if isinstance(x, RExpr)]


def _filter_value(value: Any) -> Any:
    return "" if isinstance(value, MethodLiteral) else value


def _filter(name: str, raw_args: Sequence[str], token: Token | None) -> RFilter:
    args: list[Any] = []
    kwargs: dict[str, Any] | None = None
    for raw in raw_args:
        m = _JUST_TAG_ATTRIBUTES.match(raw)
        if m:
            kwargs = kwargs or {}
            kwargs[m.group(1)] = parse_expression(m.group(2), token)
        else:
            args.append(parse_expression(raw, token))
    return RFilter(name, args, kwargs)


def strict_variable(markup: str, token: Token | None = None) -> Variable:
    p = StrictParser(markup)
    if p.look("end_of_string"):
        return Variable(None, [], token)
    name = parse_expression(p.expression(), token)
    filters = []
    while p.consume_p("pipe") is not None:
        fname = p.consume("id")
        args = []
        if p.consume_p("colon") is not None:
            args.append(p.argument())
            while p.consume_p("comma") is not None:
                args.append(p.argument())
        filters.append(_filter(fname, args, token))
    p.consume("end_of_string")
    return Variable(name, filters, token)


def lax_variable(markup: str, token: Token | None = None) -> Variable:
    m = _MARKUP_WITH_QF.search(markup)
    if not m:
        return Variable(None, [], token)
    var = Variable(parse_expression(m.group(1), token), [], token)
    fm = _FILTER_MARKUP.search(m.group(2))
    if fm:
        for chunk in _FILTER_PARSER.findall(fm.group(1)):
            word = _WORD.search(chunk)
            if not word:
                continue
            args = _FILTER_ARGS.findall(chunk)
            var.filters.append(_filter(word.group(0), args, token))
    return var


# --- conditions: if / unless / elsif --------------------------------------------------------------

_AND_OR = rf"\b(?:{_S}?and{_S}?|{_S}?or{_S}?)\b"
_EXPRESSIONS_AND_OPERATORS = re.compile(
    rf"(?:{_AND_OR}|(?:{_S}*(?!{_AND_OR})(?:{QUOTED_FRAGMENT}|{_NS}+){_S}*)+)")
_IF_SYNTAX = re.compile(rf"({QUOTED_FRAGMENT}){_S}*([=!<>a-z_]+)?{_S}*({QUOTED_FRAGMENT})?")
IF_SYNTAX_ERROR = "Syntax Error in tag 'if' - Valid syntax: if [expression]"


def strict_condition(markup: str, token: Token | None = None) -> Condition:
    p = StrictParser(markup)

    def comparison() -> Condition:
        left = condition_expression(p.expression(), token)
        op = p.consume_p("comparison")
        if op is not None:
            return Condition(left, op, condition_expression(p.expression(), token))
        return Condition(left)

    first = cond = comparison()
    while True:
        if p.id_p("and"):
            rel = "and"
        elif p.id_p("or"):
            rel = "or"
        else:
            break
        child = comparison()
        cond.relation, cond.child = rel, child
        cond = child
    p.consume("end_of_string")
    return first


def lax_condition(markup: str, token: Token | None = None) -> Condition:
    expressions = _EXPRESSIONS_AND_OPERATORS.findall(markup)

    def one(text: str | None) -> Condition:
        m = _IF_SYNTAX.search(text or "")
        if not m:
            raise RubySyntaxError(IF_SYNTAX_ERROR, token=token)
        return Condition(condition_expression(m.group(1), token), m.group(2),
                         condition_expression(m.group(3), token))

    condition = one(expressions.pop() if expressions else None)
    while expressions:
        operator = strip(expressions.pop())
        new = one(expressions.pop() if expressions else None)
        if operator not in ("and", "or"):
            raise RubySyntaxError(IF_SYNTAX_ERROR, token=token)
        new.relation, new.child = operator, condition
        condition = new
    return condition
