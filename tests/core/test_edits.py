"""The plan's domain rules, without a window: partners, codes, owners, order, findings."""

from __future__ import annotations

from svplan.core import describe, edits
from svplan.core.checks import Finding, Severity, count_problems, summary, worst
from svplan.core.plan import Action, Bid, Commitment, Person, Plan


def test_canonical_code_uses_the_catalogues_spelling(mini_catalogue) -> None:
    assert edits.canonical_code(mini_catalogue, "nt29") == "NT29"
    assert edits.canonical_code(mini_catalogue, " NT99 ") == "NT99"  # unknown: kept, trimmed


def test_no_partners_listed_means_all_suggested(mini_catalogue) -> None:
    assert edits.engaged_partner_ids(mini_catalogue, "NT3", None) == ["helpful-org", "other-org"]
    everyone = Commitment(measure="NT3")
    assert edits.engaged_partner_ids(mini_catalogue, "NT3", everyone) == [
        "helpful-org",
        "other-org",
    ]
    narrowed = Commitment(measure="NT3", partners=["other-org"])
    assert edits.engaged_partner_ids(mini_catalogue, "NT3", narrowed) == ["other-org"]
    nobody = Commitment(measure="NT3", partners=[])
    assert edits.engaged_partner_ids(mini_catalogue, "NT3", nobody) == []
    assert edits.engaged_partner_ids(mini_catalogue, "NT99", None) == []


def test_ticking_a_partner_in_and_out(mini_catalogue) -> None:
    c = Commitment(measure="NT3")
    out = edits.partners_with(mini_catalogue, "NT3", c, "helpful-org", False)
    assert out == ["other-org"]
    narrowed = Commitment(measure="NT3", partners=out)
    # back in: the plan no longer narrows the choice, so it records None (all suggested)
    assert edits.partners_with(mini_catalogue, "NT3", narrowed, "helpful-org", True) is None
    # a partner the catalogue does not suggest goes after the suggested ones
    assert edits.partners_with(mini_catalogue, "NT1", None, "other-org", True) == [
        "helpful-org",
        "other-org",
    ]
    # suggested ones keep the catalogue's order whatever order they were ticked in
    only_other = Commitment(measure="NT3", partners=["other-org"])
    assert edits.partners_with(mini_catalogue, "NT3", only_other, "zz-extra", True) == [
        "other-org",
        "zz-extra",
    ]


def test_known_owners_from_commitments_actions_and_the_lead() -> None:
    plan = Plan(
        lead=Person(name="Sam Lead"),
        commitments=[
            Commitment(measure="NT1", owner="hr manager", actions=[Action(owner="Site Team")]),
            Commitment(measure="NT3", owner="Apprentice Lead"),
            Commitment(measure="NT29", owner="hr manager"),
        ],
    )
    assert edits.known_owners(plan) == ["Apprentice Lead", "hr manager", "Sam Lead", "Site Team"]
    assert edits.known_owners(Plan()) == []


def test_a_new_commitment_goes_in_catalogue_order(mini_catalogue) -> None:
    plan = Plan(commitments=[Commitment(measure="NT1"), Commitment(measure="NT29")])
    plan, before = edits.put_commitment(plan, mini_catalogue, "NT3", Commitment(measure="NT3"))
    assert before is None
    assert plan.codes == ["NT1", "NT3", "NT29"]
    changed = Commitment(measure="NT3", target=4)
    plan, before = edits.put_commitment(plan, mini_catalogue, "nt3", changed)
    assert before == 1 and plan.commitment("NT3").target == 4 and len(plan.commitments) == 3
    plan, before = edits.put_commitment(plan, mini_catalogue, "NT1", None)
    assert before == 0 and plan.codes == ["NT3", "NT29"]
    # put back where it was (undo), not where the catalogue would put it
    plan, _ = edits.put_commitment(plan, mini_catalogue, "NT1", Commitment(measure="NT1"), 2)
    assert plan.codes == ["NT3", "NT29", "NT1"]


def test_edits_leave_the_plan_they_were_given_alone(mini_catalogue) -> None:
    plan = Plan(commitments=[Commitment(measure="NT1")])
    edits.put_commitment(plan, mini_catalogue, "NT3", Commitment(measure="NT3"))
    edits.set_bid(plan, Bid(title="Roads"), Person(name="Sam"))
    assert plan.codes == ["NT1"] and plan.bid.title == "" and plan.lead.name == ""


def test_catalogue_mismatch_is_said_once(mini_catalogue) -> None:
    assert edits.catalogue_mismatch(Plan(catalogue="mini-toms"), mini_catalogue, "a.svplan") == []
    assert edits.catalogue_mismatch(Plan(catalogue=""), mini_catalogue, "a.svplan") == []
    [note] = edits.catalogue_mismatch(Plan(catalogue="lancashire"), mini_catalogue, "a.svplan")
    assert note == "a.svplan was written for the catalogue 'lancashire'; it is shown with Mini TOMs"


def test_counting_findings_by_severity() -> None:
    findings = [
        Finding("NT1", "has no target"),
        Finding("NT1", "does not say what evidence will be kept", Severity.WARNING),
        Finding("", "no social value lead is named", Severity.WARNING),
    ]
    assert count_problems(findings) == 1
    assert worst(findings) is Severity.PROBLEM
    assert worst(findings[1:]) is Severity.WARNING and worst([]) is None
    assert summary(findings) == "1 problem, 2 warnings"
    assert summary([]) == "Ready to export"


def test_todo_shows_problems_first_and_at_most_four() -> None:
    findings = [Finding("NT1", f"problem {i}") for i in range(6)]
    findings.append(Finding("NT1", "a warning", Severity.WARNING))
    findings.append(Finding("NT3", "someone else's"))
    todo = describe.todo(findings, "nt1")
    assert todo.state == "warn"
    assert todo.text.splitlines() == [
        "Still to do:",
        "•  Problem 0",
        "•  Problem 1",
        "•  Problem 2",
        "•  Problem 3",
        "•  …and 2 more (see the Overview)",
    ]
    note = describe.todo([Finding("NT1", "a warning", Severity.WARNING)], "NT1")
    assert note.state == "note" and note.text == "Worth a look:\n•  A warning"
    assert describe.todo(findings, "NT29").state == "ok"


def test_partners_note_names_the_included_partners(mini_catalogue) -> None:
    nt3 = mini_catalogue.measure("NT3")
    narrowed = Commitment(measure="NT3", partners=["other-org"])
    assert describe.partners_note(mini_catalogue, nt3, narrowed) == (
        "1 of 2 suggested partners included: Other Org. Choose them in the Partners panel."
    )
    nt29 = mini_catalogue.measure("NT29")
    assert describe.partners_note(mini_catalogue, nt29, None) == (
        "No named partner; suggested route: Work with a local volunteering centre"
    )
