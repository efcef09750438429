"""Portal entries: the form's order, dated years, narratives within the user's limit."""

from __future__ import annotations

import pytest

from svplan.core.partner_roles import display_name
from svplan.core.plan import Answer, Commitment, PartnerRole, Plan
from svplan.core.planio import load_plan
from svplan.core.portal import entries, entry_text, narrative, table
from svplan.core.wordcount import count
from tests.conftest import SAMPLE_PLAN


@pytest.fixture(scope="module")
def sample(lancashire) -> Plan:
    return load_plan(SAMPLE_PLAN, lancashire).plan


def test_copy_for_the_portal_follows_the_form(sample, lancashire):
    nt10 = next(e for e in entries(sample, lancashire, 300) if e.code == "NT10")
    lines = entry_text(nt10, sample).split("\n")
    assert lines[0] == "Measure: NT10 Weeks of apprenticeships or T-Levels"
    assert lines[1] == "Unit: weeks"
    assert lines[2:5] == [
        "Year 1 (Apr 2027 – Mar 2028): 104",
        "Year 2 (Apr 2028 – Mar 2029): 208",
        "Year 3 (Apr 2029 – Mar 2030): 208",
    ]
    assert lines[5] == "Total: 520"
    assert lines[6].startswith("Description: We will provide 520 weeks")
    assert count(nt10.narrative).length <= 300


@pytest.mark.parametrize("limit", [40, 80, 150, 300, 600, 1000, 4000])
def test_narratives_fit_the_limit_with_whole_sentences(sample, lancashire, limit):
    for c in sample.commitments:
        text = narrative(c, sample, lancashire, limit)
        assert count(text).length <= limit
        assert (
            not text
            or text.endswith((".", "FTE", "hours", "weeks", "tCO2e", "tonnes"))
            or (text[-1].isdigit())
        )


def test_portal_limit_comes_from_the_plan(sample, lancashire):
    plan = sample.model_copy(update={"answer": Answer(portal_chars=120)})
    assert all(count(e.narrative).length <= 120 for e in entries(plan, lancashire))


def test_level_measures_total_is_the_level_not_a_sum(lancashire):
    plan = Plan(commitments=[Commitment(measure="NT41", target=100, yearly=[100, 100, 100])])
    headers, rows = table(plan, lancashire)
    assert headers[3:6] == ["Year 1", "Year 2", "Year 3"]  # no start date: undated, never guessed
    assert rows[0][3:7] == [100, 100, 100, 100]
    assert "not a sum" in rows[0][2]
    assert "Level committed to (each year): 100" in entry_text(entries(plan, lancashire)[0], plan)


def test_partners_are_the_ones_the_plan_names_not_the_councils_suggestions(sample, lancashire):
    """The entry sheet lists what the Word plan lists: partners with a recorded role or status."""
    nt15 = sample.commitment("NT15")
    assert lancashire.measure("NT15").partner_ids  # the council suggests some
    assert next(e for e in entries(sample, lancashire) if e.code == "NT15").partners == []
    pid = lancashire.measure("NT15").partner_ids[0]
    named = nt15.model_copy(update={"roles": [PartnerRole(partner=pid, status="agreed")]})
    plan = sample.model_copy(
        update={"commitments": [named if c is nt15 else c for c in sample.commitments]}
    )
    row = next(e for e in entries(plan, lancashire) if e.code == "NT15")
    assert row.partners == [f"{display_name(lancashire.partner(pid).name)} (agreed)"]
