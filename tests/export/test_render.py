"""The exported document as LibreOffice lays it out (PDF), read back with poppler's tools."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from svplan.export import export_plan
from tests.export.plans import realistic_plan
from tests.export.test_hostile import hostile_plan

pytestmark = pytest.mark.render

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
TOOLS = SOFFICE and shutil.which("pdftotext") and shutil.which("pdfinfo")


def to_pdf(docx: Path, tmp_path: Path) -> Path:
    if not TOOLS:
        pytest.skip("LibreOffice (soffice) and poppler-utils (pdftotext, pdfinfo) are needed")
    profile = tmp_path / "lo-profile"
    outdir = tmp_path / "pdf"
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = outdir / (docx.stem + ".pdf")
    assert pdf.is_file(), "LibreOffice wrote no PDF"
    return pdf


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))


def text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_realistic_plan_renders(tmp_path, extract_catalogue):
    docx = export_plan(realistic_plan(), extract_catalogue, tmp_path / "plan.docx")
    pdf = to_pdf(docx, tmp_path)
    n = pages(pdf)
    assert 8 <= n <= 30
    body = text(pdf)
    assert "Social Value Delivery Plan" in body
    assert "NT1 Local people employed" in body
    pages_text = body.split("\f")
    # the page number (a PAGE field) is computed on every page but the cover
    for i, page in enumerate(pages_text[1:n], start=2):
        assert re.search(rf"\s{i}\s*$", page.rstrip()), f"page {i} has no number"
    assert "Appendix A Partner directory" in body
    # the contents gives the page of each section, as LibreOffice laid it out
    contents = pages_text[1]
    summary_page = next(
        i for i, p in enumerate(pages_text, 1) if "1 Executive summary\n" in p and i > 2
    )
    assert re.search(rf"1 Executive summary\.+\s*{summary_page}\b", contents)
    # the header is on every page but the cover
    first_page = body.split("\f")[0]
    assert "LCC/2027/0042" in first_page  # on the cover as a detail line ...
    assert body.count("Example Contractors Ltd") >= n - 1


def test_hostile_plan_renders(tmp_path, mini_catalogue):
    docx = export_plan(hostile_plan(), mini_catalogue, tmp_path / "hostile.docx")
    pdf = to_pdf(docx, tmp_path)
    n = pages(pdf)
    assert 3 <= n <= 40
    assert re.search(rf"\s{n}\s*$", text(pdf).split("\f")[n - 1].rstrip())
