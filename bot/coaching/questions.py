"""Choosing the open questions to take into a meeting."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence

from bot.coaching.fact_fit import about_work
from bot.coaching.facts import fill
from bot.coaching.memory import content_words, settled_slots
from bot.coaching.playbook_model import Library, Playbook, Question, by_fit
from bot.coaching.situation import Setting, Situation
from bot.coaching.slots import HELP_SLOT

# More than five will not be remembered. A few minutes in a hallway hold an opener and one
# follow-up; a video call tires sooner than a coffee.
MAX_QUESTIONS = 5
PER_PLAYBOOK = 2
"""Questions one playbook gives before the others that apply have had their turn."""
QUESTIONS_FOR: dict[Setting | None, int] = {
    "event": 2,
    "video": 3,
    "coffee": 4,
    "meal": 4,
    # Side by side or over a pint: talk wanders, and nobody reads a list off a phone.
    "drinks": 3,
    "walk": 3,
    "interview": 4,
    None: 4,
}


# Words of an aim that say how, when or how much, never what about: "my first job" is not
# about "what drew you to Acme in the first place", nor "it's been too long" about "I'd love
# the long version". Matched on them, a question jumps ahead of the one the meeting needs.
_SAYS_NO_TOPIC = frozenset(
    """first last next long since still ever good great best better real whole
    year month today tonight soon later already never
    hope hoping love think thinking looking want wanting need trying know
    work working people person""".split()  # noqa: SIM905 - a word list reads best as words
)

_WHO_THEY_ARE = frozenset({"name", "first_name", "company", "role", "introducer", "my_name"})


def question_count(setting: Setting | None) -> int:
    return QUESTIONS_FOR[setting]


def select_questions(
    library: Library, situation: Situation, rng: random.Random, count: int | None = None
) -> list[Question]:
    """Questions for a meeting, one per slot, their placeholders filled, ending with help.

    A question is left out when a fact it names is unknown, when it is not for this
    relationship or for what is known (its `unless`), when its slot is already known
    (they told you; the brief turns that into something to do instead), or when the last
    brief for this person suggested it or its slot, unless that went unanswered. Questions
    about something the user's own aim names come first; then the most
    fitting playbooks are drawn from; within a rank, questions that use what you know
    come first, the rest in shuffled order so meetings differ. Fewer than `count` come back
    only when the playbooks run out.
    """
    wanted = min(count if count is not None else question_count(situation.setting), MAX_QUESTIONS)
    facts = situation.facts()
    spent = settled_slots(situation.notes) | _asked_before(library, situation)
    if situation.relationship == "friend":
        # A friend's story is one you know: "how did you end up at Ocado?" would show you don't.
        spent |= {"origin_story"}
    playbooks = library.applicable(situation)
    candidates = [
        q
        for q in ranked_questions(playbooks, rng)
        if q.needs <= facts.keys()
        and q.slot not in spent
        and q.fits(situation, facts)
        # Someone retired is asked about their life now, not a job they left.
        and not ("retired" in facts and about_work(q.text))
    ]
    # What the user typed they want comes before what any playbook would ask anyway: "how
    # junior hiring works, and how to show my portfolio" wants the portfolio question.
    if situation.aim:
        # Who they are (their name, company, title) in both says nothing about what the aim
        # is about; the field, the talk's topic or the person to meet next is what it is about.
        named = set().union(*(content_words(v) for k, v in facts.items() if k in _WHO_THEY_ARE))
        about = content_words(situation.aim) - named - _SAYS_NO_TOPIC
        candidates.sort(key=lambda q: not content_words(fill(q.text, facts)) & about)
    offer = next((q for q in candidates if q.slot == HELP_SLOT), None)
    others_wanted = max(wanted - (1 if offer else 0), 0)

    chosen: list[Question] = []
    used_slots = {HELP_SLOT}
    # What you came for gets a question of its own, however many the relationship and the
    # setting would fill: advice sought over a pint is still asked for. Not in a hallway's
    # single question, which belongs to the talk.
    for_goal = {p.id for p in playbooks if p.applies.goals}
    if others_wanted >= 2:
        first = next(
            (q for q in candidates if q.playbook in for_goal and q.slot != HELP_SLOT), None
        )
        if first is not None:
            chosen.append(first)
            used_slots.add(first.slot)
    # Two rounds: first at most PER_PLAYBOOK from each playbook, so that a meeting that is
    # several things at once (an introduction, over coffee, with a career change in mind)
    # gets a question for each; then whatever fits, to make up the count.
    for cap in (PER_PLAYBOOK, MAX_QUESTIONS):
        taken = Counter(q.playbook for q in chosen)
        for question in candidates:
            if len(chosen) == others_wanted:
                break
            if question.slot not in used_slots and taken[question.playbook] < cap:
                chosen.append(question)
                used_slots.add(question.slot)
                taken[question.playbook] += 1
    # Asked in the order their authors wrote them, most fitting playbook first: a friend's
    # news before the favour, the talk before the follow-up.
    place = {
        q.key: (rank, i) for rank, p in enumerate(playbooks) for i, q in enumerate(p.questions)
    }
    chosen.sort(key=lambda q: place[q.key])
    # Offering help last closes the conversation on giving, the note it should end on.
    if offer is not None and wanted > 0:
        chosen.append(offer)
    return [_filled(q, facts) for q in chosen]


def ranked_questions(playbooks: Sequence[Playbook], rng: random.Random) -> list[Question]:
    """All their questions, most specific playbooks first; within a rank, the user's own
    playbooks' first (they wrote them for meetings like this), then those naming more known
    facts, the rest in shuffled order."""
    ranked: list[Question] = []
    for rank in by_fit(playbooks):
        own = {playbook.id for playbook in rank if playbook.own}
        tier = [q for playbook in rank for q in playbook.questions]
        rng.shuffle(tier)
        tier.sort(key=lambda q: (q.playbook not in own, -len(q.needs)))
        ranked.extend(tier)
    return ranked


def _asked_before(library: Library, situation: Situation) -> set[str]:
    """Slots the last brief asked about that are not known to have gone unanswered."""
    last = situation.last_brief
    if last is None:
        return set()
    settled = last.asked - last.unanswered
    return {q.slot for p in library.prep for q in p.questions if q.key in settled}


def _filled(question: Question, facts: dict[str, str]) -> Question:
    return Question(
        id=question.id,
        text=fill(question.text, facts),
        slot=question.slot,
        why=fill(question.why, facts),
        probes=tuple(fill(probe, facts) for probe in question.probes),
        needs=question.needs,
        playbook=question.playbook,
    )
