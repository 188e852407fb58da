"""Telegram's HTML parse mode: what the Bot API accepts, what it displays.

The parser follows tdlib's `parse_html` (td/telegram/MessageEntity.cpp), which is what the
Bot API runs for `parse_mode=HTML`: the same tag set, the same attribute rules, the same error
texts ("Unsupported start tag "br" at byte offset 5", ...), entity offsets in UTF-16 code units.

It is deliberately stricter than tdlib in one respect. tdlib passes a bare `&` or `>` through
as literal text, but the Bot API documentation requires them to be escaped, and a template that
leaves `&` or `>` unescaped is one user-supplied `<` away from a 400 in production. So here an
unescaped `&` or `>` in text, an unknown named entity (`&nbsp;`) and an entity without its `;`
are errors too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Only ASCII whitespace separates tag parts, as in tdlib.
_SPACE = frozenset(" \t\r\n\f\v")
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "tg-emoji",
        "code",
        "pre",
        "blockquote",
    }
)
_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "tg-emoji": "custom_emoji",
}
_LINK_SCHEMES = ("http://", "https://", "tg://", "ton://")
_MAX_UNICODE = 0x10FFFF


class HtmlError(ValueError):
    """The text is not valid Telegram HTML; `description` is what Telegram would say."""

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description


@dataclass(frozen=True)
class Entity:
    """A MessageEntity as the Bot API returns it (offsets in UTF-16 code units)."""

    type: str
    offset: int
    length: int
    url: str | None = None
    language: str | None = None
    custom_emoji_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": self.type, "offset": self.offset, "length": self.length}
        if self.url is not None:
            data["url"] = self.url
        if self.language is not None:
            data["language"] = self.language
        if self.custom_emoji_id is not None:
            data["custom_emoji_id"] = self.custom_emoji_id
        return data


@dataclass(frozen=True)
class FormattedText:
    text: str
    entities: tuple[Entity, ...] = ()


@dataclass
class _Element:
    tag: str
    argument: str
    children: list[_Element | str] = field(default_factory=list)


def utf16_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units: an emoji outside the BMP counts 2)."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def parse_html(text: str) -> str:
    """The plain text Telegram displays for `text` sent with parse_mode HTML.

    Raises HtmlError where Telegram answers 400 "can't parse entities".
    """
    return parse_html_entities(text).text


def parse_html_entities(text: str) -> FormattedText:
    """The displayed text and its entities, trimmed of surrounding whitespace like Telegram."""
    builder = _EntityBuilder()
    builder.walk(_parse_tree(text))
    return strip_formatted(FormattedText("".join(builder.parts), tuple(builder.sorted_entities())))


def strip_formatted(formatted: FormattedText) -> FormattedText:
    """Telegram trims leading and trailing whitespace from every message text and caption."""
    text = formatted.text
    stripped = text.strip(" \t\r\n")
    if stripped == text:
        return formatted
    lead = utf16_length(text[: len(text) - len(text.lstrip(" \t\r\n"))])
    end = utf16_length(stripped)
    entities = []
    for entity in formatted.entities:
        start = max(entity.offset - lead, 0)
        stop = min(entity.offset + entity.length - lead, end)
        if stop > start:
            entities.append(
                Entity(
                    entity.type,
                    start,
                    stop - start,
                    entity.url,
                    entity.language,
                    entity.custom_emoji_id,
                )
            )
    return FormattedText(stripped, tuple(entities))


def html_to_terminal(text: str, *, ansi: bool = False) -> str:
    """Render Telegram HTML for a terminal.

    With `ansi`, bold/underline/strikethrough use escape codes; without (not a tty), bold is
    `*x*` and strikethrough `~x~`. Italics are `_x_` either way (few terminals show italics),
    links are "text (url)".
    """
    renderer = _TerminalRenderer(ansi)
    return renderer.render(_parse_tree(text).children, [])


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _parse_tree(text: str) -> _Element:
    return _Parser(text).parse()


class _Parser:
    """One pass over the text, in tdlib's order of checks so the first error reported matches."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.root = _Element("", "")
        self.stack: list[_Element] = [self.root]
        self.buffer: list[str] = []

    def error(self, message: str, index: int) -> HtmlError:
        return HtmlError(f"{message} at byte offset {_byte_offset(self.text, index)}")

    def parse(self) -> _Element:
        text = self.text
        while self.pos < len(text):
            char = text[self.pos]
            if char == "&":
                self.buffer.append(self.entity())
            elif char == ">":
                raise self.error('Unescaped ">" (write &gt;)', self.pos)
            elif char != "<":
                self.buffer.append(char)
                self.pos += 1
            elif self.pos + 1 < len(text) and text[self.pos + 1] == "/":
                self.end_tag()
            else:
                self.start_tag()
        self.flush()
        if len(self.stack) > 1:
            open_tag = self.stack[-1].tag
            raise HtmlError(f'Can\'t find end tag corresponding to start tag "{open_tag}"')
        return self.root

    def flush(self) -> None:
        if self.buffer:
            self.stack[-1].children.append("".join(self.buffer))
            self.buffer.clear()

    def entity(self) -> str:
        text, begin = self.text, self.pos
        index = begin + 1
        if index < len(text) and text[index] == "#":
            index += 1
            is_hex = index < len(text) and text[index] == "x"
            if is_hex:
                index += 1
            digits = "0123456789abcdefABCDEF" if is_hex else "0123456789"
            digits_begin = index
            while index < len(text) and text[index] in digits:
                index += 1
            value = (
                int(text[digits_begin:index], 16 if is_hex else 10) if index > digits_begin else 0
            )
            if value == 0 or value >= _MAX_UNICODE or 0xD800 <= value <= 0xDFFF:
                raise self.error('Invalid numeric entity "' + text[begin:index] + '"', begin)
            char = chr(value)
        else:
            while index < len(text) and text[index].isascii() and text[index].isalpha():
                index += 1
            name = text[begin + 1 : index]
            terminated = index < len(text) and text[index] == ";"
            if not name or (name not in _NAMED_ENTITIES and not terminated):
                raise self.error('Unescaped "&" (write &amp;)', begin)
            if name not in _NAMED_ENTITIES:
                raise self.error(
                    f'Unsupported entity "&{name};" (use &lt; &gt; &amp; &quot; or &#N;)', begin
                )
            char = _NAMED_ENTITIES[name]
        if index >= len(text) or text[index] != ";":
            raise self.error(f'Entity "{text[begin:index]}" is missing its ";"', begin)
        self.pos = index + 1
        return char

    def start_tag(self) -> None:
        text, begin = self.text, self.pos
        index = begin + 1
        while index < len(text) and text[index] not in _SPACE and text[index] != ">":
            index += 1
        if index >= len(text):
            raise self.error("Unclosed start tag", begin)
        tag = text[begin + 1 : index].lower()
        if tag not in _TAGS:
            raise self.error(f'Unsupported start tag "{tag}"', begin)
        argument = ""
        while True:
            while index < len(text) and text[index] in _SPACE:
                index += 1
            if index >= len(text):
                raise self.error("Unclosed start tag", begin)
            if text[index] == ">":
                break
            name_begin = index
            while index < len(text) and text[index] not in _SPACE and text[index] not in "=>":
                index += 1
            attribute = text[name_begin:index].lower()
            if not attribute:
                raise self.error(f'Empty attribute name in the tag "{tag}"', begin)
            while index < len(text) and text[index] in _SPACE:
                index += 1
            if index >= len(text) or text[index] != "=":
                if tag == "blockquote" and attribute == "expandable":
                    argument = "expandable"
                continue
            index += 1
            while index < len(text) and text[index] in _SPACE:
                index += 1
            if index >= len(text):
                raise self.error(f'Unclosed start tag "{tag}"', begin)
            value, index = self.attribute_value(index)
            if index >= len(text):
                raise self.error("Unclosed start tag", begin)
            argument = _tag_argument(tag, attribute, value, argument)
        if tag == "span" and argument != "spoiler":
            raise self.error('Tag "span" must have class "tg-spoiler"', begin)
        self.pos = index + 1
        self.flush()
        element = _Element(tag, argument)
        self.stack[-1].children.append(element)
        self.stack.append(element)

    def attribute_value(self, index: int) -> tuple[str, int]:
        text = self.text
        quote = text[index]
        if quote not in "'\"":
            # An unquoted value is an HTML name token: letters, digits, periods, hyphens.
            token_begin = index
            while index < len(text) and (
                (text[index].isascii() and text[index].isalnum()) or text[index] in ".-"
            ):
                index += 1
            if index < len(text) and text[index] not in _SPACE and text[index] != ">":
                raise self.error("Unexpected end of name token", token_begin)
            return text[token_begin:index].lower(), index
        index += 1
        value: list[str] = []
        while index < len(text) and text[index] != quote:
            if text[index] == "&":
                self.pos = index
                value.append(self.entity())
                index = self.pos
            else:
                value.append(text[index])
                index += 1
        if index < len(text):
            index += 1
        return "".join(value), index

    def end_tag(self) -> None:
        text, begin = self.text, self.pos
        if len(self.stack) == 1:
            raise self.error("Unexpected end tag", begin)
        index = begin + 2
        while index < len(text) and text[index] not in _SPACE and text[index] != ">":
            index += 1
        end_name = text[begin + 2 : index].lower()
        while index < len(text) and text[index] in _SPACE:
            index += 1
        if index >= len(text) or text[index] != ">":
            raise self.error("Unclosed end tag", begin)
        element = self.stack[-1]
        # tdlib lets a bare "</>" close whatever is open.
        if end_name and end_name != element.tag:
            raise HtmlError(
                f"Unmatched end tag at byte offset {_byte_offset(text, begin)}, "
                f'expected "</{element.tag}>", found "</{end_name}>"'
            )
        if element.tag == "tg-emoji" and not _is_positive_int64(element.argument):
            raise HtmlError("Invalid custom emoji identifier specified")
        self.flush()
        self.stack.pop()
        self.pos = index + 1


def _tag_argument(tag: str, attribute: str, value: str, current: str) -> str:
    if tag == "a" and attribute == "href":
        return value
    if tag == "code" and attribute == "class" and value.startswith("language-"):
        return value.removeprefix("language-")
    if tag == "span" and attribute == "class" and value.startswith("tg-"):
        return value.removeprefix("tg-")
    if tag == "tg-emoji" and attribute == "emoji-id":
        return value
    if tag == "blockquote" and attribute == "expandable":
        return "expandable"
    return current


def _is_positive_int64(value: str) -> bool:
    return value.isascii() and value.isdigit() and 0 < int(value) < 2**63


def _link(href: str, inner: str) -> str | None:
    """The URL Telegram keeps for <a>, or None where it silently drops the link."""
    url = href or inner
    if url.lower().startswith(_LINK_SCHEMES):
        return url
    if "://" in url or ":" in url.split("/", 1)[0] or "." not in url or " " in url:
        return None
    return f"http://{url}"


class _EntityBuilder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offset = 0
        self.entities: list[Entity] = []

    def walk(self, element: _Element) -> None:
        for child in element.children:
            if isinstance(child, str):
                self.parts.append(child)
                self.offset += utf16_length(child)
                continue
            start, first_part = self.offset, len(self.parts)
            entities_before = len(self.entities)
            self.walk(child)
            length = self.offset - start
            if length > 0:
                inner = "".join(self.parts[first_part:])
                self.close(child, start, length, inner, entities_before)

    def close(
        self, element: _Element, start: int, length: int, inner: str, entities_before: int
    ) -> None:
        tag = element.tag
        if tag == "a":
            url = _link(element.argument, inner)
            if url is not None:
                kind = "text_link" if element.argument else "url"
                self.entities.append(
                    Entity(kind, start, length, url=url if element.argument else None)
                )
        elif tag == "blockquote":
            kind = "expandable_blockquote" if element.argument else "blockquote"
            self.entities.append(Entity(kind, start, length))
        elif tag == "pre":
            # <pre><code class="language-x"> is one pre entity with a language.
            inner_code = next(
                (
                    entity
                    for entity in self.entities[entities_before:]
                    if entity.type == "code" and entity.offset == start and entity.length == length
                ),
                None,
            )
            language = inner_code.language if inner_code else None
            if inner_code is not None:
                self.entities.remove(inner_code)
            self.entities.append(Entity("pre", start, length, language=language))
        elif tag == "code":
            self.entities.append(Entity("code", start, length, language=element.argument or None))
        elif tag == "tg-emoji":
            self.entities.append(
                Entity("custom_emoji", start, length, custom_emoji_id=element.argument)
            )
        else:
            self.entities.append(Entity(_ENTITY_TYPES[tag], start, length))

    def sorted_entities(self) -> list[Entity]:
        # A code entity's language only matters inside pre; Telegram does not return it otherwise.
        cleaned = [
            Entity(e.type, e.offset, e.length, e.url, None, e.custom_emoji_id)
            if e.type == "code"
            else e
            for e in self.entities
        ]
        return sorted(cleaned, key=lambda e: (e.offset, -e.length))


_ANSI = {
    "b": "\x1b[1m",
    "strong": "\x1b[1m",
    "u": "\x1b[4m",
    "ins": "\x1b[4m",
    "s": "\x1b[9m",
    "strike": "\x1b[9m",
    "del": "\x1b[9m",
    "span": "\x1b[2m",
    "tg-spoiler": "\x1b[2m",
}
_ANSI_RESET = "\x1b[0m"
_PLAIN_MARKS = {"b": "*", "strong": "*", "s": "~", "strike": "~", "del": "~"}


class _TerminalRenderer:
    def __init__(self, ansi: bool) -> None:
        self.ansi = ansi

    def render(self, children: list[_Element | str], active: list[str]) -> str:
        return "".join(
            child if isinstance(child, str) else self.element(child, active) for child in children
        )

    def element(self, element: _Element, active: list[str]) -> str:
        tag = element.tag
        if self.ansi and tag in _ANSI:
            code = _ANSI[tag]
            inner = self.render(element.children, [*active, code])
            # A reset ends every style, so the enclosing ones are switched back on.
            return code + inner + _ANSI_RESET + "".join(active)
        inner = self.render(element.children, active)
        if tag in _PLAIN_MARKS:
            return f"{_PLAIN_MARKS[tag]}{inner}{_PLAIN_MARKS[tag]}"
        if tag in ("i", "em"):
            return f"_{inner}_"
        if tag == "code":
            return f"`{inner}`"
        if tag == "a":
            url = element.argument
            return inner if not url or url == inner else f"{inner} ({url})"
        if tag == "blockquote":
            bar = "│ " if self.ansi else "> "
            return "\n".join(bar + line for line in inner.split("\n"))
        return inner
