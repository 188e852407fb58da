"""/prep between the goal and the date: how you know them, where you meet, what you came for.

Each step is one or two taps and can be skipped; an answer typed at a button step is read
("we worked together at Acme", "zoom", "she introduced me, Maria Lopez") and, when it says
none of the choices, the question comes again with what was typed. Known contacts are not
asked how you know them. Like every /prep answer, these live in the draft until the date is
given; `acquaintance` and `meeting_about` say what the draft holds for storing.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler

from bot.coaching.aim import names_themself, read_aim
from bot.coaching.answers import is_nothing, placed
from bot.coaching.dates import MeetingTime, example_date, when_inside
from bot.coaching.fact_fit import gave_the_talk, reads_as_topic
from bot.coaching.goal_words import goal_without_ask
from bot.coaching.names import Verdict, reference
from bot.coaching.situation import (
    CAN_HELP,
    LAST_TALKED,
    RELATIONSHIPS,
    SETTINGS,
    first_name,
    fitting_goal,
    is_last_talked,
    is_relationship,
    is_setting,
    stage_for,
)
from bot.coaching.situation_words import (
    RelationshipReading,
    SettingReading,
    gap_in,
    goal_instead,
    is_only_a_date,
    is_unsure,
    names_a_place,
    read_can_help,
    read_last_talked,
    read_relationship,
    read_said_about,
    read_setting,
    read_target,
    read_topic,
    short_topic,
)
from bot.coaching.stages import Stage, is_goal
from bot.handlers import who
from bot.handlers.common import (
    TYPED,
    Button,
    button_value,
    draft,
    owner_id,
    reply,
    settle_button,
    toast,
)
from bot.handlers.timezone import user_date_order, user_timezone
from bot.ptb.application import Context
from bot.storage.contacts import Acquaintance
from bot.storage.meetings import MeetingAbout

RELATIONSHIP = "prep.relationship"
LAST_TALKED_STEP = "prep.last_talked"
INTRODUCER = "prep.introducer"
TARGET = "prep.target"
CAN_HELP_STEP = "prep.can_help"
SETTING = "prep.setting"
TOPIC = "prep.topic"
AIM = "prep.aim"
WHEN = "prep.when"

CHANGE_GOAL = "prep:regoal"
MAX_FIELD = 100
MAX_AIM = 300
LAST_TALKED_ASKED = tuple(t for t in LAST_TALKED if t != "never")


def goal_read_back(context: Context) -> tuple[dict[str, str], list[list[Button]]]:
    """The goal read from a typed sentence, for the question that follows it to say back
    once ("🎯 Taken as: Give help"), and the button that changes it."""
    goal = draft(context, "prep").pop("goal_read", None)
    if goal is None:
        return {}, []
    return {"goal_read": goal}, [[(context.services.render.label("change_goal"), CHANGE_GOAL)]]


async def after_goal(update: Update, context: Context) -> str:
    """The first of these questions that applies, or the date when none does."""
    prep = draft(context, "prep")
    if "relationship" not in prep:
        said = prep.get("from_line") or {}
        if is_relationship(said.get("relationship")):
            # "Priya, she was my first manager": not asked again how you know her.
            reading = RelationshipReading(
                said["relationship"], said.get("last_talked"), said.get("introducer")
            )
            prep["known_from"] = said.get("words")
            return await _took_relationship(update, context, reading)
        return await _ask_relationship(update, context)
    return await _after_relationship(update, context)


async def known_from_line(
    update: Update, context: Context, about: str | None
) -> dict[str, str | None] | None:
    """How you know them and when you last talked, as the words after the name say ("she
    was my first manager at Sonae about 4 years ago"), kept in the draft."""
    said = read_said_about(about, await _today(update, context)) if about else None
    return dataclasses.asdict(said) | {"words": about} if said else None


# -- how you know them ------------------------------------------------------------------------


async def _ask_relationship(update: Update, context: Context, unread: str | None = None) -> str:
    render = context.services.render
    options = [(render.label(f"relationships.{r}"), f"prep:rel:{r}") for r in RELATIONSHIPS]
    rows = [options[i : i + 2] for i in range(0, len(options), 2)]
    said, change = goal_read_back(context)
    await reply(
        update,
        context,
        "prep/relationship",
        rows + _skip(context) + change,
        name=draft(context, "prep")["name"],
        unread=unread,
        **said,
    )
    return RELATIONSHIP


async def picked_relationship(update: Update, context: Context) -> str:
    relationship = button_value(context, "value")
    if not is_relationship(relationship):
        await toast(update, context, "earlier_step")
        return RELATIONSHIP
    label = context.services.render.label(f"relationships.{relationship}")
    await settle_button(update, context, label)
    return await _took_relationship(update, context, RelationshipReading(relationship))


async def typed_relationship(update: Update, context: Context) -> str:
    text = _text(update)
    if is_nothing(text):
        return await _skipped_relationship(update, context)
    relationship = placed(RELATIONSHIPS, text)
    if relationship is not None:
        return await _took_relationship(update, context, RelationshipReading(relationship))
    reading = read_relationship(text, await _today(update, context))
    if reading is None:
        return await _ask_relationship(update, context, unread=text)
    # "Met once at a conference in Montreal": the brief says where you met from these words.
    draft(context, "prep")["known_from"] = text
    return await _took_relationship(update, context, reading)


async def _took_relationship(update: Update, context: Context, reading: RelationshipReading) -> str:
    prep = draft(context, "prep")
    prep["relationship"] = reading.relationship
    # "Tom, we last talked two years ago": said with the name, or in passing with the aim
    # ("mostly to catch up, it's been two years"), and not asked again.
    aim = prep.get("aim")
    prep["last_talked"] = (
        reading.last_talked
        or (prep.get("from_line") or {}).get("last_talked")
        or (gap_in(aim, await _today(update, context)) if aim else None)
    )
    talked = prep["last_talked"]
    if reading.introducer is not None:
        await _take_introducer(update, context, reading.introducer)
    if reading.relationship == "introduced":
        if prep.get("introducer") is None:
            said, change = goal_read_back(context)
            await reply(update, context, "prep/introducer", _skip(context) + change, **said)
            return INTRODUCER
    elif reading.relationship != "never_met" and talked is None:
        return await _ask_last_talked(update, context)
    return await _after_relationship(update, context)


async def skipped(update: Update, context: Context) -> str:
    """Skip at a step of how you know them."""
    await settle_button(update, context, context.services.render.label("skip"))
    return await _skipped_relationship(update, context)


async def _skipped_relationship(update: Update, context: Context) -> str:
    draft(context, "prep").setdefault("relationship", None)
    return await _after_relationship(update, context)


async def _ask_last_talked(update: Update, context: Context, unread: str | None = None) -> str:
    render = context.services.render
    # "Never" is for people never met, who are not asked.
    options = [(render.label(f"last_talked.{t}"), f"prep:talked:{t}") for t in LAST_TALKED_ASKED]
    said, change = goal_read_back(context)
    await reply(
        update,
        context,
        "prep/last_talked",
        [[o] for o in options] + _skip(context) + change,
        name=draft(context, "prep")["name"],
        unread=unread,
        **said,
    )
    return LAST_TALKED_STEP


async def picked_last_talked(update: Update, context: Context) -> str:
    talked = button_value(context, "value")
    if not is_last_talked(talked):
        await toast(update, context, "earlier_step")
        return LAST_TALKED_STEP
    await settle_button(update, context, context.services.render.label(f"last_talked.{talked}"))
    draft(context, "prep")["last_talked"] = talked
    return await _after_relationship(update, context)


async def typed_last_talked(update: Update, context: Context) -> str:
    text = _text(update)
    if is_nothing(text):
        return await _after_relationship(update, context)
    talked = placed(LAST_TALKED_ASKED, text) or read_last_talked(
        text, await _today(update, context)
    )
    if talked is None:
        return await _ask_last_talked(update, context, unread=text)
    draft(context, "prep")["last_talked"] = talked
    return await _after_relationship(update, context)


async def typed_introducer(update: Update, context: Context) -> str:
    text = _text(update)
    if is_nothing(text):
        return await _after_relationship(update, context)
    name = await who.typed_name(update, context)
    if name is None:
        return INTRODUCER
    await _take_introducer(update, context, name)
    return await _after_relationship(update, context)


async def _take_introducer(update: Update, context: Context, name: str) -> None:
    """The introducer as one of your contacts when the name is likely one, else as typed."""
    prep = draft(context, "prep")
    person = reference(name)
    found = await who.resolve(context.services.db, owner_id(update), person)
    [contact] = found.people if found.verdict is Verdict.ONE else [None]
    if contact is not None and contact.id != prep.get("contact_id"):
        prep.update(introducer=contact.name, introducer_id=contact.id)
    else:
        prep.update(introducer=person.name, introducer_id=None)


# -- the ask, the setting, the aim ------------------------------------------------------------


async def _after_relationship(update: Update, context: Context) -> str:
    prep = draft(context, "prep")
    relationship = prep.get("relationship")
    if is_goal(prep.get("goal")):
        prep["goal"] = fitting_goal(
            prep["goal"], relationship if is_relationship(relationship) else None
        )
    if _goal(context) in ("ask", "job") and read_aim(prep.get("aim")).from_them:
        # A reference, a review, their advice: the person you meet is the one to say yes.
        prep["can_help"] = "yes"
        return await _ask_setting(update, context)
    if _asks(context):
        said, change = goal_read_back(context)
        await reply(
            update, context, "prep/target", _skip(context) + change, goal=_goal(context), **said
        )
        return TARGET
    return await _ask_setting(update, context)


async def typed_target(update: Update, context: Context) -> str:
    text = _text(update)
    if is_nothing(text):
        return await _ask_setting(update, context)
    said = _field(update, MAX_AIM)
    if said is None:
        await reply(update, context, "prep/too_long", _skip(context), max_length=str(MAX_AIM))
        return TARGET
    if names_a_place(said):
        # A step ahead: not a person to be introduced to. Where comes next anyway.
        await reply(update, context, "prep/target", _skip(context), goal=_goal(context), place=said)
        return TARGET
    if is_only_a_date(said):
        # When you meet, typed two steps early ("today at 8pm"): no person either. Kept, so
        # "When do you meet?" is not asked again, when it reads as one time.
        now, tz = context.services.clock(), await user_timezone(update, context)
        found = when_inside(said, now, tz, await user_date_order(update, context))
        if found is not None and found.when is not None and not found.rest:
            draft(context, "prep")["when"] = {
                "at": found.when.at.isoformat(),
                "all_day": found.when.all_day,
            }
        await reply(update, context, "prep/target", _skip(context), goal=_goal(context), when=said)
        return TARGET
    prep = draft(context, "prep")
    instead = goal_without_ask(said)
    if instead is not None:
        # "Herself? I'm not really asking for anything, mostly giving help": the goal was
        # read wrong, and there is no one to ask.
        prep["goal"] = instead
        return await _ask_setting(update, context)
    if _goal(context) == "ask" and names_themself(said, prep["name"]):
        # "Priya herself": she says yes, so "can Priya say yes?" would ask it again.
        prep.update(ask_target=prep["name"], ask_why=None, can_help="yes")
        return await _ask_setting(update, context)
    reading = read_target(said)
    if reading is None:
        # No one to ask yet: no target and no "can they say yes?"; words that came for
        # something else ("I want her advice") make that the goal.
        instead = goal_instead(said)
        if instead is not None:
            # They just said what they want: not asked again as the aim.
            draft(context, "prep").update(goal=instead, aim=None)
        return await _ask_setting(update, context)
    target, why = reading
    draft(context, "prep").update(ask_target=target, ask_why=why)
    return await _ask_can_help(update, context)


async def skipped_target(update: Update, context: Context) -> str:
    await settle_button(update, context, context.services.render.label("skip"))
    return await _ask_setting(update, context)


async def _ask_can_help(update: Update, context: Context, unread: str | None = None) -> str:
    prep = draft(context, "prep")
    first = first_name(prep["name"])
    render = context.services.render
    options = [(render.label(f"can_help.{c}", name=first), f"prep:can:{c}") for c in CAN_HELP]
    await reply(
        update,
        context,
        "prep/can_help",
        [[o] for o in options] + _skip(context),
        name=prep["name"],
        target=prep.get("ask_target"),
        goal=_goal(context),
        unread=unread,
    )
    return CAN_HELP_STEP


async def picked_can_help(update: Update, context: Context) -> str:
    can_help = button_value(context, "value")
    if can_help not in CAN_HELP:
        await toast(update, context, "earlier_step")
        return CAN_HELP_STEP
    first = first_name(draft(context, "prep")["name"])
    await settle_button(
        update, context, context.services.render.label(f"can_help.{can_help}", name=first)
    )
    draft(context, "prep")["can_help"] = can_help
    return await _ask_setting(update, context)


async def typed_can_help(update: Update, context: Context) -> str:
    text = _text(update)
    can_help = read_can_help(text)
    if can_help is None and not (is_unsure(text) or is_nothing(text)):
        return await _ask_can_help(update, context, unread=text)
    draft(context, "prep")["can_help"] = can_help
    return await _ask_setting(update, context)


async def skipped_can_help(update: Update, context: Context) -> str:
    await settle_button(update, context, context.services.render.label("skip"))
    return await _ask_setting(update, context)


async def _ask_setting(update: Update, context: Context, when_typed: bool = False) -> str:
    render = context.services.render
    options = [(render.label(f"settings.{s}"), f"prep:setting:{s}") for s in SETTINGS]
    rows = [options[i : i + 2] for i in range(0, len(options), 2)]
    said, change = goal_read_back(context)
    await reply(
        update,
        context,
        "prep/setting",
        rows + _skip(context) + change,
        name=draft(context, "prep")["name"],
        when_typed=when_typed,
        **said,
    )
    return SETTING


async def picked_setting(update: Update, context: Context) -> str | int:
    setting = button_value(context, "value")
    if not is_setting(setting):
        await toast(update, context, "earlier_step")
        return SETTING
    await settle_button(update, context, context.services.render.label(f"settings.{setting}"))
    return await _took_setting(update, context, SettingReading(setting))


async def typed_setting(update: Update, context: Context) -> str | int:
    """Any words are a setting: the nearest kind for the playbooks, the words for the brief.
    Only a date ("Friday at 7pm") brings the question back, since the date comes next."""
    text = _text(update)
    if is_nothing(text) or is_unsure(text):
        return await _after_setting(update, context)
    setting = placed(SETTINGS, text)
    if setting is not None:
        return await _took_setting(update, context, SettingReading(setting))
    now, tz = context.services.clock(), await user_timezone(update, context)
    said = when_inside(text, now, tz, await user_date_order(update, context))
    reading = read_setting(said.rest) if said and said.rest else None
    if said is not None and not said.rest:
        # "dinner tonight": the date took every word; the kind is still there to read.
        found = read_setting(text)
        reading = SettingReading(found.setting, found.topic) if found and found.setting else None
    if said is not None and reading is not None:
        # "lunch near her office on friday at 1pm": where, and when too, not asked again
        # (unless the day was unclear: "coffee next week").
        if said.when is not None:
            draft(context, "prep")["when"] = {
                "at": said.when.at.isoformat(),
                "all_day": said.when.all_day,
            }
        return await _took_setting(update, context, reading, text)
    reading = read_setting(text)
    if reading is None:
        return await _ask_setting(update, context, when_typed=True)
    return await _took_setting(update, context, reading, text)


async def skipped_setting(update: Update, context: Context) -> str | int:
    await settle_button(update, context, context.services.render.label("skip"))
    return await _after_setting(update, context)


async def _took_setting(
    update: Update, context: Context, reading: SettingReading, typed: str | None = None
) -> str | int:
    prep = draft(context, "prep")
    prep.update(setting=reading.setting, setting_words=reading.words, topic=reading.topic)
    if reading.setting == "event" and typed:
        # The brief's words are the head of what was typed ("a quick chat at the breakfast
        # on climate risk"); who speaks is often said after it ("he's on the panel").
        _mark_their_talk(context, typed)
    if reading.setting == "event" and reading.topic is None:
        await reply(update, context, "prep/topic", _skip(context))
        return TOPIC
    return await _after_setting(update, context)


async def typed_topic(update: Update, context: Context) -> str | int:
    """The talk's title, short: what was typed without "it was about" and the explanation
    after it, so that it reads well inside a question."""
    text = _text(update)
    prep = draft(context, "prep")
    topic = None if is_nothing(text) else read_topic(text) or short_topic(text)
    # "Not sure yet" is no title: the brief would quote it as one.
    if topic is not None and reads_as_topic(topic):
        prep["topic"] = topic
    _mark_their_talk(context, text)
    return await _after_setting(update, context)


def _mark_their_talk(context: Context, typed: str) -> None:
    """Unless the user says they gave it, the talk is one you both heard. When they do, it
    is kept where the brief looks for who spoke, with where you meet."""
    prep = draft(context, "prep")
    name = first_name(prep["name"])
    words = prep.get("setting_words")
    if not gave_the_talk(typed, name) or gave_the_talk(words, name):
        return
    render = context.services.render
    where = words or render.label("settings.event").lower()
    prep["setting_words"] = render.label("after_their_talk", where=where)


async def skipped_topic(update: Update, context: Context) -> str | int:
    await settle_button(update, context, context.services.render.label("skip"))
    return await _after_setting(update, context)


async def _after_setting(update: Update, context: Context) -> str | int:
    # For an ask or an introduction, who and why already say what to walk out with; a goal
    # typed in their own words already said it too.
    if _asks(context) or "aim" in draft(context, "prep"):
        return await ask_when(update, context)
    await reply(update, context, "prep/aim", _skip(context), goal=_goal(context))
    return AIM


async def typed_aim(update: Update, context: Context) -> str | int:
    text = _text(update)
    if is_only_a_date(text):
        await reply(
            update, context, "prep/aim", _skip(context), goal=_goal(context), when_typed=True
        )
        return AIM
    if not is_nothing(text):
        aim = _field(update, MAX_AIM)
        if aim is None:
            await reply(update, context, "prep/too_long", _skip(context), max_length=str(MAX_AIM))
            return AIM
        draft(context, "prep")["aim"] = aim
    return await ask_when(update, context)


async def skipped_aim(update: Update, context: Context) -> str | int:
    await settle_button(update, context, context.services.render.label("skip"))
    return await ask_when(update, context)


def _goal(context: Context) -> str:
    return str(draft(context, "prep").get("goal"))


def _asks(context: Context) -> bool:
    return _goal(context) in ("ask", "intro")


# -- when -------------------------------------------------------------------------------------


async def ask_when(update: Update, context: Context) -> str | int:
    said = draft(context, "prep").get("when")
    if said is not None:
        # The date came with where you meet. prep imports this module for its states, so
        # its finish is imported here.
        from bot.handlers.prep import finish

        at = datetime.fromisoformat(said["at"])
        return await finish(update, context, MeetingTime(at, all_day=bool(said["all_day"])))
    render = context.services.render
    tz = await user_timezone(update, context)
    buttons = [
        [
            (render.label("today"), "prep:when:today"),
            (render.label("tomorrow"), "prep:when:tomorrow"),
        ],
        [(render.label("skip"), "prep:when:skip")],
    ]
    example = example_date(context.services.clock(), tz)
    await reply(update, context, "prep/when", buttons, example=example)
    return WHEN


# -- what the draft holds, for storing ---------------------------------------------------------


def acquaintance(prep: dict[str, Any]) -> tuple[Acquaintance, Stage] | None:
    """How the user said they know the person, and the stage that follows from it."""
    relationship = prep.get("relationship")
    if not is_relationship(relationship):
        return None
    said = prep.get("last_talked")
    talked = said if is_last_talked(said) else None
    known = Acquaintance(
        relationship=relationship,
        last_talked=talked,
        introducer=prep.get("introducer"),
        introducer_id=prep.get("introducer_id"),
    )
    return known, stage_for(relationship, talked).stage


def meeting_about(prep: dict[str, Any]) -> MeetingAbout:
    """Where and what for, as the draft holds it."""
    return MeetingAbout(
        setting=prep.get("setting"),
        setting_words=prep.get("setting_words"),
        known_from=prep.get("known_from"),
        topic=prep.get("topic"),
        aim=prep.get("aim"),
        ask_target=prep.get("ask_target"),
        ask_why=prep.get("ask_why"),
        can_help=prep.get("can_help"),
    )


async def _today(update: Update, context: Context) -> date:
    """Today where the user is: "last christmas" is counted back from it."""
    return context.services.clock().astimezone(await user_timezone(update, context)).date()


def _text(update: Update) -> str:
    assert update.message is not None and update.message.text is not None
    return update.message.text


def _skip(context: Context) -> list[list[Button]]:
    return [[(context.services.render.label("skip"), "prep:skip")]]


def _field(update: Update, max_length: int = MAX_FIELD) -> str | None:
    value = " ".join(_text(update).split())
    return value if 0 < len(value) <= max_length else None


# The questions that can come right after the goal: the one that follows a goal read from a
# sentence says it back, with a button to change it (goal_read_back).
AFTER_GOAL = frozenset({RELATIONSHIP, LAST_TALKED_STEP, INTRODUCER, TARGET, SETTING})
STATES: dict[object, list[BaseHandler[Update, Context, Any]]] = {
    RELATIONSHIP: [
        CallbackQueryHandler(picked_relationship, pattern=r"^prep:rel:(?P<value>\w+)$"),
        CallbackQueryHandler(skipped, pattern=r"^prep:skip$"),
        MessageHandler(TYPED, typed_relationship),
    ],
    LAST_TALKED_STEP: [
        CallbackQueryHandler(picked_last_talked, pattern=r"^prep:talked:(?P<value>\w+)$"),
        CallbackQueryHandler(skipped, pattern=r"^prep:skip$"),
        MessageHandler(TYPED, typed_last_talked),
    ],
    INTRODUCER: [
        CallbackQueryHandler(skipped, pattern=r"^prep:skip$"),
        MessageHandler(TYPED, typed_introducer),
    ],
    TARGET: [
        CallbackQueryHandler(skipped_target, pattern=r"^prep:skip$"),
        MessageHandler(TYPED, typed_target),
    ],
    CAN_HELP_STEP: [
        CallbackQueryHandler(picked_can_help, pattern=r"^prep:can:(?P<value>\w+)$"),
        CallbackQueryHandler(skipped_can_help, pattern=r"^prep:skip$"),
        MessageHandler(TYPED, typed_can_help),
    ],
    SETTING: [
        CallbackQueryHandler(picked_setting, pattern=r"^prep:setting:(?P<value>\w+)$"),
        CallbackQueryHandler(skipped_setting, pattern=r"^prep:skip$"),
        MessageHandler(TYPED, typed_setting),
    ],
    TOPIC: [
        CallbackQueryHandler(skipped_topic, pattern=r"^prep:skip$"),
        MessageHandler(TYPED, typed_topic),
    ],
    AIM: [
        CallbackQueryHandler(skipped_aim, pattern=r"^prep:skip$"),
        MessageHandler(TYPED, typed_aim),
    ],
}
