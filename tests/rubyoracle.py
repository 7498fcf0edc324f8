"""Real Ruby as the test oracle: one ``ruby`` process answers a whole batch of cases.

A caller gives a Ruby snippet that turns one decoded JSON value ``input`` into a result; every
case goes to the same process as one JSON line and comes back as one JSON line
``{"ok": result}`` or ``{"error": "Class: message"}``. The snippet runs with ``require``s of
the caller's choice (``liquid``, ``kramdown``, ``time``, ``jekyll``...).

    results = run_batch(["time"], "Time.parse(input).utc.iso8601", ["2016/9/20 14:13"])

Ruby must be installed (the test command installs Jekyll, which brings it): a missing
``ruby`` fails the test that needs it, never skips it.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from typing import Any

_DRIVER = r"""
require "json"
%(requires)s
def __oracle_case(input)
%(body)s
end
STDOUT.sync = true
STDIN.each_line do |line|
  input = JSON.parse(line)["in"]
  begin
    value = __oracle_case(input)
    out = JSON.generate({"ok" => value})
  rescue Exception => e
    out = JSON.generate({"error" => "#{e.class}: #{e.message}"})
  end
  puts out
end
"""


class RubyError(Exception):
    """The snippet raised in Ruby for one case; ``str()`` is ``Class: message``."""


def ruby_executable() -> str:
    exe = shutil.which("ruby")
    if exe is None:
        raise RuntimeError("ruby is not installed: run ./scripts/test, which installs Jekyll")
    return exe


def run_batch(requires: Sequence[str], body: str, inputs: Iterable[Any],
              timeout: float = 600.0) -> list[Any]:
    """Run ``body`` (Ruby, with ``input`` bound) once per input in one process.

    Returns one entry per input: the JSON-decoded result, or a :class:`RubyError` instance
    for a case that raised (returned, not raised, so a batch always completes)."""
    items = list(inputs)
    script = _DRIVER % {
        "requires": "\n".join(f'require "{r}"' for r in requires),
        "body": body,
    }
    stdin = "".join(json.dumps({"in": item}, ensure_ascii=False) + "\n" for item in items)
    proc = subprocess.run([ruby_executable(), "-e", script], input=stdin, capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout)
    # one answer a line; str.splitlines would also split at U+2028, U+0085, \f... that
    # Ruby's JSON leaves raw inside strings
    lines = proc.stdout.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if proc.returncode != 0 or len(lines) != len(items):
        raise RuntimeError(f"ruby oracle failed (exit {proc.returncode}, {len(lines)} of "
                           f"{len(items)} answers): {proc.stderr[-2000:]}")
    results: list[Any] = []
    for line in lines:
        answer = json.loads(line)
        results.append(RubyError(answer["error"]) if "error" in answer else answer["ok"])
    return results
