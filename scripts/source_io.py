"""Read a source text and its metadata file, and refuse anything malformed.

A source is kept exactly as received; this module only decodes it. Everything that
could make the normalizer write a half-right page is an error here, naming the file
and the line.

Nothing in a contributor's metadata or corrections file is trusted: each is read with
the strict YAML loader (accord/strict_yaml.py: no aliases, tags or timestamps) and
checked against its JSON Schema (schemas/*.schema.json, with jsonschema), every problem
reported at once, each as ``file:line: what is wrong: what to write``.
"""
import json
import re
import unicodedata
from pathlib import Path

import jsonschema

from accord import strict_yaml
from accord.library import BODIES, LANGUAGES, LAYOUTS, PARAGRAPH_MODES

from .errors import SourceError
from .patterns import TOKEN_CHARACTERS

# The tables the schemas name (x-table), from accord/library.yml.
TABLES = {"LANGUAGES": LANGUAGES, "LAYOUTS": LAYOUTS, "PARAGRAPH_MODES": PARAGRAPH_MODES, "BODIES": BODIES}
SCHEMAS = Path(__file__).resolve().parent / "schemas"

# Characters no text as received should hold: C0 controls other than tab and newline.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Stray bidi controls of converted documents: embeddings and overrides (U+202A-U+202E)
# and isolates (U+2066-U+2069). Removed on reading: the page gives each text its own
# dir, and an override left in would show the words reversed. (LRM/RLM stay.)
BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")

# In metadata, every string is one line of visible text. Invisible characters there are
# never needed and can make a value read otherwise than it is (a right-to-left override
# shows "A/RES/71/19" as something else): the marks and bidi controls LRM, RLM, ALM,
# embeddings, overrides and isolates, and the zero-width space, joiners, word joiner
# and BOM.
BIDI_CHARACTERS = "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"
ZERO_WIDTH = "\u200b-\u200d\u2060\ufeff"
LINE_BREAKS = "\n\r\x85\u2028\u2029"
# format plain-text: no C0 or C1 control (tab and line breaks included), no line or
# paragraph separator, nothing invisible.
NOT_PLAIN = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{BIDI_CHARACTERS}{ZERO_WIDTH}]")
# format prose (a reason): the same, but a YAML block may break lines (read as spaces).
NOT_PROSE = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029{BIDI_CHARACTERS}{ZERO_WIDTH}]")


class SourceProblems(SourceError):
    """Every problem found in one file (or across files): ``problems`` is a list of
    (path, line, message), sorted by line. ``path``, ``line`` and ``message`` are those
    of the first, as for one SourceError; str() gives one ``file:line: message`` line
    per problem, so that a contributor fixes them all in one go."""

    def __init__(self, problems):
        self.problems = sorted(problems, key=lambda problem: (str(problem[0]), problem[1] or 0))
        path, line, message = self.problems[0]
        super().__init__(path, message, line)

    def __str__(self):
        return "\n".join(str(SourceError(path, message, line)) for path, line, message in self.problems)


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
        match = TOKEN_CHARACTERS.search(line)
        if match:
            raise SourceError(path, f"private-use character U+{ord(match.group()):04X} in the text: Accord "
                              "reserves U+E000-U+E00F for its own marks (corrections, emphasis): remove it", number)
    return lines


def load_metadata(path):
    """Load and validate a metadata file; return its dict."""
    return load_metadata_lines(path)[0]


def load_metadata_lines(path):
    """(the validated metadata, {path tuple: line}) of a metadata file: the lines let
    later checks (scripts/identity.py) name the line of a value."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise SourceError(path, "metadata file missing: write one beside the source text") from exc
    data, lines = _read_yaml(path, raw, "metadata file")
    if not isinstance(data, dict):
        raise SourceError(path, "the metadata must be a mapping (key: value lines)")
    problems = _schema_problems(METADATA, data, lines)
    problems += _duplicate_ids(data, lines)
    if not any(where == ("source",) for where, _, _ in problems):
        problems += _source_outside(path, data, lines)
    _raise(path, problems)
    return data, lines


def load_corrections(path):
    """The declared corrections beside a source, [] when it has none:
    [{"line": n, "received": str, "corrected": str, "reason": str, "entry_line": n}]."""
    path = Path(path)
    if not path.exists():
        return []
    data, lines = _read_yaml(path, path.read_bytes(), "corrections file")
    if not isinstance(data, dict):
        raise SourceError(path, "a corrections file is a mapping: 'corrections:' and a list of "
                          "corrections under it (see CONTRIBUTING.md)")
    _raise(path, _schema_problems(CORRECTIONS, data, lines) + _unchanged(data, lines))
    result = []
    for index, entry in enumerate(data["corrections"]):
        numbers = entry["lines"] if isinstance(entry["lines"], list) else [entry["lines"]]
        for number in numbers:
            result.append({"line": number, "received": entry["received"], "corrected": entry["corrected"],
                           "reason": " ".join(entry["reason"].split()),
                           "entry_line": lines[("corrections", index, "received")]})
    return result


def metadata_files(sources_dir):
    """The metadata files of a sources folder (``<name>.yml``, not ``*.corrections.yml``)."""
    return sorted(p for p in Path(sources_dir).glob("*.yml") if not p.name.endswith(".corrections.yml"))


def corrections_path(source):
    """Where the corrections of a source are declared: <name>.corrections.yml beside it."""
    return Path(source).with_suffix(".corrections.yml")


# --- Reading -------------------------------------------------------------------------


def _read_yaml(path, raw, what):
    """(data, lines) of a contributor's YAML file, or SourceError naming the line."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(path, f"invalid UTF-8 in the {what}: save it as UTF-8", line) from exc
    try:
        return strict_yaml.load(text)
    except strict_yaml.YAMLProblem as problem:
        raise SourceError(path, problem.message, problem.line) from problem


def _raise(path, problems):
    """Raise one SourceProblems for the problems [(data path, line, message)], if any."""
    if problems:
        raise SourceProblems([(path, line, message) for _, line, message in problems])


def _duplicate_ids(data, lines):
    """The same id twice in one file (the schema cannot say it): one problem per repeat."""
    problems, seen = [], {}
    instruments = data.get("instruments")
    for index, entry in enumerate(instruments if isinstance(instruments, list) else []):
        ident = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(ident, str):
            continue
        where = ("instruments", index, "id")
        if ident in seen:
            problems.append((where, lines.get(where), f"{_where(where)}: duplicate instrument id {ident!r} (also "
                             f"instruments[{seen[ident]}], line {lines.get(('instruments', seen[ident], 'id'))}): "
                             "give each instrument its own id"))
        seen.setdefault(ident, index)
    return problems


def _unchanged(data, lines):
    """A correction that changes nothing (the schema cannot compare two fields)."""
    entries = data.get("corrections")
    problems = []
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        if isinstance(entry, dict) and entry.get("received") and entry.get("received") == entry.get("corrected"):
            where = ("corrections", index, "corrected")
            problems.append((where, lines.get(where), f"{_where(where)}: the correction equals the text as received"))
    return problems


def _source_outside(path, data, lines):
    """``source:`` names a file of the metadata file's own folder (the schema allows no
    folder in the name); here, at run time, a symbolic link that leads out of the folder,
    or to something other than a regular file, is refused. A missing file is left to
    read_source, which says so."""
    name, folder = data.get("source"), path.parent
    if not isinstance(name, str):
        return []
    target = folder / name
    if not (target.exists() or target.is_symlink()):
        return []
    resolved = target.resolve()
    if resolved.parent == folder.resolve() and resolved.is_file():
        return []
    what = "a link to a file outside this folder" if resolved.parent != folder.resolve() else "not a regular file"
    return [(("source",), lines.get(("source",)), f"source: {name} is {what} ({resolved}): "
             "put the text itself beside this metadata file")]


# --- The schemas ---------------------------------------------------------------------


def _integer(checker, value):
    """A line number is written 70, not 70.0 (nor true): JSON Schema's integer takes 70.0."""
    return isinstance(value, int) and not isinstance(value, bool)


Validator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine("integer", _integer))
FORMATS = jsonschema.FormatChecker(formats=["date"])
FORMATS.checks("plain-text")(lambda value: not isinstance(value, str) or not NOT_PLAIN.search(value))
FORMATS.checks("prose")(lambda value: not isinstance(value, str) or not NOT_PROSE.search(value))


def load_schema(name):
    """A schema of schemas/, its enums filled from TABLES (x-table), checked."""
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    _fill_tables(schema)
    Validator.check_schema(schema)
    return schema


def _fill_tables(node):
    if isinstance(node, dict):
        if "x-table" in node:
            node["enum"] = node.get("enum", []) + list(TABLES[node["x-table"]])
        for value in node.values():
            _fill_tables(value)
    elif isinstance(node, list):
        for value in node:
            _fill_tables(value)


METADATA = Validator(load_schema("metadata"), format_checker=FORMATS)
CORRECTIONS = Validator(load_schema("corrections"), format_checker=FORMATS)

# Of the errors jsonschema gives for one value, the one that says most: a list where
# text is expected need not also be "too long".
RANK = {"type": 0, "enum": 1, "pattern": 2, "format": 3, "minLength": 4, "maxLength": 4,
        "minimum": 4, "minItems": 4, "maxItems": 4}


def _schema_problems(validator, data, lines):
    """[(data path, line, message)]: one per value at fault, one per missing or unknown
    field, in the order of the file."""
    best = {}
    for error in validator.iter_errors(data):
        for key, rank, where, message in _messages(error, validator.schema):
            if key not in best or rank < best[key][0]:
                best[key] = (rank, where, message)
    problems = [(where, _line(lines, where), message) for _, where, message in best.values()]
    return sorted(problems, key=lambda problem: problem[1] or 0)


def _line(lines, where):
    """The line of a problem; none for a field missing from the whole file."""
    return strict_yaml.line_of(lines, where) if where else None


def _messages(error, schema):
    """[(dedup key, rank, data path, message)] for one jsonschema error."""
    path = tuple(error.absolute_path)
    if error.validator == "required":
        return [((path, "required", key), 0, path, _prefix(path, f"missing field '{key}': add '{key}:' with "
                 f"{_field(schema, path + (key,)).get('description', 'a value')}"))
                for key in error.validator_value if key not in error.instance]
    if error.validator == "additionalProperties":
        allowed = ", ".join(_field(schema, path).get("properties", {}))
        return [((path + (key,), "extra"), 0, path + (key,), _prefix(path, f"unknown field '{key}': remove it, "
                 f"or correct its name (the fields are {allowed})"))
                for key in sorted(set(error.instance) - set(_field(schema, path).get("properties", {})), key=str)]
    if "propertyNames" in error.relative_schema_path:
        path += (error.instance,)
    rank = RANK.get(error.validator, 9)
    message = _value_message(error, _field(schema, path))
    if error.validator == "enum" and len(path) == 1:
        return [(path, rank, path, message)]      # "unknown language code 'de'" names its field
    return [(path, rank, path, _prefix(path, message))]


def _value_message(error, field):
    """What is wrong with one value, and what to write instead."""
    value, limit, check = error.instance, error.validator_value, error.validator
    write = field.get("description", "a value")
    if check == "type":
        return _type_message(value, limit, write)
    if check == "enum":
        options = ", ".join(str(option) for option in limit if option is not None)
        return f"unknown {error.schema.get('title', 'value')} {_scalar(value)}: use one of {options}" + (
            " or null" if None in limit else "")
    if check == "format" and limit == "date":
        return f"{_scalar(value).strip(chr(39))} is not a date that exists: write {write}"
    if check == "format":
        return _character_message(value, NOT_PROSE if limit == "prose" else NOT_PLAIN)
    if check in ("pattern", "minimum"):
        return f"{_scalar(value)} is not {field.get('title', 'valid')}: write {write}"
    if check in ("minLength", "minItems"):
        return f"empty: write {write}"
    if check == "maxLength":
        return f"{len(value)} characters, more than the {limit} allowed: shorten it"
    if check == "maxItems":
        return f"{len(value)} entries, more than the {limit} allowed: split the file"
    return error.message


TYPE_NAMES = {"string": "text", "integer": "a whole number", "number": "a number", "array": "a list",
              "object": "a mapping", "boolean": "true or false", "null": "null"}


def _type_message(value, expected, write):
    """``72 is a number, not text: write it in quotes, "72"``."""
    expected = [expected] if isinstance(expected, str) else expected
    wanted = " or ".join(TYPE_NAMES[name] for name in expected if name != "null") or "null"
    if "string" in expected and isinstance(value, (bool, int, float)):
        return f'{_scalar(value)} is {_kind(value)}, not {wanted}: write it in quotes, "{_scalar(value)}"'
    if isinstance(value, (list, dict)):
        return f"{_kind(value)}, not {wanted}: write {write}"
    return f"{_scalar(value)} is {_kind(value)}, not {wanted}: write {write}"


def _kind(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a yes/no value"
    return {int: "a number", float: "a number", str: "text", list: "a list", dict: "a mapping"}[type(value)]


def _scalar(value, limit=80):
    """A value as YAML writes it (null, true, 72, 'text'), cut short if it is long."""
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    shown = repr(value) if isinstance(value, str) else str(value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _character_message(value, pattern):
    """Name the first character that a plain-text (or prose) value may not hold."""
    match = pattern.search(value)
    char, where = match.group(), f"at character {match.start() + 1}"
    code = f"U+{ord(char):04X}"
    if char in LINE_BREAKS:
        return f"a line break ({code}) {where}: write the text on one line (a long text may be folded with >-)"
    if char == "\t":
        return f"a tab {where}: write a space"
    name = unicodedata.name(char, "")
    if re.match(f"[{BIDI_CHARACTERS}]", char):
        return (f"an invisible bidirectional-text control ({code} {name}) {where}: remove it "
                "(it changes how the text reads; the page gives each text its direction)")
    if re.match(f"[{ZERO_WIDTH}]", char):
        return f"an invisible zero-width character ({code} {name}) {where}: remove it"
    return f"a control character ({code}) {where}: remove it"


def _field(schema, path):
    """The schema of the value at ``path`` (local $refs followed; what the referring
    schema says beside its $ref, a description, wins)."""
    node = _resolve(schema, schema)
    for part in path:
        if isinstance(part, int):
            node = node.get("items", {})
        else:
            extra = node.get("additionalProperties")
            node = node.get("properties", {}).get(part, extra if isinstance(extra, dict) else {})
        node = _resolve(schema, node)
    return node


def _resolve(schema, node):
    while "$ref" in node:
        target = schema
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = {**target, **{key: value for key, value in node.items() if key != "$ref"}}
    return node


def _where(path):
    """A data path as a contributor reads it: instruments[0].title.en."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _prefix(path, message):
    return f"{_where(path)}: {message}" if path else message
