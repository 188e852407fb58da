"""A meeting's date typed as an answer, for every question that asks for one (/prep's "when",
the card's "change the date"): read in the user's zone and date order, refused with the reason
and an example, or, for a date like 3/4 that their zone cannot order, asked once which."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from telegram import Update

from bot.coaching.dates import (
    DATE_ORDERS,
    Ambiguous,
    DateRefused,
    MeetingTime,
    date_words,
    example_date,
    is_date_order,
    parse_when,
)
from bot.handlers.common import button_value, draft, owner_id, reply, settle_button, toast
from bot.handlers.timezone import user_date_order, user_timezone
from bot.ptb.application import Context
from bot.storage import users
from bot.wording import day

# Longer text is shown back cut: it is a date that could not be read, not something to quote.
SHOWN = 64
# The buttons of "18 February is a Thursday: which day?": the date, or the weekday near it.
_AS_DATED = "as_dated"
_AS_WEEKDAY = "as_weekday"


@dataclass(frozen=True)
class DateQuestion:
    flow: str
    """The draft that keeps the typed text while the question "which day?" waits."""
    order_button: str
    """Callback data prefix of the "which day?" buttons: `<prefix>:<order>`."""
    refusal: str
    """The template that says why a date was refused."""

    async def typed(self, update: Update, context: Context) -> MeetingTime | None:
        """The date typed, or None once the person was told why not or asked which day."""
        assert update.message is not None and update.message.text is not None
        text = update.message.text
        tz = await user_timezone(update, context)
        now, order = context.services.clock(), await user_date_order(update, context)
        try:
            when = parse_when(text, now, tz, order)
        except DateRefused as refusal:
            inside = date_words(text) if refusal.reason == "unreadable" else None
            if inside is None or inside == text:
                await self._refused(update, context, refusal, text, tz)
                return None
            # "we said thursday at 5, at her office": the date in the sentence, read alone.
            text = inside
            try:
                when = parse_when(text, now, tz, order)
            except DateRefused as refusal_inside:
                await self._refused(update, context, refusal_inside, text, tz)
                return None
        if isinstance(when, Ambiguous):
            # Asked once: the answer is how this user writes dates from now on.
            draft(context, self.flow)["when_text"] = text
            buttons = [
                (day_label(when.reading(order), tz), f"{self.order_button}:{order}")
                for order in DATE_ORDERS
            ]
            await reply(update, context, "prep/which_date", [buttons], text=text[:SHOWN])
            return None
        return when

    async def _which_weekday(
        self, update: Update, context: Context, wrong: DateRefused, text: str, tz: ZoneInfo
    ) -> None:
        """ "Wednesday 18 February" when the 18th is a Thursday: asked which day is meant,
        the date or the weekday near it, rather than "couldn't read"."""
        assert wrong.said is not None
        draft(context, self.flow)["when_text"] = text
        readings = ((wrong.read, _AS_DATED), (wrong.other, _AS_WEEKDAY))
        buttons = [
            (day_label(when, tz), f"{self.order_button}:{choice}")
            for when, choice in readings
            if when is not None
        ]
        await reply(
            update,
            context,
            "prep/which_weekday",
            [buttons],
            said=wrong.said,
            dated=wrong.read is not None,
            weekday=wrong.other.local(tz) if wrong.other else None,
        )

    async def _picked_weekday(
        self, update: Update, context: Context, choice: str, text: str
    ) -> MeetingTime | None:
        tz = await user_timezone(update, context)
        order = await user_date_order(update, context)
        try:
            when = parse_when(text, context.services.clock(), tz, order)
        except DateRefused as refusal:
            if refusal.reason != "wrong_weekday":
                await settle_button(update, context, text[:SHOWN])
                await self._refused(update, context, refusal, text, tz)
                return None
            picked = refusal.read if choice == _AS_DATED else refusal.other
            if picked is None:  # the moment passed while the question waited
                await settle_button(update, context, text[:SHOWN])
                await self._which_weekday(update, context, refusal, text, tz)
                return None
            when = picked
        if not isinstance(when, MeetingTime):
            await toast(update, context, "earlier_step")
            return None
        await settle_button(update, context, day_label(when, tz))
        return when

    async def picked_order(self, update: Update, context: Context) -> MeetingTime | None:
        """The reading of the waiting date that a "which day?" button chose (and so how this
        user writes dates, when it was the order of day and month), or None once the person
        was told why not."""
        order = button_value(context, "order")
        text = draft(context, self.flow).get("when_text")
        if order in (_AS_DATED, _AS_WEEKDAY) and isinstance(text, str):
            return await self._picked_weekday(update, context, order, text)
        if not is_date_order(order) or not isinstance(text, str):
            await toast(update, context, "earlier_step")
            return None
        await users.set_date_order(context.services.db, owner_id(update), order)
        tz = await user_timezone(update, context)
        try:
            when = parse_when(text, context.services.clock(), tz, order)
        except DateRefused as refusal:  # the moment passed while the question waited
            await settle_button(update, context, text[:SHOWN])
            await self._refused(update, context, refusal, text, tz)
            return None
        assert isinstance(when, MeetingTime)  # with the order known, one reading
        await settle_button(update, context, day_label(when, tz))
        return when

    async def _refused(
        self, update: Update, context: Context, refusal: DateRefused, text: str, tz: ZoneInfo
    ) -> None:
        if refusal.reason == "wrong_weekday" and refusal.said is not None:
            await self._which_weekday(update, context, refusal, text, tz)
            return
        await reply(
            update,
            context,
            self.refusal,
            reason=refusal.reason,
            text=text[:SHOWN],
            read=refusal.read.local(tz) if refusal.read else None,
            all_day=refusal.read.all_day if refusal.read else False,
            example=example_date(context.services.clock(), tz),
        )


def day_label(when: MeetingTime, tz: ZoneInfo) -> str:
    return day(when.local(tz), time=not when.all_day)
