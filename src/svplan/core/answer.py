"""The tender answer (method statement): composed from the plan, grouped by theme, fitted to a
word limit and/or a character limit (no Qt).

`compose(plan, catalogue, words=750)` returns the answer as blocks (headings and paragraphs) and
plain text. The answer always fits the limits and uses them: it starts with everything the plan
says (core.answer_parts) and shortens one measure at a time, by rules in this order, until it
fits: fewer actions per measure (3, 2, 1), then merged sentences, then leaving out detail the
delivery plan holds (resources, evidence, risks, partner roles), then one sentence per measure,
then a short list, then leaving measures out of the list. Each step shortens a single part, so the
first text that fits is within one step of the limit. Sentences are only dropped or rebuilt whole,
never cut.

Word counts follow Microsoft Word (core.wordcount); a character limit counts every character,
line breaks included. The bidder's own edits live in Plan.answer (text, edited=True) and are never
replaced by a composition without the user asking (see `current_text`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import lru_cache

from svplan.core import answer_parts as parts
from svplan.core.answer_parts import (
    LEFT_OUT,
    LIST_ITEM,
    MERGED,
    NO_DETAIL,
    NO_EVIDENCE,
    NO_RESOURCES,
    ONE_RISK,
    ONE_SENTENCE,
    Context,
)
from svplan.core.catalogue import Catalogue
from svplan.core.plan import Commitment, Plan
from svplan.core.wordcount import Count, count, fits

PARA_BREAK = "\n\n"
_BREAK_LENGTH = 4  # "\n\n" sent by a web form as CR LF CR LF
INTRO, GOVERNANCE, MONITORING, PLAN_RISKS = range(4)  # the plan-wide parts; measures follow
# Which plan-wide part shortens at which stage (before the measures of that stage).
_PLAN_STEPS = {
    MERGED: [PLAN_RISKS],
    NO_DETAIL: [GOVERNANCE, MONITORING, PLAN_RISKS],
    ONE_SENTENCE: [INTRO, GOVERNANCE, MONITORING],
    LIST_ITEM: [MONITORING],
}


@dataclass(frozen=True)
class Block:
    kind: str  # "heading" or "para"
    text: str


@dataclass
class Composed:
    """A composed answer: its blocks, plain text, count, and how it was shortened (in words)."""

    blocks: list[Block]
    words: int | None
    chars: int | None
    shortened: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return blocks_text(self.blocks)

    @property
    def count(self) -> Count:
        return count(self.text)

    @property
    def html(self) -> str:
        return blocks_html(self.blocks)


def blocks_text(blocks: list[Block]) -> str:
    """Plain text: headings on their own line, a blank line between paragraphs."""
    return PARA_BREAK.join(b.text for b in blocks)


def blocks_html(blocks: list[Block]) -> str:
    """Rich text for the clipboard (Word and portals' editors paste headings and paragraphs)."""
    out = []
    for b in blocks:
        tag = "h3" if b.kind == "heading" else "p"
        out.append(f"<{tag}>{html.escape(b.text, quote=False)}</{tag}>")
    return "\n".join(out)


def text_blocks(text: str) -> list[Block]:
    """The bidder's edited text as paragraphs (blank lines separate them), for Word and HTML."""
    chunks = [" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n")]
    return [Block("para", p) for p in chunks if p]


def compose(
    plan: Plan, catalogue: Catalogue, *, words: int | None = None, chars: int | None = None
) -> Composed:
    """The answer composed from the plan within the limits (None: no limit)."""
    ctx = Context(plan, catalogue, parts.proper_words(plan, catalogue))
    layout = _Layout(ctx)
    state = [0] * (4 + len(layout.commitments))
    if _fits(layout.render(state), words, chars):
        return Composed(layout.render(state), words, chars)
    for stage in range(1, LEFT_OUT + 1):
        for index in _PLAN_STEPS.get(stage, []):
            state[index] = stage
            if _fits(layout.render(state), words, chars):
                return layout.finish(state, words, chars)
        for index in layout.order(state, stage):
            state[index] = stage
            if _fits(layout.render(state), words, chars):
                return layout.finish(state, words, chars)
    return layout.finish(state, words, chars, trim=True)


def current_text(plan: Plan, catalogue: Catalogue) -> str:
    """What the answer is: the bidder's edited text when there is one, else a fresh composition
    within the plan's limits."""
    if plan.answer.edited and plan.answer.text.strip():
        return plan.answer.text
    return compose(plan, catalogue, words=plan.answer.words, chars=plan.answer.chars).text


# Fitting ------------------------------------------------------------------------------------------


@lru_cache(maxsize=20_000)
def _measure(text: str) -> tuple[int, int]:
    c = count(text)
    return c.words, c.length


def _fits(blocks: list[Block], words: int | None, chars: int | None) -> bool:
    total_words = total_length = 0
    for b in blocks:
        w, n = _measure(b.text)
        total_words += w
        total_length += n
    total_length += _BREAK_LENGTH * max(0, len(blocks) - 1)
    return (words is None or total_words <= words) and (chars is None or total_length <= chars)


class _Layout:
    """The answer's parts and how a state (one stage per part) renders as blocks."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        cat = ctx.catalogue
        known = [c for c in ctx.plan.commitments if cat.has_measure(c.measure)]
        known.sort(key=lambda c: cat.order_of(c.measure))
        self.other = [c for c in ctx.plan.commitments if not cat.has_measure(c.measure)]
        self.commitments: list[Commitment] = known + self.other
        self.groups: list[tuple[str, list[int]]] = []
        for theme in cat.themes:
            members = [
                i
                for i, c in enumerate(self.commitments)
                if cat.has_measure(c.measure) and cat.measure(c.measure).theme == theme.id
            ]
            if members:
                about = parts.tidy(theme.description)
                title = f"{parts.tidy(theme.name)}: {about}" if about else parts.tidy(theme.name)
                self.groups.append((title, members))
        if self.other:
            start = len(known)
            self.groups.append(("Other commitments", list(range(start, start + len(self.other)))))
        self._cache: dict[tuple[int, int], str] = {}

    def paragraph(self, i: int, stage: int) -> str:
        key = (i, stage)
        if key not in self._cache:
            c = self.commitments[i]
            if stage >= LIST_ITEM:
                self._cache[key] = parts.list_item(c, self.ctx)
            else:
                self._cache[key] = " ".join(parts.commitment_sentences(c, self.ctx, stage))
        return self._cache[key]

    def render(self, state: list[int]) -> list[Block]:
        ctx, measures = self.ctx, state[4:]
        left_out = any(s >= NO_RESOURCES for s in measures) or any(
            s > 0 for s in state[GOVERNANCE:]
        )
        blocks = [
            Block(
                "para", " ".join(parts.intro_sentences(ctx, state[INTRO], detail_left_out=left_out))
            )
        ]
        for title, members in self.groups:
            full = [i for i in members if measures[i] < LIST_ITEM]
            listed = [self.paragraph(i, LIST_ITEM) for i in members if measures[i] == LIST_ITEM]
            if full:
                blocks.append(Block("heading", title))
                blocks += [Block("para", self.paragraph(i, measures[i])) for i in full]
                if listed:
                    blocks.append(Block("para", f"Also: {'; '.join(listed)}."))
            elif listed:
                name = title.split(":", 1)[0]
                blocks.append(Block("para", f"{name}: {'; '.join(listed)}."))
        for heading, sentences in (
            ("Governance", parts.governance_sentences(ctx, state[GOVERNANCE])),
            ("Monitoring and reporting", parts.monitoring_sentences(ctx, state[MONITORING])),
            ("Risks to delivery", parts.plan_risk_sentences(ctx, state[PLAN_RISKS])),
        ):
            if sentences:
                blocks += [Block("heading", heading), Block("para", " ".join(sentences))]
        return blocks

    def order(self, state: list[int], stage: int) -> list[int]:
        """The measures to shorten at `stage`: the longest first; lists from the end."""
        ids = [4 + i for i in range(len(self.commitments))]
        if stage >= LIST_ITEM:
            return list(reversed(ids))
        size = {j: _measure(self.paragraph(j - 4, state[j]))[0] for j in ids}
        return sorted(ids, key=lambda j: (-size[j], -j))

    def finish(
        self, state: list[int], words: int | None, chars: int | None, *, trim: bool = False
    ) -> Composed:
        blocks = self.render(state)
        if trim:  # even the shortest form is too long: whole paragraphs, then sentences, go
            while len(blocks) > 1 and not _fits(blocks, words, chars):
                blocks.pop()
                if blocks and blocks[-1].kind == "heading":
                    blocks.pop()
            while blocks and not _fits(blocks, words, chars):
                kept = parts.sentences_of(blocks[0].text)[:-1]
                blocks = [Block("para", " ".join(kept))] if kept else []
        if not fits(blocks_text(blocks), words, chars):  # pragma: no cover - a bug, not input
            raise RuntimeError("the composed answer does not fit its limits")
        return Composed(blocks, words, chars, _shortened(state[4:], len(self.commitments)))


def _shortened(measures: list[int], total: int) -> list[str]:
    """How the answer was shortened, for the user ('fewer actions for 4 measures')."""
    notes = []
    labels = [
        (1, MERGED, "fewer actions"),
        (MERGED, NO_RESOURCES, "sentences merged"),
        (NO_RESOURCES, NO_EVIDENCE, "resources left to the delivery plan"),
        (NO_EVIDENCE, ONE_RISK, "resources and evidence left to the delivery plan"),
        (ONE_RISK, NO_DETAIL, "resources, evidence and all but one risk left to the delivery plan"),
        (NO_DETAIL, ONE_SENTENCE, "detail left to the delivery plan"),
        (ONE_SENTENCE, LIST_ITEM, "one sentence each"),
        (LIST_ITEM, LEFT_OUT, "listed by target only"),
        (LEFT_OUT, LEFT_OUT + 1, "left out (still in the delivery plan)"),
    ]
    for low, high, label in labels:
        n = sum(1 for s in measures if low <= s < high)
        if n:
            which = "all measures" if n == total else ("1 measure" if n == 1 else f"{n} measures")
            notes.append(f"{label}: {which}")
    return notes
