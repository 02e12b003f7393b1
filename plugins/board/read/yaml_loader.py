"""The one YAML loader, shared by the validator and the Pelican reader.

It is stricter than ``yaml.safe_load``: only plain data (no tags), YAML 1.2 booleans (``no``
stays a string), dates kept as strings, duplicate keys rejected, and the position of every
value recorded so errors can point at a line and column.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from board.core.errors import BoardError
from board.core.problems import dotted
from board.read.files import UnsafeFileError, read_regular

Path_ = tuple[str | int, ...]

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"

_PLAIN_TAGS = {STR, INT, FLOAT, BOOL, NULL, MAP, SEQ}
MAX_NODES = 50_000  # bounds alias expansion ("billion laughs") long before memory suffers
MAX_DEPTH = 64  # nesting deeper than any listing needs; also keeps recursion far from Python's limit
MAX_FILE_BYTES = 256 * 1024
MAX_NUMBER_LENGTH = 20  # characters; no count or amount on the board needs more, and int() refuses 4,300 digits
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
# What YAML reads as a line break although a review shows one line (NEL, LS, PS, a CR without LF),
# and control characters, which a review does not show at all. Tab, LF and CR+LF are plain text.
_UNSEEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]|\r(?!\n)")
_LINE_BREAKS = {"\x85": "NEXT LINE", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR",
                "\r": "CARRIAGE RETURN"}
_COLLECTION_START = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_COLLECTION_END = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Resolves scalars the YAML 1.2 core-schema way; timestamps are not resolved at all."""


_Loader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in [
    (BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (INT, r"^[-+]?[0-9]+$", "-+0123456789"),
    (INT, r"^0o[0-7]+$|^0x[0-9a-fA-F]+$", "0"),
    (FLOAT, r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+0123456789."),
    (FLOAT, r"^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$", "-+."),
    (NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    _Loader.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Document:
    """A loaded YAML file: its data and where each value (and each mapping key) starts."""

    path: Path
    data: Any
    values: dict[Path_, Position] = field(default_factory=dict)
    keys: dict[Path_, Position] = field(default_factory=dict)

    def position(self, path: Path_, *, key: bool = False) -> Position:
        """The position of ``path``, or of its nearest ancestor that exists."""
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            found = table.get(path[:end]) or self.values.get(path[:end])
            if found:
                return found
        return Position(1, 1)


class YamlError(BoardError):
    """Raised by ``load_yaml`` when a file cannot be read as a plain YAML mapping."""

    def __init__(self, path: Path, message: str, position: Position = Position(1, 1), hint: str = "",
                 field: str = ""):
        super().__init__(message)
        self.path = path
        self.message = message
        self.position = position
        self.hint = hint
        self.field = field  # the dotted field, when the problem is in one value


def load_yaml(path: Path) -> Document:
    """Load one YAML file holding a single mapping. Raises ``YamlError`` with a position."""
    return parse_yaml(_read_text(path), path)


def parse_yaml(text: str, path: Path) -> Document:
    """Parse YAML text as if read from ``path`` (which names it in errors)."""
    try:
        _check_depth(text, path)
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
        raise YamlError(path, f"not valid YAML: {error.problem or error.context}", position) from None
    except yaml.YAMLError as error:
        raise YamlError(path, f"not valid YAML: {error}") from None
    nodes = [node for node in nodes if node is not None]
    if not nodes:
        raise YamlError(path, "the file is empty", hint="write the fields as 'key: value' lines")
    if len(nodes) > 1:
        second = nodes[1].start_mark
        raise YamlError(
            path,
            "holds several YAML documents; one file holds one listing",
            Position(second.line + 1, second.column + 1),
            hint="remove the '---' separator and move the second document into its own file",
        )
    document = Document(path, None)
    if nodes[0].tag != MAP or not isinstance(nodes[0], yaml.MappingNode):
        raise YamlError(path, "must be a mapping of 'key: value' lines", _start(nodes[0]))
    document.data = _Builder(document).build(nodes[0], ())
    return document


def _check_depth(text: str, path: Path) -> None:
    """Refuse deep nesting before libyaml composes it: its composer recurses (50,000 nested '['
    crash it) and its parser slows down with depth, so count levels over the parser's events,
    which arrive one at a time, and stop at the first level too deep."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, _COLLECTION_START):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlError(path, f"nests values more than {MAX_DEPTH} levels deep", _mark(event.start_mark),
                                hint="write the values flat, as 'key: value' lines")
        elif isinstance(event, _COLLECTION_END):
            depth -= 1


def _read_text(path: Path) -> str:
    """The file's text, refusing what YAML would accept but a reviewer could not see or trust."""
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
    except UnsafeFileError as error:
        raise YamlError(path, error.reason, hint="commit the file itself here") from None
    except OSError as error:
        raise YamlError(path, f"cannot be read: {error.strerror or error}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(path, f"is larger than {MAX_FILE_BYTES // 1024} KB, the most a listing file may be",
                        hint="shorten the description")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise YamlError(path, "starts with a byte-order mark (BOM)", hint="save the file as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlError(
            path, f"is not UTF-8 text (byte 0x{raw[error.start]:02x})", Position(line, 1),
            hint="save the file as UTF-8 in your editor",
        ) from None
    tab = _TAB_INDENT.search(text)
    if tab:
        line = text.count("\n", 0, tab.start()) + 1
        raise YamlError(path, "is indented with a tab; YAML needs spaces", Position(line, len(tab.group())),
                        hint="replace the tab with spaces")
    _refuse_unseen(text, path)
    return text


def _refuse_unseen(text: str, path: Path) -> None:
    found = _UNSEEN.search(text)
    if found is None:
        return
    char, index = found.group(), found.start()
    line_start = text.rfind("\n", 0, index) + 1
    where = Position(text.count("\n", 0, index) + 1, index - line_start + 1)
    code = f"U+{ord(char):04X}"
    if char in _LINE_BREAKS:
        raise YamlError(path, f"contains {code} ({_LINE_BREAKS[char]}), which YAML reads as a line break although "
                              "a review shows one line", where,
                        hint="delete it; end lines with a plain line break (LF or CR LF)")
    raise YamlError(path, f"contains the control character {code}, which a review does not show", where,
                    hint="delete it")


def _start(node: yaml.Node) -> Position:
    return _mark(node.start_mark)


def _mark(mark: Any) -> Position:
    """A libyaml or PyYAML mark (0-based), as a 1-based position."""
    return Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)


class _Builder:
    """Turns a composed node tree into plain Python data, recording positions."""

    def __init__(self, document: Document):
        self.document = document
        self.nodes_seen = 0
        self.open_nodes: set[int] = set()  # the nodes being built, to catch an alias inside itself

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.nodes_seen += 1
        if self.nodes_seen > MAX_NODES:
            raise YamlError(self.document.path, f"has more than {MAX_NODES} values (an alias bomb?)", _start(node))
        if len(path) > MAX_DEPTH:
            raise YamlError(self.document.path, f"nests values more than {MAX_DEPTH} levels deep", _start(node))
        if id(node) in self.open_nodes:
            raise YamlError(self.document.path, "an alias refers to a value that contains it", _start(node))
        self.open_nodes.add(id(node))
        try:
            return self._build(node, path)
        finally:
            self.open_nodes.discard(id(node))

    def _build(self, node: yaml.Node, path: Path_) -> Any:
        self.document.values[path] = _start(node)
        self._check_tag(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node, path)
            if not isinstance(key, str):
                key = str(key)
            where = _start(key_node)
            if key in result:
                first = self.document.keys[(*path, key)]
                raise YamlError(
                    self.document.path, f"'{key}' appears twice (first on line {first.line})", where,
                    hint="keep one of them",
                )
            self.document.keys[(*path, key)] = where
            result[key] = self.build(value_node, (*path, key))
        return result

    def _scalar(self, node: yaml.Node, path: Path_) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise YamlError(self.document.path, "a key must be plain text", _start(node))
        self._check_tag(node)
        value = node.value
        if node.tag == STR or node.style in ("'", '"', "|", ">"):
            return unicodedata.normalize("NFC", value)
        if node.tag == BOOL:
            return value.lower() == "true"
        if node.tag == NULL:
            return None
        if node.tag in (INT, FLOAT):
            return self._number(node, path)
        return value

    def _number(self, node: yaml.ScalarNode, path: Path_) -> int | float:
        """A number of bounded size: a huge one is an error about its field, never a crash."""
        value, field = node.value, dotted(path)
        shown = value if len(value) <= 12 else f"{value[:12]}..."
        if len(value) > MAX_NUMBER_LENGTH:
            raise YamlError(self.document.path, f"the number {shown} is {len(value)} characters long; numbers here "
                                                f"have at most {MAX_NUMBER_LENGTH}", _start(node),
                            hint="write a smaller number, or put the value in quotes if it is text", field=field)
        if node.tag == INT:
            return int(value, 0) if value.startswith(("0o", "0x")) else int(value)
        number = float(value.lower().replace(".inf", "inf").replace(".nan", "nan"))
        if not math.isfinite(number):
            raise YamlError(self.document.path, f"{value} is not a finite number", _start(node),
                            hint="write a number, or put the value in quotes if it is text", field=field)
        return number

    def _check_tag(self, node: yaml.Node) -> None:
        if node.tag not in _PLAIN_TAGS:
            raise YamlError(
                self.document.path, f"uses the YAML tag '{node.tag}', which the board does not accept",
                _start(node), hint="remove the '!tag' and write plain values",
            )

