"""Issue 14's rules for the Word plan, on the real Lancashire catalogue: nothing in the body that
the bidder did not write or adopt, DRAFT when `check` would not pass, personal data left out on
request, levels never summed, and a 43-measure plan that validates against the OOXML schemas."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from svplan.core.catalogue import ActionRoute, PartnerRoute
from svplan.core.checks import check_plan, outstanding
from svplan.core.plan import Bid, Commitment, Person, Plan
from svplan.core.planio import load_plan
from svplan.export import export_plan
from tests.export.docread import all_text, blocks, open_docx

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "tests" / "data" / "source" / "lancashire-toms-methodology-and-partners.txt"
ALL_MEASURES = ROOT / "examples" / "all-measures.svplan"
SAMPLE = ROOT / "examples" / "sample.svplan"
ISSUED = dt.date(2027, 1, 15)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2011", "-")).strip()


def body_text(doc) -> str:
    """Everything before the partner directory (the appendices follow it)."""
    out = []
    for b in blocks(doc):
        if b.style == "Heading 1" and b.text.startswith("Appendix"):
            break
        out.append(b.text)
    return norm("\n".join(out))


def source_sentences() -> list[str]:
    """Every sentence of eight words or more of the council's page, except the measure lines
    and the outcome headings (the TOMs' own wording, which the plan uses as headings and
    quotes as each measure's wording)."""
    from svplan.core.catalogue import load_default_catalogue

    outcomes = {o.name for t in load_default_catalogue().themes for o in t.outcomes}
    out = []
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        if re.match(r"^NT\d+[a-z]? - ", line) or line.strip() in outcomes:
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", line):
            sentence = norm(sentence)
            if len(sentence.split()) >= 8:
                out.append(sentence)
    return out


def export(plan, catalogue, tmp_path, name="plan.docx", **kw):
    return open_docx(export_plan(plan, catalogue, tmp_path / name, issued=ISSUED, **kw))


@pytest.fixture(scope="module")
def all_measures(lancashire):
    return load_plan(ALL_MEASURES, lancashire).plan


@pytest.fixture(scope="module")
def all_measures_docx(tmp_path_factory, lancashire, all_measures):
    out = tmp_path_factory.mktemp("all") / "all-measures.docx"
    return export_plan(all_measures, lancashire, out, issued=ISSUED)


def test_the_source_sentences_are_found():
    sentences = source_sentences()
    assert len(sentences) > 150
    assert any("Work Coaches support a diverse group" in s for s in sentences)


def test_no_sentence_of_the_councils_partner_text_is_in_the_body(all_measures_docx):
    doc = open_docx(all_measures_docx)
    body = body_text(doc)
    found = [s for s in source_sentences() if s in body]
    assert not found, found[:3]
    # ... while the directory quotes them, attributed
    text = norm(all_text(doc))
    assert "As described by Lancashire County Council:" in text
    assert "Work Coaches support a diverse group" in text


def test_a_plan_of_targets_only_has_no_approach_and_no_partner_text(tmp_path, lancashire):
    plan = Plan(
        bid=Bid(bidder="Acme", start=dt.date(2027, 4, 1), months=36),
        commitments=[Commitment(measure=m.code, target=10) for m in lancashire.measures],
    )
    doc = export(plan, lancashire, tmp_path)
    text = norm(all_text(doc))
    headings = [b.text for b in blocks(doc) if b.style.startswith("Heading")]
    assert "Delivery approach" not in headings and "Delivery partners" not in headings
    assert not any(h.startswith("Appendix") and "Partner directory" in h for h in headings)
    for m in lancashire.measures:
        for r in m.routes:
            if isinstance(r, ActionRoute):
                assert norm(r.action) not in text, (m.code, r.action)
            for paragraph in (r.description or "").split("\n\n"):
                if len(paragraph.split()) >= 8:
                    assert norm(paragraph) not in text, m.code
            if isinstance(r, PartnerRoute):
                assert lancashire.partner(r.partner).name not in text, r.partner


def test_a_plan_that_fails_check_is_stamped_draft(tmp_path, lancashire):
    plan = Plan(bid=Bid(title="Roads"), commitments=[Commitment(measure="NT1")])
    n = len(outstanding(check_plan(plan, lancashire)))
    assert n >= 3
    doc = export(plan, lancashire, tmp_path)
    assert f"DRAFT – {n} items outstanding" in [b.text for b in blocks(doc)][:5]
    header = "".join(p.text for p in doc.sections[0].header.paragraphs)
    assert header.startswith(f"DRAFT – {n} items outstanding")
    # the summary says only what is filled in: no target, so no commitment is claimed
    assert "deliver 0 social value commitments" not in all_text(doc)
    assert "This plan sets out how we will deliver social value on Roads" in all_text(doc)


def test_a_plan_that_passes_check_has_no_draft_stamp(tmp_path, lancashire):
    plan = load_plan(SAMPLE, lancashire).plan
    assert check_plan(plan, lancashire) == []
    doc = export(plan, lancashire, tmp_path)
    assert "DRAFT" not in all_text(doc)
    assert "DRAFT" not in "".join(p.text for p in doc.sections[0].header.paragraphs)


def test_double_counting_cautions_are_answered_by_the_plan_not_a_draft(
    all_measures, lancashire, all_measures_docx
):
    findings = check_plan(all_measures, lancashire)
    assert findings and all(f.counting for f in findings)  # NT9 with NT10 and so on
    doc = open_docx(all_measures_docx)
    assert "DRAFT" not in all_text(doc)
    text = norm(all_text(doc))
    for f in findings:
        if "disadvantaged" not in f.message:
            assert norm(f.message) in text, f.message


def test_personal_contact_details_can_be_left_out(tmp_path, lancashire, all_measures):
    plan = all_measures.model_copy(deep=True)
    plan.options.contact_details = False
    text = all_text(export(plan, lancashire, tmp_path, "private.docx"))
    assert "Named officers' phone numbers and emails are left out of this copy." in text
    for pid in ("inspira", "lancashire-colleges"):
        for c in lancashire.partner(pid).contacts:
            if c.name:
                assert c.name in text  # the name stays ...
                assert c.email not in text and c.phone.replace(" ", "") not in text.replace(
                    " ", ""
                )  # ... the phone and email go
            else:
                assert c.email in text  # an organisation's own line stays
    assert "info@tlc.ac.uk" in text and "www.tlc.ac.uk" in text
    assert "sam.taylor@example.com" not in text and "01772 000000" not in text
    # the export option overrides the plan's setting, both ways
    shown = all_text(export(plan, lancashire, tmp_path, "shown.docx", contact_details=True))
    assert "Kay.vaughan@inspira.org.uk" in shown and "sam.taylor@example.com" in shown
    hidden = all_text(export(all_measures, lancashire, tmp_path, "h.docx", contact_details=False))
    assert "Kay.vaughan@inspira.org.uk" not in hidden


def test_a_level_is_held_each_year_not_summed(tmp_path, lancashire):
    plan = Plan(
        bid=Bid(bidder="Acme", start=dt.date(2027, 4, 1), months=36),
        lead=Person(name="Sam"),
        commitments=[Commitment(measure="NT41", target=100, yearly=[100, 100, 100])],
    )
    text = all_text(export(plan, lancashire, tmp_path))
    assert "Acme will pay 100% of contract staff at least the Real Living Wage in every year" in (
        text
    )
    assert "100% each year" in text  # the schedule's total
    assert "300" not in text
    assert "Target:\t100% (a level held each contract year)" in text


def test_the_43_measure_plan_has_no_schema_errors(all_measures_docx):
    pytest.importorskip("openxml_audit", reason="openxml-audit is a dev dependency (pip)")
    tool = Path(sys.executable).with_name("openxml-audit")
    result = subprocess.run(
        [str(tool), "-o", "json", str(all_measures_docx)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout)[0]
    assert report["error_count"] == 0, report["errors"][:5]
    assert report["valid"]


def test_the_43_measure_example_is_what_its_script_builds(lancashire):
    sys.path.insert(0, str(ROOT / "examples"))
    try:
        import build_all_measures
    finally:
        sys.path.pop(0)
    from svplan.core.planio import dump_plan

    assert ALL_MEASURES.read_text(encoding="utf-8") == dump_plan(build_all_measures.build())
    plan = load_plan(ALL_MEASURES, lancashire).plan
    assert len(plan.commitments) == len(lancashire.measures) == 43


def test_a_timeline_too_long_to_take_in_is_a_sentence_instead(tmp_path):
    from tests.export.plans import every_measure_plan, synthetic_catalogue

    catalogue = synthetic_catalogue(n_measures=160, n_partners=10)
    doc = export(every_measure_plan(catalogue), catalogue, tmp_path)
    items = blocks(doc)
    at = [b.text for b in items].index("2.2 Quarter-by-quarter timeline")
    assert items[at + 1].text.startswith("With 160 commitments the timeline would run to many")
    assert items[at + 2].style.startswith("Heading")  # no table follows
