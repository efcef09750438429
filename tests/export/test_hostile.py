"""Whatever a user types, the export writes a document Word can open."""

from __future__ import annotations

import zipfile

from lxml import etree

from svplan.core.plan import Action, Commitment, Person, Plan, Risk
from svplan.export import export_plan
from tests.export.docread import all_text, external_relationships, hyperlinks, open_docx
from tests.export.plans import bid

LONG_WORD = "Supercalifragilistic" * 250  # 5,000 characters, no space
EMOJI = "👩🏽‍🔧 Site team 🚧"
RTL = "خطة القيمة الاجتماعية שלום"
# (pydantic refuses lone surrogates in a plan; test_text covers them)
NASTY = "Tabs\there\x00NUL \x01\x02\x1b[31mANSI\x7f <b>&amp;</b> ]]> \ufffe\uffff end"


def hostile_plan() -> Plan:
    return Plan(
        bid=bid(
            title=f"{NASTY} {EMOJI}",
            reference="REF\x00/\t1",
            bidder=f"{RTL} Ltd",
            authority="Council\r\nof\rLines",
            version="1.0\x0b",
            status="",
        ),
        lead=Person(
            name=EMOJI,
            email="javascript:alert(1)",
            phone="+44 (0)1772\t000000",
        ),
        monitoring=f"{LONG_WORD}\n\n{RTL}\n{NASTY}",
        commitments=[
            Commitment(
                measure="NT1",
                target=6,
                owner=RTL,
                resources=LONG_WORD,
                actions=[
                    Action(action=LONG_WORD[:400], owner=NASTY[:400]),
                    Action(action="", owner="", due=None),
                ],
                evidence=f"{EMOJI}\n{RTL}\n\n\n{NASTY}",
                risks=[Risk(risk=LONG_WORD[:500], mitigation=LONG_WORD), Risk()],
                notes=NASTY,
                partners=["helpful-org", "../../etc/passwd", ""],
            ),
            Commitment(measure="NT29", target=None, notes=LONG_WORD),
            Commitment(measure="<script>", target=1e12, owner=NASTY[:400]),
        ],
    )


def test_hostile_text_exports_and_reopens(tmp_path, mini_catalogue):
    out = export_plan(hostile_plan(), mini_catalogue, tmp_path / "hostile.docx")
    doc = open_docx(out)  # parses every part
    text = all_text(doc).replace("\u200b", "")
    assert "\x00" not in text and "\x1b" not in text and "\ufffe" not in text
    assert EMOJI in text
    assert RTL in text
    assert LONG_WORD in text
    assert "Tabs here" in text
    assert "<b>&amp;</b> ]]>" in text
    assert "<script>" in text
    # the non-web "email" stays plain text: no javascript: link anywhere
    assert all(
        t.startswith(("https://", "http://", "mailto:")) for _, t in external_relationships(doc)
    )
    assert not any("javascript" in target for target, _ in hyperlinks(doc))
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                etree.fromstring(z.read(name))  # well-formed XML


def test_long_words_get_break_opportunities_in_the_document(tmp_path, mini_catalogue):
    out = export_plan(hostile_plan(), mini_catalogue, tmp_path / "hostile.docx")
    doc = open_docx(out)
    longest = max(
        (len(w) for p in doc.paragraphs for w in p.text.replace("\u200b", " ").split()),
        default=0,
    )
    assert longest <= 60


BIDI = "\u202e\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f"


def test_bidi_controls_never_reach_a_link():
    """U+202E in an address would show it reversed: a live link that seems to go elsewhere."""
    from svplan.export.text import display_url, email_link, link_text, web_link

    assert web_link(f"https://exa{BIDI}mple.org/\u202egpj.exe") == "https://example.org/gpj.exe"
    assert display_url("https://www.\u202eexample.org/") == "www.example.org"
    assert email_link("bids@\u202eexample.org") == "mailto:bids@example.org"
    assert link_text(f"bids@{BIDI}example.org") == "bids@example.org"


def test_bidi_controls_in_plan_text_are_stripped_from_links_in_the_export(tmp_path, mini_catalogue):
    plan = hostile_plan().model_copy(
        update={"lead": Person(name="Sam", email="sam@\u202eexample.org\u202c")}
    )
    doc = open_docx(export_plan(plan, mini_catalogue, tmp_path / "bidi.docx"))
    links = hyperlinks(doc)
    assert ("mailto:sam@example.org", "sam@example.org") in links
    for target, shown in links:
        assert not any(ch in target + shown for ch in BIDI), (target, shown)
