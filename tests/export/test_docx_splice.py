"""The Word export replaces python-docx's private `XmlPart._element` to splice the body in one
parse (docx_writer._splice_body: over a second saved on a 500-commitment plan). That reaches into
python-docx's insides, so it is allowed only on versions someone read and checked.

On a new python-docx: read docx/opc/part.py (XmlPart keeps its root element in `_element`, which
`element` and `blob` read), run the export tests and the render tests, then add the version here.
"""

from __future__ import annotations

from importlib import metadata

import docx
from docx.opc.part import XmlPart

# python-docx versions whose XmlPart was read and whose export was checked with the splice.
CHECKED = frozenset({"1.2.0"})


def test_python_docx_is_a_version_the_splice_was_checked_against() -> None:
    version = metadata.version("python-docx")
    assert version in CHECKED, (
        f"python-docx {version} was not checked with the body splice in "
        "svplan/export/docx_writer.py; see this file's docstring"
    )


def test_the_document_part_keeps_its_root_where_the_splice_puts_it() -> None:
    from docx.oxml.parser import parse_xml
    from lxml import etree

    document = docx.Document()
    part = document.part
    assert isinstance(part, XmlPart)
    fresh = parse_xml(etree.tostring(part.element))
    part._element = fresh  # what the splice does with the parsed document
    assert part.element is fresh
    assert part.document.element is fresh
    assert fresh.body is not None and part.blob.startswith(b"<?xml")


def test_the_export_uses_the_spliced_body(tmp_path, extract_catalogue) -> None:
    """The exported document.xml holds the plan's text: the splice took effect."""
    import zipfile

    from svplan.export import export_plan
    from tests.export.plans import realistic_plan

    plan = realistic_plan()
    out = export_plan(plan, extract_catalogue, tmp_path / "plan.docx")
    with zipfile.ZipFile(out) as package:
        body = package.read("word/document.xml").decode("utf-8")
    assert plan.bid.title and plan.bid.title.split()[0] in body
