"""The slots of knowledge about a contact that questions fill and debrief steps write.

Only ids live here: how a slot is worded to the user belongs to prompts/.
"""

from __future__ import annotations

HELP_SLOT = "how_i_can_help"

SLOTS: frozenset[str] = frozenset(
    {
        # Who they are.
        "origin_story",
        "what_they_value",
        "interests",
        "current_work",
        "current_challenge",
        "their_goals",
        "recent_changes",
        "company_news",
        # What they know.
        "surprises",
        "advice",
        "industry_tips",
        "who_they_know",
        "decision_power",
        # Between us.
        "common_ground",
        HELP_SLOT,
        "my_promises",
        "their_promises",
        "their_asks",
        "follow_up",
        "learned",
    }
)
