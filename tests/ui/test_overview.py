"""CommitmentsModel and OverviewWidget: columns, order, updates, findings, activation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem

from svplan.core.partner_roles import display_name
from svplan.core.plan import Commitment, PartnerRole, Plan
from svplan.ui.models.commitments import (
    COL_CODE,
    COL_MEASURE,
    COL_OWNER,
    COL_PARTNERS,
    COL_STATUS,
    COL_TARGET,
    CommitmentRole,
    CommitmentsModel,
)
from svplan.ui.overview import FindingCodeRole, OverviewWidget
from svplan.ui.plan_document import PlanDocument
from tests.ui.panels_fixtures import at_size, document, mini, ready_bid

READY = {"target": 3, "owner": "Sam", "evidence": "Payroll records", "reporting": "quarterly"}


def column(model, col: int) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def ready_document(**commitments: dict) -> PlanDocument:
    """A plan with no findings at all (plus any extra commitments given)."""
    cat = mini()
    bid, lead = ready_bid()
    plan = Plan(catalogue=cat.info.id, bid=bid, lead=lead, commitments=[])
    items = [Commitment(measure="NT1", **READY)]
    items += [Commitment(measure=c, **f) for c, f in commitments.items()]
    return PlanDocument(cat, plan.model_copy(update={"commitments": items}))


# CommitmentsModel --------------------------------------------------------------------------


def test_model_passes_the_model_tester(qtmodeltester):
    doc = document(mini(), "NT29", NT1={"target": 6})
    qtmodeltester.check(CommitmentsModel(doc))


def test_model_passes_the_python_model_tester_through_changes(qtmodeltester):
    doc = document(mini(), "NT29")
    model = CommitmentsModel(doc)
    qtmodeltester.check(model, force_py=True)
    doc.set_committed("NT1", True)
    doc.set_committed("NT3", True)
    doc.update_commitment("NT3", target=2, owner="Jo")
    doc.set_committed("NT1", False)
    doc.undo_stack.undo()
    doc.new()


def test_real_catalogue_model_passes_the_model_tester(qtmodeltester, lancashire):
    doc = document(lancashire, "NT31", "NT1", NT8={"target": 120})
    qtmodeltester.check(CommitmentsModel(doc))


def roles(*ids: str) -> list[dict]:
    return [{"partner": pid, "status": "identified"} for pid in ids]


def test_columns():
    doc = document(
        mini(),
        NT1={"target": 6, "owner": "Jo Bloggs", "roles": roles("helpful-org")},
        NT3={"roles": roles("helpful-org", "other-org")},
    )
    model = CommitmentsModel(doc)
    assert column(model, COL_CODE) == ["NT1", "NT3"]
    assert column(model, COL_MEASURE) == [
        "Local people employed",
        "Long-term unemployed people employed",
    ]
    assert column(model, COL_TARGET) == ["6 FTE", "to be confirmed"]
    assert column(model, COL_OWNER) == ["Jo Bloggs", ""]
    assert column(model, COL_PARTNERS) == [
        "Helpful Organisation",
        "Helpful Organisation, Other Org",
    ]
    assert model.index(0, COL_CODE).data(CommitmentRole) == doc.commitment("NT1")
    assert model.headerData(COL_TARGET, Qt.Orientation.Horizontal) == "Target"


def test_rows_follow_catalogue_order_not_plan_order():
    doc = document(mini(), "NT29", "NT3", "NT1")
    assert column(CommitmentsModel(doc), COL_CODE) == ["NT1", "NT3", "NT29"]


def test_status_column_from_findings():
    doc = ready_document(NT3={"evidence": "x", "reporting": "quarterly"})
    model = CommitmentsModel(doc)
    assert column(model, COL_STATUS) == ["Ready", "2 problems"]  # NT3: no target, no owner
    tip = model.index(1, COL_STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Has no target\nHas no owner"
    doc.update_commitment("NT3", owner="Kim")
    assert model.index(1, COL_STATUS).data() == "Has no target"
    doc.update_commitment("NT3", target=2)
    assert model.index(1, COL_STATUS).data() == "Ready"
    doc.set_committed("NT29", True)  # overlaps NT1: a warning shared by both rows
    assert model.index(0, COL_STATUS).data() == "Test overlap between NT1 and NT29"


def test_many_partners_are_shortened_with_a_full_tooltip(qtbot, lancashire):
    cat = lancashire
    ids = cat.measure("NT8").partner_ids
    doc = document(cat, NT8={"roles": roles(*ids)})
    model = CommitmentsModel(doc)
    names = [display_name(cat.partner(p).name) for p in ids]
    assert len(names) > 2
    assert model.index(0, COL_PARTNERS).data().endswith(f"and {len(names) - 2} more")
    assert model.index(0, COL_PARTNERS).data(Qt.ItemDataRole.ToolTipRole) == "\n".join(names)


def test_rows_are_inserted_and_removed_not_reset(qtbot):
    doc = document(mini(), "NT29")
    model = CommitmentsModel(doc)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.rowsInserted) as blocker:
        doc.set_committed("NT1", True)
    assert blocker.args[1:] == [0, 0]
    with qtbot.waitSignal(model.rowsRemoved):
        doc.set_committed("NT29", False)
    assert column(model, COL_CODE) == ["NT1"]
    with qtbot.waitSignal(model.dataChanged):
        doc.update_commitment("NT1", target=2)
    assert column(model, COL_TARGET) == ["2 FTE"]
    assert resets == []


def test_partner_changes_show_in_the_partners_column():
    doc = document(mini(), NT3={"roles": roles("helpful-org", "other-org")})
    model = CommitmentsModel(doc)
    doc.set_partner_included("NT3", "helpful-org", False)
    assert column(model, COL_PARTNERS) == ["Other Org"]


def test_suggested_partners_are_not_shown_as_the_plans_partners():
    """What the window shows is what exports: the council's suggestions are not the bidder's
    partners until the bidder records a status or a role for them."""
    doc = document(mini(), "NT3")
    model = CommitmentsModel(doc)
    assert column(model, COL_PARTNERS) == [""]
    assert "No partner recorded yet" in model.index(0, COL_PARTNERS).data(
        Qt.ItemDataRole.ToolTipRole
    )
    doc.update_commitment("NT3", roles=[PartnerRole(partner="other-org", status="agreed")])
    assert column(model, COL_PARTNERS) == ["Other Org"]


# OverviewWidget ----------------------------------------------------------------------------


@pytest.fixture
def overview(qtbot):
    doc = document(mini(), "NT3", NT1={"target": 6})
    return at_size(qtbot, OverviewWidget(doc), 900, 600, show=True)


def test_double_click_on_a_row_emits_measure_activated(qtbot, overview):
    table = overview.table
    rect = table.visualRect(overview.proxy.index(1, COL_MEASURE))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(overview.measureActivated) as blocker:
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["NT3"]


def test_enter_on_a_row_emits_measure_activated(qtbot, overview):
    overview.select_measure("NT1")
    with qtbot.waitSignal(overview.measureActivated) as blocker:
        overview.table.activated.emit(overview.table.currentIndex())
    assert blocker.args == ["NT1"]


def test_sorting_by_target_uses_numbers(qtbot):
    doc = document(mini(), NT1={"target": 10}, NT3={"target": 9}, NT29={"target": 100})
    widget = OverviewWidget(doc)
    qtbot.addWidget(widget)
    widget.table.sortByColumn(COL_TARGET, Qt.SortOrder.AscendingOrder)
    assert column(widget.proxy, COL_CODE) == ["NT3", "NT1", "NT29"]
    widget.table.sortByColumn(COL_CODE, Qt.SortOrder.AscendingOrder)
    assert column(widget.proxy, COL_CODE) == ["NT1", "NT3", "NT29"]


def test_findings_list_shows_check_messages_plan_wide_first(overview):
    texts = [overview.findings.item(i).text() for i in range(overview.findings.count())]
    assert texts[0].startswith("Plan: contract details missing")
    assert "NT3: has no target" in texts
    assert "NT1: has no owner" in texts
    assert overview.readiness.text().startswith("Readiness: ")
    assert "problem" in overview.readiness.text()
    assert overview.count.text() == "2 measures committed"


def test_findings_follow_the_document(overview):
    doc = overview._doc
    doc.update_commitment("NT3", target=4)
    texts = [overview.findings.item(i).text() for i in range(overview.findings.count())]
    assert "NT3: has no target" not in texts


def test_double_click_on_a_finding_emits_its_code(qtbot, overview):
    items = [overview.findings.item(i) for i in range(overview.findings.count())]
    nt3: QListWidgetItem = next(i for i in items if i.text() == "NT3: has no target")
    assert nt3.data(FindingCodeRole) == "NT3"
    rect = overview.findings.visualItemRect(nt3)
    viewport = overview.findings.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(overview.measureActivated) as blocker:
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["NT3"]
    plan_wide = items[0]
    with qtbot.assertNotEmitted(overview.measureActivated):
        overview.findings.itemActivated.emit(plan_wide)


def test_ready_plan_says_ready_to_export(qtbot):
    widget = OverviewWidget(ready_document())
    qtbot.addWidget(widget)
    assert widget.readiness.text() == "Ready to export"
    assert widget.findings.count() == 0
    assert widget.findings.isHidden()


def test_empty_plan_shows_a_hint(qtbot):
    widget = OverviewWidget(document(mini()))
    qtbot.addWidget(widget)
    assert widget.table_stack.currentWidget() is widget.empty
    widget._doc.set_committed("NT1", True)
    assert widget.table_stack.currentWidget() is widget.table
    assert widget.count.text() == "1 measure committed"


def test_accessible_names(overview):
    for w in (overview, overview.table, overview.findings, overview.readiness, overview.count):
        assert w.accessibleName()
