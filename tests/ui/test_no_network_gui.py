"""A whole session in the real window with the network blocked, and links only on a click.

Corporate laptops, offline use and privacy: the app never touches the network. Python's sockets
are blocked (and every attempt recorded, so a caught error cannot hide one) for a full session:
new plan, bid details, measures, targets, actions, the partners panel with "Copy details" and
its links, the overview, save, reopen and the Word export. Links leave the app only when the
user clicks one, only as http(s), mailto or tel, and never through Qt behind the app's back.
The core side is tests/core/test_security.py.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import html
import re
import socket
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QUrl, QUrlQuery, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QTextBrowser, QWidget

from svplan.core.plan import Engagement
from svplan.core.planio import load_plan
from svplan.ui.main_window import MainWindow
from tests.core.test_security import HOSTILE_CATALOGUE
from tests.ui.session_helpers import fill_bid

ALLOWED = {"http", "https", "mailto", "tel"}
# Every scheme Qt could hand to the system: a handler for each catches opens done inside Qt
# (a label or browser opening links itself), which patching the Python method cannot see.
CAUGHT_SCHEMES = sorted(ALLOWED | {"file", "ftp", "javascript", "data", "vbscript", "smb"})
NETWORK_MODULES = ("PySide6.QtNetwork", "PySide6.QtWebEngineCore", "urllib.request", "http.client")
HREF = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


# Fixtures ---------------------------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Block Python's sockets as an offline laptop would; returns every attempt made."""
    attempts: list[str] = []

    def refuse(name: str):
        def blocked(*args, **kwargs):
            attempts.append(f"{name}{args!r}"[:200])
            raise OSError(errno.ENETUNREACH, f"network blocked by the test ({name})")

        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("socket.getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("socket.gethostbyname"))
    return attempts


class _NativeOpens(QObject):
    """Receives URLs that Qt itself hands to the system (QDesktopServices URL handlers)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@dataclass
class Opened:
    """Links handed to the system: (url, the user action that asked for it or None)."""

    calls: list[tuple[QUrl, str | None]] = field(default_factory=list)
    native: list[str] = field(default_factory=list)
    action: str | None = None

    @contextlib.contextmanager
    def user_clicks(self, what: str) -> Iterator[None]:
        """Mark the calls made while the user clicks `what` (any other call is unasked for)."""
        self.action = what
        try:
            yield
        finally:
            self.action = None

    def urls(self) -> list[str]:
        return [url.toString() for url, _ in self.calls]

    def unasked(self) -> list[str]:
        return [url.toString() for url, action in self.calls if action is None]


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch, qapp) -> Iterator[Opened]:
    record = Opened()

    def fake_open(url) -> bool:
        record.calls.append((QUrl(url), record.action))
        return True

    catcher = _NativeOpens()
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(fake_open))
    for scheme in CAUGHT_SCHEMES:
        QDesktopServices.setUrlHandler(scheme, catcher, "handle")
    record.native = catcher.urls
    yield record
    for scheme in CAUGHT_SCHEMES:
        QDesktopServices.unsetUrlHandler(scheme)


def link_labels(widget: QWidget) -> list[QLabel]:
    return [label for label in widget.findChildren(QLabel) if HREF.search(label.text())]


def shown_links(widget: QWidget) -> list[str]:
    """Every link the user can click in `widget` (hrefs of rich-text labels)."""
    links = []
    for label in link_labels(widget):
        if label.textFormat() == Qt.TextFormat.PlainText:
            continue  # shown as text, not as a link
        links += [html.unescape(a or b) for a, b in HREF.findall(label.text())]
    return links


def click_link(qtbot, label: QLabel) -> None:
    """A real mouse click on a label whose whole text is one link."""
    label.window().activateWindow()
    qtbot.mouseClick(
        label, Qt.MouseButton.LeftButton, pos=QPoint(4, label.contentsRect().center().y())
    )


def rels_targets(docx: Path) -> list[tuple[str, str]]:
    """(type, target) of the external relationships in a Word document."""
    out = []
    with zipfile.ZipFile(docx) as archive:
        for name in archive.namelist():
            if name.endswith(".rels"):
                xml = archive.read(name).decode("utf-8")
                for rel in re.findall(r"<Relationship\b[^>]*>", xml):
                    if 'TargetMode="External"' in rel:
                        kind = re.search(r'Type="([^"]*)"', rel)
                        target = re.search(r'Target="([^"]*)"', rel)
                        out.append((kind.group(1) if kind else "", target.group(1)))
    return out


# The blocks themselves work (so the session test can fail) --------------------------------------


def test_the_network_block_catches_and_records_attempts(no_network):
    import urllib.request

    with pytest.raises(OSError):
        socket.create_connection(("example.org", 80), timeout=1)
    with pytest.raises(OSError):
        urllib.request.urlopen("http://example.org/", timeout=1)
    with socket.socket() as raw, pytest.raises(OSError):
        raw.connect(("192.0.2.1", 80))
    assert len(no_network) >= 3


def test_opens_inside_qt_are_caught_too(qtbot, opened):
    """A label that opened links itself would go round the app's own open_link: caught."""
    label = QLabel('<a href="https://example.org/">example.org</a>')
    qtbot.addWidget(label)
    label.setOpenExternalLinks(True)
    label.show()
    qtbot.waitExposed(label)
    click_link(qtbot, label)
    assert opened.native == ["https://example.org/"]


# The whole session, offline -------------------------------------------------------------------


def test_a_whole_session_works_offline_and_links_open_only_on_a_click(
    qtbot, window: MainWindow, boxes, dialogs, file_answers, catalogue, no_network, opened, tmp_path
):
    loaded_before = {m for m in NETWORK_MODULES if m in sys.modules}

    # New plan, bid details
    dialogs.handlers.append(fill_bid)
    window.menus.new_action.trigger()
    assert window.document.plan.bid.title == "Highways maintenance"
    assert window.document.plan.lead.phone == "01772 000000"

    # Measures, targets, an action, an owner
    editor = window.workspace.editor
    for code, target in (("NT1", "6"), ("NT3", "2")):
        window.workspace.browser.select_measure(code)
        editor.commit_box.click()
        editor.target_box.setFocus()
        editor.target_box.selectAll()
        qtbot.keyClicks(editor.target_box, target)
    editor.actions.add_row()
    editor.actions_model.setData(editor.actions_model.index(0, 0), "Work trials with Other Org")
    editor.actions_model.setData(editor.actions_model.index(0, 1), dt.date(2027, 6, 30))
    editor.owner_edit.setFocus()
    qtbot.keyClicks(editor.owner_edit, "HR Manager")
    c = window.document.commitment("NT3")
    assert (c.target, c.owner) == (2, "HR Manager")
    assert c.actions[0].action == "Work trials with Other Org"
    assert window.document.commitment("NT1").target == 6

    # The partners panel: cards, the links shown, copy details, include / leave out
    panel = window.workspace.partners
    assert panel.measure_code() == "NT3"
    assert [card.partner.name for card in panel.cards] == ["Helpful Organisation", "Other Org"]
    links = shown_links(panel)
    assert sorted(links) == [
        "https://helpful.example.org/",
        "mailto:alex@helpful.example.org",
        "mailto:info@other.example.org",
    ]
    assert all(not label.openExternalLinks() for label in link_labels(window))
    assert all(not b.openExternalLinks() for b in window.findChildren(QTextBrowser))
    panel.cards[0].copy.click()
    copied = QGuiApplication.clipboard().text()
    assert copied.splitlines()[0] == "Helpful Organisation"
    assert "Email: alex@helpful.example.org" in copied
    assert "Website: https://helpful.example.org/" in copied
    assert panel.cards[0].copy.text() == "Copied ✓"
    panel.cards[1].include.click()  # leave Other Org out
    assert window.document.commitment("NT3").partners == ["helpful-org"]
    assert opened.calls == [] and opened.native == []  # nothing opened without a click

    # The user clicks "Email these partners", then the partner's website
    with opened.user_clicks("Email these partners"):
        qtbot.mouseClick(panel.email_button, Qt.MouseButton.LeftButton)
    [(email, _)] = opened.calls
    assert email.scheme() == "mailto" and email.path() == "alex@helpful.example.org"
    subject = QUrlQuery(email).queryItemValue(
        "subject", QUrl.ComponentFormattingOption.FullyDecoded
    )
    assert subject == (
        "Highways maintenance: social value partnership on NT3 (Long-term unemployed people "
        "employed)"
    )
    [website] = [label for label in link_labels(panel.cards[0]) if "https:" in label.text()]
    with opened.user_clicks("the partner's website"):
        click_link(qtbot, website)
    assert opened.urls()[1:] == ["https://helpful.example.org/"]
    # The plan names a partner once its engagement is recorded: one click (issue 14)
    contacted = panel.cards[0].role_editor.buttons[Engagement.CONTACTED]
    qtbot.mouseClick(contacted, Qt.MouseButton.LeftButton)
    assert window.document.commitment("NT3").roles[0].status is Engagement.CONTACTED

    # Overview
    window.menus.overview_action.trigger()
    assert window.workspace.tabs.currentIndex() == 1
    assert window.workspace.overview.count.text() == "2 measures committed"
    assert window.workspace.overview.findings.count() > 0
    window.workspace.overview.measureActivated.emit("NT1")
    assert window.workspace.tabs.currentIndex() == 0 and window.workspace.editor.code == "NT1"

    # Save, close, reopen through File > Open
    plan = window.document.plan
    path = tmp_path / "offline.svplan"
    file_answers.append(path)
    window.menus.save_action.trigger()
    assert not window.document.is_modified()
    assert window.files.close_plan()
    file_answers.append(path)
    window.menus.open_action.trigger()
    assert window.document.path == path and window.document.plan == plan
    assert load_plan(path, catalogue).plan == plan

    # Export to Word (the real exporter), then close the "Exported" box
    out = tmp_path / "offline.docx"
    file_answers.append(out)
    boxes.answer("Export Anyway", QMessageBox.StandardButton.Close)  # problems: asked first
    window.menus.export_action.trigger()
    assert boxes.last.text == "Saved offline.docx.", boxes.last
    assert zipfile.is_zipfile(out)
    with zipfile.ZipFile(out) as archive:
        assert "Helpful Organisation" in archive.read("word/document.xml").decode("utf-8")
    targets = [t for kind, t in rels_targets(out) if kind.endswith("/hyperlink")]
    assert all(t.lower().startswith(("http://", "https://", "mailto:")) for t in targets), targets
    assert not [t for kind, t in rels_targets(out) if not kind.endswith("/hyperlink")]

    # Offline throughout; links only on the two clicks, and only web and email
    assert no_network == []
    assert opened.native == []
    assert opened.unasked() == []
    assert [action for _, action in opened.calls] == [
        "Email these partners",
        "the partner's website",
    ]
    assert {url.scheme() for url, _ in opened.calls} <= ALLOWED
    assert {m for m in NETWORK_MODULES if m in sys.modules} <= loaded_before


def test_the_about_and_folders_boxes_open_nothing_by_themselves(window, boxes, opened, no_network):
    window.menus.about_action.trigger()
    window.show_folders()
    assert len(boxes.shown) == 2
    assert opened.calls == [] and opened.native == [] and no_network == []


# A council's own catalogue is untrusted ---------------------------------------------------------


@pytest.fixture
def hostile_window(window: MainWindow, boxes, dialogs, tmp_path) -> MainWindow:
    """The window using tests/core/test_security.py's hostile catalogue, NT1 ticked and shown."""
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE_CATALOGUE, encoding="utf-8")
    assert window.files.use_catalogue(path), boxes.shown
    window.files.new_plan()
    window.document.set_committed("NT1", True)
    window.workspace.browser.select_measure("NT1")
    assert window.workspace.partners.measure_code() == "NT1"
    return window


def click_everything(qtbot, window: MainWindow, opened: Opened) -> None:
    """Click every link in the partners panel and the Email button."""
    panel = window.workspace.partners
    for label in link_labels(panel):
        for a, b in HREF.findall(label.text()):
            with opened.user_clicks(f"link {a or b}"):
                label.linkActivated.emit(html.unescape(a or b))
    with opened.user_clicks("Email these partners"):
        panel.email_button.click()


def test_hostile_catalogue_links_open_only_as_web_email_or_phone(
    qtbot, hostile_window, opened, no_network
):
    click_everything(qtbot, hostile_window, opened)
    schemes = [url.scheme() for url, _ in opened.calls]
    assert schemes and set(schemes) <= ALLOWED, opened.urls()
    assert not any(u.startswith(("file:", "javascript:", "data:")) for u in opened.urls())
    assert "https://good.example.org/path?a=1" in opened.urls()
    assert opened.native == [] and opened.unasked() == [] and no_network == []
    # the description's own HTML is shown as text, never as a link
    [description] = [
        label
        for label in hostile_window.workspace.partners.findChildren(QLabel)
        if "<a href='javascript" in label.text()
    ]
    assert description.textFormat() == Qt.TextFormat.PlainText
    assert not [
        u for u in shown_links(hostile_window.workspace.partners) if u.startswith("javascript")
    ]


def test_hostile_catalogue_email_links_carry_no_extra_headers(qtbot, hostile_window, opened):
    click_everything(qtbot, hostile_window, opened)
    mailtos = [url for url, _ in opened.calls if url.scheme() == "mailto"]
    assert mailtos
    for url in mailtos:
        keys = {key for key, _ in QUrlQuery(url).queryItems()}
        # no bcc, cc or to from a catalogue; the body is the app's own draft (core.mail)
        assert keys <= {"subject", "body"}, url.toString()


def test_hostile_catalogue_shows_only_web_email_and_phone_links(hostile_window):
    links = shown_links(hostile_window.workspace.partners)
    assert links
    bad = [link for link in links if QUrl(link).scheme().lower() not in ALLOWED]
    assert bad == []
