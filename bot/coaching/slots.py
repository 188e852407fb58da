"""The slots of knowledge about a contact that questions fill and debrief steps write.

Only ids live here: how a slot is worded to the user belongs to prompts/.
"""

from __future__ import annotations

HELP_SLOT = "how_i_can_help"

PROMISE_SLOTS = ("my_promises", "their_promises")
"""Promises, mine and theirs: a card lists the open ones apart, each with a "kept" button."""

# Everything else known about a contact, in the order a card shows it.
CARD_SLOTS = (
    "learned",
    "what_they_value",
    "common_ground",
    HELP_SLOT,
    "their_asks",
    "their_goals",
    "current_work",
    "current_challenge",
    "recent_changes",
    "company_news",
    "origin_story",
    "interests",
    "who_they_know",
    "decision_power",
    "advice",
    "my_advice",
    "industry_tips",
    "surprises",
    "follow_up",
)

SLOTS: frozenset[str] = frozenset((*CARD_SLOTS, *PROMISE_SLOTS))
