"""Anything a person can type, at every place the bot reads typed text, against the real bot.

Property: whatever the text — any Unicode (astral emoji, combining marks, right-to-left,
zero-width and control characters, NUL), whitespace only, exactly 4096 characters, HTML and
Markdown metacharacters, SQL-looking or FTS5-looking text — the bot answers with a message
Telegram accepts (the sandbox refuses nothing), keeps running, and stores the text as the
storage layer documents it: a debrief answer byte for byte, a name with its spacing tidied.

How hypothesis meets the running bot
------------------------------------
Hypothesis calls a test function once per example; pytest-asyncio makes fixtures once per
test function, on the test's event loop. Starting a bot per example would cost far more than
the example itself, so each test here starts ONE bot with the usual fixtures and runs
hypothesis in a worker thread (`explore`): for each example, the synchronous function
hypothesis calls submits the example's coroutine to the test's loop and waits for it. The
examples run one after another on the loop that owns the bot, while hypothesis generates,
shrinks and reports as usual. Each example plays a new sandbox user, so examples cannot
see each other's conversations or contacts. Runs are derandomized and keep no example
database: CI sees the same examples every time. The bot runs without the rate limiter's
broadcast limit (see `unthrottled`), which would only make the examples queue.
"""

from __future__ import annotations

import asyncio
import itertools
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterable
from datetime import timedelta
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.coaching.answers import is_nothing, opens_with_nothing, read_promises, split_tentative
from bot.coaching.dates import (
    Ambiguous,
    DateRefused,
    date_words,
    parse_when,
    read_follow_up,
    when_inside,
)
from bot.coaching.person_line import read_person, read_role, unhedged, workplace_typed
from bot.coaching.playbooks import Library
from bot.coaching.situation import Situation
from bot.coaching.slots import PROMISE_SLOTS
from bot.coaching.suggested import read_people
from bot.coaching.zones import resolve_zone
from bot.config import Settings
from bot.handlers.prep import MAX_FIELD
from bot.ptb.application import CommonGroundApplication
from bot.reminders.sweep import deliver_due
from bot.render import Renderer
from bot.sandbox.server import SandboxServer
from bot.sandbox.telegram_html import utf16_length
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, followups, meetings, users
from bot.storage.contacts import name_key
from bot.storage.search import search_words
from tests.e2e.helpers import (
    Clock,
    add_note,
    next_new,
    press,
    replies_to,
    say,
    skip_to_when,
    unthrottled,
)
from tests.stored_notes import all_notes

T = TypeVar("T")

EXAMPLES = 20
TELEGRAM_LIMIT = 4096

# Characters that have broken bots before: markup, quoting, invisible and direction marks,
# combining marks, astral emoji (two UTF-16 units each) and control characters.
TRICKY_CHARACTERS = (
    *"<>&\"'`*_~[]()#+-=|{}.!\\/:;%@$^?",
    *"\x00\x01\x07\x08\x0b\x0c\x1b\x1c\x1f\x7f\x85\xa0",
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\u200e",  # left-to-right mark
    "\u202e",  # right-to-left override
    "\u2028",  # line separator
    "\ufeff",  # byte order mark
    "\u0301",  # combining acute accent
    "\u0489",  # combining millions sign
    "\ue000",  # private use: the search snippet's own marker
    "😀",
    "𝔘",
    "ß",
    "İ",
    "ǅ",
    "Σ",
    "ﬁ",
    "²",
    "٣",
    "ש",
    "ع",
)
# Sequences of code points that belong together, and words that mean something to HTML,
# Markdown, SQL, FTS5 or a template engine.
TRICKY_WORDS = (
    "👩\u200d👩\u200d👧",
    "🇺🇦",
    "e\u0301",
    "<b>",
    "</i>",
    "<a href='x'>",
    "&amp;",
    "&#0;",
    "&nbsp;",
    "*bold*",
    "_it_",
    "`code`",
    "[link](http://x)",
    "'; DROP TABLE contacts; --",
    "' OR 1=1 --",
    "AND",
    "OR",
    "NOT",
    "NEAR(",
    "NEAR(a b, 2)",
    '"',
    '""',
    "*",
    "-",
    "^",
    "owner:u1",
    "body:",
    "{}",
    "{{ name }}",
    "%s",
    "\n",
    " ",
    "\t",
)

# Named cases every text entry point gets, before the generated ones.
EDGE_CASES = (
    " ",
    " \t \n ",
    "\u3000",
    "\u200b",
    "\x00",
    "\x1c\x1d\x1e\x1f",
    "\u202eevil\u202c",
    "a\u0301\u0302\u0303",
    "👩\u200d👩\u200d👧\u200d👦",
    "<b>Bob & Co</b> <i>",
    "*not bold* _nor italic_ `nor code`",
    "'; DROP TABLE notes; --",
    'jazz AND "piano NEAR(x y) -z *',
    "x" * TELEGRAM_LIMIT,
    "😀" * (TELEGRAM_LIMIT // 2),
    "a\u0301" * (TELEGRAM_LIMIT // 2),
    "word " * (TELEGRAM_LIMIT // 5) + "w",
)


def edge_groups(size: int) -> list[list[str]]:
    """The edge cases dealt out into groups of `size` (the last one topped up from the start),
    for scenarios that read several texts: every edge case is tried, in few examples."""
    count = -(-len(EDGE_CASES) // size)
    cycle = itertools.cycle(EDGE_CASES)
    return [[next(cycle) for _ in range(size)] for _ in range(count)]


def typed_text(limit: int = TELEGRAM_LIMIT) -> st.SearchStrategy[str]:
    """A text message as Telegram delivers it: 1 to `limit` UTF-16 units of any code point
    but surrogates, weighted towards the tricky ones. (A leading "/" would make it a command.)
    """
    characters = st.one_of(st.characters(codec="utf-8"), st.sampled_from(TRICKY_CHARACTERS))
    pieces = st.one_of(
        st.text(characters, min_size=1, max_size=12),
        st.sampled_from(TRICKY_WORDS),
        # Now and then a long run, towards Telegram's limit.
        st.builds(lambda c, n: c * n, characters, st.integers(100, limit)),
    )
    return (
        st.lists(pieces, min_size=1, max_size=8)
        .map("".join)
        .map(lambda text: _cut(text, limit))
        .filter(lambda text: bool(text) and not text.startswith("/"))
    )


def _cut(text: str, limit: int) -> str:
    while utf16_length(text) > limit:
        text = text[: limit - (utf16_length(text) - len(text))]
    return text


def tidy(text: str) -> str:
    """A typed name as the handlers store it: runs of whitespace made one space."""
    return " ".join(text.split())


def explore(
    strategy: st.SearchStrategy[T],
    scenario: Callable[[T], Coroutine[Any, Any, None]],
    *,
    edge_cases: Iterable[T] = (),
    max_examples: int = EXAMPLES,
) -> Awaitable[None]:
    """Check `scenario` for the edge cases and `max_examples` generated examples, on the
    running test's event loop (see the module docstring)."""
    loop = asyncio.get_running_loop()

    @settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.large_base_example,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
        ],
    )
    @given(strategy)
    def check(value: T) -> None:
        asyncio.run_coroutine_threadsafe(scenario(value), loop).result(timeout=60)

    for case in edge_cases:
        check = example(case)(check)
    return asyncio.to_thread(check)


@pytest.fixture
async def bot(
    settings: Settings, clock: Clock, library: Library, renderer: Renderer
) -> AsyncIterator[CommonGroundApplication]:
    async with unthrottled(settings, clock, library, renderer) as application:
        yield application


class People:
    """A new sandbox user for every example."""

    def __init__(self, sandbox: SandboxServer) -> None:
        self.sandbox = sandbox
        self._ids = itertools.count(50_001)

    def new(self) -> SandboxUser:
        return self.sandbox.user(next(self._ids), "Ada")

    def accepted_everything(self) -> None:
        """Checked after every example, so hypothesis can shrink to the text that broke it."""
        assert self.sandbox.rejections == [], self.sandbox.rejections[-1]


# -- /start ---------------------------------------------------------------------------------


async def test_start_takes_any_name_and_time_zone_text(
    sandbox: SandboxServer, bot: CommonGroundApplication
) -> None:
    people = People(sandbox)

    async def scenario(typed: tuple[str, str]) -> None:
        name_text, zone_text = typed
        user = people.new()
        await say(user, "/start")
        answer = await say(user, name_text)
        name = tidy(name_text)
        if not 0 < len(name) <= 64:
            assert "Please send a name of 1 to 64 characters" in answer.text
            name = "Ada"
            answer = await say(user, name)
        assert "Which time zone are you in?" in answer.text
        done = await say(user, zone_text)
        zone = resolve_zone(zone_text)
        if zone is None:
            assert "I don't know the time zone" in done.text
            zone = "UTC"
            done = await press(user, zone)
        assert "All set" in done.text
        stored = await users.get_user(bot.services.db, user.id)
        assert stored is not None and (stored.name, stored.timezone) == (name, zone)
        people.accepted_everything()

    await explore(
        st.tuples(typed_text(), typed_text()),
        scenario,
        edge_cases=[(name, zone) for name, zone in edge_groups(2)],
    )


# -- /prep ----------------------------------------------------------------------------------


async def test_prep_takes_any_name_company_role_and_date_text(
    sandbox: SandboxServer, bot: CommonGroundApplication, clock: Clock
) -> None:
    people = People(sandbox)
    tz = bot.services.settings.timezone

    async def scenario(typed: tuple[str, str, str, str]) -> None:
        name_text, company_text, role_text, when_text = typed
        user = people.new()
        await say(user, "/prep")
        answer = await say(user, name_text)
        name = tidy(name_text)
        if not 0 < len(name) <= 100:
            assert "Please type their name as plain text" in answer.text
            name = "Sam"
            answer = await say(user, name)
        # A line such as "Sam, CTO at Acme" answers the company and role questions too.
        person = read_person(name)
        company, role = person.company, person.role
        if company is None:
            assert "work?" in answer.text
            answer = await say(user, company_text)
            if is_nothing(company_text):  # "skip", "n/a", "-": as the Skip button
                company = None
            elif (
                workplace := workplace_typed(company_text, as_typed=False, limit=MAX_FIELD)
            ) is not None:
                company, role = workplace.company, workplace.role or role
            else:
                assert "please type 1 to 100 characters, or skip" in answer.text
                answer = await press(user, "Skip")
        if role is None:
            assert "role" in answer.text
            answer = await say(user, role_text)
            typed_role = unhedged(tidy(role_text))
            # "she's CTO at Acme now": the role, and where they work now.
            said = read_role(typed_role)
            if is_nothing(role_text):
                role = None
            elif not 0 < len(typed_role) <= 100:
                assert "please type 1 to 100 characters, or skip" in answer.text
                role = None
                answer = await press(user, "Skip")
            else:
                role, company = said.role, said.company or company
        assert "What do you hope to get from meeting" in answer.text
        await skip_to_when(user, await press(user, "Learn about their field"))
        brief = await say(user, when_text)
        # A no ("tbd", "-") is no date; a date inside a sentence is read from its words.
        said_no = opens_with_nothing(when_text) and when_inside(when_text, clock.now, tz) is None
        try:
            if said_no:
                when = None
            else:
                try:
                    when = parse_when(when_text, clock.now, tz)
                except DateRefused as refusal:
                    inside = date_words(when_text) if refusal.reason == "unreadable" else None
                    if inside is None or inside == when_text:
                        raise
                    when = parse_when(inside, clock.now, tz)
        except DateRefused:
            assert "when is the meeting?" in brief.text.lower() or "couldn't read" in brief.text
            when = None
            brief = await press(user, "Skip")
        if isinstance(when, Ambiguous):  # asked which; the first reading is pressed
            brief = await press(user, brief.labels[0])
            when = when.month_first
        assert "📋 Brief: " in brief.text
        [contact] = await contacts.recent_contacts(bot.services.db, user.id)
        assert (contact.name, contact.company, contact.role) == (person.name, company, role)
        [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, contact.id)
        assert meeting.scheduled_at == (when.at if when else None)
        people.accepted_everything()

    await explore(
        st.tuples(typed_text(), typed_text(), typed_text(), typed_text()),
        scenario,
        edge_cases=[
            *[(a, b, c, d) for a, b, c, d in edge_groups(4)],
            ("Priya Raman, head of data at Northwind", "-", "-", "tomorrow"),
            ("Dana from Ledgerly", "-", " ", "x"),
            ("Sam <b>", "Acme & Co, she's the CTO there", "-", "today 23:00"),
            ("Sam Ng", "-", "he's now head of data at Bolt & Co", "tomorrow"),
        ],
    )


# -- /debrief -------------------------------------------------------------------------------


async def test_debrief_takes_any_name_and_stores_any_answer_byte_for_byte(
    sandbox: SandboxServer, bot: CommonGroundApplication, clock: Clock
) -> None:
    people = People(sandbox)
    db = bot.services.db
    # The questions after a meeting to learn about someone's field.
    steps = bot.services.library.debrief.steps_for(Situation("?", "learn", "seed"))
    tz = bot.services.settings.timezone

    async def scenario(typed: tuple[str, list[str]]) -> None:
        name_text, answers = typed
        user = people.new()
        await say(user, "/debrief")
        await press(user, "Someone else")  # nobody prepped: the name is typed
        answer = await say(user, name_text)
        name = tidy(name_text)
        if not 0 < len(name) <= 100:
            assert "Please type their name as plain text" in answer.text
            name = "Sam"
            answer = await say(user, name)
        assert "What was the meeting with" in answer.text
        question = await press(user, "Learn about their field")
        [contact] = await contacts.recent_contacts(db, user.id)
        person = read_person(name)
        assert (contact.name, contact.company, contact.role) == (
            person.name,
            person.company,
            person.role,
        )
        expected: dict[str, list[str]] = {}
        for number, (step, text) in enumerate(zip(steps, answers, strict=True), start=1):
            assert f"{number}/{len(steps)}" in question.text
            question = await say(user, text)
            if step.answer == "date" and not is_nothing(text):
                try:
                    read = read_follow_up(text, clock.now, tz, meeting_at=clock.now)
                except DateRefused:
                    read = None
                if read is None or isinstance(read.when, Ambiguous):
                    assert "or pick a button above" in question.text
                    question = await press(user, "Skip")
                continue  # the follow-up answer is the follow-up, not a note
            if is_nothing(text):
                continue
            # Promises are split into one note each, without their dates, and what you only
            # might do kept apart; the rest as typed.
            if step.slot not in PROMISE_SLOTS:
                expected[step.slot] = [text]
                continue
            promised, might = split_tentative(read_promises(text, clock.now, tz))
            for slot, parts in ((step.slot, promised), (step.maybe, might)):
                if slot and parts:
                    expected[slot] = [p.text for p in parts]
        assert "Debrief saved: " in question.text
        # The people they suggested are offered next, save the person just debriefed.
        suggested = read_people(expected.get("who_they_know", [""])[0])
        if any(name_key(p.name) != name_key(contact.name) for p in suggested):
            assert "suggested you talk to" in (await next_new(user)).text
        stored: dict[str, list[str]] = {}
        for note in sorted(await all_notes(db, user.id, contact.id), key=lambda n: n.id):
            stored.setdefault(note.slot, []).append(note.body)
        assert stored == expected
        # A follow-up made from these answers can be delivered too.
        for pending in await followups.open_for_contact(db, user.id, contact.id):
            await followups.snooze(db, user.id, pending.id, clock.now)
            await deliver_due(bot)
            reminder = await next_new(user)
            assert "Follow up with " in reminder.text
        people.accepted_everything()

    answers = st.lists(typed_text(), min_size=len(steps), max_size=len(steps))
    await explore(
        st.tuples(typed_text(), answers),
        scenario,
        edge_cases=[
            *[(group[-1], group) for group in edge_groups(len(steps))],
            ("Ana Lima (Globex)", [" "] * len(steps)),
        ],
        max_examples=EXAMPLES + 2,  # with the 3 edge groups, 25 names and 25 of each answer
    )


# -- /contact NAME, /search WORDS, typed contact edits ---------------------------------------


async def test_contact_lookup_takes_any_text_and_finds_any_name(
    sandbox: SandboxServer, bot: CommonGroundApplication
) -> None:
    people = People(sandbox)
    command = "/contact "

    async def scenario(text: str) -> None:
        user = people.new()
        name = tidy(text)
        if 0 < len(name) <= 100:
            await contacts.create_contact(bot.services.db, user.id, name=name)
        answer = await say(user, command + text)
        query = tidy(text)[:100]
        if not query:
            assert "Your contacts (1)" in answer.text or "no contacts yet" in answer.text
        elif 0 < len(name) <= 100 and contacts.fold(name):
            assert answer.text.startswith("👤"), answer.text  # the card, found by its name
        else:
            assert "couldn't find anyone called" in answer.text
        people.accepted_everything()

    await explore(
        typed_text(TELEGRAM_LIMIT - len(command)),
        scenario,
        edge_cases=[_cut(text, TELEGRAM_LIMIT - len(command)) for text in EDGE_CASES],
    )


async def test_search_takes_any_text(sandbox: SandboxServer, bot: CommonGroundApplication) -> None:
    people = People(sandbox)
    command = "/search "

    async def scenario(typed: tuple[str, bool]) -> None:
        text, asked_first = typed
        user = people.new()
        sam = await contacts.create_contact(bot.services.db, user.id, name="Sam")
        await add_note(bot.services.db, sam.owner_id, sam.id, "learned", text)
        if asked_first:
            assert "What should I look for?" in (await say(user, "/search")).text
            answer = await say(user, text)
        else:
            answer = await say(user, command + text)
        if not search_words(tidy(text)[:200]):
            assert "at least one word" in answer.text or "What should I look for?" in answer.text
        elif "I found nothing" not in answer.text:
            # (Whether every text finds itself is tests/unit/test_property_search.py's job.)
            assert "match for" in answer.text, answer.text
            while not answer.buttons:  # a long snippet makes a results message of several parts
                answer = await next_new(user)
            assert answer.labels == ["Sam"]
        people.accepted_everything()

    await explore(
        st.tuples(typed_text(TELEGRAM_LIMIT - len(command)), st.booleans()),
        scenario,
        edge_cases=[(_cut(text, TELEGRAM_LIMIT - len(command)), False) for text in EDGE_CASES],
    )


async def test_contact_edits_take_any_text(
    sandbox: SandboxServer, bot: CommonGroundApplication
) -> None:
    people = People(sandbox)

    async def scenario(typed: tuple[str, str]) -> None:
        field, text = typed
        user = people.new()
        sam = await contacts.create_contact(
            bot.services.db, user.id, name="Sam", company="Globex", role="CTO"
        )
        listing = await say(user, "/contacts")
        await user.press_data(listing.message_id, f"contact:edit:{field}:{sam.id}")
        asked = "What should Sam be called?" if field == "name" else f"What is Sam's {field}?"
        assert asked in (await next_new(user)).text
        answer = await say(user, text)
        value = tidy(text)
        if 0 < len(value) <= 100:
            assert "👤" in answer.text
        else:
            assert "needs to be 1 to 100 characters" in answer.text
            value = getattr(sam, field)
        changed = await contacts.get_contact(bot.services.db, user.id, sam.id)
        assert changed is not None and getattr(changed, field) == value
        people.accepted_everything()

    await explore(
        st.tuples(st.sampled_from(("name", "company", "role")), typed_text()),
        scenario,
        edge_cases=list(zip(itertools.cycle(("name", "company", "role")), EDGE_CASES)),
    )


# -- /digest, and text nobody asked for --------------------------------------------------------


async def test_digest_takes_any_argument(
    sandbox: SandboxServer, bot: CommonGroundApplication
) -> None:
    people = People(sandbox)
    command = "/digest "

    async def scenario(text: str) -> None:
        user = people.new()
        answer = await say(user, command + text)
        saved = re.search(r"Your digest comes at (\d\d):00", answer.text)
        setting = await followups.digest_setting(bot.services.db, user.id)
        if saved:
            assert setting is not None and setting.hour == int(saved.group(1))
        elif "Daily digest off" in answer.text:
            assert setting is not None and setting.off
        else:
            assert "Daily digest" in answer.text
            assert ("didn't catch that hour" in answer.text) == bool(text.split())
            assert setting is None
        people.accepted_everything()

    await explore(
        typed_text(TELEGRAM_LIMIT - len(command)),
        scenario,
        edge_cases=[
            "7",
            "07:00",
            "23",
            "24",
            "off",
            "OFF",
            "²",
            "٣",
            "７",
            "7:",
            "-1",
            "",
            *EDGE_CASES,
        ],
    )


async def test_text_outside_any_conversation_gets_a_pointer(
    sandbox: SandboxServer, bot: CommonGroundApplication
) -> None:
    people = People(sandbox)
    user = people.new()

    async def scenario(text: str) -> None:
        answer = await say(user, text)
        assert "I'm not sure what to do with that" in answer.text
        people.accepted_everything()

    await explore(typed_text(), scenario, edge_cases=EDGE_CASES)


# -- the longest names, many of them ---------------------------------------------------------


async def test_long_names_in_long_lists_arrive_in_parts(
    sandbox: SandboxServer, user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    db = bot.services.db
    names = [f"{n:02d} " + "N" * 97 for n in range(30)]  # as long as a name may be
    for n, name in enumerate(names):
        contact = await contacts.create_contact(
            db, user.id, name=name, company="C" * 100, role="R" * 100
        )
        followup = await followups.create_followup(
            db,
            user.id,
            contact_id=contact.id,
            kind="followup",
            due_at=clock.now + timedelta(hours=n),
            reason="You promised: " + "r" * 140,
        )
        # Each reminder went out already (one chat gets about one a second, so 30 would take
        # half a minute): the lists and the digest are what is under test.
        await followups.mark_delivered(db, user.id, followup.id, clock.now)
    for n in range(20):  # the latest contact owes and is owed a lot
        await add_note(db, contact.owner_id, contact.id, "my_promises", f"promise {n} " + "p" * 200)
        await add_note(
            db, contact.owner_id, contact.id, "their_promises", f"promise {n} " + "t" * 200
        )

    listing = "".join(part.text for part in await replies_to(user, "/followups"))
    assert all(name in listing for name in names)

    await say(user, "/prep")
    asked = await press(user, names[-1][:8])
    assert "Last time you promised" in asked.text
    await press(user, "Skip the rest")  # forty open promises: none of them asked about now
    await skip_to_when(user, await press(user, "Learn about their field"))
    await user.press(label="Tomorrow")
    brief = "".join(part.text for part in await replies_to(user, "/cancel"))
    assert "📋 Brief: " + names[-1] in brief
    # The oldest few are listed (these forty read alike, so as one each way); the card has all.
    assert "You promised a promise 0 " in brief and " offered a promise 0 " in brief

    await deliver_due(bot)
    clock.advance(days=1)  # the first digest, at 08:00 tomorrow: everyone is due by then
    await deliver_due(bot)  # the digest (deliver_due waits for the sends)
    sent = [m.text for m in user.messages]
    start = next(i for i, text in enumerate(sent) if "who is due today" in text)
    assert all(name in "".join(sent[start:]) for name in names)
    assert sandbox.rejections == []
