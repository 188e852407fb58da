"""split_message: long cards cut into messages Telegram accepts, losing no text."""

from __future__ import annotations

import random

import pytest

from bot.render import split_message
from bot.sandbox.telegram_html import parse_html, parse_html_entities, utf16_length
from tests.unit.helpers import LIMIT, check_parts


def test_a_short_message_is_left_alone() -> None:
    html = "<b>Mira</b> &amp; <i>co</i>\nline two"
    assert split_message(html) == [html]


def test_nothing_to_show_gives_no_parts() -> None:
    assert split_message("") == []
    assert split_message(" \n <b> </b>\n") == []


def test_exactly_the_limit_is_one_message_and_one_more_is_two() -> None:
    exact = "x" * LIMIT
    assert split_message(exact) == [exact]
    over = "x" * (LIMIT + 1)
    parts = split_message(over)
    assert len(parts) == 2
    check_parts(over, parts)


def test_the_limit_counts_text_after_entity_parsing_not_markup() -> None:
    # 4096 characters shown, several times that in markup.
    html = "<b>" + "&amp;" * 2000 + "</b>" + "<i>" + "&lt;" * 2096 + "</i>"
    assert utf16_length(parse_html(html)) == LIMIT
    assert split_message(html) == [html]
    # Surrounding whitespace is trimmed by Telegram and does not count either.
    padded = "\n\n" + "y" * LIMIT + "\n  "
    assert split_message(padded) == [padded]


def test_emoji_outside_the_bmp_count_twice() -> None:
    exact = "😀" * (LIMIT // 2)
    assert split_message(exact) == [exact]
    over = "😀" * (LIMIT // 2 + 1)
    parts = split_message(over)
    assert len(parts) == 2
    check_parts(over, parts)
    # A numeric entity for an emoji counts two as well.
    entities = "&#128512;" * (LIMIT // 2) + "!"
    parts = split_message(entities)
    assert len(parts) == 2
    check_parts(entities, parts)
    assert all("&#128" not in part or part.count("&#") == part.count(";") for part in parts)


def test_cuts_fall_between_lines() -> None:
    lines = [f"line {n:04d} " + "z" * 90 for n in range(200)]
    html = "\n".join(lines)
    parts = split_message(html)
    assert len(parts) > 1
    check_parts(html, parts)
    for part in parts:
        for line in part.split("\n"):
            assert line in lines  # no line was cut in two


def test_tags_open_across_a_cut_are_closed_and_reopened() -> None:
    body = "\n".join(f"• point {n} " + "w" * 60 for n in range(150))
    html = f'<b>Title</b>\n<blockquote><i>{body}</i></blockquote>\n<a href="https://x.org/?a=1&amp;b=2">end</a>'
    parts = split_message(html, limit=1000)
    assert len(parts) > 3
    check_parts(html, parts, limit=1000)
    for part in parts[1:-1]:
        formatted = parse_html_entities(part)
        kinds = {entity.type for entity in formatted.entities}
        assert {"blockquote", "italic"} <= kinds
        # The formatting covers the whole part, as it did in the original.
        assert all(e.offset == 0 for e in formatted.entities if e.type == "blockquote")
        assert part.startswith("<blockquote><i>") and part.endswith("</i></blockquote>")
    last = parse_html_entities(parts[-1])
    assert any(e.type == "text_link" and e.url == "https://x.org/?a=1&b=2" for e in last.entities)


def test_a_giant_line_is_cut_after_a_space() -> None:
    words = [f"word{n}" for n in range(1500)]
    html = "<u>" + " ".join(words) + "</u>"
    parts = split_message(html, limit=500)
    check_parts(html, parts, limit=500)
    seen: list[str] = []
    for part in parts:
        assert part.startswith("<u>") and part.endswith("</u>")
        seen += parse_html(part).split()
    assert seen == words  # no word was cut in two


def test_a_giant_line_without_spaces_is_cut_between_characters_never_in_an_entity() -> None:
    html = "<code>" + "a&amp;&lt;&gt;&quot;😀é" * 1000 + "</code>"
    parts = split_message(html)
    assert len(parts) >= 2
    check_parts(html, parts)
    assert "".join(parse_html(p) for p in parts) == parse_html(html)


def test_one_giant_line_among_short_ones() -> None:
    html = "<b>Card</b>\nshort\n" + "long " * 3000 + "\n<i>after</i>"
    parts = split_message(html)
    check_parts(html, parts)
    assert parse_html(parts[0]).startswith("Card\nshort")
    assert parse_html(parts[-1]).endswith("after")


@pytest.mark.parametrize("seed", range(40))
def test_random_telegram_html_splits_into_valid_parts(seed: int) -> None:
    rng = random.Random(seed)
    limit = rng.choice([10, 17, 40, 100, 333])
    html = random_html(rng, rng.randint(50, 1500))
    parse_html(html)  # the generator makes valid input
    parts = split_message(html, limit=limit)
    check_parts(html, parts, limit=limit)


def random_html(rng: random.Random, size: int) -> str:
    chunks = ["a", "b", " ", " ", "\n", "é", "😀", "Ж", "&amp;", "&lt;", "&gt;", "&#128512;"]
    tags = ["b", "i", "u", "s", "code", "tg-spoiler", "blockquote"]
    out: list[str] = []
    stack: list[str] = []
    for _ in range(size):
        roll = rng.random()
        if roll < 0.01 and len(stack) < 4 and "a" not in stack:
            out.append('<a href="https://example.org/x?y=1&amp;z=2">')
            stack.append("a")
        elif roll < 0.05 and len(stack) < 4:
            tag = rng.choice(tags)
            out.append(f"<{tag}>")
            stack.append(tag)
        elif roll < 0.09 and stack:
            out.append(f"</{stack.pop()}>")
        else:
            out.append(rng.choice(chunks))
    out.extend(f"</{tag}>" for tag in reversed(stack))
    return "x" + "".join(out)
