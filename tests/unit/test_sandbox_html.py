"""Telegram's HTML parse mode as the sandbox applies it to every message the bot sends."""

from __future__ import annotations

import pytest

from bot.sandbox.telegram_html import (
    HtmlError,
    html_to_terminal,
    parse_html,
    parse_html_entities,
    utf16_length,
)


@pytest.mark.parametrize(
    ("html", "text", "entity_type"),
    [
        ("<b>x</b>", "x", "bold"),
        ("<strong>x</strong>", "x", "bold"),
        ("<i>x</i>", "x", "italic"),
        ("<em>x</em>", "x", "italic"),
        ("<u>x</u>", "x", "underline"),
        ("<ins>x</ins>", "x", "underline"),
        ("<s>x</s>", "x", "strikethrough"),
        ("<strike>x</strike>", "x", "strikethrough"),
        ("<del>x</del>", "x", "strikethrough"),
        ('<span class="tg-spoiler">x</span>', "x", "spoiler"),
        ("<tg-spoiler>x</tg-spoiler>", "x", "spoiler"),
        ('<a href="https://example.com/">x</a>', "x", "text_link"),
        ("<code>x</code>", "x", "code"),
        ("<pre>x</pre>", "x", "pre"),
        ("<blockquote>x</blockquote>", "x", "blockquote"),
        ("<blockquote expandable>x</blockquote>", "x", "expandable_blockquote"),
        ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', "👍", "custom_emoji"),
        ("<B>x</B>", "x", "bold"),
    ],
)
def test_every_telegram_tag_is_accepted_with_its_entity(
    html: str, text: str, entity_type: str
) -> None:
    parsed = parse_html_entities(html)
    assert parsed.text == text
    assert [entity.type for entity in parsed.entities] == [entity_type]


@pytest.mark.parametrize(
    ("html", "description"),
    [
        ("line<br>break", 'Unsupported start tag "br" at byte offset 4'),
        ("<p>para</p>", 'Unsupported start tag "p" at byte offset 0'),
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        (
            "<b><i>x</b></i>",
            'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"',
        ),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("a<b", "Unclosed start tag at byte offset 1"),
        ("Price < 5", 'Unsupported start tag "" at byte offset 6'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("<a href=https://x.org>x</a>", "Unexpected end of name token at byte offset 8"),
        ("<tg-emoji>👍</tg-emoji>", "Invalid custom emoji identifier specified"),
        # Multi-byte text before the error: offsets are UTF-8 bytes, as in Telegram.
        ("é<br>", 'Unsupported start tag "br" at byte offset 2'),
    ],
)
def test_malformed_markup_is_refused_with_telegrams_description(
    html: str, description: str
) -> None:
    with pytest.raises(HtmlError) as caught:
        parse_html(html)
    assert caught.value.description == description


@pytest.mark.parametrize(
    "html",
    [
        "AT&T",  # a bare ampersand
        "Q&A; done",  # letters and ";" that are not an entity Telegram knows
        "&nbsp;",  # an HTML entity Telegram does not support
        "&amp",  # missing ";"
        "a > b",  # an unescaped ">"
        '<a href="https://x.org/?a=1&b=2">x</a>',  # unescaped "&" inside an attribute
        "&#0;",  # not a character
    ],
)
def test_unescaped_text_is_refused(html: str) -> None:
    with pytest.raises(HtmlError):
        parse_html(html)


def test_escaped_text_is_shown_unescaped() -> None:
    html = "AT&amp;T &lt;b&gt; &quot;q&quot; &#65;&#x42; &#128512;"
    assert parse_html(html) == 'AT&T <b> "q" AB 😀'


def test_attribute_values_are_unescaped() -> None:
    parsed = parse_html_entities('<a href="https://x.org/?a=1&amp;b=2">x</a>')
    assert parsed.entities[0].url == "https://x.org/?a=1&b=2"


def test_entity_offsets_count_utf16_code_units() -> None:
    # The emoji is one code point but two UTF-16 units, so "bold" starts at 3.
    parsed = parse_html_entities("😀 <b>bold</b>")
    assert parsed.text == "😀 bold"
    assert parsed.entities[0].to_json() == {"type": "bold", "offset": 3, "length": 4}
    assert utf16_length(parsed.text) == 7


def test_nested_entities_are_reported_outer_first() -> None:
    parsed = parse_html_entities("<b>a <i>b</i></b>")
    assert [(e.type, e.offset, e.length) for e in parsed.entities] == [
        ("bold", 0, 3),
        ("italic", 2, 1),
    ]


def test_pre_with_language_code_becomes_one_pre_entity() -> None:
    parsed = parse_html_entities('<pre><code class="language-python">x = 1</code></pre>')
    assert [e.to_json() for e in parsed.entities] == [
        {"type": "pre", "offset": 0, "length": 5, "language": "python"}
    ]


def test_surrounding_whitespace_is_trimmed_like_telegram() -> None:
    parsed = parse_html_entities("\n  <b> hi </b>\n")
    assert parsed.text == "hi"
    assert [(e.offset, e.length) for e in parsed.entities] == [(0, 2)]


def test_link_without_href_links_its_own_text() -> None:
    parsed = parse_html_entities("<a>https://example.com</a>")
    assert parsed.entities[0].type == "url"


def test_terminal_rendering_without_ansi_uses_markers() -> None:
    html = '<b>Bob</b> from <i>Acme</i>: <a href="https://acme.test">site</a> &amp; more'
    assert html_to_terminal(html) == "*Bob* from _Acme_: site (https://acme.test) & more"


def test_terminal_rendering_with_ansi_restores_outer_style_after_inner() -> None:
    rendered = html_to_terminal("<b>a <u>b</u> c</b>", ansi=True)
    assert rendered == "\x1b[1ma \x1b[4mb\x1b[0m\x1b[1m c\x1b[0m"


def test_terminal_rendering_of_blockquote_and_code() -> None:
    assert html_to_terminal("<blockquote>one\ntwo</blockquote>") == "> one\n> two"
    assert html_to_terminal("run <code>make test</code>") == "run `make test`"
