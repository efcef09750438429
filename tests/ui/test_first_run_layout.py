"""The first window on a laptop screen: the commitment editor's form is not cut off (issue 12).

On a 1280x800 screen the window first opens at 1152x684 (90% of the area above the taskbar). The
default split used to leave the editor narrower than its form, with a horizontal scroll bar.
"""

from __future__ import annotations

from svplan.core.catalogue import load_default_catalogue


def test_the_sample_at_a_laptop_window_size_needs_no_sideways_scrolling(
    qtbot, settings, boxes, dialogs
) -> None:
    from svplan.ui.main_window import MainWindow

    window = MainWindow(load_default_catalogue(), settings, autosave=False)
    qtbot.addWidget(window)
    window.resize(1152, 684)
    window.show()
    qtbot.waitExposed(window)
    assert window.files.open_sample()
    editor = window.workspace.editor
    qtbot.waitUntil(lambda: editor.scroll.isVisible() and editor.code != "")
    form = editor.scroll.widget()
    qtbot.waitUntil(lambda: editor.scroll.viewport().width() >= form.minimumSizeHint().width())
    assert not editor.scroll.horizontalScrollBar().isVisible()
    browser, _, partners = window.workspace.splitter.sizes()
    assert browser >= 260 and partners >= 240  # the side panes keep a usable width
    window.document.undo_stack.setClean()
