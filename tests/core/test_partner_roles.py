"""Partner roles and adopted approaches (core.partner_roles), and how the plan prints them."""

from __future__ import annotations

import datetime as dt

import pytest

from svplan.core.partner_roles import adopt, role_of, suggestions, with_role
from svplan.core.plan import Bid, Commitment, Engagement, Plan


def test_a_role_is_added_changed_and_removed_when_emptied():
    c = Commitment(measure="NT3")
    c = with_role(c, "dwp-jobcentre-plus", status="contacted", date=dt.date(2026, 12, 1))
    assert role_of(c, "dwp-jobcentre-plus").status is Engagement.CONTACTED
    c = with_role(c, "dwp-jobcentre-plus", role="Refers candidates for work trials")
    role = role_of(c, "dwp-jobcentre-plus")
    assert (role.role, role.status, role.date) == (
        "Refers candidates for work trials",
        Engagement.CONTACTED,
        dt.date(2026, 12, 1),
    )
    c = with_role(c, "recruit-lancashire-people", status=Engagement.LETTER)
    assert [r.partner for r in c.roles] == ["dwp-jobcentre-plus", "recruit-lancashire-people"]
    c = with_role(c, "recruit-lancashire-people", status=None)
    assert role_of(c, "recruit-lancashire-people") is None  # nothing left: no empty role kept
    with pytest.raises(ValueError):
        with_role(c, "dwp-jobcentre-plus", status="promised")


def test_suggestions_are_whole_and_adopting_one_makes_it_the_bidders_text(lancashire):
    offered = suggestions(lancashire.measure("NT17"))
    assert offered == [
        "Find a local charity or community project to support via a Community Voluntary Service "
        "(CVS). There are a multitude of existing projects and charities that you can partner "
        "with to deliver social value across Lancashire."
    ]
    assert suggestions(lancashire.measure("NT31")) == []  # the Preston pledge is withheld
    assert suggestions(lancashire.measure("NT1")) == []  # partners only
    text = adopt("", offered[0])
    assert text == offered[0]
    assert adopt(text, offered[0]) == text  # not twice
    assert adopt("Our own words.", "Theirs.") == "Our own words.\n\nTheirs."


def test_the_plan_prints_an_adopted_approach_and_roles_but_not_an_unticked_partner(
    tmp_path, lancashire
):
    from svplan.export import export_plan
    from tests.export.docread import all_text, open_docx

    c = Commitment(measure="NT3", target=3, reporting="quarterly")
    c = with_role(c, "dwp-jobcentre-plus", role="Refers candidates", status="agreed")
    c = with_role(c, "recruit-lancashire-people", role="Advertises roles", status="contacted")
    c = c.model_copy(update={"partners": ["dwp-jobcentre-plus"]})  # the other one unticked
    c = c.model_copy(update={"approach": adopt("", "Two-week work trials.")})
    plan = Plan(bid=Bid(bidder="Acme"), commitments=[c])
    text = all_text(open_docx(export_plan(plan, lancashire, tmp_path / "p.docx")))
    assert "Refers candidates" in text and "Two-week work trials." in text
    assert "Advertises roles" not in text
    assert "Lancashire Skills Pledge – Recruit Lancashire People" not in text
