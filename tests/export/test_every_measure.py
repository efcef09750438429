"""A plan committing to every measure of a catalogue: completeness (speed is in benchmarks/)."""

from __future__ import annotations

from svplan.export import export_plan
from svplan.export.phrases import engaged_partners, format_phone, partner_name
from tests.export.docread import all_text, headings, hyperlinks, open_docx
from tests.export.plans import every_measure_plan, synthetic_catalogue


def _export_order(catalogue):
    """Measures in the order the export groups them: theme, then outcome, then catalogue order."""
    order = []
    for theme in catalogue.themes:
        for outcome in theme.outcomes:
            order += [m for m in catalogue.measures if m.outcome == outcome.id]
    return order


def _check_complete(catalogue, tmp_path):
    plan = every_measure_plan(catalogue)
    out = export_plan(plan, catalogue, tmp_path / "all.docx")
    doc = open_docx(out)
    measure_headings = [text for level, text in headings(doc, 3) if level == 3]
    assert len(measure_headings) == len(catalogue.measures)
    for m, text in zip(_export_order(catalogue), measure_headings, strict=True):
        assert text.startswith(m.code + " "), (m.code, text)
    text = all_text(doc)
    links = {target for target, _ in hyperlinks(doc)}
    referenced = {
        e.partner.id: e.partner for c in plan.commitments for e in engaged_partners(c, catalogue)
    }
    for partner in referenced.values():
        assert partner_name(partner) in text
        for contact in partner.contacts:
            for value in (contact.name, format_phone(contact.phone), contact.email):
                assert value.strip() in text, (partner.id, value)
            if "@" in contact.email:
                mailto = f"mailto:{contact.email.strip()}".lower()
                assert any(link.lower() == mailto for link in links), contact.email
        for site in partner.websites:
            bare = site.strip().split("//")[-1].rstrip("/")
            assert any(link.rstrip("/").endswith(bare) for link in links), site
    for c in plan.commitments:
        assert f"Notes on {c.measure}" in text
    return doc


def test_every_measure_of_the_mini_catalogue(tmp_path, mini_catalogue):
    _check_complete(mini_catalogue, tmp_path)


def test_every_measure_of_a_43_measure_catalogue(tmp_path):
    _check_complete(synthetic_catalogue(), tmp_path)


def test_every_measure_of_the_lancashire_catalogue(tmp_path, lancashire):
    _check_complete(lancashire, tmp_path)
