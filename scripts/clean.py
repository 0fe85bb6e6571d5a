"""Stage 1, clean: remove conversion debris line by line, keeping line numbers.

Cleaning steps are a named registry (as in eyecite's cleaners): each takes one line
and returns it cleaned. Whole-file steps (the page footer) run first. Nothing here
decides structure; it only removes what the converters added and normalizes the
footnote references to one form, ``[^N]``.
"""
import unicodedata

from . import patterns as P
from .errors import SourceError


def _footnote_ref(match):
    return f"[^{match.group(1).translate(P.ARABIC_INDIC)}]"


def _unicode_sup(match):
    return f"[^{match.group().translate(P.SUPERSCRIPT_DIGITS)}]"


def as_letters(text):
    """Compatibility characters read as the letters they are: "ﺔﻠﻤﺟ" -> "جملة", "⽤" -> "用".

    >>> as_letters("ﺟﻤﻠﺔ ⽤，")
    'جملة 用，'
    """
    return P.COMPATIBILITY_FORMS.sub(lambda match: unicodedata.normalize("NFKC", match.group()), text)


def strip_bookmarks(line):
    return P.BOOKMARK.sub("", line)


def strip_symbol_font(line):
    return P.SYMBOL_FONT.sub("", line)


def strip_trailing_space(line):
    return line.rstrip()


def unescape_backslashes(line):
    return P.BACKSLASH_ESCAPE.sub(r"\1", line)


def strip_dotted_placeholders(line):
    return P.DOTTED_PLACEHOLDER.sub("", line)


def unlink_empty_targets(line):
    return P.EMPTY_LINK.sub(r"\1", line)


def bold_to_emphasis(line):
    return P.BOLD.sub(rf"{P.EMPHASIS_OPEN}\1{P.EMPHASIS_CLOSE}", line)


def italic_to_emphasis(line):
    return P.ITALIC.sub(rf"{P.EMPHASIS_OPEN}\1{P.EMPHASIS_CLOSE}", line)


def normalize_footnote_refs(line):
    """``<sup>1</sup>`` and ``<sup>(١)</sup>`` become ``[^1]``; so do inline ``¹``.

    A superscript at the start of a line is a footnote's own number and stays.
    """
    line = P.SUP_MARKER.sub(_footnote_ref, line)
    head = len(line) - len(line.lstrip(" \t¹²³⁴⁵⁶⁷⁸⁹⁰"))
    return line[:head] + P.UNICODE_SUP.sub(_unicode_sup, line[head:])


# The registry, in the order the steps run.
LINE_STEPS = {
    "bookmarks": strip_bookmarks,
    "symbol-font": strip_symbol_font,
    "trailing-space": strip_trailing_space,
    "backslash-escapes": unescape_backslashes,
    "dotted-placeholders": strip_dotted_placeholders,
    "empty-link-targets": unlink_empty_targets,
    "bold": bold_to_emphasis,
    "italic": italic_to_emphasis,
    "footnote-refs": normalize_footnote_refs,
}


def footer_start(lines):
    """Index of a trailing page footer (a rule then only web addresses), or len(lines)."""
    for index, line in enumerate(lines):
        if P.FOOTER_RULE.match(line):
            rest = [rest for rest in lines[index + 1:] if rest.strip()]
            if all(P.FOOTER_URL.match(rest) for rest in rest):
                return index
    return len(lines)


def changed_span(received, corrected):
    """Common words at both ends kept: ('بين الأمم المتحدة ', 'والإنترنت', 'والإنتربول', '')."""
    old, new = received.split(" "), corrected.split(" ")
    head = 0
    while head < min(len(old), len(new)) - 1 and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head - 1 and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    prefix = " ".join(old[:head]) + (" " if head else "")
    suffix = (" " if tail else "") + " ".join(old[len(old) - tail:])
    return prefix, " ".join(old[head:len(old) - tail]), " ".join(new[head:len(new) - tail]), suffix


def correction_token(received, corrected, reason):
    prefix, old, new, suffix = changed_span(received, corrected)
    return f"{prefix}\ue000{old}\ue002{new}\ue002{reason}\ue001{suffix}"


def apply_corrections(cleaned, corrections, where):
    """Replace each declared correction on its line by a correction token."""
    lines = dict(cleaned)
    for fix in corrections:
        text = lines.get(fix["line"])
        if text is None or fix["received"] not in text:
            raise SourceError(where, f"correction for source line {fix['line']}: {fix['received']!r} "
                              "does not occur on that line (copy the words exactly as received)", fix["entry_line"])
        lines[fix["line"]] = text.replace(fix["received"], correction_token(fix["received"], fix["corrected"], fix["reason"]))
    return [(number, lines[number]) for number, _ in cleaned]


def clean_lines(lines):
    """Return [(line_number, cleaned_text)] for a source's lines, footer blanked."""
    end = footer_start(lines)
    cleaned = []
    for number, line in enumerate(lines, 1):
        if number > end:
            line = ""
        for step in LINE_STEPS.values():
            line = step(line)
        cleaned.append((number, line))
    return cleaned
