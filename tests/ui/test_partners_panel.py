"""PartnersPanel and ui.links: cards, contacts, include ticks, copy, email, safe links."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl, QUrlQuery
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QLabel, QWidget

from svplan.core.catalogue import PartnerRoute
from svplan.core.partner_roles import display_name
from svplan.ui import links
from svplan.ui.links import display_web, open_link, web_url
from svplan.ui.partners_panel import EMPTY_TEXT, PartnersPanel
from tests.ui.panels_fixtures import at_size, document, mini


@pytest.fixture
def opened(monkeypatch) -> list[QUrl]:
    """URLs handed to QDesktopServices.openUrl (nothing really opens)."""
    calls: list[QUrl] = []

    def fake(url: QUrl) -> bool:
        calls.append(QUrl(url))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(fake))
    return calls


@pytest.fixture
def doc():
    return document(mini(), "NT3")


@pytest.fixture
def panel(qtbot, doc):
    return at_size(qtbot, PartnersPanel(doc), 480, 700)


def label_texts(widget: QWidget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


# The panel ---------------------------------------------------------------------------------


def test_empty_state(panel):
    assert panel.stack.currentWidget() is panel.empty
    assert panel.empty.text() == EMPTY_TEXT
    panel.show_measure("NT3")
    panel.show_measure(None)
    assert panel.stack.currentWidget() is panel.empty
    assert panel.measure_code() is None
    panel.show_measure("NT999")  # unknown codes show the empty state too
    assert panel.measure_code() is None


def test_cards_show_each_partner_with_contacts_and_links(panel):
    panel.show_measure("nt3")
    assert panel.measure_code() == "NT3"
    assert "NT3" in panel.title.text()
    assert [c.partner.name for c in panel.cards] == ["Helpful Organisation", "Other Org"]
    helpful = label_texts(panel.cards[0])
    assert "Refers long-term unemployed candidates." in helpful
    assert "Alex Example" in helpful
    assert "01234 567890" in helpful
    assert 'href="mailto:alex@helpful.example.org"' in helpful
    assert 'href="https://helpful.example.org/"' in helpful
    assert 'href="mailto:info@other.example.org"' in label_texts(panel.cards[1])
    for label in panel.cards[0].findChildren(QLabel):
        assert not label.openExternalLinks()


def test_action_routes_are_suggested_action_cards(panel):
    panel.show_measure("NT29")
    (card,) = panel.cards
    assert card.partner is None and card.include is None and card.copy is None
    text = label_texts(card)
    assert "Suggested action" in text
    assert "Work with a local volunteering centre" in text
    assert panel.email_button.isHidden()


def test_include_in_plan_updates_the_document(panel, doc):
    panel.show_measure("NT3")
    helpful, _other = panel.cards
    assert helpful.include.isChecked() and helpful.include.isEnabled()
    helpful.include.setChecked(False)
    assert doc.included_partner_ids("NT3") == ["other-org"]
    assert doc.commitment("NT3").partners == ["other-org"]
    doc.undo_stack.undo()
    assert helpful.include.isChecked()  # the panel follows the document
    assert panel.cards[0] is helpful  # ...without rebuilding the cards


def test_include_is_disabled_until_the_measure_is_ticked(panel, doc):
    panel.show_measure("NT1")
    (card,) = panel.cards
    assert not card.include.isEnabled()
    assert "Tick NT1" in card.include.toolTip()
    doc.set_committed("NT1", True)
    assert card.include.isEnabled()


def test_copy_details_puts_plain_text_on_the_clipboard(panel):
    panel.show_measure("NT1")
    panel.cards[0].copy.click()
    text = QGuiApplication.clipboard().text()
    assert text.splitlines()[0] == "Helpful Organisation"
    for part in ("Alex Example", "01234 567890", "alex@helpful.example.org"):
        assert part in text
    assert "https://helpful.example.org/" in text
    assert "<" not in text
    assert panel.cards[0].copy.text() == "Copied ✓"


def test_clip_prefers_a_paragraph_end():
    from svplan.ui.partners_panel import _clip

    assert _clip("short") == "short"
    assert _clip("word " * 200, 50).endswith("word…")
    text = "A" * 300 + "\n\n" + "B " * 200
    assert _clip(text, 420) == "A" * 300


def test_long_descriptions_are_clipped_with_show_more(qtbot, lancashire):
    cat = lancashire
    doc = document(cat, "NT8")
    panel = PartnersPanel(doc)
    qtbot.addWidget(panel)
    panel.show_measure("NT8")
    long = [c for c in panel.cards if c.description and c.description.more is not None]
    assert long
    desc = long[0].description
    assert len(desc.label.text()) < len(long[0].route.description)
    desc.more.click()
    assert desc.is_expanded() and desc.label.text() == long[0].route.description
    assert desc.more.text() == "Show less"


def test_email_these_partners_builds_a_mailto_url(panel, doc, opened, boxes):
    doc.update_bid(title="Highways & bridges")
    panel.show_measure("NT3")
    assert panel.email_button.isEnabled()
    boxes.answer("Not now", "Not now")  # record as contacted? (tests/ui/test_answer_view.py)
    panel.email_button.click()
    (url,) = opened
    assert url.scheme() == "mailto"
    assert url.path() == "alex@helpful.example.org,info@other.example.org"
    subject = QUrlQuery(url).queryItemValue("subject", QUrl.ComponentFormattingOption.FullyDecoded)
    assert subject == (
        "Highways & bridges: social value partnership on NT3 (Long-term unemployed people employed)"
    )
    body = QUrlQuery(url).queryItemValue("body", QUrl.ComponentFormattingOption.FullyDecoded)
    assert "is bidding for Highways & bridges" in body
    panel.cards[1].include.setChecked(False)
    opened.clear()
    panel.email_button.click()
    assert opened[0].path() == "alex@helpful.example.org"


def test_email_button_is_disabled_when_no_included_partner_has_an_email(panel, doc, opened):
    panel.show_measure("NT3")
    panel.cards[0].include.setChecked(False)
    panel.cards[1].include.setChecked(False)
    assert not panel.email_button.isEnabled()
    assert not panel.email_partners()
    assert opened == []


def test_clicking_a_link_goes_through_open_link(panel, opened):
    panel.show_measure("NT1")
    labels = [lb for lb in panel.cards[0].findChildren(QLabel) if "href=" in lb.text()]
    for label in labels:
        label.linkActivated.emit("javascript:alert(1)")
    assert opened == []
    labels[0].linkActivated.emit("mailto:alex@helpful.example.org")
    assert [u.toString() for u in opened] == ["mailto:alex@helpful.example.org"]


def test_plan_reset_and_catalogue_change_rebuild(panel, doc, lancashire):
    panel.show_measure("NT3")
    doc.new()
    assert panel.measure_code() == "NT3"
    assert not panel.cards[0].include.isEnabled()
    doc.set_catalogue(lancashire)
    assert panel.measure_code() == "NT3"
    assert "Department for Work and Pensions" in panel.cards[0].partner.name


def test_real_catalogue_every_contact_and_website_is_shown(qtbot, lancashire):
    cat = lancashire
    doc = document(cat)
    panel = PartnersPanel(doc)
    qtbot.addWidget(panel)
    for measure in cat.measures:
        panel.show_measure(measure.code)
        assert len(panel.cards) == len(measure.routes)
        for card, route in zip(panel.cards, measure.routes, strict=True):
            text = label_texts(card)
            if not isinstance(route, PartnerRoute):
                assert route.action in text
                continue
            partner = cat.partner(route.partner)
            assert display_name(partner.name) in text  # one dash style, as in the plan
            for contact in partner.contacts:
                for part in (contact.name, contact.phone):
                    assert part in text, (measure.code, part)
                if contact.email:
                    assert f'href="mailto:{contact.email}"' in text
            for site in partner.websites:
                assert f'href="{web_url(site)}"' in text
        if measure.guidance:
            assert measure.guidance in label_texts(panel)


# Safe links --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "file:///C:/Windows/System32/calc.exe",
        "file://server/share/x.exe",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.org/",
        "ms-settings:",
        "C:\\Windows\\notepad.exe",
        "mailto:",
        "http:///nohost",
        "",
    ],
)
def test_open_link_refuses_other_schemes(link, opened):
    assert not open_link(link)
    assert opened == []


@pytest.mark.parametrize(
    "link",
    [
        "https://www.lancashire.gov.uk/",
        "http://www.tlc.ac.uk",
        "mailto:PAM.ALDREN@DWP.GOV.UK",
        "tel:01772225128",
    ],
)
def test_open_link_opens_web_email_and_phone_links(link, opened):
    assert open_link(link)
    assert [u.toString() for u in opened] == [QUrl(link).toString()]


def test_open_link_accepts_a_qurl(opened):
    assert open_link(QUrl("https://example.org/a"))
    assert not open_link(QUrl("file:///etc/passwd"))
    assert len(opened) == 1


def test_link_helpers():
    assert (
        web_url("www.businesshealthmatters.org.uk/") == "https://www.businesshealthmatters.org.uk/"
    )
    assert web_url("http://www.tlc.ac.uk") == "http://www.tlc.ac.uk"
    assert display_web("https://www.tlc.ac.uk/") == "www.tlc.ac.uk"
    assert links.anchor('https://x.org/?a="b"', "<x>") == (
        '<a href="https://x.org/?a=&quot;b&quot;">&lt;x&gt;</a>'
    )
    url = links.mailto_url(["a@x.org", " ", "b@y.org"], "50% off & more")
    assert url.path() == "a@x.org,b@y.org"
    decoded = QUrlQuery(url).queryItemValue("subject", QUrl.ComponentFormattingOption.FullyDecoded)
    assert decoded == "50% off & more"
