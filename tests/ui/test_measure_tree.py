"""MeasureTreeModel and MeasureFilterProxy: structure, ticking, signals, filtering."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from svplan.core.catalogue import Catalogue, Measure
from svplan.ui.models import measure_tree
from svplan.ui.models.measure_filter import MeasureFilterProxy
from svplan.ui.models.measure_tree import (
    COL_TARGET,
    COL_TITLE,
    KindRole,
    MeasureRole,
    MeasureTreeModel,
    SearchTextRole,
)
from tests.ui.panels_fixtures import document, mini


def measure_codes(model) -> list[str]:
    """Codes of the measure rows a model shows, in display order."""
    out: list[str] = []

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            idx = model.index(row, COL_TITLE, parent)
            if idx.data(KindRole) == "measure":
                out.append(idx.data(MeasureRole).code)
            else:
                walk(idx)

    walk(QModelIndex())
    return out


def filtered(catalogue: Catalogue, query: str, *ticked: str, ticked_only: bool = False):
    doc = document(catalogue, *ticked)
    model = MeasureTreeModel(doc)
    proxy = MeasureFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_query(query)
    proxy.set_ticked_only(ticked_only)
    return measure_codes(proxy)


# Model structure ---------------------------------------------------------------------------


def test_model_passes_the_model_tester(qtmodeltester):
    model = MeasureTreeModel(document(mini(), "NT3"))
    qtmodeltester.check(model)


def test_model_passes_the_python_model_tester_through_changes(qtmodeltester):
    doc = document(mini(), "NT3")
    model = MeasureTreeModel(doc)
    qtmodeltester.check(model, force_py=True)
    doc.set_committed("NT1", True)
    doc.update_commitment("NT1", target=4)
    doc.set_committed("NT3", False)
    doc.undo_stack.undo()
    doc.new()


def test_real_catalogue_tree_passes_the_model_tester(qtmodeltester, lancashire):
    model = MeasureTreeModel(document(lancashire, "NT1", "NT8"))
    qtmodeltester.check(model)
    assert model.measure_count() == 43
    assert len(measure_codes(model)) == 43


def test_tree_is_theme_outcome_measure_in_catalogue_order():
    cat = mini()
    model = MeasureTreeModel(document(cat, "NT1", "NT3"))
    jobs = model.index(0, COL_TITLE)
    assert jobs.data() == "Jobs (2 ticked)"
    assert jobs.data(KindRole) == "theme"
    assert jobs.data(Qt.ItemDataRole.FontRole).bold()
    outcome = model.index(0, COL_TITLE, jobs)
    assert outcome.data() == "More local people in employment"
    assert outcome.data(KindRole) == "outcome"
    nt1 = model.index(0, COL_TITLE, outcome)
    assert nt1.data() == "NT1  Local people employed"
    assert nt1.data(KindRole) == "measure"
    assert isinstance(nt1.data(MeasureRole), Measure)
    assert nt1.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert nt1.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.index(0, COL_TARGET, outcome).flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert "hired or retained" in nt1.data(Qt.ItemDataRole.ToolTipRole)
    social = model.index(1, COL_TITLE)
    assert social.data() == "Social"  # nothing ticked: no count
    assert measure_codes(model) == ["NT1", "NT3", "NT29"]


def test_target_column_shows_formatted_target_of_committed_measures():
    doc = document(mini(), "NT3", NT1={"target": 6.5})
    model = MeasureTreeModel(doc)
    assert model.index_of("NT1", COL_TARGET).data() == "6.5 FTE"
    assert model.index_of("NT3", COL_TARGET).data() == "no target"
    assert model.index_of("NT29", COL_TARGET).data() == ""


def test_search_text_is_lower_case_and_includes_partner_names():
    model = MeasureTreeModel(document(mini()))
    text = model.index_of("NT3").data(SearchTextRole)
    assert text == text.lower()
    assert " nt3 " in text
    assert "helpful organisation" in text and "other org" in text
    assert "long term unemployed" in text


# Ticking and keeping up with the document --------------------------------------------------


def test_setdata_checkstate_commits_through_the_document():
    doc = document(mini())
    model = MeasureTreeModel(doc)
    idx = model.index_of("NT29")
    assert model.setData(idx, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert doc.is_committed("NT29")
    assert idx.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.setData(idx, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert not doc.is_committed("NT29")
    assert not model.setData(idx, "x", Qt.ItemDataRole.EditRole)
    assert not model.setData(
        model.index(0, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )


def test_document_changes_emit_precise_datachanged(qtbot):
    doc = document(mini())
    model = MeasureTreeModel(doc)
    changes: list[tuple[str, int]] = []
    model.dataChanged.connect(lambda tl, br: changes.append((tl.data(), br.column())))
    doc.set_committed("NT3", True)
    assert changes == [
        ("NT3  Long-term unemployed people employed", COL_TARGET),
        ("Jobs (1 ticked)", COL_TITLE),
    ]
    changes.clear()
    doc.update_commitment("NT3", target=2)
    assert changes == [("NT3  Long-term unemployed people employed", COL_TARGET)]
    assert model.index_of("NT3", COL_TARGET).data() == "2 FTE"
    changes.clear()
    doc.update_commitment("NT3", owner="Sam")  # nothing the tree shows
    assert changes == []
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert model.index_of("NT3").data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.index(0, 0).data() == "Jobs"


def test_plan_reset_and_catalogue_change_reset_the_model(qtbot, lancashire):
    doc = document(mini(), "NT1")
    model = MeasureTreeModel(doc)
    with qtbot.waitSignal(model.modelReset):
        doc.new()
    assert model.ticked_count() == 0
    with qtbot.waitSignal(model.modelReset):
        doc.set_catalogue(lancashire)
    assert model.measure_count() == 43


# Filtering ---------------------------------------------------------------------------------


def test_proxy_passes_the_model_tester(qtmodeltester):
    doc = document(mini(), "NT1")
    model = MeasureTreeModel(doc)
    proxy = MeasureFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_query("helpful")
    qtmodeltester.check(proxy, force_py=True)
    doc.set_committed("NT29", True)
    proxy.set_ticked_only(True)
    doc.set_committed("NT1", False)
    proxy.set_query("")
    proxy.set_ticked_only(False)


def test_proxy_passes_the_cpp_model_tester_on_the_real_catalogue(qtmodeltester, lancashire):
    model = MeasureTreeModel(document(lancashire, "NT8"))
    proxy = MeasureFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_query("apprentice")
    qtmodeltester.check(proxy)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["NT1", "NT3", "NT29"]),
        ("nt1", ["NT1"]),
        ("NT3", ["NT3"]),
        ("helpful", ["NT1", "NT3"]),  # a partner's name
        ("HELPFUL other", ["NT3"]),  # every word must match
        ("long term", ["NT3"]),  # words of the wording
        ("volunteering centre", ["NT29"]),  # a suggested action
        ("employ", ["NT1", "NT3"]),  # words start with the query word
        ("ployed", []),  # ...not in the middle of a word
        ("helpful xyz", []),
        ("  (FTE)  ", ["NT1", "NT3"]),  # punctuation is ignored
    ],
)
def test_filter_by_code_words_and_partner(query, expected):
    assert filtered(mini(), query) == expected


def test_parents_are_shown_when_a_measure_matches():
    doc = document(mini())
    model = MeasureTreeModel(doc)
    proxy = MeasureFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_query("volunteering")
    assert proxy.rowCount() == 1
    theme = proxy.index(0, 0)
    assert theme.data() == "Social"
    assert proxy.index(0, 0, theme).data() == "Creating a healthier community"
    assert [i.data(MeasureRole).code for i in proxy.measure_indexes()] == ["NT29"]


def test_ticked_only():
    assert filtered(mini(), "", "NT3", ticked_only=True) == ["NT3"]
    assert filtered(mini(), "helpful", "NT3", "NT29", ticked_only=True) == ["NT3"]
    assert filtered(mini(), "", ticked_only=True) == []


def test_ticked_only_follows_ticks_as_they_happen():
    doc = document(mini(), "NT1")
    model = MeasureTreeModel(doc)
    proxy = MeasureFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_ticked_only(True)
    assert measure_codes(proxy) == ["NT1"]
    doc.set_committed("NT29", True)
    assert measure_codes(proxy) == ["NT1", "NT29"]
    doc.set_committed("NT1", False)
    assert measure_codes(proxy) == ["NT29"]


def test_filtering_uses_precomputed_text_only(monkeypatch):
    """Typing must not look anything up in the catalogue (cost per key is rows only)."""
    cat = mini()
    doc = document(cat, "NT1")
    model = MeasureTreeModel(doc)
    proxy = MeasureFilterProxy()
    proxy.setSourceModel(model)

    def boom(*_args, **_kwargs):
        raise AssertionError("catalogue looked up while filtering")

    monkeypatch.setattr(measure_tree, "search_text", boom)
    monkeypatch.setattr(Catalogue, "partner", boom)
    monkeypatch.setattr(Catalogue, "measure", boom)
    monkeypatch.setattr(type(doc), "commitment", boom)
    for query in ("h", "he", "hel", "helpful", "helpful o", "helpful other"):
        proxy.set_query(query)
        proxy.measure_indexes()
    proxy.set_ticked_only(True)
    assert [i.data(MeasureRole).code for i in proxy.measure_indexes()] == []
    proxy.set_query("")
    assert [i.data(MeasureRole).code for i in proxy.measure_indexes()] == ["NT1"]


# The real Lancashire catalogue ------------------------------------------------------------


def test_real_search_by_code(lancashire):
    codes = filtered(lancashire, "nt8")
    assert codes[0] == "NT8"
    assert set(codes) <= {"NT8", "NT82", "NT85", "NT86", "NT87", "NT88"}
    assert filtered(lancashire, "NT10a") == ["NT10a"]


def test_real_search_by_wording(lancashire):
    assert "NT8" in filtered(lancashire, "school visits")
    assert "NT31" in filtered(lancashire, "carbon")


def test_real_search_by_partner_name(lancashire):
    cat = lancashire
    citb = filtered(cat, "CITB")
    assert citb and all("citb" in cat.measure(c).partner_ids for c in citb)
    jobcentre = filtered(cat, "jobcentre")
    assert {"NT3", "NT4", "NT76", "NT5"} <= set(jobcentre)
    assert filtered(cat, "apprentice")  # apprenticeships, apprentice ambassadors


def test_real_ticked_only(lancashire):
    assert filtered(lancashire, "", "NT8", "NT31", ticked_only=True) == ["NT8", "NT31"]


# Filtering as the user types: the incremental paths give what a fresh filter gives ----------

TYPED = [
    "a",
    "ap",
    "app",
    "apprentice",
    "apprentice a",
    "apprentice",  # backspace: widens again
    "app",
    "",
    "c",
    "ci",
    "citb",
    "school visits",
    "school",
    "nt1",
    "nt10",
    "nt10a",
    "xyz",
    "",
]


def reference(catalogue: Catalogue, query: str) -> list[str]:
    """The codes a query should show, worked out directly from the rule, in catalogue order."""
    words = [f" {w}" for w in measure_tree.normalise_search(query).split()]
    model = MeasureTreeModel(document(catalogue))
    return [
        code
        for code in measure_codes(model)
        if all(w in model.index_of(code).data(SearchTextRole) for w in words)
    ]


@pytest.mark.parametrize("bulk", [0, 1_000_000], ids=["layout-change", "row-by-row"])
def test_typing_narrowing_and_widening_match_a_fresh_filter(qtmodeltester, bulk, lancashire):
    cat = lancashire
    model = MeasureTreeModel(document(cat, "NT8"))
    proxy = MeasureFilterProxy()
    proxy.BULK_CHANGE = bulk  # re-filter with a layout change, or row by row
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=True)  # keeps checking every signal from here on
    for query in TYPED:
        proxy.set_query(query)
        expected = reference(cat, query)
        assert measure_codes(proxy) == expected, query
        assert proxy.shown_count() == len(expected)
        first = proxy.first_measure()
        assert (first.data(MeasureRole).code if first.isValid() else None) == (
            expected[0] if expected else None
        )
    assert measure_codes(proxy) == measure_codes(model)


def test_partner_names_find_their_measures(lancashire):
    cat = lancashire
    citb = filtered(cat, "citb")
    assert citb == ["NT9", "NT10", "NT11", "NT12"]
    assert all("citb" in cat.measure(c).partner_ids for c in citb)
    assert filtered(cat, "CITB nt10") == ["NT10"]  # NT10a has other partners
    assert filtered(mini(), "other org") == ["NT3"]  # a partner of NT3 only


def test_ticked_only_combined_with_text_follows_ticks_and_headings(qtmodeltester):
    doc = document(mini(), "NT3")
    model = MeasureTreeModel(doc)
    proxy = MeasureFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=True)
    proxy.set_query("local")  # NT1 and NT3 (employed) and NT29 (local community)
    proxy.set_ticked_only(True)
    assert measure_codes(proxy) == ["NT3"]
    assert proxy.shown_count() == 1
    doc.set_committed("NT29", True)  # its theme and outcome were hidden: they appear with it
    assert measure_codes(proxy) == ["NT3", "NT29"]
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == [
        "Jobs (1 ticked)",
        "Social (1 ticked)",
    ]
    doc.set_committed("NT3", False)  # the last ticked one under Jobs: the heading goes too
    assert measure_codes(proxy) == ["NT29"]
    assert proxy.rowCount() == 1
    proxy.set_query("helpful")  # NT1 and NT3 have the partner, neither is ticked
    assert measure_codes(proxy) == []
    assert proxy.rowCount() == 0
    doc.set_committed("NT1", True)
    assert measure_codes(proxy) == ["NT1"]
    proxy.set_ticked_only(False)
    assert measure_codes(proxy) == ["NT1", "NT3"]


def test_a_new_catalogue_or_plan_is_filtered_by_the_current_query(qtbot, lancashire):
    doc = document(mini(), "NT1")
    model = MeasureTreeModel(doc)
    proxy = MeasureFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_query("employ")
    proxy.set_ticked_only(True)
    assert measure_codes(proxy) == ["NT1"]
    doc.new()  # nothing ticked in the new plan
    assert measure_codes(proxy) == []
    assert proxy.shown_count() == 0
    proxy.set_ticked_only(False)
    assert measure_codes(proxy) == ["NT1", "NT3"]
    doc.set_catalogue(lancashire)
    assert measure_codes(proxy) == filtered(lancashire, "employ")
    assert proxy.shown_count() == len(filtered(lancashire, "employ"))


def test_filtered_rows_have_the_models_flags(lancashire):
    """Through the filter every cell has its row's flags: only a measure's title is ticked."""
    model = MeasureTreeModel(document(lancashire))
    proxy = MeasureFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_query("a")
    seen = 0

    def walk(parent: QModelIndex) -> None:
        nonlocal seen
        for row in range(proxy.rowCount(parent)):
            for column in (COL_TITLE, COL_TARGET):
                idx = proxy.index(row, column, parent)
                assert proxy.flags(idx) == model.flags(proxy.mapToSource(idx))
                seen += 1
            walk(proxy.index(row, COL_TITLE, parent))

    walk(QModelIndex())
    assert seen > 80
    measure = proxy.mapFromSource(model.index_of("NT8"))
    assert measure.flags() & Qt.ItemFlag.ItemNeverHasChildren
    assert measure.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert not measure.siblingAtColumn(COL_TARGET).flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert not proxy.index(0, 0).flags() & Qt.ItemFlag.ItemNeverHasChildren


def test_theme_ticked_counts_follow_ticks_and_undo():
    doc = document(mini())
    model = MeasureTreeModel(doc)
    jobs, social = model.index(0, 0), model.index(1, 0)
    doc.set_committed("NT1", True)
    doc.set_committed("NT3", True)
    doc.set_committed("NT29", True)
    assert (jobs.data(), social.data()) == ("Jobs (2 ticked)", "Social (1 ticked)")
    assert model.ticked_count() == 3
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert (jobs.data(), social.data()) == ("Jobs (1 ticked)", "Social")
    assert model.ticked_count() == 1


def test_target_cells_has_one_cell_per_distinct_target_text():
    doc = document(mini(), "NT3", NT1={"target": 6.5}, NT29={"target": 12})
    model = MeasureTreeModel(doc)
    assert sorted(idx.data() for idx in model.target_cells()) == [
        "12 hours",
        "6.5 FTE",
        "no target",
    ]
    assert all(idx.column() == COL_TARGET for idx in model.target_cells())
    model = MeasureTreeModel(document(mini(), NT1={"target": 6.5}))
    assert sorted(idx.data() for idx in model.target_cells()) == ["", "6.5 FTE"]


def test_ticked_only_shows_and_hides_an_outcome_under_a_theme_that_stays(qtmodeltester, lancashire):
    """A tick can show or hide an outcome heading while its theme stays on screen."""
    doc = document(lancashire, "NT1")
    model = MeasureTreeModel(doc)
    proxy = MeasureFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=True)
    proxy.set_ticked_only(True)
    jobs = proxy.index(0, 0)
    assert proxy.rowCount(jobs) == 1  # More local people in employment (NT1)
    doc.set_committed("NT8", True)  # under "Improved skills", a hidden outcome of Jobs
    assert proxy.rowCount(jobs) == 2
    assert proxy.index(1, 0, jobs).data() == "Improved skills"
    assert measure_codes(proxy) == ["NT1", "NT8"]
    doc.set_committed("NT8", False)
    assert proxy.rowCount(jobs) == 1
    assert measure_codes(proxy) == ["NT1"]
    proxy.set_query("citb")  # a partner of NT9-NT12, not of NT1: nothing left
    assert proxy.rowCount() == 0
    doc.set_committed("NT9", True)
    assert measure_codes(proxy) == ["NT9"]


def test_the_filter_reads_the_model_only_through_its_public_methods() -> None:
    import inspect
    import re

    from svplan.ui.models import measure_filter

    source = inspect.getsource(measure_filter)
    assert re.findall(r"\btree\._\w+|_tree\._\w+", source) == []
