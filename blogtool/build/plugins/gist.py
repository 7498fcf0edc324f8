"""jekyll-gist (1.5): ``{% gist ID [FILE] %}`` becomes the gist's ``<script>`` tag. The
plugin's ``<noscript>`` copy of the code needs the network; blogtool never fetches it, which
is what the plugin writes when the fetch fails (it warns; so does blogtool unless
``gist: {noscript: false}``)."""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_ARGUMENTS = re.compile(r"\A(\S+|.*(?=/).+)\s?(\S*)\Z", re.S)


def arguments(markup: str) -> tuple[str, str] | None:
    m = _ARGUMENTS.match(markup.strip())
    return (m.group(1).strip(), m.group(2).strip()) if m else None


def script_tag(gist_id: str, filename: str = "") -> str:
    url = f"https://gist.github.com/{gist_id}.js"
    if filename:
        url += f"?file={filename}"
    return f'<script src="{url}"> </script>'


def wants_noscript(config: Mapping[str, Any] | None) -> bool:
    settings = config.get("gist") if isinstance(config, Mapping) else None
    return not (isinstance(settings, Mapping) and settings.get("noscript") is False)


SYNTAX_HELP = ("Syntax error in tag 'gist': valid forms are {% gist user/1234567 %}, "
               "{% gist user/1234567 foo.js %}, {% gist 28949e1d5ee2273f9fd3 %}")
