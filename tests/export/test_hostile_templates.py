"""Company templates from anyone (issue 18, "Nothing smuggled"): a template gives the export only
styles and layout. Every template of tests/data/templates/ (made by template_corpus.py), every zip
bomb and every special file goes through `svplan export --template`, and each ends either as
exit 2 with one line, nothing written and the template unchanged, or as a clean export: no
macros, no .bin, no external relationship but http(s)/mailto, no DOCTYPE, and python-docx opens
it (LibreOffice too: the render test at the end).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tracemalloc
import zipfile
from functools import partial
from pathlib import Path

import docx
import pytest
from lxml import etree

from svplan.cli import main
from svplan.core.errors import ExportError
from svplan.export.template import read_template
from tests.cli.runner import one_error_line, run
from tests.cli.test_cli import READY
from tests.conftest import MINI_CATALOGUE, SAMPLE_PLAN
from tests.export import template_corpus as corpus
from tests.export.docread import part_xml

CLEAN = [c for c in corpus.CASES if c.refusal is None]
REFUSED = [c for c in corpus.CASES if c.refusal is not None]
# in a subprocess with a time limit: a template that blocks must fail a test, not hang it
run_cli = partial(run, timeout=60)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class Run:
    def __init__(self, code: int, err: str) -> None:
        self.returncode, self.stderr, self.stdout = code, err, ""


@pytest.fixture
def export(tmp_path, monkeypatch, capsys):
    """`svplan export plan.svplan -o out.docx --template NAME` in tmp_path (in this process)."""
    (tmp_path / "plan.svplan").write_bytes(READY.read_bytes())
    monkeypatch.chdir(tmp_path)

    def run(template: str, out: str = "out.docx") -> Run:
        args = ["--catalogue", str(MINI_CATALOGUE), "export", "plan.svplan", "-o", out]
        code = main([*args, "--template", template])
        return Run(code, capsys.readouterr().err)

    return run


def assert_clean_docx(path: Path) -> None:
    """What the issue asks of every export."""
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        assert not [n for n in names if n.lower().endswith(".bin")], names
        assert not [
            n for n in names if re.search("vbaproject|activex|embeddings|customxml", n, re.I)
        ]
        for name in names:
            data = z.read(name)
            assert b"<!DOCTYPE" not in data.upper(), name
            if name.endswith((".xml", ".rels")):
                parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
                root = etree.fromstring(data, parser)
                assert root.getroottree().docinfo.doctype == "", name
            if name.endswith(".rels"):
                for rel in etree.fromstring(data):
                    if rel.get("TargetMode") == "External":
                        target = rel.get("Target")
                        assert target.startswith(("https://", "http://", "mailto:")), target
                        assert not (target.startswith("mailto:") and "?" in target), target
                        assert rel.get("Type").endswith("/hyperlink"), rel.get("Type")
    docx.Document(str(path))  # python-docx opens it


def test_the_corpus_is_what_its_script_makes():
    for case in corpus.CASES:
        assert (corpus.CORPUS / case.name).read_bytes() == corpus.build(case), (
            f"run: python -m tests.export.template_corpus ({case.name})"
        )


def sample_export(folder: Path, lancashire) -> Path:
    """examples/sample.svplan exported with the shipped catalogue and the default template."""
    from svplan.core.planio import load_plan
    from svplan.export import export_plan

    plan = load_plan(SAMPLE_PLAN, lancashire).plan
    return export_plan(plan, lancashire, folder / "sample.docx")


def test_exports_from_the_default_template_are_clean(tmp_path, export, realistic_docx, lancashire):
    assert_clean_docx(realistic_docx[1])
    assert_clean_docx(sample_export(tmp_path, lancashire))
    shutil.copy(corpus.DEFAULT, tmp_path / "default.docx")
    assert export("default.docx").returncode == 0
    assert_clean_docx(tmp_path / "out.docx")


@pytest.mark.parametrize("case", CLEAN, ids=lambda c: c.name)
def test_a_hostile_template_gives_a_clean_export(tmp_path, export, case):
    (tmp_path / case.name).write_bytes((corpus.CORPUS / case.name).read_bytes())
    result = export(case.name)
    assert result.returncode == 0, result.stderr
    assert_clean_docx(tmp_path / "out.docx")
    assert (tmp_path / case.name).read_bytes() == (corpus.CORPUS / case.name).read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [case.name, "out.docx", "plan.svplan"]
    )


@pytest.mark.parametrize("case", REFUSED, ids=lambda c: c.name)
def test_a_template_that_cannot_be_used_is_one_line(tmp_path, export, case):
    (tmp_path / case.name).write_bytes((corpus.CORPUS / case.name).read_bytes())
    one_error_line(export(case.name), case.name, case.refusal)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([case.name, "plan.svplan"])


# what is kept and what goes, case by case ------------------------------------------------------


def exported(tmp_path, export, name: str) -> docx.document.Document:
    (tmp_path / name).write_bytes((corpus.CORPUS / name).read_bytes())
    assert export(name).returncode == 0
    return docx.Document(str(tmp_path / "out.docx"))


def test_an_embedded_logo_survives(tmp_path, export):
    doc = exported(tmp_path, export, "header-logo.docx")
    header = doc.sections[0].header
    assert header.paragraphs[0].text == "ACME Ltd"
    images = [r.target_part.partname for r in header.part.rels.values() if "image" in r.reltype]
    assert [str(p) for p in images] == ["/word/media/image1.png"]
    assert header.part.rels[next(iter(header.part.rels))].target_part.blob == corpus.PNG


def test_a_file_that_only_says_it_is_an_image_goes(tmp_path, export):
    doc = exported(tmp_path, export, "fake-image.docx")
    header = doc.sections[0].header
    assert header.paragraphs[0].text == "ACME Ltd"
    assert not list(header.part.rels.values())
    assert "<w:drawing" not in part_xml(header.part)


def test_header_fields_that_fetch_or_run_are_blanked(tmp_path, export):
    doc = exported(tmp_path, export, "header-fields.docx")
    header = doc.sections[0].header
    xml = part_xml(header.part)
    assert "INCLUDEPICTURE" not in xml and "DDEAUTO" not in xml and "attacker" not in xml
    assert " PAGE " in xml  # the harmless field stays
    assert "[picture]" in xml and "share" in xml  # shown text stays, as plain text
    targets = sorted(r.target_ref for r in header.part.rels.values())
    assert targets == ["https://acme.example/"]


def test_an_attached_template_and_mail_merge_source_go(tmp_path, export):
    for name in ("attached-template.docx", "mail-merge.docx"):
        exported(tmp_path, export, name)
        with zipfile.ZipFile(tmp_path / "out.docx") as z:
            settings = z.read("word/settings.xml").decode()
            assert "word/_rels/settings.xml.rels" not in z.namelist()
        for word in ("attachedTemplate", "mailMerge", "docVars", "attacker"):
            assert word not in settings, (name, word)


def test_a_linked_header_image_loses_its_link(tmp_path, export):
    doc = exported(tmp_path, export, "linked-header-image.docx")
    header = doc.sections[0].header
    assert "r:link" not in part_xml(header.part)
    assert not list(header.part.rels.values())


def test_a_template_without_a_section_gets_the_default_page(tmp_path, export):
    doc = exported(tmp_path, export, "no-sectpr.docx")
    section = doc.sections[-1]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert round(section.left_margin.cm, 1) == 2.0
    assert "Delete me" not in "\n".join(p.text for p in doc.paragraphs)


def test_a_doctype_in_the_templates_properties_never_reaches_the_export(tmp_path, export):
    doc = exported(tmp_path, export, "doctype-core.docx")
    assert doc.core_properties.title != "BOOM"
    with zipfile.ZipFile(tmp_path / "out.docx") as z:
        assert b"BOOM" not in z.read("docProps/core.xml")


def test_the_kept_parts_carry_no_names_of_the_template(tmp_path, export):
    exported(tmp_path, export, "external-rels.docx")
    with zipfile.ZipFile(tmp_path / "out.docx") as z:
        rels = z.read("word/_rels/document.xml.rels").decode()
        names = z.namelist()
    assert "webSettings" not in rels and "passwd" not in rels and "javascript" not in rels
    assert "https://www.acme.example/" in rels  # a plain web link is allowed
    assert "word/webSettings.xml" not in names


# zip bombs and other files that are not templates -----------------------------------------------


def refused_without_inflating(path: Path) -> str:
    """The template is refused while Python allocates far less than it would inflate to."""
    tracemalloc.start()
    try:
        with pytest.raises(ExportError) as info:
            read_template(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 3 * path.stat().st_size + 5_000_000, peak
    return str(info.value)


@pytest.mark.parametrize(
    "where", ["[Content_Types].xml", "word/document.xml", "word/media/unused.xml"]
)
def test_a_zip_bomb_is_refused_before_anything_is_inflated(tmp_path, export, where):
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(corpus.bomb(where))
    assert bomb.stat().st_size < 3_000_000  # 2 GB inside
    message = refused_without_inflating(bomb)
    assert where in message and "zip bomb" in message
    one_error_line(export("bomb.docx"), "bomb.docx", "would unpack to 2.0 GB")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bomb.docx", "plan.svplan"]


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (corpus.lying_header, "is not a valid Word document"),  # zipfile stops at the size
        (corpus.many_entries, "holds 5,010 parts"),
        (corpus.encrypted, "is not a valid Word document"),
        (corpus.big_part, "at most 20.0 MB"),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_other_hostile_zips_are_refused(tmp_path, export, make, words):
    (tmp_path / "t.docx").write_bytes(make())
    refused_without_inflating(tmp_path / "t.docx")
    one_error_line(export("t.docx"), "t.docx", words)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.svplan", "t.docx"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_template_is_refused_without_blocking(tmp_path):
    (tmp_path / "plan.svplan").write_bytes(READY.read_bytes())
    os.mkfifo(tmp_path / "company.docx")
    result = run_cli(
        "export", "plan.svplan", "-o", "out.docx", "--template", "company.docx", cwd=tmp_path
    )
    one_error_line(result, "company.docx", "a device or a pipe")
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_dev_zero_as_the_template_is_refused(tmp_path):
    (tmp_path / "plan.svplan").write_bytes(READY.read_bytes())
    (tmp_path / "zero.docx").symlink_to("/dev/zero")
    result = run_cli("export", "plan.svplan", "--template", "/dev/zero", cwd=tmp_path)
    one_error_line(result, "zero", "not a Word .docx or .dotx file")
    result = run_cli("export", "plan.svplan", "--template", "zero.docx", cwd=tmp_path)
    one_error_line(result, "zero.docx", "a device or a pipe")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.svplan", "zero.docx"]


# LibreOffice opens every clean export --------------------------------------------------------


@pytest.mark.render
def test_libreoffice_converts_every_export_from_the_corpus(tmp_path, export, lancashire):
    from tests.export.test_render import SOFFICE, TOOLS, pages

    if not TOOLS:
        pytest.skip("LibreOffice (soffice) and poppler-utils (pdfinfo) are needed")
    outputs = [sample_export(tmp_path, lancashire)]
    for case in CLEAN:
        (tmp_path / case.name).write_bytes((corpus.CORPUS / case.name).read_bytes())
        out = f"{Path(case.name).stem}-out.docx"
        assert export(case.name, out).returncode == 0
        outputs.append(tmp_path / out)
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *map(str, outputs),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    for out in outputs:
        pdf = tmp_path / "pdf" / f"{out.stem}.pdf"
        assert pdf.is_file(), out.name
        assert pages(pdf) >= 2, out.name


# the scrub rules, part by part ---------------------------------------------------------------


def scrubbed(body: str, kept: set[str], kind: str = "header") -> str:
    from svplan.export.template_scrub import scrub

    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    root = etree.fromstring(f"<w:hdr {corpus.NS} {mc}>{body}</w:hdr>")
    scrub(root, kept, kind)
    return etree.tostring(root, encoding="unicode")


def test_an_svg_copy_of_a_picture_goes_and_the_picture_stays():
    svg = (
        '<a:extLst><a:ext uri="{96DAC541-7B7A-43D3-8B79-37D633B846F1}"><asvg:svgBlip '
        'xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="rSvg"/>'
        "</a:ext></a:extLst>"
    )
    xml = scrubbed(corpus.para(corpus.picture('r:embed="rPng"', svg)), {"rPng"})
    assert 'r:embed="rPng"' in xml and "svgBlip" not in xml and "<w:drawing>" in xml


def test_a_dropped_choice_takes_its_whole_alternate_content():
    body = (
        "<w:p><w:r><mc:AlternateContent><mc:Choice Requires='wps'>"
        + corpus.picture('r:embed="rGone"')
        + '</mc:Choice><mc:Fallback><w:pict><v:shape><v:imagedata r:id="rGone"/></v:shape>'
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r>" + corpus.text("kept") + "</w:p>"
    )
    xml = scrubbed(body, set())
    assert "AlternateContent" not in xml and "kept" in xml


def test_a_dropped_hyperlink_keeps_its_text_and_vml_links_go():
    body = (
        '<w:p><w:hyperlink r:id="rFile"><w:r><w:t>our share</w:t></w:r></w:hyperlink></w:p>'
        '<w:p><w:r><w:pict><v:shape href="file://x/y"><v:imagedata r:id="rImg" o:href="file://x/'
        'z.png" src="file://x/z.png"/></v:shape></w:pict></w:r></w:p>'
    )
    xml = scrubbed(body, {"rImg"})
    assert "<w:hyperlink" not in xml and "our share" in xml
    assert "file://" not in xml and 'r:id="rImg"' in xml


def test_a_picture_bullet_without_its_picture_goes_with_its_uses():
    body = (
        '<w:numPicBullet w:numPicBulletId="3"><w:pict><v:shape><v:imagedata r:id="rGone"/>'
        '</v:shape></w:pict></w:numPicBullet><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0">'
        '<w:lvlPicBulletId w:val="3"/></w:lvl></w:abstractNum>'
    )
    xml = scrubbed(body, set(), "numbering")
    assert "numPicBullet" not in xml and "lvlPicBulletId" not in xml and "w:lvl " in xml
