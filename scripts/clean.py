"""Stage 1, clean: remove conversion debris line by line, keeping line numbers.

Cleaning steps are a named registry (as in eyecite's cleaners): each takes one line
and returns it cleaned. Whole-file steps (the page footer) run first. Nothing here
decides structure; it only removes what the converters added and normalizes the
footnote references to one form, ``[^N]``.
"""
from . import patterns as P


def _footnote_ref(match):
    return f"[^{match.group(1).translate(P.ARABIC_INDIC)}]"


def _unicode_sup(match):
    return f"[^{match.group().translate(P.SUPERSCRIPT_DIGITS)}]"


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
    return P.BOLD.sub(r"*\1*", line)


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
