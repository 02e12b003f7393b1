"""Python-Markdown with bounded work, whatever the text.

Several of Python-Markdown's processors scan forward from a position to the end of the paragraph
or the document when what they look for is not there, and do that again from the next position:
20,000 '[' took 73 s. Each processor below does the same job with its scan bounded (or skipped when
its outcome is already known); documents that are not built to be slow render exactly as before,
which ``tests/test_markdown_bounds.py`` checks against Python-Markdown's own processors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import Element, SubElement

import markdown
from markdown import blockprocessors, inlinepatterns, treeprocessors
from markdown.extensions.sane_lists import SaneOListProcessor, SaneUListProcessor
from markdown.extensions.tables import PIPE_LEFT, PIPE_NONE, PIPE_RIGHT, TableProcessor
from markdown.htmlparser import HTMLExtractor
from markdown.preprocessors import HtmlBlockPreprocessor

# Characters that link, image and reference processors may scan, in all, per document. A '[' or
# '(' without its partner makes them scan to the end of the paragraph, once per bracket; a real
# document spends a few thousand. Once spent, the remaining brackets stay plain text.
LINK_SCAN_BUDGET = 400_000
# Lists and block quotes nested inside each other (on one line: "1. 1. 1. …"), each a recursion.
MAX_NESTING = 32


class _Budget:
    def __init__(self) -> None:
        self.left = LINK_SCAN_BUDGET


class _BudgetedBrackets:
    """The link family's scans for a closing ']' or ')', charged to the document's budget."""

    budget: _Budget

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:  # noqa: N802 - Python-Markdown's API
        if self.budget.left <= 0:
            return "", index, False
        text, end, handled = super().getText(data, index)  # type: ignore[misc]
        self.budget.left -= end - index
        return text, end, handled

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:  # noqa: N802
        if self.budget.left <= 0:
            return "", None, index, False
        href, title, end, handled = super().getLink(data, index)  # type: ignore[misc]
        self.budget.left -= max(end - index, 0)
        return href, title, end, handled


class _Link(_BudgetedBrackets, inlinepatterns.LinkInlineProcessor):
    pass


class _Image(_BudgetedBrackets, inlinepatterns.ImageInlineProcessor):
    pass


class _Reference(_BudgetedBrackets, inlinepatterns.ReferenceInlineProcessor):
    pass


class _ShortReference(_BudgetedBrackets, inlinepatterns.ShortReferenceInlineProcessor):
    pass


class _ImageReference(_BudgetedBrackets, inlinepatterns.ImageReferenceInlineProcessor):
    pass


class _ShortImageReference(_BudgetedBrackets, inlinepatterns.ShortImageReferenceInlineProcessor):
    pass


# Python-Markdown's names, patterns and priorities (markdown.inlinepatterns.build_inlinepatterns).
_LINK_PROCESSORS = (
    ("reference", _Reference, inlinepatterns.REFERENCE_RE, 170),
    ("link", _Link, inlinepatterns.LINK_RE, 160),
    ("image_link", _Image, inlinepatterns.IMAGE_LINK_RE, 150),
    ("image_reference", _ImageReference, inlinepatterns.IMAGE_REFERENCE_RE, 140),
    ("short_reference", _ShortReference, inlinepatterns.REFERENCE_RE, 130),
    ("short_image_ref", _ShortImageReference, inlinepatterns.IMAGE_REFERENCE_RE, 125),
)


class _HtmlExtractor(HTMLExtractor):
    """Raw HTML, found as Python-Markdown finds it, without a scan to the end of the document for
    each '<' that opens a tag, an end tag, a declaration or an instruction with no '>' after it."""

    _last_close: tuple[str | None, int] = (None, -1)

    def _closes_after(self, i: int) -> bool:
        searched, last = self._last_close
        if searched is not self.rawdata:
            self._last_close = searched, last = self.rawdata, self.rawdata.rfind(">")
        return last > i

    def check_for_whole_start_tag(self, i: int) -> int:
        return super().check_for_whole_start_tag(i) if self._closes_after(i) else -1

    def parse_endtag(self, i: int) -> int:
        if self._closes_after(i):
            return super().parse_endtag(i)
        self.handle_data(self.rawdata[i:i + 2])  # what Python-Markdown does with an end tag that never ends
        return i + 2

    def parse_pi(self, i: int) -> int:
        if (self.at_line_start() or self.intail) and not self._closes_after(i):
            return -1  # what the standard parser answers after its scan; elsewhere, '<?' is plain text
        return super().parse_pi(i)

    def parse_bogus_comment(self, i: int, report: int = 0) -> int:
        return super().parse_bogus_comment(i, report) if self._closes_after(i) else -1

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        return super().parse_marked_section(i, report) if self._closes_after(i) else -1


class _HtmlBlock(HtmlBlockPreprocessor):
    def run(self, lines: list[str]) -> list[str]:
        parser = _HtmlExtractor(self.md)
        parser.feed("\n".join(lines))
        parser.close()
        return "".join(parser.cleandoc).split("\n")


class _Nesting:
    depth = 0


class _Nested:
    """A list or block quote: one level of recursion, refused past MAX_NESTING (then it is text)."""

    nesting: _Nesting

    def test(self, parent: Element, block: str) -> bool:
        return self.nesting.depth < MAX_NESTING and super().test(parent, block)  # type: ignore[misc]

    def run(self, parent: Element, blocks: list[str]) -> Any:
        self.nesting.depth += 1
        try:
            return super().run(parent, blocks)  # type: ignore[misc]
        finally:
            self.nesting.depth -= 1


class _OrderedList(_Nested, SaneOListProcessor):
    pass


class _UnorderedList(_Nested, SaneUListProcessor):
    pass


class _LineSearch:
    """The first match of a line-anchored pattern in a block, remembered for the block's tail.

    A block processor handles a line or two of a block and puts the rest back, so the same search
    runs again over the rest: once per line. A pattern anchored at line starts finds in a tail that
    starts at a line start exactly the matches it found there in the whole block, so a search that
    found nothing, or found its match inside the tail, need not run again."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.block = ""
        self.found: int | None = None  # where the first match in self.block starts

    def first(self, block: str) -> re.Match[str] | None:
        offset = len(self.block) - len(block)
        tail = offset >= 0 and self.block.endswith(block) and (offset == 0 or self.block[offset - 1] == "\n")
        if tail:
            if self.found is None:
                return None
            if self.found >= offset - 1:  # a match may start with the line break before the tail
                return self.pattern.search(block, max(self.found - offset, 0))
        match = self.pattern.search(block)
        self.block, self.found = block, match.start() if match else None
        return match


class _HashHeader(blockprocessors.HashHeaderProcessor):
    def __init__(self, parser: Any) -> None:
        super().__init__(parser)
        self.search = _LineSearch(self.RE)

    def test(self, parent: Element, block: str) -> bool:
        return self.search.first(block) is not None


class _HorizontalRule(blockprocessors.HRProcessor):
    def __init__(self, parser: Any) -> None:
        super().__init__(parser)
        self.search = _LineSearch(self.SEARCH_RE)

    def test(self, parent: Element, block: str) -> bool:
        match = self.search.first(block)
        if match:
            self.match = match  # what Python-Markdown's run() reads
        return match is not None


class _BlockQuote(_Nested, blockprocessors.BlockQuoteProcessor):
    def __init__(self, parser: Any) -> None:
        super().__init__(parser)
        self.search = _LineSearch(self.RE)

    def test(self, parent: Element, block: str) -> bool:
        return self.nesting.depth < MAX_NESTING and self.search.first(block) is not None \
            and not markdown.util.nearing_recursion_limit()


class _SetextHeader(blockprocessors.SetextHeaderProcessor):
    def run(self, parent: Element, blocks: list[str]) -> None:
        lines = blocks.pop(0).split("\n", 2)  # Python-Markdown splits every line of the block, each time
        heading = SubElement(parent, "h1" if lines[1].startswith("=") else "h2")
        heading.text = lines[0].strip()
        if len(lines) > 2:
            blocks.insert(0, lines[2])


class _Table(TableProcessor):
    def test(self, parent: Element, block: str) -> bool:
        """Python-Markdown's test, reading rows only as far as it needs them (it split every row of
        the block, each time a line of it was handled)."""
        rows = (row.strip(" ") for row in _lines(block))
        header = next(rows)
        second = next(rows, None)
        if second is None:
            return False
        border = (PIPE_LEFT if header.startswith("|") else PIPE_NONE) | \
            (PIPE_RIGHT if self.RE_END_BORDER.search(header) is not None else PIPE_NONE)
        self.border = border  # type: ignore[assignment]  # types-Markdown says bool; it holds PIPE_* flags
        columns = len(self._split_row(header))  # type: ignore[attr-defined]  # private, missing from the stubs
        is_table = columns > 1
        if not is_table and columns == 1 and border:
            is_table = all(row.startswith("|") or self.RE_END_BORDER.search(row) is not None
                           for row in (second, *rows))
        if is_table:
            separator = self._split_row(second)  # type: ignore[attr-defined]
            is_table = len(separator) == columns and set("".join(separator)) <= set("|:- ")
            if is_table:
                self.separator = separator
        return is_table


def _lines(block: str) -> Iterator[str]:
    start = 0
    while (end := block.find("\n", start)) >= 0:
        yield block[start:end]
        start = end + 1
    yield block[start:]


# What every match of each of Python-Markdown's inline patterns holds (one of these, where several).
INLINE_MARKS = {
    "backtick": ("`",), "escape": ("\\",), "reference": ("[",), "link": ("[",), "image_link": ("![",),
    "image_reference": ("![",), "short_reference": ("[",), "short_image_ref": ("![",), "autolink": ("<",),
    "automail": ("<",), "linebreak": ("  \n",), "html": ("<",), "entity": ("&",), "em_strong": ("*", "_"),
    "em_strong2": ("_",), "not_strong": ("*", "_"), "strong_em": ("*", "_"),
}


class _Inline(treeprocessors.InlineProcessor):
    """Python-Markdown's inline pass, trying a pattern only on text that holds its mark: most text of
    a description has no '[', '<', '`', '&', '\\', '*' or '_', and trying all 14 patterns on every
    piece of it was most of the pass. A pattern skipped could not have matched, so the result is the
    same, and so is what the next pattern is given (Python-Markdown restarts it at 0 after a miss)."""

    def run(self, tree: Element, ancestors: list[str] | None = None) -> Element:
        registry = self.inlinePatterns
        marks = {registry.get_index_for_name(name): frozenset(found) for name, found in INLINE_MARKS.items()
                 if name in registry}
        self.patterns = [(registry[index], marks.get(index)) for index in range(len(registry))]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, index: int = 0) -> str:  # noqa: N802
        if isinstance(data, markdown.util.AtomicString):
            return data
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]  # private to Python-Markdown
        present = _marks_in(data)
        start = 0
        while index < len(self.patterns):
            pattern, marks = self.patterns[index]
            if marks is None or not marks.isdisjoint(present):
                data, matched, start = apply(pattern, data, index, start)
                if matched:
                    present = _marks_in(data)
                    continue
            index += 1
            start = 0
        return data


_ALL_MARKS = frozenset(mark for marks in INLINE_MARKS.values() for mark in marks)


def _marks_in(text: str) -> set[str]:
    return {mark for mark in _ALL_MARKS if mark in text}


class BoundedWork(markdown.Extension):
    """Replaces the processors whose work can grow with the square of the text (or recurse
    without limit) by bounded ones. Load it after ``tables`` and ``sane_lists``."""

    def __init__(self) -> None:
        super().__init__()
        self.budget = _Budget()
        self.nesting = _Nesting()

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's API
        md.registerExtension(self)
        for name, kind, pattern, priority in _LINK_PROCESSORS:
            inline = kind(pattern, md)
            inline.budget = self.budget
            md.inlinePatterns.register(inline, name, priority)
        md.preprocessors.register(_HtmlBlock(md), "html_block", 20)
        blocks = md.parser.blockprocessors
        flat: tuple[tuple[str, type[blockprocessors.BlockProcessor], int], ...] = (
            ("hashheader", _HashHeader, 70), ("setextheader", _SetextHeader, 60), ("hr", _HorizontalRule, 50))
        for name, block_kind, priority in flat:
            blocks.register(block_kind(md.parser), name, priority)
        nested: tuple[tuple[str, type[_OrderedList | _UnorderedList | _BlockQuote], int], ...] = (
            ("olist", _OrderedList, 40), ("ulist", _UnorderedList, 30), ("quote", _BlockQuote, 20))
        for name, nested_kind, priority in nested:
            block = nested_kind(md.parser)
            block.nesting = self.nesting
            blocks.register(block, name, priority)
        if "table" in blocks:
            blocks.register(_Table(md.parser, blocks["table"].config), "table", 75)  # type: ignore[attr-defined]
        md.treeprocessors.register(_Inline(md), "inline", 20)

    def reset(self) -> None:
        self.budget.left = LINK_SCAN_BUDGET
        self.nesting.depth = 0
