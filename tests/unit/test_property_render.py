"""split_message, for any Telegram HTML a template can produce and any limit: parts Telegram
accepts, none over the limit, none empty, and together all of the text."""

from __future__ import annotations

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from bot.render import split_message
from bot.sandbox.telegram_html import HtmlError, parse_html
from tests.unit.helpers import check_parts

TAGS = ("b", "i", "u", "s", "code", "tg-spoiler", "blockquote", "pre")

# Text as templates put it in a message: escaped, with lines, long runs, astral emoji (two
# UTF-16 units each), combining marks and control characters.
text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(("\n", " ", "😀", "e\u0301", "&", "<", ">", '"', "\x00", "\u2028")),
    st.builds(lambda c, n: c * n, st.sampled_from(("x", "😀", "ab ", "\n")), st.integers(1, 300)),
).map(lambda raw: str(escape(raw)))


def element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    tagged = st.builds(
        lambda tag, inner: f"<{tag}>{''.join(inner)}</{tag}>",
        st.sampled_from(TAGS),
        st.lists(children, max_size=4),
    )
    link = st.builds(
        lambda inner: f'<a href="https://example.org/?a=1&amp;b=2">{"".join(inner)}</a>',
        st.lists(children, max_size=3),
    )
    return st.one_of(tagged, link)


html = st.lists(st.recursive(text, element, max_leaves=20), min_size=1, max_size=12).map("".join)


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(html=html, limit=st.sampled_from((9, 64, 333, 4096)))
@example(html="x" * 4096, limit=4096)
@example(html="😀" * 2049, limit=4096)
@example(html="<b>" + "&amp;" * 5000 + "</b>", limit=4096)
def test_split_message_parts_are_valid_and_lossless(html: str, limit: int) -> None:
    try:
        shown = parse_html(html)
    except HtmlError:
        assume(False)  # not something a template produces (a link inside a link, say)
    parts = split_message(html, limit)
    if not shown.strip():
        assert parts == []
        return
    check_parts(html, parts, limit)
