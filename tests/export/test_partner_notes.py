"""The catalogue's partner notes are the transcriber's notes about the source (issue 13): they are
never printed, least of all in the partner directory, where the text is given as the council's."""

from __future__ import annotations

import zipfile

from svplan.core.plan import Engagement, PartnerRole
from svplan.core.planio import load_plan
from svplan.export import export_plan
from svplan.export.phrases import descriptions
from tests.conftest import SAMPLE_PLAN


def test_a_partners_descriptions_leave_its_note_out(lancashire):
    inspira = lancashire.partner("inspira")
    assert "Kay Vaughan" in inspira.note  # the note is there, in the catalogue
    texts = descriptions(inspira, lancashire, ["NT8", "NT11"])
    assert texts and not any(inspira.note in t or "The source gives" in t for t in texts)


def test_no_partner_note_reaches_the_word_plan(lancashire, tmp_path):
    plan = load_plan(SAMPLE_PLAN, lancashire).plan
    nt8 = plan.commitment("NT8")
    engaged = nt8.model_copy(
        update={"roles": [*nt8.roles, PartnerRole(partner="inspira", status=Engagement.CONTACTED)]}
    )
    plan = plan.model_copy(
        update={"commitments": [engaged if c.measure == "NT8" else c for c in plan.commitments]}
    )
    out = export_plan(plan, lancashire, tmp_path / "sample.docx")
    with zipfile.ZipFile(out) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    assert "Inspira" in xml  # the sample engages it: its directory entry is printed
    for partner in lancashire.partners:
        if partner.note:
            assert partner.note not in xml, partner.id
    assert "The source gives" not in xml
