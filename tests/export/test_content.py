"""What the exported delivery plan says, read back with python-docx (realistic plan)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest

from tests.export.docread import (
    RT_HYPERLINK,
    all_paragraphs,
    all_text,
    blocks,
    bookmarks,
    external_relationships,
    headings,
    hyperlinks,
    open_docx,
    part_xml,
    text_of,
)
from tests.export.plans import realistic_plan


@pytest.fixture(scope="module")
def doc(realistic_docx):
    return open_docx(realistic_docx[1])


def test_import_is_cheap_and_headless():
    probe = (
        "import sys, svplan.export; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('docx', 'lxml', 'PySide6')]; "
        "print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_sections_come_in_order(doc):
    top = [text for level, text in headings(doc, 1)]
    assert top == [
        "1 Summary",
        "2 Jobs – Promote local skills and employment",
        "3 Growth – Supporting growth of responsible regional business",
        "4 Social – Healthier, safer and more resilient communities",
        "5 Environment – Decarbonising and safeguarding our world",
        "6 Other commitments",
        "7 Monitoring and reporting",
        "Appendix A Partner directory",
        "Appendix B Sources",
    ]
    styles = [b.style for b in blocks(doc)]
    texts = [b.text for b in blocks(doc)]
    assert styles[texts.index("Contents")] == "TOC Heading"
    assert texts.index("Contents") < texts.index("1 Summary")
    seconds = [text for level, text in headings(doc, 2) if level == 2]
    assert seconds[:3] == [
        "1.1 The contract",
        "1.2 Social value lead",
        "1.3 Commitments at a glance",
    ]
    assert "2.1 More local people in employment" in seconds
    assert seconds[-4:] == [
        "7.1 Quarterly reporting",
        "7.2 Annual progress review",
        "7.3 Data collection",
        "7.4 Contact",
    ]


def test_cover(doc):
    first = [b for b in blocks(doc)][:12]
    assert first[0].style == "Title" and first[0].text == "Social Value Delivery Plan"
    assert first[1].style == "Subtitle" and first[1].text == "Highways maintenance framework"
    cover = "\n".join(b.text for b in first)
    for expected in (
        "Tender reference:\tLCC/2027/0042",
        "Contracting authority:\tLancashire County Council",
        "Submitted by:\tExample Contractors Ltd",
        "Date of issue:\t15 January 2027",
        "Version:\t1.0",
        "Status:\tDraft for submission",
    ):
        assert expected in cover
    contents = next(p for p in doc.paragraphs if p.text == "Contents")
    assert contents.paragraph_format.page_break_before


def test_date_of_issue_comes_from_plan_then_argument_then_today(tmp_path, extract_catalogue):
    from svplan.export import export_plan

    plan = realistic_plan()
    plan.bid.issued = None
    export_plan(plan, extract_catalogue, tmp_path / "a.docx", issued=dt.date(2026, 11, 25))
    assert "Date of issue:\t25 November 2026" in all_text(open_docx(tmp_path / "a.docx"))
    export_plan(plan, extract_catalogue, tmp_path / "b.docx")
    today = dt.date.today()
    from svplan.export.text import format_date

    assert f"Date of issue:\t{format_date(today)}" in all_text(open_docx(tmp_path / "b.docx"))


def test_contents_lists_every_section_with_working_links(doc):
    toc = [p for p in doc.paragraphs if re.fullmatch(r"toc \d", p.style.name.lower())]
    listed = [p.text for p in toc]
    marks = bookmarks(doc)
    assert listed == list(marks.values())
    for level, text in headings(doc, 3):
        if level <= 2 or text.startswith("NT"):
            assert text in listed, text
    assert "1 Summary" in listed and "NT1 Local people employed" in listed
    assert "Delivery actions and timescales" not in listed
    anchors = [target for target, _ in hyperlinks(doc) if target.startswith("#")]
    assert len(anchors) == len(listed)
    for anchor, text in zip(anchors, listed, strict=True):
        assert marks[anchor[1:]] == text
    # static text: no TOC field that would need updating
    assert "TOC \\" not in part_xml(doc.part)


def test_summary_contract_lead_and_table(doc):
    text = all_text(doc)
    for expected in (
        "Contract value:\t£2,500,000",
        "Start date:\t1 April 2027",
        "Duration:\t36 months",
        "End date:\t31 March 2030",
        "Email:\tsam.taylor@example.com",
        "Phone:\t01772 000000",
        "Sam Taylor, Social Value Lead, leads social value delivery",
    ):
        assert expected in text
    table = next(b.table for b in blocks(doc) if b.kind == "table")
    header = [c.text for c in table.rows[0].cells]
    assert header == ["Code", "Measure", "Target", "Yearly profile", "Owner", "Partners"]
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert list(rows) == [
        "NT1",
        "NT3",
        "NT8",
        "NT10",
        "NT15",
        "NT18",
        "NT21",
        "NT29",
        "NT31",
        "NT72",
        "SOC99",
    ]
    assert rows["NT1"][1:5] == [
        "Local people employed",
        "18 FTE",
        "Y1\xa06 · Y2\xa06 · Y3\xa06",
        "HR Manager (Priya Shah)",
    ]
    assert rows["NT1"][5] == "Lancashire Skills Pledge – Recruit Lancashire People"
    assert rows["NT8"][5] == "Inspira – Lancashire Enterprise Adviser Network\nSTEMFirst"
    assert rows["NT10"][5] == "–"
    assert rows["NT15"][2] == "to be confirmed"
    assert rows["NT18"][2:4] == ["£750,000", "Y1\xa0£250,000 · Y2\xa0£250,000 · Y3\xa0£250,000"]
    assert rows["SOC99"][1] == "Not in the catalogue"
    assert ("mailto:sam.taylor@example.com", "sam.taylor@example.com") in hyperlinks(doc)


def test_every_commitment_has_a_section_starting_with_its_code(doc, realistic_docx):
    plan = realistic_docx[0]
    found = [text for level, text in headings(doc, 3) if level in (2, 3)]
    for c in plan.commitments:
        assert any(t.split(" ")[0] == c.measure for t in found), c.measure
    assert "NT1 Local people employed" in found
    assert "SOC99" in found


def _section(doc, start: str) -> str:
    """Text from the heading `start` up to the next heading of the same or a higher level."""
    out, level = [], None
    for b in blocks(doc):
        lvl = int(b.style[8:]) if b.style.startswith("Heading ") else None
        if level is None:
            if b.text == start and lvl:
                level = lvl
            continue
        if lvl is not None and lvl <= level:
            break
        out.append(b.text)
    assert level is not None, start
    return "\n".join(out)


def test_measure_section_content(doc):
    nt1 = _section(doc, "NT1 Local people employed")
    assert "No. of full time equivalent direct local employees (FTE) hired or retained" in nt1
    assert (
        "Example Contractors Ltd will deliver 18 FTE against NT1 (Local people employed) over the "
        "36-month contract from 1 April 2027 to 31 March 2030, reported quarterly." in nt1
    )
    assert "Target:\t18 FTE" in nt1
    assert "Yearly profile:\tYear 1: 6 FTE · Year 2: 6 FTE · Year 3: 6 FTE" in nt1
    for expected in (
        "Delivery actions and timescales",
        "Advertise every vacancy through Recruit Lancashire People\n31 May 2027\nHR Manager",
        "Resources and responsibilities",
        "Responsible:\tHR Manager (Priya Shah)",
        "Resources:\tRecruitment budget £4,000 a year",
        "Delivery partners",
        "Lancashire Skills Pledge – Recruit Lancashire People",
        "Lancashire Skills & Employment Hub can refer you",
        "Contact:\tlauren.capstick@lancashirelep.co.uk",
        "Website:\twww.lancashireskillshub.co.uk/pledge/recruit-lancashire-people",
        "Monitoring and evidence",
        "Reporting:\tQuarterly, through the Social Value Portal",
        "Evidence:\tPayroll extract",
        "Risks and mitigations",
        "Too few local applicants for skilled roles\nPre-employment courses",
        "Notes",
        "NT1 counts every year of employment.",
    ):
        assert expected in nt1, expected
    order = [
        nt1.index(x)
        for x in (
            "Delivery actions",
            "Resources and",
            "Delivery partners",
            "Monitoring and evidence",
            "Risks and",
            "Notes",
        )
    ]
    assert order == sorted(order)


def test_smart_sentence_reads_well_for_every_unit(doc):
    text = all_text(doc)
    for sentence in (
        "will deliver 120 hours against NT8 (Staff hours on school and college visits)",
        "will deliver 520 weeks against NT10 (Weeks of apprenticeships or T-Levels) over the "
        "36-month contract from 1 April 2027 to 31 March 2030, reported every six months.",
        "will deliver £750,000 against NT18 (Spend in the local supply chain)",
        "will deliver 240 hours × attendees against NT21",
        "will deliver 45.50 tCO2e against NT31 (Carbon savings through decarbonisation) over the "
        "36-month contract from 1 April 2027 to 31 March 2030, reported annually.",
        "will deliver a target of 25 against SOC99 over the 36-month contract",
    ):
        assert sentence in text, sentence


def test_missing_target_reads_to_be_confirmed(doc):
    nt15 = _section(doc, "NT15 Expert business advice to VCSEs and MSMEs")
    assert (
        "The target for NT15 (Expert business advice to VCSEs and MSMEs) is to be confirmed" in nt15
    )
    assert "Target:\tto be confirmed" in nt15
    assert "Yearly profile" not in nt15


def test_partner_choice_is_respected(doc):
    nt8 = _section(doc, "NT8 Staff hours on school and college visits")
    assert "Inspira – Lancashire Enterprise Adviser Network" in nt8
    assert "STEMFirst" in nt8
    assert "Be an Enterprise Adviser" not in nt8  # suggested, but not in the plan's list
    assert "no-such-partner" not in all_text(doc)
    nt10 = _section(doc, "NT10 Weeks of apprenticeships or T-Levels")
    assert "Delivery partners" not in nt10 and "Calico" not in nt10  # partners: []
    nt3 = _section(doc, "NT3 Long-term unemployed people employed")
    # partners None: every partner the catalogue suggests, with the text for THIS measure
    assert "Department for Work and Pensions – Jobcentreplus" in nt3
    assert "Work Coaches support a diverse group" in nt3
    assert "Contact:\tPAM.ALDREN@DWP.GOV.UK" in nt3


def test_suggested_approaches_when_partners_not_chosen(doc):
    nt21 = _section(doc, "NT21 Equality, diversity and inclusion training")
    assert "Delivery approach" in nt21
    assert "Work with an EDI charity to develop training or interventions for staff" in nt21
    nt72 = _section(doc, "NT72 Hard-to-recycle waste diverted from landfill")
    assert (
        "Initiate processes to divert hard to recycle waste from landfill or incineration. "
        "There are a small number of schemes" in nt72
    )
    bullets = [p for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert bullets


def test_every_contact_of_every_referenced_partner_appears(doc, extract_catalogue):
    from svplan.export.phrases import engaged_partners

    plan = realistic_plan()
    text = all_text(doc)
    links = {target for target, _ in hyperlinks(doc)}
    referenced = {
        e.partner.id: e.partner
        for c in plan.commitments
        for e in engaged_partners(c, extract_catalogue)
    }
    assert len(referenced) >= 10
    for partner in referenced.values():
        assert partner.name in text
        for contact in partner.contacts:
            for value in (contact.name, contact.phone, contact.email):
                assert value in text, value
            if contact.email:
                assert f"mailto:{contact.email}" in links
        for site in partner.websites:
            target = site if site.startswith("http") else "https://" + site
            assert target in links, site
    assert "mailto:rajackson@calico.org.uk" not in links  # NT10 engages no partner


def test_partner_directory_lists_each_partner_once_alphabetically(doc):
    table = [b.table for b in blocks(doc) if b.kind == "table"][-1]
    assert [c.text for c in table.rows[0].cells] == ["Organisation", "Contacts", "Website"]
    names = [r.cells[0].text for r in table.rows[1:]]
    assert names == sorted(names, key=str.casefold)
    assert len(names) == len(set(names))
    assert "Calico Group" not in names  # NT10 engages no partner
    inspira = next(r for r in table.rows[1:] if r.cells[0].text.startswith("Inspira"))
    assert inspira.cells[1].text == (
        "Kay Vaughan\n07812 224458\nKay.vaughan@inspira.org.uk\n"
        "Daniel Barry\n07795977499\ndaniel.barry@inspira.org.uk"
    )


def test_only_https_http_and_mailto_links(doc):
    rels = external_relationships(doc)
    assert rels
    for reltype, target in rels:
        assert reltype == RT_HYPERLINK
        assert re.match(r"^(https?://|mailto:)", target), target


def test_header_and_footer(doc):
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    header = section.header.paragraphs
    assert [p.text for p in header if p.text] == ["Example Contractors Ltd\tLCC/2027/0042"]
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    for footer in (section.footer, section.first_page_footer):
        xml = part_xml(footer)
        assert "PAGE" in xml and "NUMPAGES" in xml
        assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", xml)
        assert re.search(r"<w:instrText[^>]*> NUMPAGES </w:instrText>", xml)
        assert "Page 1 of 1" in text_of(footer._element)
    assert text_of(section.footer._element).startswith(
        "Social Value Delivery Plan · Version 1.0 · Draft for submission"
    )


def test_page_setup_is_a4_with_2cm_margins(doc):
    s = doc.sections[0]
    assert abs(s.page_width.cm - 21.0) < 0.01 and abs(s.page_height.cm - 29.7) < 0.01
    assert all(abs(m.cm - 2.0) < 0.01 for m in (s.left_margin, s.right_margin, s.top_margin))


def test_no_empty_labels_or_blank_values(doc):
    for p in all_paragraphs(doc):
        text = p.text
        assert not re.search(r":\s*$", text), f"empty label: {text!r}"
        assert not re.search(r"^[^\t]{1,40}:\t\s*$", text), text
        assert "None" not in text.split()


def test_no_empty_sections(doc):
    items = blocks(doc)
    for i, b in enumerate(items):
        level = int(b.style[8:]) if b.style.startswith("Heading ") else None
        if level is None:
            continue
        following = items[i + 1] if i + 1 < len(items) else None
        assert following is not None, b.text
        nxt = int(following.style[8:]) if following.style.startswith("Heading ") else None
        assert nxt is None or nxt > level, f"{b.text!r} is empty"


def test_monitoring_section(doc):
    mon = _section(doc, "7 Monitoring and reporting")
    assert "each quarter through the Social Value Portal" in mon
    assert (
        "At least once a year Example Contractors Ltd will review progress with Lancashire" in mon
    )
    assert "Site managers record activity monthly on a shared tracker." in mon
    assert "The Social Value Lead checks the tracker" in mon
    table = next(
        b.table
        for b in blocks(doc)
        if b.kind == "table" and b.table.rows[0].cells[-1].text == "Reporting"
    )
    freq = {r.cells[0].text: r.cells[2].text for r in table.rows[1:]}
    assert freq["NT10"] == "Every six months" and freq["NT31"] == "Annually"
    assert freq["NT72"] == "Quarterly"  # not set: Lancashire's quarterly default
    assert "Sam Taylor, Social Value Lead" in mon


def test_same_reporting_everywhere_is_one_sentence(tmp_path, extract_catalogue):
    from svplan.export import export_plan

    plan = realistic_plan()
    for c in plan.commitments:
        c.reporting = None
    export_plan(plan, extract_catalogue, tmp_path / "p.docx")
    doc = open_docx(tmp_path / "p.docx")
    assert "Every commitment is measured and reported quarterly." in all_text(doc)
    assert not any(
        b.kind == "table" and b.table.rows[0].cells[-1].text == "Reporting" for b in blocks(doc)
    )


def test_other_commitments_keep_what_the_plan_says(doc):
    other = _section(doc, "6 Other commitments")
    assert "not in Lancashire TOMs – methodology and partners" in other
    assert "SOC99" in other and "A council-specific measure." in other
    assert "Target:\t25" in other


def test_sources_note(doc):
    src = _section(doc, "Appendix B Sources")
    assert "Lancashire TOMs – methodology and partners" in src
    assert "Lancashire County Council" in src
    assert "edition 2026-11 (test extract)" in src


def test_document_properties(doc):
    props = doc.core_properties
    assert props.title == "Social Value Delivery Plan – Highways maintenance framework"
    assert props.author == "Example Contractors Ltd"
    assert "NT1" in props.keywords


def test_an_almost_empty_plan_exports_without_blank_labels(tmp_path, mini_catalogue):
    from svplan.core.plan import Plan
    from svplan.export import export_plan

    out = export_plan(Plan(), mini_catalogue, tmp_path / "empty.docx", issued=dt.date(2027, 1, 1))
    doc = open_docx(out)
    text = all_text(doc)
    assert "Social Value Delivery Plan" in text
    assert "No commitments have been added to this plan yet." in text
    assert "Date of issue:\t1 January 2027" in text
    for p in all_paragraphs(doc):
        assert not re.search(r":\s*$", p.text), p.text
    assert not "".join(p.text for p in doc.sections[0].header.paragraphs).strip()
