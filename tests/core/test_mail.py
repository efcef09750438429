"""Partner introduction emails: the draft's content and a mailto: link that cannot be abused."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, unquote, urlsplit

from svplan.core.mail import (
    MAX_MAILTO,
    fits_mailto,
    introduction,
    is_plain_address,
    mailto_link,
    mark_contacted,
)
from svplan.core.plan import Commitment, Engagement, PartnerRole
from svplan.core.planio import load_plan
from tests.conftest import SAMPLE_PLAN


def test_mailto_encodes_everything_and_keeps_line_breaks_in_the_body():
    body = "Dear Kay,\n\nWe plan to spend £750,000 & more = 30%?\nThanks"
    link = mailto_link(["kay@inspira.org.uk"], "NT8: school visits & more", body)
    parts = urlsplit(link)
    assert parts.scheme == "mailto" and parts.path == "kay@inspira.org.uk"
    query = parse_qs(parts.query, keep_blank_values=True)
    assert set(query) == {"subject", "body"}
    assert query["subject"] == ["NT8: school visits & more"]
    assert query["body"] == [body.replace("\n", "\r\n")]
    assert "%0D%0A" in link and "\n" not in link and " " not in link and "£" not in link
    assert "%C2%A3750%2C000%20%26%20more%20%3D%2030%25%3F" in link


def test_no_header_injection_through_subject_body_or_addresses():
    link = mailto_link(
        ["a@x.org?bcc=spy@evil.org", "b@y.org\r\nBcc: spy@evil.org", "c@z.org"],
        "Hello\r\nBcc: spy@evil.org",
        "Hi&bcc=spy@evil.org",
    )
    parts = urlsplit(link)
    assert unquote(parts.path) == "c@z.org"  # the unsafe addresses are left out
    query = parse_qs(parts.query)
    assert set(query) == {"subject", "body"}  # no cc/bcc key got in
    assert query["subject"] == ["Hello Bcc: spy@evil.org"]  # one line: no new header
    assert query["body"] == ["Hi&bcc=spy@evil.org"]
    assert not is_plain_address("x@y.org,z@w.org") and is_plain_address("PAM.ALDREN@DWP.GOV.UK")


def test_introduction_names_the_bid_measure_target_and_lead(lancashire):
    plan = load_plan(SAMPLE_PLAN, lancashire).plan
    nt8 = plan.commitment("NT8").model_copy(
        update={
            "partners": ["inspira"],
            "roles": [PartnerRole(partner="inspira", role="Match our engineers to schools")],
        }
    )
    plan = plan.model_copy(
        update={"commitments": [nt8 if c.measure == "NT8" else c for c in plan.commitments]}
    )
    draft = introduction(plan, lancashire, "NT8")
    assert draft.to == ["Kay.vaughan@inspira.org.uk", "daniel.barry@inspira.org.uk"]
    assert "Highways maintenance framework" in draft.subject and "NT8" in draft.subject
    body = draft.body
    assert "Example Contractors Ltd is bidding for Highways maintenance framework" in body
    assert "(LCC/2027/0042) for Lancashire County Council" in body
    assert "40 staff hours on school and college visits" in body
    assert "What we would like from Inspira" in body and "Match our engineers to schools" in body
    assert "Sam Taylor, Social Value Lead" in body and "sam.taylor@example.com" in body
    assert "01772 000000" in body
    # the council's description of the partner is not the bidder's words
    route = next(
        r for r in lancashire.measure("NT8").routes if getattr(r, "partner", "") == "inspira"
    )
    assert route.description[:40] not in body
    assert (
        fits_mailto(draft) and len(mailto_link(draft.to, draft.subject, draft.body)) <= MAX_MAILTO
    )
    assert draft.as_text().startswith("To: Kay.vaughan@inspira.org.uk, daniel.barry@")


def test_recording_contacted_is_one_step_and_never_moves_a_partner_back():
    c = Commitment(
        measure="NT8",
        roles=[
            PartnerRole(partner="inspira", status=Engagement.AGREED, date=dt.date(2026, 1, 5)),
            PartnerRole(partner="stemfirst", role="Runs STEM days"),
        ],
    )
    day = dt.date(2026, 11, 20)
    done = mark_contacted(c, ["inspira", "stemfirst", "citb"], day)
    by_id = {r.partner: r for r in done.roles}
    assert by_id["inspira"].status is Engagement.AGREED  # already further on
    assert by_id["stemfirst"].status is Engagement.CONTACTED and by_id["stemfirst"].date == day
    assert by_id["stemfirst"].role == "Runs STEM days"
    assert by_id["citb"].status is Engagement.CONTACTED and by_id["citb"].role == ""
    assert c.roles[1].status is None  # the original is not changed
