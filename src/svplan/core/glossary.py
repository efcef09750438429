"""Acronyms a social value plan uses, with what they stand for (no Qt).

The Word plan prints a glossary of the acronyms its text actually uses (``used_in``); the app can
show the same meanings as tooltips (``meaning``). Each entry is a plain explanation written for
this product, not text from the TOMs or a council.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["GLOSSARY", "Term", "meaning", "used_in"]


@dataclass(frozen=True)
class Term:
    term: str  # as written: "tCO2e"
    meaning: str  # one line


GLOSSARY: tuple[Term, ...] = (
    Term("AONB", "Area of Outstanding Natural Beauty"),
    Term(
        "BOOST",
        "Boost Business Lancashire, which the council's list describes as Lancashire's Growth Hub",
    ),
    Term("BTEC", "Business and Technology Education Council qualification"),
    Term("CITB", "Construction Industry Training Board"),
    Term("CO2e", "carbon dioxide equivalent: all greenhouse gases expressed as CO2"),
    Term(
        "CREST",
        "science and engineering challenges for schools named in the council's list (the list "
        "does not say what the letters stand for)",
    ),
    Term("CSR", "corporate social responsibility"),
    Term("CV", "curriculum vitae"),
    Term("CVS", "Council for Voluntary Service"),
    Term("DWP", "Department for Work and Pensions"),
    Term("EDI", "equality, diversity and inclusion"),
    Term("FTE", "full-time equivalent: one person working full time (35+ hours a week) for a year"),
    Term(
        "FTE-year",
        "one person working full time for a whole year: 18 FTE-years is, for example, 6 people "
        "full time in each year of a 3-year contract (two people half time count as one)",
    ),
    Term("HMP", "His Majesty's Prison"),
    Term("GDPR", "UK General Data Protection Regulation"),
    Term("HNC", "Higher National Certificate"),
    Term("HR", "human resources"),
    Term("HSE", "health, safety and environment"),
    Term("HVO", "hydrotreated vegetable oil, a lower-carbon diesel replacement"),
    Term("KPI", "key performance indicator"),
    Term("LAAN", "Lancashire Apprenticeship Ambassador Network, as the council's list names it"),
    Term("LEP", "Local Enterprise Partnership"),
    Term("LVP", "Lancashire Volunteer Partnership, a partner named in the council's list"),
    Term(
        "LWBLEF",
        "The Lancashire Work Based Learning Executive Forum: in the council's words, it "
        "represents the main apprenticeship providers based in Lancashire",
    ),
    Term(
        "LYAAN",
        "the network of Lancashire Young Apprentice Ambassadors, as the council's list names it",
    ),
    Term(
        "MaCaW",
        "Making Carbon Work: a project at the University of Central Lancashire helping "
        "Lancashire SMEs move to a low-carbon model (from the council's list)",
    ),
    Term("MSME", "micro, small or medium-sized enterprise"),
    Term("NEET", "not in education, employment or training"),
    Term("NVQ", "National Vocational Qualification"),
    Term("PPE", "personal protective equipment"),
    Term("PAYE", "Pay As You Earn: income tax and National Insurance taken from wages"),
    Term("RLW", "Real Living Wage, as set by the Living Wage Foundation"),
    Term("SELNET", "Social Enterprise Lancashire Network, a partner named in the council's list"),
    Term("SME", "small or medium-sized enterprise"),
    Term("SMART", "specific, measurable, achievable, relevant and time-bound"),
    Term("STEM", "science, technology, engineering and mathematics"),
    Term(
        "T-Level",
        "a two-year technical qualification for 16 to 19 year olds, equal to three A levels, "
        "with an industry placement of at least 45 days",
    ),
    Term("tCO2e", "tonnes of carbon dioxide equivalent"),
    Term("TLC", "The Lancashire Colleges, a partner named in the council's list"),
    Term("TOMs", "Themes, Outcomes and Measures: the framework for measuring social value"),
    Term("VCSE", "voluntary, community and social enterprise organisation"),
)

_BY_KEY = {t.term.casefold(): t for t in GLOSSARY}
# Plurals count as uses ("VCSEs", "NEETs", "KPIs"); "Real Living Wage" counts for RLW.
_ALIASES = {"real living wage": "RLW", "selnet": "SELNET"}


def meaning(term: str) -> str | None:
    """What an acronym stands for ('VCSEs' and 'vcse' work too); None when it is not listed."""
    key = term.strip().casefold()
    found = _BY_KEY.get(key) or (_BY_KEY.get(key[:-1]) if key.endswith("s") else None)
    return found.meaning if found else None


_WORD = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")


def used_in(texts: Iterable[str]) -> list[Term]:
    """The glossary terms the texts use, in alphabetical order (case-insensitive).

    One pass over the text: its words (and the parts of hyphenated words) are collected once,
    then each term is looked up, with its plural; a 1,000-commitment plan takes milliseconds.
    """
    text = "\n".join(texts)
    words: set[str] = set()
    for word in _WORD.findall(text):
        words.add(word)
        if "-" in word:
            words.update(word.split("-"))
    found = [t for t in GLOSSARY if t.term in words or f"{t.term}s" in words]
    lowered = text.casefold()
    for phrase, term in _ALIASES.items():
        if phrase in lowered:
            found.append(_BY_KEY[term.casefold()])
    unique = {t.term: t for t in found}
    return sorted(unique.values(), key=lambda t: t.term.casefold())
