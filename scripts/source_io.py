"""Read a source text and its metadata file, and refuse anything malformed.

A source is kept exactly as received; this module only decodes it. Everything that
could make the normalizer write a half-right page is an error here, naming the file
and the line.
"""
import datetime
import re
from pathlib import Path

import yaml

from .errors import SourceError

LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
LAYOUTS = ("resolution", "agreement", "note", "decision", "agenda")
PARAGRAPH_MODES = ("lines", "blank-lines")
BODIES = ("un-ga", "itu-council", "itu-pp", "untoc-cop", "interpol-ga", "interpol-itu")

# Fields every instrument entry must carry (null where the source does not give them).
INSTRUMENT_FIELDS = (
    "id", "layout", "starts_at", "symbol", "body", "type", "date", "session",
    "agenda_item", "distribution", "original_language", "title",
)
OPTIONAL_FIELDS = ("title_line", "number", "label")
# A slug: lower-case letters, digits and hyphens, e.g. a-res-71-19.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Characters no text as received should hold: C0 controls other than tab and newline.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Stray bidi controls of converted documents: embeddings and overrides (U+202A-U+202E)
# and isolates (U+2066-U+2069). Removed on reading: the page gives each text its own
# dir, and an override left in would show the words reversed. (LRM/RLM stay.)
BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def read_source(path):
    """Return the lines of a source text (no line ends), or raise SourceError."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(path, f"cannot read the file ({exc.strerror})") from exc
    if not raw.strip():
        raise SourceError(path, "the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(path, f"invalid UTF-8 at byte {exc.start}: save the file as UTF-8", line) from exc
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = BIDI_CONTROL.sub("", text)
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        match = CONTROL.search(line)
        if match:
            raise SourceError(
                path, f"control character U+{ord(match.group()):04X} in the text: remove it", number
            )
    return lines


def load_metadata(path):
    """Load and validate a metadata file; return its dict."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise SourceError(path, "metadata file missing: write one beside the source text") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(path, "invalid UTF-8 in the metadata file: save it as UTF-8", line) from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SourceError(path, f"malformed YAML: {_yaml_problem(exc)}", _yaml_line(exc, text)) from exc
    if not isinstance(data, dict):
        raise SourceError(path, "the metadata must be a mapping (key: value lines)")
    _validate(path, text, data)
    return data


def load_corrections(path):
    """The declared corrections beside a source, [] when it has none:
    [{"line": n, "received": str, "corrected": str, "reason": str, "entry_line": n}]."""
    path = Path(path)
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise SourceError(path, f"malformed YAML: {getattr(exc, 'problem', exc)}", mark.line + 1 if mark else None) from exc
    entries = data.get("corrections") if isinstance(data, dict) else None
    _require(isinstance(entries, list), path, text, "corrections", "expected a list under 'corrections:'")
    result = []
    for entry in entries:
        _require(isinstance(entry, dict), path, text, "corrections", "each correction must be a mapping")
        where = _line_of(text, "received")
        for key in ("lines", "received", "corrected", "reason"):
            _require(entry.get(key), path, text, key, f"correction without '{key}' (write the source lines, "
                     "the words as received, the correction and the reason)")
        _require(entry["received"] != entry["corrected"], path, text, "corrected", "the correction equals the text as received")
        lines = entry["lines"] if isinstance(entry["lines"], list) else [entry["lines"]]
        _require(all(isinstance(n, int) and n > 0 for n in lines), path, text, "lines", "'lines' must be source line numbers")
        for number in lines:
            result.append({"line": number, "received": str(entry["received"]), "corrected": str(entry["corrected"]),
                           "reason": " ".join(str(entry["reason"]).split()), "entry_line": where})
    return result


def metadata_files(sources_dir):
    """The metadata files of a sources folder (``<name>.yml``, not ``*.corrections.yml``)."""
    return sorted(p for p in Path(sources_dir).glob("*.yml") if not p.name.endswith(".corrections.yml"))


def corrections_path(source):
    """Where the corrections of a source are declared: <name>.corrections.yml beside it."""
    return Path(source).with_suffix(".corrections.yml")


def _yaml_problem(exc):
    """A YAML error's problem on one line (a ReaderError has no 'problem' and a
    multi-line message)."""
    problem = getattr(exc, "problem", None) or getattr(exc, "reason", None) or str(exc)
    return " ".join(str(problem).split())


def _yaml_line(exc, text):
    """The 1-based line of a YAML error, from its mark or (a ReaderError) its position."""
    mark = getattr(exc, "problem_mark", None)
    if mark is not None:
        return mark.line + 1
    if isinstance(exc, yaml.reader.ReaderError):
        return text[: exc.position].count("\n") + 1
    return None


def _line_of(text, key):
    """The 1-based line where ``key:`` first appears in the YAML text, for messages."""
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"\s*-?\s*{re.escape(key)}\s*:", line):
            return number
    return None


def _require(condition, path, text, key, message):
    if not condition:
        raise SourceError(path, message, _line_of(text, key))


def _validate(path, text, data):
    for key in ("source", "language", "paragraphs", "instruments"):
        _require(key in data, path, text, key, f"missing field '{key}'")
    _require(data["language"] in LANGUAGES, path, text, "language",
             f"unknown language code {data['language']!r}: use one of {', '.join(LANGUAGES)}")
    _require(data["paragraphs"] in PARAGRAPH_MODES, path, text, "paragraphs",
             f"'paragraphs' must be one of {', '.join(PARAGRAPH_MODES)}")
    instruments = data["instruments"]
    _require(isinstance(instruments, list) and instruments, path, text, "instruments",
             "'instruments' must be a non-empty list")
    seen = set()
    for entry in instruments:
        _require(isinstance(entry, dict), path, text, "instruments", "each instrument must be a mapping")
        for key in INSTRUMENT_FIELDS:
            _require(key in entry, path, text, "instruments",
                     f"instrument {entry.get('id', '?')!r}: missing field '{key}' (write null if unknown)")
        unknown = set(entry) - set(INSTRUMENT_FIELDS) - set(OPTIONAL_FIELDS)
        _require(not unknown, path, text, sorted(unknown)[0] if unknown else "id",
                 f"unknown field(s) {', '.join(sorted(unknown))}")
        ident = entry["id"]
        _require(isinstance(ident, str) and SLUG.match(ident), path, text, "id",
                 f"id {ident!r} is not a slug (lower-case letters, digits, hyphens)")
        _require(ident not in seen, path, text, "id", f"duplicate instrument id {ident!r}")
        seen.add(ident)
        _require(entry["layout"] in LAYOUTS, path, text, "layout",
                 f"unknown layout {entry['layout']!r}: use one of {', '.join(LAYOUTS)}")
        _require(entry["body"] in BODIES, path, text, "body",
                 f"unknown body {entry['body']!r}: use one of {', '.join(BODIES)}")
        _require(entry["date"] is None or isinstance(entry["date"], datetime.date), path, text, "date",
                 "date must be YYYY-MM-DD or null")
        for key in ("original_language",):
            _require(entry[key] is None or entry[key] in LANGUAGES, path, text, key,
                     f"unknown language code {entry[key]!r}")
        for field in ("title", "label"):
            value = entry.get(field) or {}
            _require(isinstance(value, dict) and all(k in LANGUAGES for k in value), path, text, field,
                     f"'{field}' must map language codes ({', '.join(LANGUAGES)}) to text")
