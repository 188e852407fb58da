"""Reading one playbook file into a `Playbook`, refusing anything malformed.

We compose YAML into nodes instead of loading plain Python values because nodes keep
their position: every error can then name the line a person has to fix. Locations inside
a file read like `questions[2].slot`, with list positions counted from 0.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import yaml

from bot.coaching.facts import FACTS, placeholders, stray_brace
from bot.coaching.playbook_model import (
    ADVICE_KINDS,
    ANSWER_KINDS,
    KINDS,
    SIDES,
    Advice,
    AdviceKind,
    AnswerKind,
    Conditions,
    DebriefStep,
    Kind,
    Playbook,
    PlaybookError,
    Question,
    Side,
)
from bot.coaching.situation import RELATIONSHIPS, SETTINGS
from bot.coaching.slots import HELP_SLOT, SLOTS
from bot.coaching.stages import GOALS, STAGES

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_NUMBERS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")

# Ids travel in Telegram callback data (64 bytes in all), so they stay short and plain.
_ID = re.compile(r"[a-z][a-z0-9_]{0,31}")
# The top of a brief is read on a phone in a corridor: each line of advice fits a line or
# two, the ask a short breath, the blurb three lines of a message.
MAX_ADVICE: dict[AdviceKind, int] = {
    "aim": 140,
    "ask": 220,
    "blurb": 400,
    "give": 140,
    "avoid": 140,
    "close": 140,
}
MAX_QUESTION = 140
# A playbook nests four levels; PyYAML builds nodes recursively, so a file nested thousands
# deep would end in a RecursionError instead of a line to fix.
MAX_DEPTH = 20
# A question starting like this invites "yes" or "no" and ends the conversation there.
_YES_NO_OPENERS = frozenset(
    {"am", "is", "are", "was", "were", "do", "does", "did", "have", "has", "had"}
    | {"can", "could", "will", "would", "shall", "should", "may", "might"}
)

# "- {first_name} says…" or "text: {company} is…": YAML takes the brace for a mapping.
_OPENS_WITH_PLACEHOLDER = re.compile(r"\s*(?:-\s+|[\w-]+:\s+)+\{\w+\}")

_PREP_KEYS = ("id", "kind", "title", "applies", "questions")
_DEBRIEF_KEYS = ("id", "kind", "title", "steps")
# What a prep playbook's `applies` can name; each narrows the meetings it is used for.
CONDITIONS = (
    "relationships",
    "settings",
    "goals",
    "stages",
    "known",
    "missing",
    "facts",
    "promises",
    "unless",
)
# A debrief step is asked after the meetings it fits: what is known when the meeting is over.
STEP_CONDITIONS = ("relationships", "settings", "goals", "stages", "unless")
# What `unless` can exclude: a playbook's, or one question's.
EXCLUSIONS = ("relationships", "settings", "facts")
QUESTION_EXCLUSIONS = ("relationships", "facts")


@dataclass(frozen=True)
class Parsed:
    """A playbook plus the lines that library-level checks point at."""

    playbook: Playbook
    id_line: int
    kind_line: int
    steps_line: int = 0
    """Where a debrief's steps begin: a script too long for some meeting is reported there."""


def parse_playbook(path: Path) -> Parsed:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise PlaybookError(path, 1, f"cannot read file: {error.strerror or error}") from None
    return parse_playbook_bytes(path, raw)


def parse_playbook_bytes(path: Path, raw: bytes) -> Parsed:
    """A playbook that is not a file of the library (one a user sent): `path` names it."""
    return _Parser(path).playbook(_compose(path, _decode(path, raw)))


def _decode(path: Path, raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise PlaybookError(
            path, line, f"not UTF-8 text (byte 0x{raw[error.start]:02x}); save the file as UTF-8"
        ) from None
    return text.removeprefix("\ufeff")


def _compose(path: Path, text: str) -> yaml.Node:
    # libyaml reads a well-formed file several times faster (every start-up reads the whole
    # library); PyYAML's own reader, run again on a file libyaml refuses, words the error.
    try:
        root = _read(path, text, yaml.CSafeLoader)
    except yaml.YAMLError:
        root = _read_or_explain(path, text)
    if root is None:
        raise PlaybookError(path, 1, "file is empty; a playbook needs at least id, kind and title")
    return root


def _read(
    path: Path, text: str, loader: type[yaml.CSafeLoader | yaml.SafeLoader]
) -> yaml.Node | None:
    _check_depth(path, text, loader)
    return yaml.compose(text, Loader=loader)


def _read_or_explain(path: Path, text: str) -> yaml.Node | None:
    try:
        return _read(path, text, yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        line, message = _syntax_error(error)
        lines = text.splitlines()
        if 0 < line <= len(lines) and _OPENS_WITH_PLACEHOLDER.match(lines[line - 1]):
            message += "; put text that starts with a {placeholder} in quotes"
        raise PlaybookError(path, line, f"YAML syntax error: {message}") from None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        char = error.character
        shown = f"U+{char:04X}" if isinstance(char, int) else f"U+{ord(char):04X}"
        raise PlaybookError(
            path, line, f"YAML syntax error: character {shown} is not allowed"
        ) from None
    except yaml.YAMLError as error:
        raise PlaybookError(path, 1, f"YAML syntax error: {error}") from None


def _check_depth(path: Path, text: str, loader: type[yaml.CSafeLoader | yaml.SafeLoader]) -> None:
    """Refuse nesting past MAX_DEPTH, reading events (which PyYAML does without recursion)."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1 if event.start_mark else 1
                raise PlaybookError(path, line, f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _syntax_error(error: yaml.MarkedYAMLError) -> tuple[int, str]:
    problem = error.problem or "invalid YAML"
    problem_line = error.problem_mark.line + 1 if error.problem_mark else None
    context_line = error.context_mark.line + 1 if error.context_mark else None
    if isinstance(error, yaml.composer.ComposerError) and "another document" in problem:
        return problem_line or 1, "a playbook file holds one YAML document; remove the extra '---'"
    if error.context and context_line is not None and context_line != problem_line:
        # An unclosed bracket or quote is only noticed on some later line; the line that
        # opened it is the one to fix.
        unclosed = any(word in error.context for word in ("flow", "quoted"))
        if unclosed or "end of stream" in problem or problem_line is None:
            return context_line, f"{problem}; check that the bracket or quote opened here is closed"
        return problem_line or 1, f"{problem} ({error.context} started on line {context_line})"
    if "mapping values are not allowed" in problem:
        problem += "; check the indentation, and quote text that contains ': '"
    return problem_line or context_line or 1, problem


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == _NULL:
        return "nothing"
    if node.tag in _NUMBERS:
        return f"a number ({node.value}); put it in quotes to use it as text"
    if node.tag == _BOOL:
        return f"true/false ({node.value}); put it in quotes to use it as text"
    if node.tag == _STR:
        return f"text ('{node.value}')"
    return f"{node.tag.rsplit(':', 1)[-1]} ({node.value})"


def _did_you_mean(value: str, known: Sequence[str]) -> str:
    # Most unknown names are typos; naming the closest known one saves a trip to the docs.
    close = difflib.get_close_matches(value, known, n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def _not_known(value: str, noun: str, known: Sequence[str]) -> str:
    return (
        f"'{value}' is not a known {noun}{_did_you_mean(value, known)} (known: {', '.join(known)})"
    )


def _at(where: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{where}[{key}]"
    return f"{where}.{key}" if where else key


class _Parser:
    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, node: yaml.Node, where: str, message: str) -> NoReturn:
        raise PlaybookError(self.path, _line(node), f"{where}: {message}" if where else message)

    # --- whole playbooks ------------------------------------------------------------------

    def playbook(self, root: yaml.Node) -> Parsed:
        fields = self.mapping(root, "")
        if "kind" not in fields:
            self.fail(root, "", "missing key 'kind' (prep or debrief)")
        kind_key, kind_node = fields["kind"]
        kind = self.kind(kind_node)
        id_line = _line(fields["id"][0]) if "id" in fields else _line(root)
        playbook = self.prep(root) if kind == "prep" else self.debrief(root)
        steps_line = _line(fields["steps"][0]) if "steps" in fields else 0
        return Parsed(playbook, id_line=id_line, kind_line=_line(kind_key), steps_line=steps_line)

    def kind(self, node: yaml.Node) -> Kind:
        value = self.text(node, "kind")
        for kind in KINDS:
            if value == kind:
                return kind
        self.fail(node, "kind", _not_known(value, "kind", KINDS))

    def prep(self, root: yaml.Node) -> Playbook:
        fields = self.keys(root, "", required=_PREP_KEYS, optional=ADVICE_KINDS)
        playbook_id = self.ident(fields["id"], "id")
        title = self.text(fields["title"], "title")
        applies = self.conditions(fields["applies"])
        advice = Advice(
            **{
                kind: tuple(
                    self.advice_line(node, _at(kind, i), kind)
                    for i, node in enumerate(self.sequence(fields[kind], kind))
                )
                for kind in ADVICE_KINDS
                if kind in fields
            }
        )
        questions = self.questions(fields["questions"], playbook_id)
        return Playbook(
            id=playbook_id,
            kind="prep",
            title=title,
            applies=applies,
            advice=advice,
            questions=questions,
            steps=(),
            source=str(self.path),
        )

    def conditions(
        self, node: yaml.Node, at: str = "applies", allowed: tuple[str, ...] = CONDITIONS
    ) -> Conditions:
        fields = self.keys(node, at, required=(), optional=allowed, noun="condition")
        if not fields:
            self.fail(node, at, "is empty; name at least one condition, e.g. stages: any")

        def among(key: str, known: Sequence[str], noun: str) -> frozenset[str] | None:
            if key not in fields:
                return None
            chosen = self.choices(fields[key], f"{at}.{key}", tuple(known), noun)
            # A list naming every value narrows nothing, so it counts as "any".
            return None if chosen == frozenset(known) else chosen

        def each(key: str, known: Sequence[str], noun: str) -> frozenset[str]:
            if key not in fields:
                return frozenset()
            nodes = self.sequence(fields[key], f"{at}.{key}")
            where = f"{at}.{key}"
            return frozenset(
                self.among(item, _at(where, i), known, noun) for i, item in enumerate(nodes)
            )

        promises: frozenset[Side] = frozenset(
            side for side in SIDES if side in each("promises", SIDES, "side")
        )
        unless = self.exclusions(fields["unless"], f"{at}.unless") if "unless" in fields else {}
        return Conditions(
            relationships=among("relationships", RELATIONSHIPS, "relationship"),
            settings=among("settings", SETTINGS, "setting"),
            goals=among("goals", GOALS, "goal"),
            stages=among("stages", STAGES, "stage"),
            known=each("known", sorted(SLOTS), "slot"),
            missing=each("missing", sorted(SLOTS), "slot"),
            facts=each("facts", FACTS, "fact"),
            promises=promises,
            unless_relationships=unless.get("relationships", frozenset()),
            unless_settings=unless.get("settings", frozenset()),
            unless_facts=unless.get("facts", frozenset()),
        )

    def exclusions(
        self, node: yaml.Node, where: str, allowed: tuple[str, ...] = EXCLUSIONS
    ) -> dict[str, frozenset[str]]:
        """What `unless` rules out, by kind: relationships, settings or known facts."""
        excluded = self.keys(node, where, required=(), optional=allowed, noun="condition")
        if not excluded:
            self.fail(node, where, "is empty; e.g. settings: [interview]")
        vocabulary = {"relationships": RELATIONSHIPS, "settings": SETTINGS, "facts": FACTS}
        return {
            key: frozenset(
                self.among(item, _at(f"{where}.{key}", i), vocabulary[key], key.removesuffix("s"))
                for i, item in enumerate(self.sequence(value, f"{where}.{key}"))
            )
            for key, value in excluded.items()
        }

    def advice_line(self, node: yaml.Node, where: str, kind: AdviceKind) -> str:
        value = self.filled_text(node, where)
        limit = MAX_ADVICE[kind]
        if len(value) > limit:
            self.fail(
                node,
                where,
                f"is {len(value)} characters; keep {kind} lines under {limit}"
                " so the top of a brief fits a phone screen",
            )
        return value

    def debrief(self, root: yaml.Node) -> Playbook:
        fields = self.keys(root, "", required=_DEBRIEF_KEYS)
        playbook_id = self.ident(fields["id"], "id")
        title = self.text(fields["title"], "title")
        steps: list[DebriefStep] = []
        ids: dict[str, int] = {}
        slots: dict[str, list[DebriefStep]] = {}
        for i, node in enumerate(self.sequence(fields["steps"], "steps")):
            where = _at("steps", i)
            step = self.step(node, where)
            if step.id in ids:
                self.fail(
                    node, f"{where}.id", f"'{step.id}' is already used by steps[{ids[step.id]}]"
                )
            # Two steps writing one slot after one meeting would silently overwrite each
            # other's answer; after meetings of different goals they are one question worded
            # for each ("What did they want help with?", "What did they ask of you?").
            same = [s for s in slots.get(step.slot, []) if _goals_meet(s.applies, step.applies)]
            if same:
                self.fail(
                    node,
                    f"{where}.slot",
                    f"'{step.slot}' is already written by step '{same[0].id}'",
                )
            ids[step.id] = i
            slots.setdefault(step.slot, []).append(step)
            steps.append(step)
        return Playbook(
            id=playbook_id,
            kind="debrief",
            title=title,
            applies=Conditions(),
            advice=Advice(),
            questions=(),
            steps=tuple(steps),
            source=str(self.path),
        )

    # --- parts ----------------------------------------------------------------------------

    def questions(self, node: yaml.Node, playbook_id: str) -> tuple[Question, ...]:
        questions: list[Question] = []
        ids: dict[str, int] = {}
        for i, item in enumerate(self.sequence(node, "questions")):
            where = _at("questions", i)
            question = self.question(item, where, playbook_id)
            if question.id in ids:
                self.fail(
                    item,
                    f"{where}.id",
                    f"'{question.id}' is already used by questions[{ids[question.id]}]",
                )
            ids[question.id] = i
            questions.append(question)
        if not any(q.slot == HELP_SLOT for q in questions):
            self.fail(
                node,
                "questions",
                f"no question fills slot '{HELP_SLOT}'; every prep playbook offers help"
                " (e.g. 'What could I do to help you?')",
            )
        return tuple(questions)

    def question(self, node: yaml.Node, where: str, playbook_id: str) -> Question:
        fields = self.keys(
            node,
            where,
            required=("id", "text", "slot", "why"),
            optional=("probes", "needs", "unless"),
        )
        question_id = self.ident(fields["id"], f"{where}.id")
        text = self.open_question(fields["text"], f"{where}.text")
        slot = self.slot(fields["slot"], f"{where}.slot")
        why = self.filled_text(fields["why"], f"{where}.why")
        probes: tuple[str, ...] = ()
        if "probes" in fields:
            probes = tuple(
                self.filled_text(probe, _at(f"{where}.probes", j))
                for j, probe in enumerate(self.sequence(fields["probes"], f"{where}.probes"))
            )
        declared: set[str] = set()
        if "needs" in fields:
            declared = {
                self.among(item, _at(f"{where}.needs", j), FACTS, "fact")
                for j, item in enumerate(self.sequence(fields["needs"], f"{where}.needs"))
            }
        named = {name for line in (text, why, *probes) for name in placeholders(line)}
        unless: dict[str, frozenset[str]] = {}
        if "unless" in fields:
            unless = self.exclusions(fields["unless"], f"{where}.unless", QUESTION_EXCLUSIONS)
        return Question(
            id=question_id,
            text=text,
            slot=slot,
            why=why,
            probes=probes,
            needs=frozenset(named | declared),
            playbook=playbook_id,
            unless_relationships=unless.get("relationships", frozenset()),
            unless_facts=unless.get("facts", frozenset()),
        )

    def open_question(self, node: yaml.Node, where: str) -> str:
        text = self.filled_text(node, where)
        if len(text) > MAX_QUESTION:
            self.fail(
                node,
                where,
                f"is {len(text)} characters; keep questions under {MAX_QUESTION}"
                " so each can be read at a glance",
            )
        first_word = re.split(r"[\s'’,]", text, maxsplit=1)[0].lower()
        if first_word in _YES_NO_OPENERS:
            self.fail(
                node,
                where,
                f"'{text}' can be answered yes or no; ask it open-ended (what, how, who, tell me…)",
            )
        return text

    def step(self, node: yaml.Node, where: str) -> DebriefStep:
        fields = self.keys(
            node,
            where,
            required=("id", "text", "slot", "hint"),
            optional=("answer", "applies", "maybe"),
        )
        step_id = self.ident(fields["id"], f"{where}.id")
        text = self.text(fields["text"], f"{where}.text")
        slot = self.slot(fields["slot"], f"{where}.slot")
        hint = self.text(fields["hint"], f"{where}.hint")
        answer: AnswerKind = "text"
        if "answer" in fields:
            answer = self.answer(fields["answer"], f"{where}.answer")
        applies = Conditions()
        if "applies" in fields:
            applies = self.conditions(fields["applies"], f"{where}.applies", STEP_CONDITIONS)
        maybe = None
        if "maybe" in fields:
            maybe = self.slot(fields["maybe"], f"{where}.maybe")
            # Only a promise answer is split into parts; any other is kept whole.
            if slot not in ("my_promises", "their_promises") or maybe == slot:
                self.fail(
                    fields["maybe"],
                    f"{where}.maybe",
                    "only a step writing my_promises or their_promises can send its tentative"
                    " parts to another slot",
                )
        return DebriefStep(
            id=step_id,
            text=text,
            slot=slot,
            hint=hint,
            answer=answer,
            applies=applies,
            maybe=maybe,
        )

    def answer(self, node: yaml.Node, where: str) -> AnswerKind:
        value = self.text(node, where)
        for kind in ANSWER_KINDS:
            if value == kind:
                return kind
        self.fail(node, where, _not_known(value, "answer type", ANSWER_KINDS))

    def filled_text(self, node: yaml.Node, where: str) -> str:
        """Text that may name known facts as {placeholders}, each of them a real fact."""
        value = self.text(node, where)
        stray = stray_brace(value)
        if stray is not None:
            self.fail(
                node,
                where,
                f"a '{value[stray]}' that opens or closes no placeholder (at character"
                f" {stray + 1}); placeholders look like {{company}}",
            )
        for name in placeholders(value):
            if name not in FACTS:
                close = difflib.get_close_matches(name, FACTS, n=1)
                hint = f"; did you mean {{{close[0]}}}?" if close else ""
                self.fail(
                    node,
                    where,
                    f"unknown placeholder {{{name}}}{hint} (known: {', '.join(FACTS)})",
                )
        return value

    def choices(
        self, node: yaml.Node, where: str, known: tuple[str, ...], noun: str
    ) -> frozenset[str]:
        """A list drawn from `known`, or the word `any` for all of them."""
        if isinstance(node, yaml.ScalarNode) and node.tag == _STR and node.value.strip() == "any":
            return frozenset(known)
        if isinstance(node, yaml.ScalarNode) and node.tag == _STR:
            self.fail(node, where, f"write a list, e.g. [{node.value}], or 'any' for every {noun}")
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, where, f"expected a list of {noun}s or 'any', got {_describe(node)}")
        return frozenset(
            self.among(item, _at(where, i), known, noun)
            for i, item in enumerate(self.sequence(node, where))
        )

    def among(self, node: yaml.Node, where: str, known: Sequence[str], noun: str) -> str:
        value = self.text(node, where)
        if value not in known:
            self.fail(node, where, _not_known(value, noun, known))
        return value

    def slot(self, node: yaml.Node, where: str) -> str:
        value = self.text(node, where)
        if value not in SLOTS:
            known = sorted(SLOTS)
            self.fail(
                node,
                where,
                _not_known(value, "slot", known),
            )
        return value

    # --- YAML shapes ----------------------------------------------------------------------

    def ident(self, node: yaml.Node, where: str) -> str:
        value = self.text(node, where)
        if not _ID.fullmatch(value):
            self.fail(
                node,
                where,
                f"'{value}' is not a valid id; use up to 32 lowercase letters, digits"
                " and _, starting with a letter (e.g. first_meeting)",
            )
        return value

    def text(self, node: yaml.Node, where: str) -> str:
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            self.fail(node, where, "is empty")
        if isinstance(node, yaml.MappingNode) and node.flow_style:
            # YAML reads "{company} is hiring" as a mapping: the braces open one.
            self.fail(
                node,
                where,
                "expected text, got a mapping; put text that starts with a {placeholder} in quotes",
            )
        if not isinstance(node, yaml.ScalarNode) or node.tag != _STR:
            self.fail(node, where, f"expected text, got {_describe(node)}")
        # Folded YAML lines arrive with newlines; messages are rendered as flowing text.
        value = " ".join(str(node.value).split())
        if not value:
            self.fail(node, where, "is empty")
        return value

    def sequence(self, node: yaml.Node, where: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, where, f"expected a list, got {_describe(node)}")
        items: list[yaml.Node] = node.value
        if not items:
            self.fail(node, where, "is empty; add at least one item")
        return items

    def mapping(self, node: yaml.Node, where: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """Keys to (key node, value node), refusing duplicate keys that YAML would let pass."""
        if not isinstance(node, yaml.MappingNode):
            self.fail(
                node, where, f"expected a mapping of 'key: value' lines, got {_describe(node)}"
            )
        fields: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, where, f"keys must be plain words, got {_describe(key_node)}")
            key = str(key_node.value)
            if key in fields:
                first = _line(fields[key][0])
                self.fail(key_node, _at(where, key), f"duplicate key (first given on line {first})")
            fields[key] = (key_node, value_node)
        return fields

    def keys(
        self,
        node: yaml.Node,
        where: str,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
        noun: str = "key",
    ) -> dict[str, yaml.Node]:
        """The mapping's values by key, once every key is known and every required one there."""
        fields = self.mapping(node, where)
        allowed = required + optional
        for key, (key_node, _) in fields.items():
            if key == "principles" and "give" in allowed:
                self.fail(
                    key_node,
                    where,
                    "'principles' are no longer read; say it as give, avoid or close lines"
                    " (see playbooks/general.yaml)",
                )
            if key not in allowed:
                self.fail(
                    key_node,
                    where,
                    f"unknown {noun} '{key}'{_did_you_mean(key, allowed)}"
                    f" (allowed: {', '.join(allowed)})",
                )
        for key in required:
            if key not in fields:
                self.fail(node, where, f"missing key '{key}'")
        return {key: value for key, (_, value) in fields.items()}


def _goals_meet(one: Conditions, other: Conditions) -> bool:
    """Whether some meeting's goal is one both are asked after (no goals: every goal)."""
    return one.goals is None or other.goals is None or bool(one.goals & other.goals)
