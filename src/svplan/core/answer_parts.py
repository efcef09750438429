"""The sentences of the tender answer, part by part, at each level of detail (no Qt).

Everything here comes from the plan: what the bidder typed (approach, actions, owners, resources,
evidence, risks, the roles they gave partners, monitoring, governance) or adopted by building the
plan (the commitment sentences of core.sentences; quarterly Portal reporting and the annual review,
which the Word plan states). The council's descriptions of partners are never used: a partner
appears only by name, with the engagement status and role the bidder recorded.

Stages (each shortens, never lengthens, a part; core.answer applies them in this order):
0 everything; 1-3 at most 3, 2, 1 actions per measure; 4 sentences merged (owner into the
commitment, partners by name and status, risks in one sentence); then detail the delivery plan
holds is left out: 5 resources, 6 evidence, 7 all risks but one, 8 the rest (one sentence of how);
9 one sentence per measure; 10 a short list item ("NT1 18 FTE"); 11 left out of the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from svplan.core.catalogue import Catalogue
from svplan.core.dates import format_long_date
from svplan.core.plan import Action, Commitment, PartnerRole, Plan, Reporting, Risk
from svplan.core.sentences import commitment_clause, join_words, quantity

FULL, ACTIONS_3, ACTIONS_2, ACTIONS_1, MERGED, NO_RESOURCES = range(6)
NO_EVIDENCE, ONE_RISK, NO_DETAIL, ONE_SENTENCE, LIST_ITEM, LEFT_OUT = range(6, 12)
MAX_ACTIONS = {FULL: None, ACTIONS_3: 3, ACTIONS_2: 2, ACTIONS_1: 1}
PORTAL = "Social Value Portal"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"(£])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def tidy(text: str) -> str:
    """One line, single spaces (the bidder's words otherwise untouched)."""
    return " ".join(str(text).split())


def sentence(text: str) -> str:
    """`text` tidied, ending with a full stop unless it ends with other closing punctuation."""
    text = tidy(text)
    if not text:
        return ""
    return text if text.endswith((".", "!", "?", ".”", '."', ".)")) else text.rstrip(";:,") + "."


def sentences_of(text: str) -> list[str]:
    """The bidder's paragraph as whole sentences (split only after . ! ? and a capital)."""
    text = tidy(text)
    return [sentence(s) for s in _SENTENCE_END.split(text) if s.strip()] if text else []


@dataclass(frozen=True)
class Names:
    """Capitalised words seen inside sentences of the plan and in partners' names.

    `alone`: used as a name on their own ('from Lancashire', 'the Jobcentre team'): they always
    keep their capital. `leading`: only seen starting a longer name ('Recruit Lancashire People',
    'Chamber Low Carbon'): they keep it only when the next word is capitalised too."""

    alone: frozenset[str] = frozenset()
    leading: frozenset[str] = frozenset()

    def keep_capital(self, first: str, following: str) -> bool:
        return first in self.alone or (first in self.leading and following[:1].isupper())


def proper_words(plan: Plan, catalogue: Catalogue) -> Names:
    """The names in the plan's and the catalogue's text (see Names)."""
    texts = [p.name for p in catalogue.partners]
    for c in plan.commitments:
        texts += [c.resources, c.evidence, c.approach, c.notes, c.owner]
        texts += [a.action for a in c.actions] + [r.mitigation for r in c.risks]
    texts += [plan.monitoring, plan.bid.authority, plan.bid.title, plan.bid.bidder]
    alone: set[str] = set()
    leading: set[str] = set()
    for text in texts:
        words = _WORD.findall(text or "")
        for i, word in enumerate(words):
            if i == 0 or not (word[:1].isupper() and word[1:].islower()):
                continue
            following = words[i + 1] if i + 1 < len(words) else ""
            (leading if following[:1].isupper() else alone).add(word)
    # A word also written in lower case is an ordinary word that happened to end a name
    # ('Local Offer'): alone it is a verb to lower ('Offer expert advice' -> 'offer ...').
    ordinary = {
        w
        for text in [*texts, *_catalogue_prose(catalogue)]
        for w in _WORD.findall(text or "")
        if w[:1].islower()
    }
    alone = {w for w in alone if w.lower() not in ordinary}
    return Names(frozenset(alone), frozenset(leading - alone))


def _catalogue_prose(catalogue: Catalogue) -> list[str]:
    """The catalogue's running text (wordings and what partners offer), for telling ordinary
    words from names."""
    out = [m.wording for m in catalogue.measures]
    for m in catalogue.measures:
        out += [getattr(r, "description", "") for r in m.routes]
    return out


@dataclass
class Context:
    plan: Plan
    catalogue: Catalogue
    proper: Names = field(default_factory=Names)
    with_code: bool = (
        True  # start a commitment with its code ("NT1: We will ..."); not in the Portal
    )

    @property
    def we(self) -> str:
        return "We"


def measure_name(c: Commitment, catalogue: Catalogue) -> str:
    """'NT15 (Expert business advice to VCSEs and MSMEs (hours))'; the code alone when unknown."""
    if not catalogue.has_measure(c.measure):
        return tidy(c.measure)
    m = catalogue.measure(c.measure)
    return f"{m.code} ({tidy(m.short)})"


def contract_period(plan: Plan) -> str:
    """' over the 36-month contract from 1 April 2027 to 31 March 2030' (or less, or '')."""
    bid = plan.bid
    if bid.months and bid.start and bid.end:
        start, end = format_long_date(bid.start), format_long_date(bid.end)
        return f" over the {bid.months}-month contract from {start} to {end}"
    if bid.months:
        return f" over the {bid.months}-month contract"
    if bid.start:
        return f" from the contract start on {format_long_date(bid.start)}"
    return ""


# Commitments --------------------------------------------------------------------------------------


def code_of(c: Commitment, catalogue: Catalogue) -> str:
    return (
        catalogue.measure(c.measure).code if catalogue.has_measure(c.measure) else tidy(c.measure)
    )


def what_sentence(c: Commitment, ctx: Context, *, owner: bool = False) -> str:
    """'NT1: We will employ 6 local people full time in each contract year (18 FTE-years).'"""
    code = code_of(c, ctx.catalogue)
    clause = commitment_clause(c, ctx.catalogue, ctx.plan)
    if not clause:
        text = f"{code}: the target for {measure_name(c, ctx.catalogue)} is to be confirmed"
    else:
        clause = clause.replace(" over the contract", "")
        text = f"{code}: We will {clause}{_profile(c, ctx)}"
        if not ctx.with_code:
            text = f"We will {clause}{_profile(c, ctx)}"
    if owner and tidy(c.owner):
        text += f"; owner: {tidy(c.owner)}"
    return sentence(text)


def _profile(c: Commitment, ctx: Context) -> str:
    """' (104, 208 and 208 weeks in years 1 to 3)' when the years differ; '' otherwise."""
    years = c.yearly or []
    if len(years) < 2 or all(abs(v - years[0]) < 1e-9 for v in years):
        return ""
    if ctx.catalogue.has_measure(c.measure) and ctx.catalogue.is_level(c.measure):
        return ""  # core.sentences already says how the level rises
    unit = ctx.catalogue.unit_of(c.measure) if ctx.catalogue.has_measure(c.measure) else None
    figures = [quantity(unit, v) for v in years]
    suffix = f" {unit.suffix}" if unit is not None and unit.suffix and unit.suffix != "%" else ""
    if suffix:
        figures = [f.removesuffix(suffix) for f in figures[:-1]] + [figures[-1]]
    return f" ({join_words(figures)} in years 1 to {len(years)})"


def _verb_first(text: str, ctx: Context) -> str | None:
    """'Advertise every vacancy' -> 'advertise every vacancy' (to follow 'We will'); None when the
    text starts with a name ('Lancashire Skills Hub runs ...'), which keeps its capital."""
    text = tidy(text).rstrip(".")
    words = text.split(" ", 2)
    first = words[0]
    if first[:1].islower():
        return text
    if not (first[:1].isupper() and first[1:].islower() and first.isalpha()):
        return None  # 'EDI training ...', '2 sessions ...': not a verb we can lower
    following = words[1] if len(words) > 1 else ""
    if ctx.proper.keep_capital(first, following):
        return None  # 'Recruit Lancashire People will ...': a partner's name
    return first.lower() + text[len(first) :]


def _due(a: Action) -> str:
    return f" by {format_long_date(a.due)}" if a.due else ""


def action_sentences(actions: list[Action], ctx: Context, owner: str = "") -> list[str]:
    """'We will advertise ... by 31 May 2027, agree ... and review ...' (+ names as sentences)."""
    clauses, separate = [], []
    for a in actions:
        if not tidy(a.action):
            continue
        lead = _verb_first(a.action, ctx)
        who = tidy(a.owner)
        by = f" ({who})" if who and who.casefold() not in owner.casefold() else ""
        if lead is None:
            separate.append(sentence(f"{tidy(a.action).rstrip('.')}{_due(a)}{by}"))
        else:
            clauses.append(f"{lead}{_due(a)}{by}")
    out = [sentence(f"We will {join_words(clauses)}")] if clauses else []
    return out + separate


def _status(role: PartnerRole) -> str:
    if role.status is None:
        return ""
    when = f" {role.date.strftime('%B %Y')}" if role.date else ""
    return f"{role.status.value}{when}"


def partner_sentences(c: Commitment, ctx: Context, *, roles: bool) -> list[str]:
    """Partners the bidder recorded: name, status and (with roles) the bidder's words."""
    cat = ctx.catalogue
    named = {r.partner for r in c.roles}
    out: list[str] = []
    short: list[str] = []
    for r in c.roles:
        name = tidy(cat.partner(r.partner).name) if cat.has_partner(r.partner) else tidy(r.partner)
        status = _status(r)
        label = f"{name} ({status})" if status else name
        if roles and tidy(r.role):
            out.append(sentence(f"Partner: {label}: {tidy(r.role)}"))
        else:
            short.append(label)
    chosen = [p for p in (c.partners or []) if p not in named and cat.has_partner(p)]
    short += [tidy(cat.partner(p).name) for p in chosen]
    if short:
        out.append(sentence(f"Partners: {join_words(short)}"))
    return out


def _in_sentence(text: str, names: Names) -> str:
    """The bidder's phrase to follow a colon or a semicolon mid-sentence: a capital on an
    ordinary first word is lowered ('Pre-employment courses' -> 'pre-employment courses', 'A
    named buddy' -> 'a named buddy'); names ('Lancashire ...') and acronyms ('HVO') keep it."""
    text = tidy(text).rstrip(".")
    words = text.split(" ", 2)
    first, following = words[0], (words[1] if len(words) > 1 else "")
    plain = first.replace("-", "").replace("'", "")
    if (
        plain.isalpha()
        and plain[:1].isupper()
        and (plain[1:].islower() or len(plain) == 1)
        and first != "I"
        and not names.keep_capital(first, following)
    ):
        return first[:1].lower() + text[1:]
    return text


def risk_sentences(risks: list[Risk], *, merged: bool, proper: Names | None = None) -> list[str]:
    risks = [r for r in risks if tidy(r.risk)]
    if not risks:
        return []
    if merged:
        names = proper or Names()
        parts = [
            f"{_in_sentence(r.risk, names)} (mitigation: {_in_sentence(r.mitigation, names)})"
            if tidy(r.mitigation)
            else _in_sentence(r.risk, names)
            for r in risks
        ]
        label = "Risk" if len(parts) == 1 else "Risks"
        return [sentence(f"{label}: {'; '.join(parts)}")]
    out = []
    for r in risks:
        out.append(sentence(f"Risk: {tidy(r.risk)}"))
        if tidy(r.mitigation):
            out.append(sentence(f"Mitigation: {tidy(r.mitigation)}"))
    return out


def reporting_sentence(c: Commitment, ctx: Context) -> str:
    """Only when it differs from the quarterly returns every commitment has."""
    if c.reporting is None or c.reporting == Reporting.QUARTERLY:
        return ""
    code = code_of(c, ctx.catalogue)
    return sentence(f"Progress on {code} is also measured {c.reporting.label.lower()}")


def commitment_sentences(c: Commitment, ctx: Context, stage: int) -> list[str]:
    """The commitment's paragraph at a stage (LIST_ITEM and LEFT_OUT: see list_item)."""
    owner = tidy(c.owner)
    if stage >= ONE_SENTENCE:
        return [what_sentence(c, ctx, owner=True)]
    approach = sentences_of(c.approach)
    actions = [a for a in c.actions if tidy(a.action)]
    if stage >= NO_DETAIL:
        how = approach[:1] or action_sentences(actions[:1], ctx, owner)[:1]
        return [what_sentence(c, ctx, owner=True), *how, *partner_sentences(c, ctx, roles=False)]
    limit = MAX_ACTIONS.get(stage, 1)
    kept = actions if limit is None else actions[:limit]
    if stage >= MERGED:
        out = [what_sentence(c, ctx, owner=True)]
        why = [
            f"{label}: {tidy(text).rstrip('.')}"
            for label, text in (
                ("Baseline", c.baseline),
                ("beyond business as usual", c.additionality),
            )
            if tidy(text)
        ]
        if why:
            out.append(sentence("; ".join(why)))
        out += approach[:2] + action_sentences(kept, ctx, owner)
        out += partner_sentences(c, ctx, roles=False)
        if tidy(c.resources) and stage < NO_RESOURCES:
            out.append(sentence(f"Resources: {tidy(c.resources)}"))
        if tidy(c.evidence) and stage < NO_EVIDENCE:
            out.append(sentence(f"Evidence: {tidy(c.evidence)}"))
        risks = c.risks[:1] if stage >= ONE_RISK else c.risks
        return out + risk_sentences(risks, merged=True, proper=ctx.proper)
    out = [what_sentence(c, ctx)]
    if tidy(c.baseline):
        out.append(sentence(f"Baseline: {tidy(c.baseline)}"))
    if tidy(c.additionality):
        out.append(sentence(f"Beyond business as usual: {tidy(c.additionality)}"))
    out += approach + action_sentences(kept, ctx, owner)
    if owner:
        out.append(sentence(f"Owner: {owner}"))
    if tidy(c.resources):
        out.append(sentence(f"Resources: {tidy(c.resources)}"))
    out += partner_sentences(c, ctx, roles=True)
    if tidy(c.evidence):
        out.append(sentence(f"Evidence: {tidy(c.evidence)}"))
    if reporting := reporting_sentence(c, ctx):
        out.append(reporting)
    return out + risk_sentences(c.risks, merged=False)


def list_item(c: Commitment, ctx: Context) -> str:
    """'NT1 18 FTE' for the shortest answers."""
    code = code_of(c, ctx.catalogue)
    unit = ctx.catalogue.unit_of(c.measure) if ctx.catalogue.has_measure(c.measure) else None
    amount = quantity(unit, c.target) if c.target is not None else "target to be confirmed"
    return f"{code} {amount}"


# The plan as a whole ------------------------------------------------------------------------------


def intro_sentences(ctx: Context, stage: int, *, detail_left_out: bool) -> list[str]:
    plan, bid = ctx.plan, ctx.plan.bid
    n = len(plan.commitments)
    who = tidy(bid.bidder) or "We"
    what = "one social value commitment" if n == 1 else f"{n} social value commitments"
    text = f"{who} will deliver {what}"
    if tidy(bid.title):
        title = tidy(bid.title)
        text += f" on {title}" if title.lower().startswith("the ") else f" on the {title}"
    if tidy(bid.authority):
        text += f" for {tidy(bid.authority)}"
    text += contract_period(plan)
    out = [sentence(text)]
    if detail_left_out:
        out.append(
            sentence(
                "Our social value delivery plan sets out the target, actions, owner, evidence "
                "and risks of every commitment"
            )
        )
    lead = plan.lead
    if stage < ONE_SENTENCE and tidy(lead.name):
        role = tidy(lead.role)
        if role and "social value" in role.casefold():
            out.append(sentence(f"{tidy(lead.name)}, our {role}, leads delivery"))
        elif role:
            out.append(sentence(f"{tidy(lead.name)} ({role}) leads our social value delivery"))
        else:
            out.append(sentence(f"{tidy(lead.name)} leads our social value delivery"))
    return out


def governance_sentences(ctx: Context, stage: int) -> list[str]:
    g = ctx.plan.governance
    if stage >= ONE_SENTENCE:
        return []
    out = []
    sponsor = tidy(g.sponsor.name)
    if sponsor:
        role = tidy(g.sponsor.role)
        out.append(sentence(f"Executive sponsor: {sponsor}" + (f", {role}" if role else "")))
    items = [
        ("Reviews", g.cadence),
        ("Escalation", g.escalation),
        ("Subcontractors", g.flow_down),
        ("Changes", g.change_control),
    ]
    for label, text in items:
        parts = sentences_of(text)
        if not parts:
            continue
        if stage >= NO_DETAIL:
            parts = parts[:1]
        out.append(sentence(f"{label}: {' '.join(parts)}"))
        if stage >= NO_DETAIL and label == "Reviews":
            break
    return out


_HOW_OFTEN = {
    Reporting.MONTHLY: "each month",
    Reporting.QUARTERLY: "each quarter",
    Reporting.SIX_MONTHLY: "every six months",
    Reporting.ANNUALLY: "once a year",
}


def _reporting_promise(plan: Plan, whom: str) -> str:
    """How often the bidder reports, as the plan's commitments say it (never a frequency the
    bidder did not choose): one frequency for all, or 'as set out for each commitment'."""
    chosen = {c.reporting for c in plan.commitments if c.reporting is not None}
    every = len(chosen) == 1 and all(c.reporting is not None for c in plan.commitments)
    when = (
        f"{_HOW_OFTEN[next(iter(chosen))]} through the {PORTAL}"
        if every
        else "through the " + PORTAL + " as often as our delivery plan sets out for each one"
    )
    return (
        f"We will report progress on every commitment to {whom} {when}, with the evidence set "
        "out for each commitment in our delivery plan"
    )


def monitoring_sentences(ctx: Context, stage: int) -> list[str]:
    plan = ctx.plan
    whom = tidy(plan.bid.authority) or "the council"
    if stage >= LIST_ITEM:
        return []
    out = [sentence(_reporting_promise(plan, whom))]
    if stage >= ONE_SENTENCE:
        return out
    out.append(
        sentence(
            f"At least once a year we will review progress with {whom}: delivery against each "
            "yearly profile, the evidence, risks and corrective actions"
        )
    )
    own = sentences_of(plan.monitoring)
    out += own[:1] if stage >= NO_DETAIL else own
    if stage >= NO_DETAIL:
        return out
    r = plan.reporting
    if tidy(r.data_owner):
        out.append(sentence(f"Data owner: {tidy(r.data_owner)}"))
    if tidy(r.verification):
        out.append(sentence(f"Verification: {tidy(r.verification)}"))
    if tidy(r.annual_review):
        out.append(sentence(f"Annual review: {tidy(r.annual_review)}"))
    return out


def plan_risk_sentences(ctx: Context, stage: int) -> list[str]:
    if stage >= NO_DETAIL:
        return []
    return risk_sentences(ctx.plan.risks, merged=stage >= MERGED, proper=ctx.proper)
