"""The shipped Lancashire catalogue is a complete, faithful transcription of the council's page.

Every fact is checked against the source text itself, parsed here (measure sections start at lines
like "NT3 - No. of ..."); nothing from the source is copied into this test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from svplan.core.catalogue import (
    ActionRoute,
    Catalogue,
    Measure,
    PartnerRoute,
    load_default_catalogue,
)

ROOT = Path(__file__).resolve().parents[2]
SOURCE_NAME = "lancashire-toms-methodology-and-partners.txt"
# A copy of the council's page kept with the tests, so the check runs in every clone and in CI;
# the original sits beside the repository in the team's shared folder.
SOURCE = ROOT / "tests" / "data" / "source" / SOURCE_NAME
SHARED_SOURCE = (ROOT / ".." / "shared" / "source" / SOURCE_NAME).resolve()

HEADER = re.compile(r"^(NT\d+[a-z]?) - (.*)$")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
URL = re.compile(r"(?:https?://|(?<![/\w.@])www\.)\S+")
# UK numbers as councils write them: 01524 563587, 07812 224458, 0300 456 8152, 07976079544,
# 0800 123 4567, +44 1772 123456, +44 (0)1772 123456.
PHONE = re.compile(
    r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?\d{2,4}|0\d{2,4})(?:[ ]?\d{3,4}){1,2}(?![\d])"
)


# Parsing the source -------------------------------------------------------------------------------


def _source_lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").splitlines()


@pytest.mark.skipif(not SHARED_SOURCE.is_file(), reason="no shared folder here")
def test_the_copy_of_the_source_is_the_shared_original():
    assert SOURCE.read_bytes() == SHARED_SOURCE.read_bytes()


@pytest.fixture(scope="module")
def sections() -> dict[str, tuple[str, str]]:
    """code -> (wording, the text of the section up to the next measure), in source order."""
    out: dict[str, tuple[str, str]] = {}
    code, wording, body = None, "", []
    for line in [*_source_lines(), "NT0 - end"]:
        m = HEADER.match(line)
        if not m:
            if code:
                body.append(line)
            continue
        if code:
            assert code not in out, f"the source has {code} twice"
            out[code] = (wording, "\n".join(body))
        code, wording, body = m.group(1), m.group(2).strip(), []
    return out


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_default_catalogue()


def emails(text: str) -> set[str]:
    return set(EMAIL.findall(text))


def urls(text: str) -> set[str]:
    return {u.rstrip(".,;:)") for u in URL.findall(text)}


def phones(text: str) -> set[str]:
    found = {p.strip() for p in PHONE.findall(text)}
    return {p for p in found if 10 <= sum(ch.isdigit() for ch in p) <= 12}


def norm(text: str) -> str:
    """Collapse every run of whitespace (newlines, narrow no-break spaces...) to one space."""
    return re.sub(r"\s+", " ", text).strip()


# What a measure leads to in the catalogue ---------------------------------------------------------


def structured(cat: Catalogue, m: Measure) -> list[str]:
    """Partner names, web addresses, contact fields and action texts of a measure's routes."""
    out: list[str] = []
    for r in m.routes:
        if isinstance(r, ActionRoute):
            out.append(r.action)
            continue
        p = cat.partner(r.partner)
        out += [p.name, *p.websites]
        for c in p.contacts:
            out += [c.name, c.phone, c.email]
    return [s for s in out if s]


def prose(cat: Catalogue, m: Measure) -> list[str]:
    """The running text of a measure: guidance, route descriptions, partner notes, and the text
    the catalogue withholds (kept for the record, never shown)."""
    out = [m.guidance, *m.withheld]
    for r in m.routes:
        out.append(r.description)
        if isinstance(r, PartnerRoute):
            out.append(cat.partner(r.partner).note)
    return [s for s in out if s]


def reachable(cat: Catalogue, m: Measure) -> str:
    return "\n".join(structured(cat, m) + prose(cat, m))


def contact_fields(cat: Catalogue, m: Measure) -> set[str]:
    out: set[str] = set()
    for pid in m.partner_ids:
        p = cat.partner(pid)
        out.update(p.websites)
        out.update(x for c in p.contacts for x in (c.phone, c.email) if x)
    return out


# The measures -------------------------------------------------------------------------------------


def test_the_source_parses_into_measure_sections(sections):
    assert len(sections) >= 40


def test_every_measure_of_the_source_is_there_in_source_order(catalogue, sections):
    assert [m.code for m in catalogue.measures] == list(sections)


def test_wording_is_exactly_the_source_line(catalogue, sections):
    for code, (wording, _) in sections.items():
        assert catalogue.measure(code).wording == wording, code


def test_short_titles_are_short(catalogue):
    for m in catalogue.measures:
        assert len(m.short) <= 60, m.code


# Contacts, phones and web addresses ---------------------------------------------------------------


def test_every_email_phone_and_web_address_is_reachable_from_its_measure(catalogue, sections):
    for code, (_, body) in sections.items():
        text = reachable(catalogue, catalogue.measure(code))
        found = emails(body) | phones(body) | urls(body)
        missing = sorted(x for x in found if x not in text)
        assert not missing, f"{code}: {missing}"


def test_every_email_phone_and_web_address_is_a_contact_or_website_of_a_partner_there(
    catalogue, sections
):
    """Also those the source writes inside a paragraph rather than on a contact line."""
    for code, (_, body) in sections.items():
        fields = contact_fields(catalogue, catalogue.measure(code))
        found = emails(body) | phones(body) | urls(body)
        missing = sorted(x for x in found if x not in fields)
        assert not missing, f"{code}: {missing}"


def test_the_patterns_find_what_the_source_holds(sections):
    """Guard against a pattern silently matching nothing."""
    body = "\n".join(b for _, b in sections.values())
    assert len(emails(body)) >= 10
    assert len(phones(body)) >= 10
    assert len(urls(body)) >= 15
    assert phones("call 0800 123 4567 or +44 1772 123456, not 2016 or £10250") == {
        "0800 123 4567",
        "+44 1772 123456",
    }


def test_nothing_is_invented(catalogue, sections):
    """Every partner name, contact field and web address of the catalogue is in the source."""
    source = "\n".join(f"{c} - {w}\n{b}" for c, (w, b) in sections.items())
    for p in catalogue.partners:
        assert p.name in source, p.id
        for site in p.websites:
            assert site in source, (p.id, site)
        for c in p.contacts:
            for value in (c.name, c.phone, c.email):
                assert value in source, (p.id, value)


# The running text ---------------------------------------------------------------------------------


def test_every_description_and_action_is_text_of_its_own_measure(catalogue, sections):
    for code, (_, body) in sections.items():
        m = catalogue.measure(code)
        section = norm(body)
        texts = [m.guidance, *m.withheld] + [r.description for r in m.routes]
        texts += [r.action for r in m.routes if isinstance(r, ActionRoute)]
        for text in filter(None, texts):
            for paragraph in text.split("\n\n"):
                assert norm(paragraph) in section, f"{code}: {paragraph[:80]!r}"


def test_every_sentence_of_a_section_is_in_its_measure(catalogue, sections):
    """Nothing the source says under a measure is dropped: once the parts the catalogue keeps as
    structure (partner names, contacts, web addresses, actions, outcome headings) are taken out,
    every remaining sentence of the section is in the measure's running text."""
    headings = [o.name for t in catalogue.themes for o in t.outcomes]
    for code, (_, body) in sections.items():
        m = catalogue.measure(code)
        cut = sorted(set(structured(catalogue, m) + headings), key=len, reverse=True)

        def strip(text: str, cut: list[str] = cut) -> str:
            for s in cut:
                text = text.replace(s, "\n")
            return text

        kept = norm(strip("\n".join(prose(catalogue, m))))
        for fragment in re.split(r"\n|(?<=[.!?])\s+", strip(body)):
            fragment = norm(fragment).strip(" ,;:/.-–—")
            if len(fragment.split()) >= 2:
                assert fragment in kept, f"{code}: {fragment!r}"


def test_the_innovation_measures_carry_their_explanation(catalogue, sections):
    for code, (wording, body) in sections.items():
        if wording.startswith("Innovative measures"):
            m = catalogue.measure(code)
            assert m.guidance and not m.routes, code
            assert norm(m.guidance) in norm(body), code


# Partners, units, themes --------------------------------------------------------------------------


def test_every_partner_is_used_by_a_measure(catalogue):
    used = {pid for m in catalogue.measures for pid in m.partner_ids}
    assert {p.id for p in catalogue.partners} == used


def test_every_unit_is_used(catalogue):
    assert {u.id for u in catalogue.units} == {m.unit for m in catalogue.measures}


def test_nt3_routes_include_jobcentre_plus_and_recruit_lancashire_people(catalogue):
    assert {"dwp-jobcentre-plus", "recruit-lancashire-people"} <= set(
        catalogue.measure("NT3").partner_ids
    )


def test_every_outcome_has_measures_and_themes_follow_source_order(catalogue):
    for theme in catalogue.themes:
        for outcome in theme.outcomes:
            assert catalogue.measures_in(outcome.id), outcome.id
    positions = [
        catalogue.order_of(catalogue.measures_in(o.id)[0].code)
        for t in catalogue.themes
        for o in t.outcomes
    ]
    assert positions == sorted(positions)


def test_outcome_names_are_headings_of_the_source(catalogue):
    lines = set(_source_lines())
    for theme in catalogue.themes:
        for outcome in theme.outcomes:
            assert outcome.name in lines, outcome.id


def test_disadvantaged_measures_count_people_and_say_how(catalogue):
    flagged = [m for m in catalogue.measures if m.disadvantaged]
    assert len(flagged) == 8
    for m in flagged:
        assert m.unit == "fte" and "first year" in m.counting, m.code


def test_units_format_sensibly(catalogue):
    assert catalogue.unit_of("NT1").format(12.5) == "12.5 FTE"
    assert catalogue.unit_of("NT18").format(25000) == "£25,000"
    assert catalogue.unit_of("NT41").format(100) == "100%"
    assert catalogue.unit_of("NT41").maximum == 100
    for unit in catalogue.units:
        assert unit.evidence, unit.id
        assert not unit.suffix.startswith(" "), unit.id


def test_overlaps_name_measures_of_the_catalogue(catalogue):
    assert catalogue.overlaps
    for overlap in catalogue.overlaps:
        for code in overlap.codes:
            assert catalogue.has_measure(code), code
    assert catalogue.overlaps_among({"NT9", "NT10"})
    assert catalogue.overlaps_among({"NT31", "NT32"})


def test_text_cut_off_or_local_to_one_district_is_withheld_not_offered(catalogue, sections):
    """Issue 14: no suggestion ends mid-sentence, offers a Preston-only pledge, or introduces
    links that do not follow. The source's words stay in the catalogue, under `withheld`."""
    withheld = {code: m.withheld for code in sections if (m := catalogue.measure(code)).withheld}
    assert set(withheld) == {"NT17", "NT28", "NT29", "NT31", "NT82", "NT85"}
    for m in catalogue.measures:
        offered = [m.guidance] + [r.description for r in m.routes]
        offered += [r.action for r in m.routes if isinstance(r, ActionRoute)]
        for text in filter(None, offered):
            assert not text.rstrip().endswith("support referrals to"), m.code
            assert "Preston Green Pledge" not in text, m.code
            assert not text.rstrip().endswith((":", " to", " and")), (m.code, text[-60:])
            assert "useful links" not in text, m.code
            for kept in m.withheld:
                assert norm(kept) not in norm(text), (m.code, kept)
