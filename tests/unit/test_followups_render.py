"""Follow-up messages are valid Telegram HTML with hostile names, and read as intended."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import get_args
from zoneinfo import ZoneInfo

import pytest

from bot.coaching.coming import outlook
from bot.coaching.followups import SNOOZE_CHOICES, Opener, OpenerKind
from bot.config import PROJECT_ROOT
from bot.render import Renderer
from bot.sandbox.telegram_html import parse_html
from bot.storage.followups import KINDS, FollowUp, Kind, Listed
from bot.storage.meetings import Ahead, Meeting

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
HOSTILE = "<b>Bob</b> & <i>Co"
BIGGEST_ID = 10**18 - 1  # the handlers' patterns accept up to 18 digits


@pytest.fixture(scope="module")
def render() -> Renderer:
    return Renderer(PROJECT_ROOT / "prompts")


def followup(kind: Kind, reason: str | None = "Send <the> deck & more", days: int = 0) -> FollowUp:
    return FollowUp(
        id=1,
        owner_id=1,
        contact_id=2,
        meeting_id=3,
        kind=kind,
        reason=reason,
        due_at=NOW + timedelta(days=days),
        delivered_at=None,
        done_at=None,
        cancelled_at=None,
        created_at=NOW,
    )


def reminder(render: Renderer, kind: Kind, **overrides: object) -> str:
    values: dict[str, object] = {
        "kind": kind,
        "name": HOSTILE,
        "first_name": "<b>Bob</b>",
        "company": "A&B <Ltd>",
        "reason": "You promised: <send> & deliver",
        "how": None,
        "due": NOW.astimezone(BERLIN),
        "late": False,
        "meeting_when": NOW.astimezone(BERLIN),
        "all_day": False,
        "since": (3, "weeks"),
        "ever_in_touch": True,
        "opener": Opener("check_in", None),
    }
    values.update(overrides)
    return parse_html(render.message("followups/reminder", **values))


@pytest.mark.parametrize("kind", KINDS)
def test_reminders_are_valid_html_and_show_names_literally(render: Renderer, kind: Kind) -> None:
    text = reminder(render, kind)
    assert HOSTILE in text
    assert len(text) < 1024  # a phone screen, not an essay


def test_a_follow_up_reminder_says_how_in_the_users_words(render: Renderer) -> None:
    assert "Follow up with " + HOSTILE + " — by <email> & call" in reminder(
        render, "followup", how="by <email> & call"
    )
    assert " — " not in reminder(render, "followup").splitlines()[0]


def test_each_kind_of_reminder_says_why(render: Renderer) -> None:
    assert "You promised: <send> & deliver" in reminder(render, "followup")
    assert "You wanted to follow up" in reminder(render, "followup", reason=None)
    assert "It's been 3 weeks since you were last in touch" in reminder(render, "cadence")
    assert "It's been 1 day since" in reminder(render, "cadence", since=(1, "days"))
    assert "haven't been in touch since" in reminder(render, "cadence", ever_in_touch=False)
    debrief = reminder(render, "debrief")
    assert "How did it go with" in debrief and "at 10:00 on Sun 22 Nov has passed" in debrief
    assert "on Sun 22 Nov has passed" in reminder(render, "debrief", all_day=True)
    assert "(due Sun 22 Nov)" in reminder(render, "followup", late=True)


@pytest.mark.parametrize("kind", get_args(OpenerKind))
def test_every_opener_reads_as_a_message_to_them(render: Renderer, kind: OpenerKind) -> None:
    detail = None if kind == "check_in" else "the <new> role"
    text = reminder(render, "followup", opener=Opener(kind, detail))
    [opener] = [line for line in text.splitlines() if line.startswith("Hi <b>Bob</b>")]
    if detail:
        assert "“the <new> role”" in opener
    else:
        assert "at A&B <Ltd>" in opener and "help" in opener


def meeting(days: float, all_day: bool = False) -> Meeting:
    return Meeting(
        id=4,
        owner_id=1,
        contact_id=2,
        goal="learn",
        scheduled_at=NOW + timedelta(days=days),
        created_at=NOW,
        debrief_reminder=True,
        all_day=all_day,
    )


def test_digest_and_list_are_valid_html(render: Renderer) -> None:
    entries = [
        Listed(followup("followup", days=-2), HOSTILE, None),
        Listed(followup("cadence", reason=None), "Sam", None),
        Listed(followup("debrief", reason=None, days=3), "Kim", None),
    ]
    digest = parse_html(
        render.message(
            "followups/digest",
            entries=entries[:2],
            name="<Ada>",
            now=NOW.astimezone(BERLIN),
            tz=BERLIN,
        )
    )
    assert f"• {HOSTILE} — Send <the> deck & more (since Fri 20 Nov)" in digest
    assert "• Sam — time to get back in touch\n" in digest
    promise = replace(followup("followup", days=5), reason="You promised Ines an intro.")
    coming = [
        *entries,
        Listed(replace(promise, promise_note_id=9), "Ines", None),
        Listed(replace(followup("followup", days=22), how="by <email> & phone"), HOSTILE, None),
        Ahead(meeting(10), HOSTILE, "A&B <Ltd>"),
        Ahead(meeting(40, all_day=True), "Dana Okafor", None),
    ]
    plan = outlook(
        [e for e in coming if isinstance(e, Listed)],
        [e for e in coming if isinstance(e, Ahead)],
        NOW,
        BERLIN,
    )
    listing = parse_html(render.message("followups/list", plan=plan, tz=BERLIN, days=30))
    assert f"Fri 20 Nov · {HOSTILE} — Send <the> deck & more" in listing  # due now
    assert "Wed 25 Nov · Debrief your meeting with Kim" in listing
    assert "Fri 27 Nov · You promised Ines an intro\n" in listing
    assert f"Wed 2 Dec 10:00 · Meeting with {HOSTILE} (A&B <Ltd>)" in listing
    assert f"Mon 14 Dec · Follow up with {HOSTILE} — by <email> & phone" in listing
    assert "1 more after Tue 22 Dec" in listing
    assert "Dana" not in listing
    later = parse_html(
        render.message(
            "followups/later", lines=plan.later, after=plan.last_day, first=True, more=0, tz=BERLIN
        )
    )
    assert "After Tue 22 Dec" in later and "Fri 1 Jan · Meeting with Dana Okafor" in later
    empty = outlook(list[Listed](), list[Ahead](), NOW, BERLIN)
    assert "Nothing due" in parse_html(
        render.message("followups/list", plan=empty, tz=BERLIN, days=30)
    )


def test_the_small_messages_are_valid_html(render: Renderer) -> None:
    done = render.message("followups/done", name=HOSTILE, next_nudge=NOW.astimezone(BERLIN))
    assert "around Sun 22 Nov" in parse_html(done)
    assert "/debrief" in parse_html(render.message("followups/skipped", kind="debrief"))
    assert "off your list" in parse_html(render.message("followups/skipped", kind="followup"))
    for off in (True, False):
        for bad in (True, False):
            parse_html(
                render.message(
                    "followups/digest_settings", off=off, hour="08", zone="Europe/Berlin", bad=bad
                )
            )
        parse_html(render.message("followups/digest_saved", off=off, hour="08", zone="UTC"))


def test_button_labels_exist_and_callback_data_fits(render: Renderer) -> None:
    for choice in SNOOZE_CHOICES:
        assert render.label(f"followups.snooze.{choice}")
        assert len(f"followup:snooze:{BIGGEST_ID}:{choice}".encode()) <= 64
    for kind in KINDS:
        assert "Ada" in render.label(f"followups.show.{kind}", name="Ada")
    for label in ("done", "open_contact", "debrief_now", "not_this_time", "marked_done"):
        assert render.label(f"followups.{label}")
    assert render.label("digest.off") == "Off"
    assert render.label("commands.followups") and render.label("commands.digest")
    assert render.label("followups.show_later") and render.label("followups.show_more")
    assert len(f"followup:later:{999_999}".encode()) <= 64
    for data in ("done", "skip", "show"):
        assert len(f"followup:{data}:{BIGGEST_ID}".encode()) <= 64
    assert len(f"debrief:start:{BIGGEST_ID}".encode()) <= 64
