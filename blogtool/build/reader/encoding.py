"""Bytes to text in the site's encoding, and the message for a file that is not text in it
(naming the legacy encoding it most likely uses)."""
from __future__ import annotations

from ...errors import BuildError
from .context import ReadContext


def _gbk_common(code: int) -> bool:       # GB2312 punctuation and level-1 hanzi
    return 0xA1A1 <= code <= 0xA3FE or 0xB0A1 <= code <= 0xD7FE


def _big5_common(code: int) -> bool:      # Big5 punctuation and frequent characters
    return 0xA140 <= code <= 0xA3BF or 0xA440 <= code <= 0xC67E


def _sjis_common(code: int) -> bool:      # punctuation, kana and JIS level-1 kanji
    return 0x8140 <= code <= 0x83FF or 0x889F <= code <= 0x9872


def _euckr_common(code: int) -> bool:     # punctuation and Hangul syllables
    return 0xA1A1 <= code <= 0xA3FE or 0xB0A1 <= code <= 0xC8FE


# EUC-KR first: Korean bytes are also valid GB2312, so a tie goes to Korean; Chinese text
# nearly always has characters outside the Hangul rows.
_ENCODING_GUESSES = (("euc_kr", "EUC-KR", _euckr_common), ("gbk", "GBK", _gbk_common),
                     ("big5", "Big5", _big5_common), ("shift_jis", "Shift_JIS", _sjis_common))


def guess_encoding(raw: bytes) -> str:
    """Name the legacy encoding a non-UTF-8 file most likely uses (for the message).

    Almost any byte string decodes as GB18030, and Big5 or EUC-KR text often decodes as GBK,
    so decoding alone cannot tell them apart: each strict decoding is scored by the share of
    its characters that fall in that encoding's frequent rows (text in the wrong encoding
    lands on rare characters), and the best one above half wins."""
    best, best_score = "Latin-1", 0.5
    for codec, label, common in _ENCODING_GUESSES:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        wide = [ch.encode(codec) for ch in text if ord(ch) > 127]
        if not wide:
            continue
        score = sum(1 for b in wide if len(b) == 2 and common(int.from_bytes(b, "big"))) \
            / len(wide)
        if score > best_score:
            best, best_score = label, score
    return best


def decode(ctx: ReadContext, raw: bytes) -> str | None:
    """Text of a source file in the configured encoding (UTF-8 by default, BOM stripped);
    None when the bytes are not text in that encoding."""
    if b"\x00" in raw[:8192]:
        return None
    encoding = ctx.settings.encoding.lower().replace("bom|", "")
    try:
        text = raw.decode("utf-8-sig" if encoding in ("utf-8", "utf8") else encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return text.lstrip("\ufeff")


def decode_or_report(ctx: ReadContext, raw: bytes, rel: str, *, fatal: bool) -> str | None:
    """The text, or a message saying why there is none: an error when ``fatal``, else a
    warning (and None)."""
    text = decode(ctx, raw)
    if text is not None:
        return text
    if b"\x00" in raw[:8192]:
        message = "is a binary file, not text"
    else:
        bad = _first_bad_line(raw)
        message = (f"is not valid UTF-8 (it looks like {guess_encoding(raw)}); convert it to "
                   f"UTF-8 or set 'encoding:' in _config.yml")
        rel = f"{rel}:{bad}" if bad else rel
    if fatal:
        raise BuildError(rel, None, message)
    ctx.diagnostics.warn(rel, None, message + "; skipped")
    return None


def decode_or_stop(ctx: ReadContext, raw: bytes, rel: str) -> str:
    """The text of a file the build cannot do without (a page, a layout, data)."""
    text = decode_or_report(ctx, raw, rel, fatal=True)
    if text is None:        # fatal=True raises instead; this keeps the type honest
        raise BuildError(rel, None, "is not text")
    return text


def _first_bad_line(raw: bytes) -> int | None:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return raw.count(b"\n", 0, exc.start) + 1
    return None
