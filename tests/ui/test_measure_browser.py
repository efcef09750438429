"""MeasureBrowser: search, ticked only, keyboard ticking, selection and messages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from svplan.ui.measure_browser import SEARCH_PLACEHOLDER, MeasureBrowser
from svplan.ui.models.measure_tree import COL_TARGET, CodeRole, KindRole
from tests.ui.panels_fixtures import document, mini


@pytest.fixture
def doc():
    return document(mini(), "NT3")


@pytest.fixture
def browser(qtbot, doc):
    widget = MeasureBrowser(doc)
    qtbot.addWidget(widget)
    widget.resize(420, 600)
    return widget


def current_code(browser: MeasureBrowser) -> str | None:
    return browser.tree.currentIndex().data(CodeRole)


def test_controls_and_initial_state(browser):
    assert browser.search.placeholderText() == SEARCH_PLACEHOLDER
    assert browser.search.isClearButtonEnabled()
    assert browser.tree.uniformRowHeights()
    assert browser.status.text() == "1 of 3 measures ticked"
    assert browser.tree.isExpanded(browser.proxy.index(0, 0))
    for widget in (browser, browser.search, browser.ticked_only, browser.tree, browser.status):
        assert widget.accessibleName(), widget
    assert browser.empty.accessibleName()


def test_space_ticks_and_unticks_the_selected_measure(qtbot, browser, doc):
    assert browser.select_measure("NT1")
    qtbot.keyClick(browser.tree, Qt.Key.Key_Space)
    assert doc.is_committed("NT1")
    assert browser.status.text() == "2 of 3 measures ticked"
    qtbot.keyClick(browser.tree, Qt.Key.Key_Space)
    assert not doc.is_committed("NT1")
    assert doc.undo_stack.count() == 2


def test_space_works_when_the_cursor_is_on_the_target_column(qtbot, browser, doc):
    browser.select_measure("NT29")
    browser.tree.setCurrentIndex(browser.tree.currentIndex().siblingAtColumn(1))
    qtbot.keyClick(browser.tree, Qt.Key.Key_Space)
    assert doc.is_committed("NT29")


def test_space_on_a_heading_ticks_nothing(qtbot, browser, doc):
    browser.tree.setCurrentIndex(browser.proxy.index(0, 0))
    qtbot.keyClick(browser.tree, Qt.Key.Key_Space)
    assert doc.plan.codes == ["NT3"]


def test_arrow_keys_move_between_measures_and_emit_measure_selected(qtbot, browser):
    browser.select_measure("NT1")
    with qtbot.waitSignal(browser.measureSelected) as blocker:
        qtbot.keyClick(browser.tree, Qt.Key.Key_Down)
    assert blocker.args == ["NT3"]
    assert browser.current_measure() == "NT3"
    qtbot.keyClick(browser.tree, Qt.Key.Key_Up)
    assert current_code(browser) == "NT1"


def test_enter_on_a_measure_emits_measure_activated(qtbot, browser):
    browser.select_measure("NT3")
    with qtbot.waitSignal(browser.measureActivated) as blocker:
        qtbot.keyClick(browser.tree, Qt.Key.Key_Return)
    assert blocker.args == ["NT3"]


def test_typing_filters_and_a_single_match_is_selected(qtbot, browser):
    with qtbot.waitSignal(browser.measureSelected) as blocker:
        qtbot.keyClicks(browser.search, "volunteering")
    assert blocker.args == ["NT29"]
    assert current_code(browser) == "NT29"
    assert browser.status.text() == "1 shown · 1 of 3 measures ticked"
    browser.search.clear()
    assert browser.status.text() == "1 of 3 measures ticked"
    assert browser.tree.isExpanded(browser.proxy.index(0, 0))


def test_no_match_message(qtbot, browser):
    qtbot.keyClicks(browser.search, "xyz")
    assert browser.stack.currentWidget() is browser.empty
    assert browser.empty.text() == "No measures match ‘xyz’"
    browser.search.clear()
    assert browser.stack.currentWidget() is browser.tree


def test_ticked_only_checkbox(qtbot, browser, doc):
    browser.ticked_only.setChecked(True)
    assert [i.data(CodeRole) for i in browser.proxy.measure_indexes()] == ["NT3"]
    doc.set_committed("NT3", False)
    assert browser.stack.currentWidget() is browser.empty
    assert "No measures are ticked" in browser.empty.text()
    browser.ticked_only.setChecked(False)
    assert len(browser.proxy.measure_indexes()) == 3


def test_select_measure_clears_a_filter_that_hides_it(browser):
    browser.search.setText("helpful")
    browser.ticked_only.setChecked(True)
    assert browser.select_measure("NT29")
    assert browser.search.text() == ""
    assert not browser.ticked_only.isChecked()
    assert current_code(browser) == "NT29"
    assert not browser.select_measure("NT999")


def test_search_keys_move_into_the_tree(qtbot, browser):
    browser.show()
    qtbot.waitExposed(browser)
    browser.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is browser)
    browser.focus_search()
    qtbot.keyClicks(browser.search, "employed")
    qtbot.keyClick(browser.search, Qt.Key.Key_Down)
    assert current_code(browser) == "NT1"
    assert browser.tree.hasFocus()
    browser.focus_search()
    assert browser.search.hasFocus()
    assert browser.search.selectedText() == "employed"
    qtbot.keyClick(browser.search, Qt.Key.Key_Escape)
    assert browser.search.text() == ""
    qtbot.keyClicks(browser.search, "long term")
    qtbot.keyClick(browser.search, Qt.Key.Key_Return)
    assert browser.tree.hasFocus() and current_code(browser) == "NT3"


def test_undo_updates_ticks_and_count(browser, doc):
    doc.set_committed("NT1", True)
    assert browser.status.text() == "2 of 3 measures ticked"
    doc.undo_stack.undo()
    assert browser.status.text() == "1 of 3 measures ticked"


def test_plan_reset_clears_the_selection(qtbot, browser, doc):
    browser.select_measure("NT1")
    with qtbot.waitSignal(browser.measureSelected) as blocker:
        doc.new()
    assert blocker.args == [""]
    assert browser.current_measure() is None
    assert browser.status.text() == "0 of 3 measures ticked"


def test_real_catalogue_smoke(qtbot, lancashire):
    doc = document(lancashire, "NT1", "NT8")
    browser = MeasureBrowser(doc)
    qtbot.addWidget(browser)
    assert browser.status.text() == "2 of 43 measures ticked"
    browser.search.setText("CITB")
    found = [i.data(CodeRole) for i in browser.proxy.measure_indexes()]
    assert found and all("citb" in doc.catalogue.measure(c).partner_ids for c in found)
    browser.search.setText("school visits")
    assert browser.current_measure() == "NT8"
    browser.search.clear()
    assert browser.select_measure("nt31")
    assert browser.current_measure() == "NT31"


def headings(browser: MeasureBrowser) -> list:
    """Proxy indexes of the theme and outcome rows the tree shows."""
    out = []

    def walk(parent) -> None:
        for row in range(browser.proxy.rowCount(parent)):
            idx = browser.proxy.index(row, 0, parent)
            if idx.data(KindRole) != "measure":
                out.append(idx)
                walk(idx)

    walk(QModelIndex())
    return out


def shown_codes(browser: MeasureBrowser) -> list[str]:
    return [i.data(CodeRole) for i in browser.proxy.measure_indexes()]


def test_typing_narrows_and_escape_shows_everything_expanded(qtbot, lancashire):
    doc = document(lancashire, "NT1", "NT8")
    browser = MeasureBrowser(doc)
    qtbot.addWidget(browser)
    qtbot.keyClicks(browser.search, "app")
    after_app = shown_codes(browser)
    qtbot.keyClicks(browser.search, "rentice")
    assert shown_codes(browser) == ["NT8", "NT10", "NT10a"]
    assert set(shown_codes(browser)) <= set(after_app)  # typing on only narrows
    assert browser.status.text() == "3 shown · 2 of 43 measures ticked"
    assert all(browser.tree.isExpanded(idx) for idx in headings(browser))
    qtbot.keyClick(browser.search, Qt.Key.Key_Escape)
    assert browser.search.text() == ""
    assert len(shown_codes(browser)) == 43
    assert browser.status.text() == "2 of 43 measures ticked"
    assert len(headings(browser)) > 4 and all(browser.tree.isExpanded(i) for i in headings(browser))


@pytest.mark.parametrize("bulk", [0, 1_000_000], ids=["layout-change", "row-by-row"])
def test_backspace_brings_back_headings_expanded(qtbot, browser, bulk):
    browser.proxy.BULK_CHANGE = bulk
    qtbot.keyClicks(browser.search, "volunteeringx")
    assert browser.stack.currentWidget() is browser.empty
    qtbot.keyClick(browser.search, Qt.Key.Key_Backspace)
    assert browser.stack.currentWidget() is browser.tree
    assert shown_codes(browser) == ["NT29"]
    for _ in "volunteering":
        qtbot.keyClick(browser.search, Qt.Key.Key_Backspace)
    assert shown_codes(browser) == ["NT1", "NT3", "NT29"]
    assert [i.data() for i in headings(browser)] == [
        "Jobs (1 ticked)",
        "More local people in employment",
        "Social",
        "Creating a healthier community",
    ]
    assert all(browser.tree.isExpanded(idx) for idx in headings(browser))


def test_a_collapsed_heading_opens_again_when_the_search_changes(qtbot, browser):
    jobs = browser.proxy.index(0, 0)
    browser.tree.collapse(jobs)
    assert not browser.tree.isExpanded(jobs)
    qtbot.keyClicks(browser.search, "no")  # "No. of ..." in every wording: no row comes back
    assert shown_codes(browser) == ["NT1", "NT3", "NT29"]
    assert all(browser.tree.isExpanded(idx) for idx in headings(browser))


def test_search_by_partner_name(qtbot, browser):
    qtbot.keyClicks(browser.search, "other org")  # a partner of NT3 only
    assert shown_codes(browser) == ["NT3"]
    assert browser.current_measure() == "NT3"  # a single match is selected
    assert browser.status.text() == "1 shown · 1 of 3 measures ticked"


def test_ticked_only_combined_with_text(qtbot, browser, doc):
    qtbot.keyClicks(browser.search, "employed")
    assert shown_codes(browser) == ["NT1", "NT3"]
    browser.ticked_only.setChecked(True)
    assert shown_codes(browser) == ["NT3"]
    assert browser.status.text() == "1 shown · 1 of 3 measures ticked"
    doc.set_committed("NT1", True)
    assert shown_codes(browser) == ["NT1", "NT3"]
    assert browser.status.text() == "2 shown · 2 of 3 measures ticked"
    doc.set_committed("NT29", True)  # ticked, but no match for "employed"
    assert shown_codes(browser) == ["NT1", "NT3"]
    doc.set_committed("NT1", False)
    doc.set_committed("NT3", False)
    assert browser.stack.currentWidget() is browser.empty
    assert browser.empty.text() == "No measures match ‘employed’"
    browser.search.clear()
    assert shown_codes(browser) == ["NT29"]
    assert browser.status.text() == "1 shown · 1 of 3 measures ticked"
    assert all(browser.tree.isExpanded(idx) for idx in headings(browser))


def test_target_column_fits_the_widest_target_and_keeps_it_while_filtering(qtbot):
    doc = document(mini(), NT1={"target": 2}, NT29={"target": 500})
    browser = MeasureBrowser(doc)
    qtbot.addWidget(browser)
    browser.resize(420, 600)
    browser.show()
    qtbot.waitExposed(browser)
    widest = browser.proxy.mapFromSource(browser.model.index_of("NT29", COL_TARGET))
    assert widest.data() == "500 hours"
    width = browser.tree.header().sectionSize(COL_TARGET)
    assert width >= browser.tree.sizeHintForIndex(widest).width()
    qtbot.keyClicks(browser.search, "employed")  # hides NT29
    qtbot.waitUntil(lambda: shown_codes(browser) == ["NT1", "NT3"])
    assert browser.tree.header().sectionSize(COL_TARGET) == width  # (Qt's own would shrink)
    doc.update_commitment("NT29", target=999_999)
    browser.search.clear()  # the next layout fits the column to the wider target
    qtbot.waitUntil(lambda: browser.tree.header().sectionSize(COL_TARGET) > width)


def test_a_word_shows_exactly_its_measures_and_clearing_keeps_the_selection(qtbot, lancashire):
    """What a user sees: the matching measures under open headings, then everything again with
    the measure they had selected still selected (the editor never lost it)."""
    doc = document(lancashire, "NT1", "NT8")
    browser = MeasureBrowser(doc)
    qtbot.addWidget(browser)
    all_codes = shown_codes(browser)
    assert browser.select_measure("NT31")
    qtbot.keyClicks(browser.search, "apprentice")
    assert shown_codes(browser) == ["NT8", "NT10", "NT10a"]
    assert [i.data() for i in headings(browser)] == [
        "Jobs (2 ticked)",
        "Improved skills",
        "Improved skills for disadvantaged people",
    ]
    assert all(browser.tree.isExpanded(idx) for idx in headings(browser))
    assert browser.status.text() == "3 shown · 2 of 43 measures ticked"
    assert browser.current_measure() == "NT31"  # hidden, but still the one in the editor
    browser.search.clear()
    assert shown_codes(browser) == all_codes
    assert all(browser.tree.isExpanded(idx) for idx in headings(browser))
    assert current_code(browser) == "NT31"
    assert browser.tree.selectionModel().isRowSelected(
        browser.tree.currentIndex().row(), browser.tree.currentIndex().parent()
    )
    assert browser.status.text() == "2 of 43 measures ticked"
