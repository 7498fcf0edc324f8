r"""Markers of the languages blogtool does not name (Kotlin, Rust, C#, PHP, Makefiles, Perl,
Ruby, Dart, Swift, VB, R, Lua, shell variables, CSS, HTML), in the form ``langtable.py``
describes: with them a block in one of these languages is not taken for a named language."""
from __future__ import annotations

__all__ = ["OTHERS"]

_Table = tuple[tuple[str, str], ...]


def _rx(*markers: tuple[str, str]) -> _Table:
    return markers


OTHERS: dict[str, tuple[_Table, _Table]] = {
    "kotlin": (_rx(
        ('fun', r"\bfun\b"),
        ('data', r"^\s*data class\b"),
        ('companion', r"\bcompanion object\b"),
        ('->', r"\{ \w+ -> "),
        ('Of(', r"(?:List|Set|Map)Of\("),
    ), _rx(
        ('val', r"\bval \w+ = \w+Of\("),
        ('val', r"^\s*(?:private |override |lateinit )*va[lr] \w+(?:\s*:\s*[\w<>?, ]+)?\s*="),
        ('val var',
         r"^\s*(?:private |override |protected |internal )*va[lr] \w+: [A-Z][\w<>?, .]*,?\s*$"),
    )),
    "rust": (_rx(
        ('fn', r"^\s*(?:pub )?fn \w+"),
        ('mut', r"\blet mut\b"),
        ('println', r"\bprintln!\("),
        ('impl', r"^\s*impl\b"),
        ('str', r"&str\b"),
        ('use', r"^\s*use \w+::"),
        ('match', r"\bmatch \w+ \{"),
        ('i8 i16 i32 i64 i128 u128 f32 f64 usize isize',
         r"\b(?:i8|i16|i32|i64|i128|u128|f32|f64|usize|isize)\b"),
    ), _rx(
        ('new', r"::new\("),
        ('Vec', r"\bVec<"),
    )),
    "csharp": (_rx(
        ('Console', r"\bConsole\.\w+\("),
        ('using', r"^\s*using System"),
        ('string', r"\bstring \w+ ="),
        ('Main', r"static void Main\("),
        ('DateTime', r"\bDateTime\."),
        ('MessageBox', r"\bMessageBox\."),
        ('sender', r"\bobject sender\b"),
        ('EventArgs', r"EventArgs\b"),
        ('namespace', r"^\s*namespace \w+(?:\.\w+)+\s*\{?$"),
        ('using', r"^\s*using [A-Z]\w*(?:\.\w+)*;"),
        ('get set', r"\{ ?get; ?(?:private |protected |init; ?)?set; ?\}"),
    ), _rx(
        ('namespace', r"^\s*namespace [\w.]+\s*\{?$"),
        ('=', r"^\s*[A-Z]\w* = -?\d+,?\s*$"),     # an enum member with its value (not Java's)
    )),
    "php": (_rx(
        ('<?php', r"<\?php"),
        ('$this->', r"\$this->"),
        ('$', r"^\s*\$\w+ = "),
        ('function', r"^\s*(?:public |private |protected )?(?:static )?function \w+\(.*\$"),
        ('$', r"^\s*(?:private|public|protected) \$\w+"),
        ('->', r"\$\w+->\w"),
    ), _rx(
        ('echo', r"^\s*echo '"),
    )),
    "make": (_rx(
        ('$(', r"\$\((?:MAKE|CC|CFLAGS|LDFLAGS)\)"),
        ('PHONY', r"^\.PHONY:"),
        (':', r"^[\w./%-]+:(?:[ \t][^=\n]*)?\n\t"),       # a target and its recipe
        (':= += ?=', r"^[A-Z][A-Z0-9]*(?:_[\w-]*)*(?:\.\w+)? [:+?]= "),
    ), _rx(
        ('$(', r"^\t@?\$\("),
    )),
    "perl": (_rx(
        ('my', r"\bmy [$@%]\w"),
        ('sub', r"^\s*sub \w+"),
        ('$_', r"\$_\b"),
        ('=~', r"=~ [ms]?/"),
        ('$', r"\$\w+\{"),
        ('strict', r"^\s*use strict"),
        ('$#', r"\$#\w"),
    ), _rx(
        ('die', r"\bdie\b"),
        ('print', r"^\s*print \$"),
    )),
    "ruby": (_rx(
        ('puts', r"^\s*puts "),
        ('module', r"^\s*module [A-Z]\w*(?:::\w+)*\s*$"),
        ('gem', r"^\s*gem ['\"]"),                  # a Gemfile
        ('do', r"\bdo \|\w+"),
        ('require', r"^\s*require '"),
        ('def', r"^\s*def \w+(?:\(.*\))?\s*$"),
        ('each', r"\.each\b"),
    ), _rx(
        ('end', r"^\s*end\s*$"),
        ('p', r"^\s*p \w"),
    )),
    "dart": (_rx(
        ('Widget', r"\bWidget\b"),
        ('override', r"@override\b"),
        ('late', r"^\s*late "),
        ('part', r"^\s*part '"),
        ('riverpod', r"@riverpod"),
        ('setState', r"\bsetState\("),
        ('BuildContext ChangeNotifier notifyListeners StatelessWidget StatefulWidget '
         'debugPrint',
         r"\b(?:BuildContext|ChangeNotifier|notifyListeners|StatelessWidget|StatefulWidget"
         r"|debugPrint)\b"),
    ), _rx(
        ('final', r"^\s*final \w+ = "),
    )),
    "swift": (_rx(
        ('guard', r"\bguard let\b"),
        ('UIKit Foundation SwiftUI', r"^\s*import (?:UIKit|Foundation|SwiftUI)\b"),
        ('func', r"\bfunc \w+\(.*\) -> "),
    ), _rx(
        ('let', r"^\s*let \w+: "),
    )),
    "vb": (_rx(
        ('Dim', r"^\s*Dim "),
        ('End', r"^\s*End (?:If|Sub|Function)"),
        ('MsgBox', r"\bMsgBox\b"),
    ), _rx(
        ('Loop', r"^\s*Loop\b"),
    )),
    "r": (_rx(
        ('<-', r" <- (?<=\w <- )"),
        ('library', r"\blibrary\("),
    ), _rx(
        ('>', r"^\s*> \w"),
    )),
    "lua": (_rx(
        ('local', r"^\s*local (?:function \w+|\w+(?:, ?\w+)* = )"),
        ('function', r"^\s*function \w+[:.]\w+ ?\("),
        ('pairs ipairs setmetatable getmetatable tostring tonumber',
         r"\b(?:pairs|ipairs|setmetatable|getmetatable|tostring|tonumber)\("),
        ('elseif if', r"^\s*(?:else)?if [^;\n]* then\s*$"),
        ('..', r" \.\. (?<=[\w)\"] \.\. )[\w\"(]"),                # string concatenation
        ('end', r"\) end\b"),
        ('~=', r" ~= (?<=\w ~= )\w"),
    ), _rx()),
    # shell functions and variables (bash itself is told by whole-block shapes)
    "shell": (_rx(
        ('${', r"\$\{\w+[}:#%/]"),
        ('local export readonly', r"^\s*(?:local|export|readonly) \w+="),
        ('fi esac done', r"^\s*(?:fi|esac|done)\s*$"),
        ('=" =\' =$ =(', r"^\s*\w+\+?=[\"'$(]"),
        ('[[', r"\[\[ "),
    ), _rx()),
    "css": (_rx(
        ('{', r"^\s*[.#@][\w-][^{]*\{\s*$"),
    ), _rx(
        (';', r"^\s*[a-z-]+\s*:\s*[^;{}\n]+;\s*$"),
    )),
    "html": (_rx(
        ('<',
         r"<(?:div|span|p|a|img|template|script|style|html|head|body|ul|ol|li|table|tr|td|th"
         r"|button|h[1-6]|meta|link|br|nav|section|header|footer|main|article|iframe|svg|em"
         r"|strong|small)(?=[\s>/])"),
        ('DOCTYPE', r"<!DOCTYPE html"),
        ('<%@', r"<%@"),
        ('className', r"\bclassName="),
    ), _rx(
        ('</', r"</\w+>"),
    )),
}
