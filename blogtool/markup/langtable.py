r"""Per language, the markers ``langmarkers.py`` counts: (strong markers, weak markers), each
a (triggers, pattern) pair. A line with a strong marker scores 2, a line with only weak ones 1;
strong markers are (nearly) unique to the language. Triggers are separated by spaces: a word
(a letter, then letters, digits or _, not ending in _) must be a whole word of the block;
anything else (``->``, ``__``, ``g_``) and a trigger written ``~int`` must occur anywhere in
it. Languages blogtool does not name have markers too, so that their code is not taken for a
named language (``langtable_more.py`` holds theirs). A pattern should start with a literal:
one that starts with ``\w`` or a lookbehind is tried at every character (a leading ``\b`` is
moved behind its word)."""
from __future__ import annotations

from .langtable_more import OTHERS

__all__ = ["TABLE"]

_Table = tuple[tuple[str, str], ...]


def _rx(*markers: tuple[str, str]) -> _Table:
    return markers


_NAMED: dict[str, tuple[_Table, _Table]] = {
    "python": (_rx(
        ('def', r"^\s*def \w+\(.*\)\s*(?:->\s*[^:]+)?:\s*$"),
        ('class', r"^\s*class \w+(?:\([\w., =]*\))?:\s*$"),
        ('import', r"^\s*from [\w.]+ import [\w*(]"),
        ('elif', r"^\s*elif .*:\s*$"),
        ('except', r"^\s*except(?: [\w., ()]+)?(?: as \w+)?\s*:\s*$"),
        ('self', r"\bself\.\w"),
        ('__',
         r"__(?:init|name|main|file|dict|class|str|repr|len|call|enter|exit|all|doc|module)__"),
        ('>>> ...', r"^\s*(?:>>>|\.\.\.) "),
        ('lambda', r"\blambda \w*:"),
        ('__name__', r"^\s*if __name__\b"),
        ('for with', r"^\s*(?:for|with) .*[^:]:\s*$"),
        ('print', r'\bprint\(f?\"'),
        ('None', r"\bis (?:not )?None\b"),
        # the standard library and the data libraries, as Python code calls them
        ('np pd plt torch sklearn cv2',
         r"\b(?:np|pd|plt|torch|sklearn|cv2)\.[a-zA-Z_]\w*"),
        ('os', r"\bos\.(?:path|environ|getenv|listdir|makedirs|remove|renames?|walk|getcwd)\b"),
        ('sys', r"\bsys\.(?:argv|path|exit|stdout|stderr|stdin)\b"),
        ('json', r"\bjson\.(?:dumps|loads|dump|load)\("),
        ('re', r"\bre\.(?:compile|match|search|sub|findall|finditer|split|fullmatch)\("),
        ('subprocess', r"\bsubprocess\.\w+\("),
        ('f" f\'', r'f""(?<=[\s(=,\[{]f"")'),      # an f-string (strings are blanked to "")
    ), _rx(
        ('import', r"^\s*import [\w.]+(?: as \w+)?(?:, [\w.]+)*\s*$"),
        ('else try finally', r"^\s*(?:else|try|finally)\s*:\s*$"),
        ('if while', r"^\s*(?:if|while) .*[^:]:\s*$"),
        ('print', r"^\s*print\(.*\)\s*$"),
        ('None', r"\bNone\b"),
        ('@', r"^\s*@\w+(?:\.\w+)*(?:\(.*\))?\s*\n\s*(?:async )?(?:def|class) "),
        ('True', r"\bTrue\b"),
        ('False', r"\bFalse\b"),
        ('for', r"\[\w+ for \w+ in "),
        ('append', r"\.append\("),
        ('len', r"\blen\("),
        ('not', r"\bnot in\b"),
    )),
    "go": (_rx(
        ('package', r"^\s*package [a-z]\w*\s*$"),
        ('func', r"^\s*func(?: \(\w+ \*?\w+\))? \w*\("),
        # (not PL/SQL's "v_total := 0;": Go ends no line with ";")
        (':=', r":=(?:(?<=\w:=)|(?<=\w :=)) ?(?![^\n]*;[ \t]*$)\S"),
        ('iota', r"\biota\b"),
        ('const var', r"^\s*(?:const|var) ?\($"),
        ('fmt', r"\bfmt\.\w+\("),
        ('err', r"\berr != nil\b"),
        ('import', r"^\s*import \($"),
        ('type', r"^\s*type \w+ (?:struct|interface) \{"),
        ('func', r"\bgo func\("),
        ('chan', r"\bchan\b"),
    ), _rx(
        ('import', r'^\s*import \"[\w/.-]+\"$'),
        ('defer', r"^\s*defer "),
        ('byte string int', r"\[\](?:byte|string|int)\b"),
        ('make', r"\bmake\(\["),
        ('errors', r"\berrors\.New\("),
        ('"', r'^\s*\"[\w/.-]+\"$'),
        ('nil', r"\bnil\b"),
    )),
    "javascript": (_rx(
        ('console', r"\bconsole\.(?:log|error|warn)\("),
        ('require', r"\brequire\(['\"]"),
        ('exports', r"\bmodule\.exports\b"),
        ('export', r"^\s*export (?:default|const|function|class|async)\b"),
        ('import', r"^\s*import .* from ['\"]"),
        ('=>', r"\)\s*=>"),
        ('=>', r"=>(?:(?<=\w=>)|(?<=\w =>))\s*[{(]"),
        ('function', r"\bfunction\s*\w*\s*\("),
        ('document', r"\bdocument\.\w"),
        ('async', r"\basync (?:function|\()"),
        ('JSON', r"\bJSON\.(?:parse|stringify)\("),
        ('process', r"\bprocess\.env\."),
        ('$(', r"\$\(['\"]"),
        ('Promise', r"\bnew Promise\("),
        ('window', r"\bwindow\.\w"),
        ('constructor', r"^\s*constructor\s*\("),
        ('=== !==', r"(?:===|!==)(?<=\s===|\s!==)\s"),
        ('for', r"\bfor \((?:let|const) \w+ (?:=|of|in)\b"),
        # the DOM and the test runners
        ('addEventListener querySelector querySelectorAll getElementById',
         r"\.(?:addEventListener|querySelector(?:All)?|getElementById)\("),
        ('expect', r"\bexpect\(.*\)\.(?:not\.)?to[A-Z]\w*\("),
    ), _rx(
        ('const let var', r"^\s*(?:const|let|var) \w+ = "),
        ('await', r"\bawait \w"),
        ('then', r"\.then\("),
        ('import', r"^\s*import ['\"]\.{0,2}/"),
        ('this', r"\bthis\.\w+"),
        ('undefined', r"\bundefined\b"),
        (':', r"^\s*\w+: (?:function\b|[\[{]\s*$)"),      # not YAML's inline { a: b }
    )),
    "scala": (_rx(
        ('object', r"^\s*(?:case )?object \w+"),
        ('class', r"^\s*case class \w+"),
        ('def',
         r"^\s*(?:override )?def \w+(?:\[.*\])?(?:\(.*\)(?:\s*:\s*[\w\[\], ]+)?"
         r"|\s*:\s*[\w\[\], ]+)\s*="),
        ('extends', r"\bextends App\b"),
        ('import', r"^\s*import [\w.]+\.(?:_|\{)"),
        ('Unit', r": Unit\b"),
        ('Array', r"\bArray\[\w+\]"),
        ('sc', r"\bsc\.(?:textFile|parallelize)\("),
        ('case', r"\bcase \w+(?:\(.*\)|: [\w\[\]]+)?(?: if .*)? =>"),
        ('implicit', r"\bimplicit\b"),
        ('map', r"\.map\s*\{\s*\w+\s*=>"),
        ('(_', r"\(_(?:\.\w| [+*-] _\))"),           # a placeholder lambda: filter(_.ok)
    ), _rx(
        ('val var',
         r"^\s*(?:(?:private |protected |override |lazy )*val"
         r"|(?:private |protected |override |lazy )+var) \w+(?:\s*:\s*[\w\[\], ]+)?\s*="),
        ('Seq', r"\bSeq\("),
        ('val var', r"^\s*(?:private |override |protected )*va[lr] \w+: [A-Z][\w\[\], .]*,?\s*$"),
        ('with', r"\)\s*with\s+\w+"),
        ('with', r"^\s*with \w+"),
        ('B', r"\.B\b"),
        ('U', r"\.U\b"),
        ('Wire', r"\bWire\w*\("),
        ('Nil', r"\bNil\b"),
    )),
    "c": (_rx(
        ('#',
         r'^\s*#\s*(?:include\s*[<\"]|define\s+\w+(?:\(|\s+\S+\s*$|\s*$)|ifn?def\s+\w+\s*$'
         r'|endif\b|pragma\b|undef\s+\w+\s*$)'),
        ('->', r"->(?<=\w->)\w"),
        ('printf', r"\bprintf\("),
        ('malloc kfree kmalloc free', r"\b(?:malloc|kfree|kmalloc|free)\("),
        ('sizeof', r"\bsizeof\s*\("),
        ('struct', r"^\s*(?:static |extern |const |typedef )*struct \w+"),
        ('unsigned', r"\bunsigned\b"),
        ('u8 u16 u32 u64 s32 s64 size_t ~int atomic_',
         r"\b(?:u8|u16|u32|u64|s32|s64|size_t|uint\d+_t|int\d+_t|atomic_\w+)\b"),
        ('*', r" \*(?<=\w \*)\w+\s*[;,)=\[]"),
        ('main', r"\bint main\s*\("),
        ('goto', r"\bgoto \w+;"),
        ('typedef', r"^\s*typedef\b"),
        ('__', r"__(?<![.\w]__)(?!\w*__\b)[a-z]\w*"),
        ('.', r"^\s*\.\w+\s*=\s*[\w&][^;\n]*,\s*$"),
        # the kernel's own API
        ('pr_info pr_err pr_warn pr_debug pr_notice pr_cont printk kzalloc kcalloc vmalloc '
         'vfree container_of ~list_for_each ~spin_ mutex_lock mutex_unlock rcu_read_lock '
         'rcu_read_unlock copy_from_user copy_to_user ~WARN_ON BUG_ON ~EXPORT_SYMBOL likely '
         'unlikely READ_ONCE WRITE_ONCE',
         r"\b(?:pr_info|pr_err|pr_warn|pr_debug|pr_notice|pr_cont|printk|kzalloc|kcalloc"
         r"|vmalloc|vfree|container_of|list_for_each\w*|spin_lock\w*|spin_unlock\w*|mutex_lock"
         r"|mutex_unlock|rcu_read_lock|rcu_read_unlock|copy_from_user|copy_to_user|WARN_ON\w*"
         r"|BUG_ON|EXPORT_SYMBOL\w*|likely|unlikely|READ_ONCE|WRITE_ONCE)\("),
        ('void', r"\(void\)"),                     # an empty parameter list, a cast
        ('inline', r"\bstatic inline\b"),
        ('enum', r"^\s*(?:typedef )?enum [a-z_][a-z0-9_]* \{"),
    ), _rx(
        ('NULL', r"\bNULL\b"),
        ('static', r"^\s*static (?:inline )?\w"),
        ('void int long char', r"^\s*(?:void|int|long|char)\s+\*?\w+\("),
        ('#', r"^\s*#(?:if|elif|else)\b"),
        # a statement that calls a snake_case function: C (Python has no ";")
        ('_', r"^\s*(?:[\w.>-]+ = )?[a-z][a-z0-9]*_[a-z0-9_]+\(.*\);\s*$"),
    )),
    "cpp": (_rx(
        ('std', r"\bstd::"),
        ('cout cin endl', r"\b(?:cout|cin|endl)\b"),
        ('template', r"^\s*template\s*<"),
        ('namespace', r"^\s*using namespace\b"),
        ('nullptr', r"\bnullptr\b"),
        ('include',
         r"^\s*#include\s*<(?:iostream|vector|string|map|memory|algorithm|set|unordered_map"
         r"|thread|mutex|cstdio|cstring)>"),
        ('istringstream ostringstream stringstream',
         r"\b(?:istringstream|ostringstream|stringstream)\b"),
        ('gboolean', r"\bgboolean\b"),
        ('gint', r"\bgint\b"),
        ('g_', r"\bg_\w+\("),
        ('vector', r"\bvector<"),
        ('_cast', r"\b(?:static|dynamic|reinterpret|const)_cast<"),
        # a member function defined outside its class: void Foo::bar(...) {
        ('::', r"^\s*(?!return |else |new |delete |throw |case )[A-Za-z_][\w<>*&, ]*[ *&]"
         r"(?:\w+::)+~?\w+\("),
        ('const', r"\) const(?: override| noexcept)*\s*[;{]"),
    ), _rx(
        ('namespace', r"^\s*namespace \w+"),
        ('public private protected', r"^\s*(?:public|private|protected):\s*$"),
        ('::', r"::(?<=\w::)\w+\("),
        ('const', r"\bconst char\*"),
        ('auto', r"\bauto \w+ = "),
        ('virtual', r"\bvirtual\b"),
        ('::', r"^\s*::\w+\("),
        ('&', r" &(?<=[\w>] &)\w+ ?[,)=]"),   # a reference parameter
    )),
    "java": (_rx(
        ('public private protected',
         r"^\s*(?:public|private|protected) (?:static |final |abstract "
         r"|synchronized )*(?:<[\w ,?]+> )?(?:class|interface|enum|void"
         r"|[A-Z]\w*(?:<.*>)?(?:\[\])?|int|long|boolean) \w"),
        ('import', r"^\s*import (?:static )?[\w.]+(?:\.\*)?;"),
        ('package', r"^\s*package [\w.]+;"),
        ('System', r"\bSystem\.(?:out|err)\."),
        ('Override Autowired Service Component RestController Controller Test Bean '
         'Configuration Slf4j Data Transactional RequestMapping GetMapping PostMapping '
         'Value Resource Mapper SpringBootApplication',
         r"^\s*@(?:Override|Autowired|Service|Component|RestController|Controller|Test|Bean"
         r"|Configuration|Slf4j|Data|Transactional|RequestMapping|GetMapping|PostMapping|Value"
         r"|Resource|Mapper|SpringBootApplication)\b"),
        ('String', r"\bString(?:\[\])? \w+\s*[=;,)]"),
        ('throws', r"\bthrows [A-Z]\w*"),
        ('new', r"\bnew [A-Z]\w*<[^>]*>\("),
        ('catch', r"\bcatch \([A-Z]\w*(?:\s*\|\s*\w+)* \w+\)"),
        ('logger log LOGGER LOG',
         r"\b(?:logger|log|LOGGER|LOG)\.(?:info|debug|warn|error|trace)\("),
        ('new', r"[A-Z](?<!\w[A-Z])\w*(?:<[\w<>, ?]*>)? [a-z]\w* = new [A-Z]"),
        ('final', r"\bfinal [A-Z]\w* \w"),
        ('throw', r"\bthrow new [A-Z]\w*\("),
        ('synchronized', r"^\s*synchronized \("),
    ), _rx(
        ('public private protected', r"^\s*(?:public|private|protected)[ \t]"),
        ('new', r"\bnew [A-Z]\w*\("),
        ('class', r"\.class\b"),
        ('extends implements', r"\b(?:extends|implements) [A-Z]"),
        ('List Map Set Optional Future', r"\b(?:List|Map|Set|Optional|Future)<"),
        ('boolean Integer Long Object', r"\b(?:boolean|Integer|Long|Object)\b"),
        ('equals', r"\.equals\("),
        ('this', r"\bthis\.\w+\s*="),
        ('@', r"^\s*@[A-Z]\w+"),
        ('for', r"\bfor \((?:final )?[A-Z]\w* \w+ : "),
        ('new', r"\bnew (?:int|long|byte|char|boolean)\["),
        ('Integer Long String Boolean Double Object',
         r"<(?:Integer|Long|String|Boolean|Double|Object)(?:, ?[A-Z]\w*)?>"),
        ('param return since author throws see',
         r"^\s*\*\s+@(?:param|return|since|author|throws|see)\b"),
        ('interface', r"^\s*public @interface\b"),
        ('=', r"^\s*[A-Z]\w*(?:<[^>]*>)? [a-z]\w* = [A-Z]\w*\.\w+\("),
        # a local declared with a class type: Foo foo = ...; (not C's FOO_T)
        ('=',
         r"^\s*(?:final )?[A-Z][a-z]\w*(?:<[\w<>, ?\[\]]*>)?(?:\[\])? [a-z]\w* = [^;\n]+;\s*$"),
        ('class', r"^\s*(?:abstract |static |final )+class \w+"),
        ('final', r"\bfinal (?:boolean|int|long|double|float|byte|char|short) \w"),
    )),
    "typescript": (_rx(
        ('string number boolean any void unknown never',
         r": (?:(?<=\w: )|(?<=\w\?: ))(?:string|number|boolean|any|void|unknown"
         r"|never)(?:\[\])?\s*[;,)=|]"),
        ('interface type enum',
         r"^\s*(?:export )?(?:interface \w+(?:<.*>)? (?:extends [\w, .<>]+ )?\{"
         r"|type \w+(?:<.*>)? =|enum [A-Z]\w* \{)"),
        ('const', r"\bas const\b"),
        ('readonly', r"\bprivate readonly\b"),
        ('Component Injectable Module Input Output Entity Column',
         r"^\s*@(?:Component|Injectable|Module|Input|Output|Entity|Column)\("),
        ('const', r"^\s*(?:export )?const \w+: [A-Z]\w*"),
        ('Get Post Put Delete Patch Body Param Query Public Auth UseGuards ApiProperty '
         'Prop Schema',
         r"^\s*@(?:Get|Post|Put|Delete|Patch|Body|Param|Query|Public|Auth|UseGuards"
         r"|ApiProperty|Prop|Schema)\("),
        ('Promise', r"\): Promise<"),
        ('constructor', r"^\s*(?:private|public|protected|readonly) constructor\b"),
    ), _rx(
        ('>(', r"<\w+>\("),
    )),
}

# the named languages first, then the others (their order is the markers' order)
TABLE: dict[str, tuple[_Table, _Table]] = {**_NAMED, **OTHERS}
