"""PlanDocument: ticking, edits merged into undo steps, the modified flag, files, partners."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from svplan.core.errors import PlanError, SaveError
from svplan.core.plan import Action, Commitment, Plan
from svplan.core.planio import load_plan, save_plan
from svplan.ui.plan_document import UNTITLED, PlanDocument


def test_new_document_is_untitled_and_unmodified(document: PlanDocument) -> None:
    assert document.display_name() == UNTITLED
    assert document.path is None
    assert not document.is_modified()
    assert document.plan.catalogue == "mini-toms"
    assert document.plan.commitments == []


def test_tick_and_untick_are_undoable_steps(qtbot, document: PlanDocument) -> None:
    with qtbot.waitSignals([document.commitmentsChanged, document.modifiedChanged]):
        document.set_committed("nt1", True)
    assert document.is_committed("NT1")
    assert document.plan.codes == ["NT1"]  # the catalogue's spelling
    assert document.is_modified()

    document.set_committed("NT1", False)
    assert not document.is_committed("NT1")
    document.undo_stack.undo()
    assert document.is_committed("NT1")
    document.undo_stack.undo()
    assert not document.is_committed("NT1")
    assert not document.is_modified()
    document.undo_stack.redo()
    assert document.is_committed("NT1")


def test_ticking_twice_is_one_step(document: PlanDocument) -> None:
    document.set_committed("NT1", True)
    document.set_committed("NT1", True)
    assert document.undo_stack.count() == 1


def test_commitments_follow_catalogue_order(document: PlanDocument) -> None:
    for code in ("NT29", "NT1", "NT3"):
        document.set_committed(code, True)
    assert document.plan.codes == ["NT1", "NT3", "NT29"]


def test_untick_then_undo_puts_the_commitment_back_where_it_was(document: PlanDocument) -> None:
    plan = Plan(
        catalogue="mini-toms",
        commitments=[Commitment(measure="NT29"), Commitment(measure="NT1", owner="Ann")],
    )
    document.reset(plan)
    document.set_committed("NT29", False)
    document.undo_stack.undo()
    assert document.plan.codes == ["NT29", "NT1"]


def test_unticking_keeps_the_text_for_undo_and_for_re_ticking(document: PlanDocument) -> None:
    document.set_committed("NT1", True)
    document.update_commitment("NT1", owner="HR Manager", target=6)
    document.set_committed("NT1", False)
    assert document.commitment("NT1") is None
    document.undo_stack.undo()
    assert document.commitment("NT1").owner == "HR Manager"
    document.set_committed("NT1", False)
    document.set_committed("NT1", True)  # re-ticking restores what was typed
    assert document.commitment("NT1").target == 6


def test_typing_in_one_field_merges_into_one_undo_step(qtbot, document: PlanDocument) -> None:
    document.set_committed("NT1", True)
    with qtbot.waitSignal(document.commitmentChanged, check_params_cb=lambda c: c == "NT1"):
        document.update_commitment("NT1", owner="H")
    for text in ("HR", "HR M", "HR Manager"):
        document.update_commitment("NT1", owner=text)
    assert document.undo_stack.count() == 2
    assert document.undo_stack.undoText() == "Edit NT1 owner"
    document.undo_stack.undo()
    assert document.commitment("NT1").owner == ""


def test_sealing_ends_a_typing_burst(document: PlanDocument) -> None:
    document.set_committed("NT1", True)
    document.update_commitment("NT1", owner="HR")
    document.seal_edit()
    document.update_commitment("NT1", owner="HR Manager")
    assert document.undo_stack.count() == 3
    document.undo_stack.undo()
    assert document.commitment("NT1").owner == "HR"


def test_different_fields_or_measures_do_not_merge(document: PlanDocument) -> None:
    document.set_committed("NT1", True)
    document.set_committed("NT3", True)
    document.update_commitment("NT1", owner="A")
    document.update_commitment("NT1", notes="B")
    document.update_commitment("NT3", notes="C")
    assert document.undo_stack.count() == 5


def test_list_fields_are_one_step_each(document: PlanDocument) -> None:
    document.set_committed("NT1", True)
    document.update_commitment("NT1", actions=[Action(action="One")])
    document.update_commitment("NT1", actions=[Action(action="One"), Action(action="Two")])
    assert document.undo_stack.count() == 3


def test_typing_back_to_the_saved_text_is_unmodified(document: PlanDocument, tmp_path) -> None:
    document.set_committed("NT1", True)
    document.update_commitment("NT1", owner="Ann")
    document.save(tmp_path / "p.svplan")
    document.update_commitment("NT1", owner="Anne")
    assert document.is_modified()
    document.update_commitment("NT1", owner="Ann")
    assert not document.is_modified()


def test_no_op_edits_push_nothing(document: PlanDocument) -> None:
    document.set_committed("NT1", True)
    document.update_commitment("NT1", owner="")
    document.update_bid(title="")
    assert document.undo_stack.count() == 1


def test_invalid_values_raise_and_change_nothing(document: PlanDocument) -> None:
    document.set_committed("NT1", True)
    with pytest.raises(ValueError):
        document.update_commitment("NT1", target=-1)
    with pytest.raises(KeyError):
        document.update_commitment("NT3", owner="x")
    with pytest.raises(TypeError):
        document.update_commitment("NT1", colour="blue")
    with pytest.raises(ValueError):
        document.update_bid(months=0)
    assert document.undo_stack.count() == 1


def test_bid_and_lead_edits(qtbot, document: PlanDocument) -> None:
    with qtbot.waitSignal(document.bidChanged):
        document.update_bid(title="Highways", months=36)
    document.update_lead(name="Sam")
    assert document.plan.bid.years == 3
    assert document.plan.lead.name == "Sam"
    document.undo_stack.undo()
    assert document.plan.lead.name == ""
    document.update_bid_and_lead({"bidder": "Acme"}, {"role": "Lead"})
    assert document.undo_stack.undoText() == "Edit bid details"
    document.undo_stack.undo()
    assert document.plan.bid.bidder == "" and document.plan.lead.role == ""


def test_findings_are_cached_and_refreshed(qtbot, document: PlanDocument) -> None:
    first = document.findings()
    assert any("no measures" in f.message for f in first)
    assert document.findings() == first
    with qtbot.waitSignal(document.findingsChanged):
        document.set_committed("NT1", True)
    assert any(f.code == "NT1" and "no target" in f.message for f in document.findings())
    document.update_commitment("NT1", target=5)
    assert not any(f.code == "NT1" and "no target" in f.message for f in document.findings())


def test_partners_default_to_every_suggested_one(document: PlanDocument) -> None:
    assert document.included_partner_ids("NT3") == ["helpful-org", "other-org"]
    document.set_committed("NT3", True)
    assert document.partner_included("NT3", "other-org")
    document.set_partner_included("NT3", "other-org", False)
    assert document.commitment("NT3").partners == ["helpful-org"]
    assert not document.partner_included("NT3", "other-org")
    document.set_partner_included("NT3", "other-org", True)
    assert document.commitment("NT3").partners is None  # all included again: back to default
    document.undo_stack.undo()
    assert document.included_partner_ids("NT3") == ["helpful-org"]


def test_leaving_out_every_partner_is_an_empty_list(document: PlanDocument) -> None:
    document.set_committed("NT1", True)
    document.set_partner_included("NT1", "helpful-org", False)
    assert document.commitment("NT1").partners == []
    assert document.included_partner_ids("NT1") == []


def test_including_a_partner_commits_the_measure_in_one_step(qtbot, document: PlanDocument) -> None:
    with qtbot.waitSignal(document.commitmentsChanged):
        document.set_partner_included("NT3", "other-org", False)
    assert document.is_committed("NT3")
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert not document.is_committed("NT3")


def test_save_clears_modified_and_sets_the_path(qtbot, document: PlanDocument, tmp_path) -> None:
    document.set_committed("NT1", True)
    path = tmp_path / "plan.svplan"
    with qtbot.waitSignals([document.pathChanged, document.modifiedChanged]):
        document.save(path)
    assert not document.is_modified()
    assert document.path == path
    assert document.display_name() == "plan.svplan"
    assert load_plan(path).plan.codes == ["NT1"]
    document.undo_stack.undo()
    assert document.is_modified()


def test_save_failure_raises_and_keeps_modified(document: PlanDocument, tmp_path) -> None:
    document.set_committed("NT1", True)
    missing = tmp_path / "no such folder" / "plan.svplan"
    with pytest.raises(SaveError) as info:
        document.save(missing)
    assert "does not exist" in info.value.message
    assert document.is_modified()
    assert document.path is None
    with pytest.raises(SaveError):
        document.save()  # no path yet


def test_load_and_warnings(document: PlanDocument, tmp_path) -> None:
    plan = Plan(
        catalogue="other-toms", commitments=[Commitment(measure="NT1"), Commitment(measure="NT99")]
    )
    path = tmp_path / "old.svplan"
    save_plan(plan, path)
    warnings = document.load(path)
    assert document.path == path and not document.is_modified()
    assert any("NT99" in w for w in warnings)
    assert any("other-toms" in w for w in warnings)
    assert document.undo_stack.count() == 0


def test_load_failure_leaves_the_document_alone(document: PlanDocument, tmp_path) -> None:
    document.set_committed("NT1", True)
    broken = tmp_path / "broken.svplan"
    broken.write_text("svplan: 1\ncommitments: [", encoding="utf-8")
    with pytest.raises(PlanError):
        document.load(broken)
    assert document.is_committed("NT1") and document.is_modified()


def test_reset_emits_plan_reset_and_clears_history(qtbot, document: PlanDocument) -> None:
    document.set_committed("NT1", True)
    with qtbot.waitSignals([document.planReset, document.modifiedChanged]):
        document.reset(Plan(), Path("x.svplan"))
    assert document.undo_stack.count() == 0 and not document.is_modified()
    document.reset(Plan(), None, modified=True)
    assert document.is_modified()


def test_catalogue_switch_is_a_change_that_cannot_be_undone(
    qtbot, document: PlanDocument, lancashire
) -> None:
    with qtbot.waitSignals([document.catalogueChanged, document.planReset]):
        document.set_catalogue(lancashire)
    assert document.catalogue is lancashire
    assert document.plan.catalogue == lancashire.info.id
    assert document.is_modified()
    assert document.undo_stack.count() == 0


def test_dates_and_bid_end(document: PlanDocument) -> None:
    document.update_bid(start=dt.date(2027, 4, 1), months=36)
    assert document.plan.bid.end == dt.date(2030, 3, 31)
