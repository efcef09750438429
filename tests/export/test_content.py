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


def section(doc, start: str) -> str:
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


def table_after(doc, heading: str, first_column: str):
    """The first table under `heading` whose first column title is `first_column`."""
    seen = False
    for b in blocks(doc):
        if b.kind == "p" and b.text == heading:
            seen = True
        elif seen and b.kind == "table" and b.table.rows[0].cells[0].text == first_column:
            return b.table
    raise AssertionError(f"no {first_column!r} table under {heading!r}")


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
        "1 Executive summary",
        "2 Commitments year by year",
        "3 Jobs – Promote local skills and employment",
        "4 Growth – Supporting growth of responsible regional business",
        "5 Social – Healthier, safer and more resilient communities",
        "6 Environment – Decarbonising and safeguarding our world",
        "7 Other commitments",
        "8 Milestone plan",
        "9 Governance",
        "10 Monitoring and reporting",
        "11 Risk register",
        "12 Counting and additionality",
        "Appendix A Partner directory",
        "Appendix B Glossary",
        "Appendix C Sources",
    ]
    texts = [b.text for b in blocks(doc)]
    assert [b.style for b in blocks(doc)][texts.index("Contents")] == "TOC Heading"
    seconds = [text for level, text in headings(doc, 2) if level == 2]
    assert seconds[:2] == ["2.1 Year-by-year schedule", "2.2 Quarter-by-quarter timeline"]
    assert "3.1 More local people in employment" in seconds


def test_cover_is_stamped_draft_with_the_outstanding_items(doc, realistic_docx, extract_catalogue):
    from svplan.core.checks import check_plan, outstanding

    n = len(outstanding(check_plan(realistic_docx[0], extract_catalogue)))
    assert n >= 3
    cover = [b.text for b in blocks(doc)][:12]
    assert cover[0] == "Social Value Delivery Plan"
    assert f"DRAFT – {n} items outstanding" in cover
    for expected in (
        "Tender reference:\tLCC/2027/0042",
        "Submitted by:\tExample Contractors Ltd",
        "Date of issue:\t15\xa0January\xa02027",  # a date never breaks across lines
        "Status:\tDraft for submission",
    ):
        assert expected in cover
    header = [p.text for p in doc.sections[0].header.paragraphs if p.text]
    assert header == [f"DRAFT – {n} items outstanding · Example Contractors Ltd\tLCC/2027/0042"]


def test_date_of_issue_comes_from_plan_then_argument_then_today(tmp_path, extract_catalogue):
    from svplan.export import export_plan
    from svplan.export.text import format_date

    plan = realistic_plan()
    plan.bid.issued = None
    export_plan(plan, extract_catalogue, tmp_path / "a.docx", issued=dt.date(2026, 11, 25))
    assert "Date of issue:\t25\xa0November\xa02026" in all_text(open_docx(tmp_path / "a.docx"))
    export_plan(plan, extract_catalogue, tmp_path / "b.docx")
    today = format_date(dt.date.today()).replace(" ", "\xa0")
    assert f"Date of issue:\t{today}" in all_text(open_docx(tmp_path / "b.docx"))


def test_contents_links_each_heading_and_asks_for_its_page_number(doc):
    from svplan.export.docx_writer import CONTENTS_LINES

    toc = [p for p in doc.paragraphs if re.fullmatch(r"toc \d", p.style.name.lower())]
    listed = [p.text.rstrip("\t") for p in toc]
    marks = bookmarks(doc)
    # every line goes to a bookmarked heading, in document order; the measures' own headings
    # are bookmarked too but listed only while the contents fits one page (this plan's does not)
    assert listed == [m for m in marks.values() if m in listed]
    assert len(listed) <= CONTENTS_LINES < len(marks)
    assert "1 Executive summary" in listed and "3.1 More local people in employment" in listed
    assert "NT1 Local people employed" in marks.values()
    assert "Delivery actions and timescales" not in listed
    anchors = [target for target, _ in hyperlinks(doc) if target.startswith("#")]
    assert len(anchors) == len(listed)
    xml = part_xml(doc.part)
    for anchor in anchors:
        # a PAGEREF field to the heading's bookmark, with no cached number to go stale
        assert re.search(rf"PAGEREF {anchor[1:]} \\h", xml)
    assert not re.search(r'fldCharType="separate"/></w:r><w:r[^>]*><w:t[^>]*>\d', xml)
    assert "TOC \\" not in xml  # no Table of Contents field that asks to be updated
    assert 'w:leader="dot"' in xml


def test_executive_summary_says_only_what_is_filled_in(doc):
    text = section(doc, "1 Executive summary")
    assert "deliver 10 social value commitments" in text  # NT15 has no target yet
    for expected in (
        "Contract value:\t£2,500,000",
        "Contract period:\t36\xa0months, 1\xa0April\xa02027 to 31\xa0March\xa02030",
        "Social value lead:\tSam Taylor, Social Value Lead",
        "Executive sponsor:\tAlex Morgan, Operations Director",
        "Delivery partners: 3 named (one partner agreed, one partner identified).",
    ):
        assert expected in text, expected
    table = table_after(doc, "1 Executive summary", "Theme")
    rows = {r.cells[0].text: r.cells[2].text for r in table.rows[1:]}
    assert rows["Jobs"] == "21 FTE\n120 hours (staff time)\n520 weeks"
    assert rows["Growth"] == "£750,000 spent (30% of the contract value)\n240 hours × attendees"
    assert "NT15" not in table.rows[2].cells[1].text


def test_year_by_year_schedule_has_dated_years_units_and_totals(doc):
    table = table_after(doc, "2.1 Year-by-year schedule", "Code")
    head = [c.text for c in table.rows[0].cells]
    assert head == [
        "Code",
        "Measure",
        "Year\xa01\nApr 2027 – Mar 2028",
        "Year\xa02\nApr 2028 – Mar 2029",
        "Year\xa03\nApr 2029 – Mar 2030",
        "Total",
    ]
    rows = {r.cells[0].text: [c.text for c in r.cells[2:]] for r in table.rows[1:]}
    assert rows["NT1"] == ["6 FTE", "6 FTE", "6 FTE", "18 FTE"]
    assert rows["NT18"] == [
        "£250,000",
        "£250,000",
        "£250,000",
        "£750,000 (30% of the contract value)",
    ]
    assert rows["NT31"] == ["10.0 tCO2e", "15.0 tCO2e", "20.5 tCO2e", "45.5 tCO2e"]
    assert rows["SOC99"] == ["", "", "", "25"]
    assert "NT15" not in rows  # no figures yet: not in the schedule


def test_timeline_is_drawn_with_shaded_cells_not_pictures(doc):
    xml = part_xml(doc.part)
    assert "<w:drawing" not in xml and "<w:pict" not in xml
    table = table_after(doc, "2.2 Quarter-by-quarter timeline", "Measure")
    assert [c.text for c in table.rows[1].cells][1:5] == ["Q1", "Q2", "Q3", "Q4"]
    labels = [r.cells[0].text for r in table.rows[2:]]
    assert labels[:3] == ["Mobilisation", "NT1", "NT3"]

    def fill(row, col):
        shd = (
            table.rows[row]
            .cells[col]
            ._tc.tcPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}shd")
        )
        return shd.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fill")

    nt1 = 2 + labels.index("NT1")
    assert fill(nt1, 1) == "1F6F78"  # actions due in Y1Q1 (May and June 2027)
    assert fill(nt1, 2) == "B7DCE0"  # delivering in Year 1
    assert fill(2, 1) == "E8A33D" and fill(2, 2) == "FFFFFF"  # mobilisation: first 90 days


def test_measure_section_is_the_bidders_own(doc):
    nt1 = section(doc, "NT1 Local people employed")
    for expected in (
        "No. of full time equivalent direct local employees (FTE) hired or retained",
        "Example Contractors Ltd will employ 6 local people full time in each year of the "
        "36-month contract (1\xa0April\xa02027 to 31\xa0March\xa02030): 18 FTE-years in total.",
        "Target:\t18 FTE",
        "Yearly profile:\tYear\xa01 (Apr 2027 – Mar 2028): 6 FTE\n"
        "Year\xa02 (Apr 2028 – Mar 2029): 6 FTE\nYear\xa03 (Apr 2029 – Mar 2030): 6 FTE",
        "Delivery approach",
        "Every vacancy is advertised in Lancashire for two weeks first.",
        "Delivery actions and timescales",
        "Advertise every vacancy through Recruit Lancashire People\n31\xa0May\xa02027\nY1Q1\n"
        "HR Manager",
        "Responsible:\tHR Manager (Priya Shah)",
        "Delivery partners",
        "Lancashire Skills Pledge – Recruit Lancashire People\nAdvertises our vacancies to "
        "Lancashire jobseekers\nAgreed, 2\xa0Dec\xa02026",
        "Baseline:\t4 local FTE on our current Lancashire contracts (2026).",
        "Additionality:\tLocal hiring is not our policy today; this contract starts it.",
        "Reporting:\tQuarterly",
        "Evidence:\tPayroll extract",
        "Too few local applicants for skilled roles\nMedium\nHigh\nPre-employment courses",
        "NT1 counts every year of employment.",
    ):
        assert expected in nt1, expected
    # none of the council's words about the partner under the measure
    assert "can refer you" not in nt1 and "Contact:" not in nt1
    parts = [b for b in blocks(doc) if b.text == "Delivery approach"]
    assert parts and all(b.style == "Heading 4" for b in parts)


def test_a_target_to_be_confirmed_and_an_unset_reporting_frequency(doc):
    nt15 = section(doc, "NT15 Expert business advice to VCSEs and MSMEs")
    assert "The target for NT15 Expert business advice to VCSEs and MSMEs is to be confirmed." in (
        nt15
    )
    assert "Target:" not in nt15 and "Yearly profile" not in nt15
    nt72 = section(doc, "NT72 Hard-to-recycle waste diverted from landfill")
    assert "Reporting:" not in nt72 and "Quarterly" not in nt72  # "Not set" is a finding
    assert "Not set" not in all_text(doc)


def test_partners_in_the_body_are_the_bidders_and_unknown_ids_are_left_out(doc):
    nt8 = section(doc, "NT8 Staff hours on school and college visits")
    assert "Inspira – Lancashire Enterprise Adviser Network" in nt8
    assert "STEMFirst" in nt8
    assert "no-such-partner" not in all_text(doc)
    nt3 = section(doc, "NT3 Long-term unemployed people employed")
    assert "Delivery partners" not in nt3  # the catalogue's suggestions are not the bidder's
    assert "Department for Work and Pensions" not in nt3
    nt10 = section(doc, "NT10 Weeks of apprenticeships or T-Levels")
    assert "Delivery partners" not in nt10


def test_suggested_approaches_are_not_printed_until_adopted(doc, extract_catalogue):
    from svplan.core.catalogue import ActionRoute

    text = all_text(doc)
    for m in extract_catalogue.measures:
        for r in m.routes:
            if isinstance(r, ActionRoute):
                assert r.action not in text, r.action
                if r.description:
                    assert r.description[:60] not in text, m.code


def test_partner_directory_once_per_partner_attributed(doc):
    appendix = section(doc, "Appendix A Partner directory")
    assert "as described by Lancashire County Council" in appendix
    items = blocks(doc)
    start = [b.text for b in items].index("Appendix A Partner directory") + 1
    end = next(i for i in range(start, len(items)) if items[i].style == "Heading 1")
    entries = [
        b.text
        for b in items[start:end]
        if b.text
        and "\t" not in b.text
        and not b.text.startswith(("The organisations", "As "))
        and b.style == "Normal"
    ]
    assert entries == [
        "Inspira – Lancashire Enterprise Adviser Network",
        "Lancashire Skills Pledge – Recruit Lancashire People",
        "STEMFirst",
    ]
    assert appendix.count("As described by Lancashire County Council:") == 3
    assert "Named for:\tNT8" in appendix
    # one phone format: 07795977499 in the source is written like the others
    assert "Kay Vaughan · 07812 224458 · Kay.vaughan@inspira.org.uk" in appendix
    assert "Daniel Barry · 07795 977499 · daniel.barry@inspira.org.uk" in appendix
    assert "Jobcentre" not in appendix and "Calico" not in appendix
    assert "\n–\n" not in appendix and "\t–" not in appendix  # no rows of dashes


def test_governance_monitoring_and_the_reporting_calendar(doc):
    gov = section(doc, "9 Governance")
    for expected in (
        "Executive sponsor:\tAlex Morgan, Operations Director",
        "Phone:\t07700 900123",
        "Social value lead:\tSam Taylor, Social Value Lead",
        "Email:\tsam.taylor@example.com",
        "A monthly social value meeting chaired by the lead.",
        "Slippage goes to the sponsor after one quarter.",
    ):
        assert expected in gov, expected
    assert "Subcontractors" not in gov and "Change control" not in gov  # not written
    assert all_text(doc).count("Email:\tsam.taylor@example.com") == 1  # one contact section
    table = table_after(doc, "10.1 Reporting calendar", "Return or review")
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert len(rows) == 12 + 3
    assert rows[0] == ["Quarterly return for Y1Q1", "1 Apr – 30 Jun 2027", "31\xa0Jul\xa02027"]
    assert ["Annual review of Year\xa01", "Apr 2027 – Mar 2028", "30\xa0Apr\xa02028"] in rows
    mon = section(doc, "10 Monitoring and reporting")
    assert "Data owner:\tSam Taylor" in mon
    assert "Verification:\tA sample of entries is checked each quarter." in mon
    assert "Annual review:" not in mon  # not written, not invented
    freq = {
        r.cells[0].text: r.cells[2].text
        for r in table_after(doc, "10.3 Reporting frequency", "Code").rows[1:]
    }
    assert freq["NT10"] == "Every six months" and freq["NT31"] == "Annually"
    assert "NT72" not in freq


def test_milestone_plan_is_sorted_with_quarters_and_mobilisation(doc):
    table = table_after(doc, "8 Milestone plan", "Date")
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert rows[0][:2] == ["30\xa0Apr\xa02027", "Y1Q1"]
    assert rows[0][2].startswith("Governance in place: executive sponsor Alex Morgan")
    assert rows[0][3] == "Mobilisation"
    dates = [dt.datetime.strptime(r[0].replace("\xa0", " "), "%d %b %Y") for r in rows if r[0]]
    assert dates == sorted(dates)
    assert [
        "31\xa0May\xa02027",
        "Y1Q1",
        "Advertise every vacancy through Recruit Lancashire People",
        "NT1",
        "HR Manager",
    ] in rows


def test_risk_register_has_plan_wide_and_measure_risks(doc):
    table = table_after(doc, "11 Risk register", "Ref")
    head = [c.text for c in table.rows[0].cells]
    assert head == ["Ref", "Applies to", "Risk", "Likelihood", "Impact", "Owner", "Mitigation"]
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert rows[0][:6] == [
        "R1",
        "Plan-wide",
        "Knowledge is lost at handover to the site team",
        "Medium",
        "Medium",
        "Sam Taylor",
    ]
    assert rows[1][:6] == [
        "R2",
        "NT1",
        "Too few local applicants for skilled roles",
        "Medium",
        "High",
        "HR Manager",
    ]
    assert any(r[1] == "NT18" for r in rows)


def test_counting_and_additionality(doc):
    text = section(doc, "12 Counting and additionality")
    assert "Example Contractors Ltd counts each unit of social value once" in text
    assert "People hired under NT3 are counted in their first year of employment only." in text
    assert "4 local FTE on our current Lancashire contracts (2026)." in text


def test_glossary_lists_the_acronyms_used(doc):
    table = table_after(doc, "Appendix B Glossary", "Term")
    terms = [r.cells[0].text for r in table.rows[1:]]
    assert {"FTE", "TOMs", "VCSE", "MSME", "tCO2e"} <= set(terms)
    assert "NEET" not in terms and "AONB" not in terms  # not used in this plan
    assert terms == sorted(terms, key=str.casefold)


def test_other_commitments_use_the_bidders_wording(doc):
    other = section(doc, "7 Other commitments")
    assert "SOC99" in other and "A council-specific measure." in other
    assert "Example Contractors Ltd will deliver 25 against SOC99" in other
    assert "Not in the catalogue" not in all_text(doc)


def test_only_https_http_and_mailto_links(doc):
    rels = external_relationships(doc)
    assert rels
    for reltype, target in rels:
        assert reltype == RT_HYPERLINK
        assert re.match(r"^(https?://|mailto:)", target), target


def test_footer_shows_no_page_number_a_viewer_cannot_compute(doc):
    section_ = doc.sections[0]
    assert section_.different_first_page_header_footer
    xml = part_xml(section_.footer)
    assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", xml)
    assert "NUMPAGES" not in xml
    footer = text_of(section_.footer._element)
    assert footer == "Social Value Delivery Plan · Version 1.0 · Draft for submission"
    assert "Page" not in footer and not text_of(section_.first_page_footer._element).strip()


def test_lines_do_not_break_inside_year_5_or_36_month(doc):
    xml = part_xml(doc.part)
    assert "Year\xa01" in xml and "Year 1 " not in xml
    assert "36<" in xml and "<w:noBreakHyphen/>" in xml  # 36‑month, as Word's own no-break hyphen


def test_small_tables_and_label_blocks_stay_on_one_page(doc):
    table = table_after(doc, "NT1 Local people employed", "Action")
    for row in table.rows:
        assert (
            row._tr.trPr is not None
            and row._tr.trPr.find(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit"
            )
            is not None
        )
    for row in table.rows[:-1]:
        assert all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)
    target = next(p for p in doc.paragraphs if p.text.startswith("Target:\t18 FTE"))
    assert target.paragraph_format.keep_with_next


def test_no_empty_labels_or_blank_values(doc):
    for p in all_paragraphs(doc):
        text = p.text
        assert not re.search(r":\t\s*$", text), f"empty label: {text!r}"
        assert not re.fullmatch(r"[^\t]{1,40}:\s*", text), f"empty label: {text!r}"
        assert "None" not in text.split() and "Not set" not in text


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


def test_no_tool_branding_and_a_theme_part(realistic_docx):
    import zipfile

    with zipfile.ZipFile(realistic_docx[1]) as z:
        names = z.namelist()
        assert any(n.startswith("word/theme/") for n in names)
        for name in ("word/document.xml", "docProps/core.xml", "docProps/app.xml"):
            if name in names:
                assert b"Social Value Plan Builder" not in z.read(name), name
        assert b"theme+xml" in z.read("[Content_Types].xml")


def test_document_properties(doc):
    props = doc.core_properties
    assert props.title == "Social Value Delivery Plan – Highways maintenance framework"
    assert props.author == "Example Contractors Ltd"
    assert "NT1" in props.keywords
    assert not props.comments


def test_an_almost_empty_plan_exports_without_blank_labels(tmp_path, mini_catalogue):
    from svplan.core.plan import Plan
    from svplan.export import export_plan

    out = export_plan(Plan(), mini_catalogue, tmp_path / "empty.docx", issued=dt.date(2027, 1, 1))
    doc = open_docx(out)
    text = all_text(doc)
    assert "Social Value Delivery Plan" in text
    assert "DRAFT – " in text
    assert "Date of issue:\t1\xa0January\xa02027" in text
    for p in all_paragraphs(doc):
        assert not re.search(r":\s*$", p.text), p.text


def test_a_long_contents_leaves_out_the_measure_lines_to_stay_on_one_page(tmp_path, lancashire):
    """The sample's contents with every measure line would run one line onto a second page."""
    from svplan.core.planio import load_plan
    from svplan.export import export_plan
    from svplan.export.docx_writer import CONTENTS_LINES
    from tests.conftest import SAMPLE_PLAN

    out = export_plan(load_plan(SAMPLE_PLAN, lancashire).plan, lancashire, tmp_path / "s.docx")
    doc = open_docx(out)
    listed = [p.text for p in doc.paragraphs if re.fullmatch(r"toc \d", p.style.name.lower())]
    assert len(listed) <= CONTENTS_LINES
    assert any(line.startswith("3.1 More local people in employment") for line in listed)
    assert not any(line.startswith("NT1 ") for line in listed)
