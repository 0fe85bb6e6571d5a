"""A YAML loader for files that contributors write: plain data, nothing clever.

PyYAML's safe loader is safe from code execution, not from surprises:

* aliases (``*a``) copy a node anchored elsewhere (``&a``); nine levels of ten aliases
  each (the "billion laughs") build 10^9 strings from a file of 1 KB. An alias, or an
  anchor, is refused here when the parser meets it, before any object is built.
* explicit tags (``!!str 72``, ``!!python/object``, ``!foo``) change what a value is
  behind the reader's back: refused.
* plain ``2017-02-30`` is resolved as a timestamp, and an impossible date raises a
  ValueError from deep inside PyYAML (a traceback, no file, no line). Here dates stay
  the strings they are written as; a schema says which strings are dates.
* a key written twice silently keeps the last value: refused, naming both lines.
* ``<<`` (merge) and ``=`` (value) keys have meanings no contributor expects: they
  are ordinary strings here.

Booleans, integers, floats and null are resolved as the safe loader does.

The loader also records the line of every node, so that an error found later at a
path of the data (``("instruments", 1, "date")``) can name its line::

    >>> data, lines = load("a: 1\\nb:\\n  - x\\n  - 2017-02-30\\n")
    >>> data
    {'a': 1, 'b': ['x', '2017-02-30']}
    >>> lines[("b", 1)]
    4
    >>> try:
    ...     load("a: &x 1\\nb: *x\\n")
    ... except YAMLProblem as problem:
    ...     print(problem.line, problem.message)
    1 anchor &x: anchors and aliases are not allowed: write each value out in full

libyaml's parser is used where PyYAML has it; the composition of events into nodes,
where the checks are, is PyYAML's, in Python. Measured: a page's front matter loads in
0.27 ms (libyaml's own loader: 0.20 ms; PyYAML's pure-Python one: 0.9 ms), a metadata
file of three instruments in 0.38 ms (0.27 ms; 2.3 ms).
"""
import re

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.resolver import Resolver

# libyaml's safe loader where PyYAML has it (its parser; see the module docstring).
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Implicit resolutions that plain data does not want (see the module docstring).
_UNRESOLVED = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"}
# Characters YAML refuses in a stream (YAML 1.1, 5.1: c-printable), found here first so
# that the message names the character and the line the same way with either parser.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Line breaks as YAML counts them, so that lines found in the text agree with marks.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# Deeper than any data file needs; stops a file of 100,000 "[" before Python's recursion does.
MAX_DEPTH = 50


class YAMLProblem(ValueError):
    """What is wrong with a YAML text, and the 1-based line where (None: the whole text).
    Callers add the file: SourceError in the normalizer, BuildProblem in the build stages."""

    def __init__(self, line, message):
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}" if line else message)


class _StrictComposer(Composer):
    """PyYAML's composer, refusing aliases, anchors, tags, duplicate keys, complex
    keys and deep nesting as it meets them."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise _problem(event.start_mark, f"alias *{event.anchor}: aliases are not allowed: "
                           "write the value out in full")
        if event.anchor is not None:
            raise _problem(event.start_mark, f"anchor &{event.anchor}: anchors and aliases are not allowed: "
                           "write each value out in full")
        if getattr(event, "tag", None) is not None:
            raise _problem(event.start_mark, f"tag {_as_written(event.tag)}: tags are not allowed: remove it "
                           '(text that would read as a number or true/false is written in quotes: "72")')
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _problem(event.start_mark, f"nested more than {MAX_DEPTH} levels deep: write flatter data")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def compose_mapping_node(self, anchor):
        node = super().compose_mapping_node(anchor)
        seen = {}
        for key, _ in node.value:
            if not isinstance(key, ScalarNode):
                raise _problem(key.start_mark, "a key must be a plain word or text, not a list or mapping")
            if (key.tag, key.value) in seen:
                raise _problem(key.start_mark, f"key {key.value!r} is written twice (first on line "
                               f"{seen[key.tag, key.value]}): keep one")
            seen[key.tag, key.value] = key.start_mark.line + 1
        return node


class StrictLoader(_StrictComposer, _BASE):
    """The safe loader (libyaml's where available) with the checks of _StrictComposer
    and without the implicit resolutions of _UNRESOLVED. Use load()."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in _UNRESOLVED]
        for first, resolvers in Resolver.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream):
        _BASE.__init__(self, stream)
        Composer.__init__(self)     # libyaml's loader does not call it: its own composer is in C
        self._depth = 0


def load(text):
    """(data, {path tuple: 1-based line}) of one YAML document, or raise YAMLProblem
    (with the line; the caller names the file). An empty document is None, no lines."""
    _check_printable(text)
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise YAMLProblem(mark.line + 1 if mark else None, f"malformed YAML: {_one_line(error)}") from error
    except yaml.YAMLError as error:
        raise YAMLProblem(None, f"malformed YAML: {_one_line(error)}") from error
    finally:
        loader.dispose()
    lines = {}
    if node is not None:
        lines[()] = node.start_mark.line + 1
        _record_lines(node, data, (), lines)
    return data, lines


def line_of(lines, path):
    """The line recorded for ``path``, else for its nearest ancestor that has one."""
    path = tuple(path)
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path)


def _record_lines(node, data, path, lines):
    """Fill ``lines`` for the children of ``node`` (constructed as ``data``): a mapping
    entry gets its key's line, a list item its own. Keys are the constructed ones
    (duplicates were refused, so nodes and keys correspond one to one, in order)."""
    if isinstance(node, MappingNode) and isinstance(data, dict):
        if len(data) != len(node.value):    # two keys that differ as written only (yes, true)
            raise _problem(node.start_mark, "a key of this mapping is written twice: keep one")
        for (key_node, value_node), key in zip(node.value, data):
            lines[path + (key,)] = key_node.start_mark.line + 1
            _record_lines(value_node, data[key], path + (key,), lines)
    elif isinstance(node, SequenceNode) and isinstance(data, list):
        for index, (child, item) in enumerate(zip(node.value, data)):
            lines[path + (index,)] = child.start_mark.line + 1
            _record_lines(child, item, path + (index,), lines)


def _check_printable(text):
    match = _NOT_PRINTABLE.search(text)
    if match:
        line = len(_BREAK.findall(text, 0, match.start())) + 1
        raise YAMLProblem(line, f"control character U+{ord(match.group()):04X} is not allowed "
                          "in a YAML file: remove it")


def _problem(mark, message):
    return YAMLProblem(mark.line + 1, message)


def _as_written(tag):
    """``tag:yaml.org,2002:str`` as the file wrote it, ``!!str``."""
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


def _one_line(error):
    """A YAML error on one line: its context and problem ("while parsing a flow sequence:
    did not find expected ',' or ']'"); a ReaderError has only a reason."""
    problem = getattr(error, "problem", None) or getattr(error, "reason", None) or str(error)
    context = getattr(error, "context", None)
    return " ".join(f"{context}: {problem}".split() if context else str(problem).split())
