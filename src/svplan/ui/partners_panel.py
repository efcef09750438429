"""Who can help deliver the selected measure: a card per partner or suggested action."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from svplan.core.catalogue import ActionRoute, Measure, Partner, PartnerRoute
from svplan.core.partner_roles import display_name
from svplan.ui.glossary_tips import explain
from svplan.ui.links import display_web, mailto_url, open_link, safe_url, web_url
from svplan.ui.partner_role import PartnerRoleEditor, edit_role, role_state
from svplan.ui.widgets.elided_link import ElidedLink
from svplan.ui.widgets.flow_layout import FlowLayout
from svplan.ui.widgets.forms import empty_label

if TYPE_CHECKING:
    from svplan.ui.plan_document import PlanDocument

EMPTY_TEXT = "Select a measure to see the partners who can help you deliver it."
DESCRIPTION_LIMIT = 420  # characters shown before "Show more" (about six lines)
COPIED_FEEDBACK_MS = 1500

CARD_STYLE = """
QFrame#routeCard {
    background: palette(base);
    border: 1px solid palette(mid);
    border-radius: 6px;
}
QFrame#guidanceBox {
    background: palette(alternate-base);
    border: 1px solid palette(midlight);
    border-radius: 6px;
}
QPushButton#moreButton {
    border: none; background: transparent; color: palette(link);
    padding: 0px; text-align: left;
}
QPushButton#moreButton:focus { text-decoration: underline; }
"""


def _clip(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """Text cut near `limit`: at a paragraph end when one is close, else a word (with "…")."""
    if len(text) <= limit:
        return text
    paragraph = text.rfind("\n", 0, limit)
    if paragraph >= limit * 0.4:
        return text[:paragraph].rstrip()
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.–-— ")
    return cut + "…"


def _muted(label: QLabel) -> QLabel:
    """Grey secondary text (the palette's placeholder colour, so dark themes work too)."""
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    label.setPalette(palette)
    return label


def _label(text: str = "", *, rich: bool = False, selectable: bool = True) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setText(text)
    if rich:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        label.setOpenExternalLinks(False)
        label.linkActivated.connect(open_link)
    elif selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


def partner_details(partner: Partner) -> str:
    """Plain text for the clipboard: name, each contact, websites."""
    lines = [partner.name]
    for c in partner.contacts:
        who = ", ".join(p for p in (c.name, c.role) if p)
        if who:
            lines.append(who)
        if c.phone:
            lines.append(f"Phone: {c.phone}")
        if c.email:
            lines.append(f"Email: {c.email}")
    lines += [f"Website: {web_url(w)}" for w in partner.websites]
    return "\n".join(lines)


class _Description(QWidget):
    """A long text shown clipped to about six lines, with a Show more / Show less toggle."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = text
        self._short = _clip(text)
        self.label = _label(self._short)
        self.label.setAccessibleName("What they offer")
        policy = self.label.sizePolicy()  # a long address in the text never widens the card
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)  # (it is a link in the card)
        self.label.setSizePolicy(policy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        self.more: QPushButton | None = None
        if self._short != self._full:
            self.more = QPushButton("Show more")
            self.more.setObjectName("moreButton")
            self.more.setCursor(Qt.CursorShape.PointingHandCursor)
            self.more.setAccessibleName("Show the whole description")
            self.more.clicked.connect(self.toggle)
            layout.addWidget(self.more, 0, Qt.AlignmentFlag.AlignLeft)
        self.label.setAccessibleDescription(self._full)

    def is_expanded(self) -> bool:
        return self.label.text() == self._full

    def toggle(self) -> None:
        expand = not self.is_expanded()
        self.label.setText(self._full if expand else self._short)
        if self.more is not None:
            self.more.setText("Show less" if expand else "Show more")
            self.more.setAccessibleName(
                "Show a shorter description" if expand else "Show the whole description"
            )


class RouteCard(QFrame):
    """One partner (name, offer for this measure, contacts, include tick) or suggested action."""

    includeToggled = Signal(str, bool)  # partner id, on

    def __init__(
        self,
        route: PartnerRoute | ActionRoute,
        partner: Partner | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("routeCard")
        self.route = route
        self.partner = partner
        self.include: QCheckBox | None = None
        self.copy: QPushButton | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)

        if isinstance(route, ActionRoute) or partner is None:
            self._build_action(layout, route)
            return
        self.setAccessibleName(partner.name)
        name = _label(display_name(partner.name))
        font = name.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        name.setFont(font)
        name.setAccessibleName("Partner")
        explain(name)  # initials in the name (LWBLEF, MaCaW) explained in its tooltip
        layout.addWidget(name)  # the full width: long names stay on one or two lines
        # partner.note is the transcriber's note about the source: never shown as it is
        if route.description:
            self.description: _Description | None = _Description(route.description)
            explain(self.description.label, "The council's words", route.description)
            layout.addWidget(self.description)
        else:
            self.description = None

        grid = self._contact_grid(partner)
        if grid is not None:
            layout.addLayout(grid)
        self.role_editor: PartnerRoleEditor | None = PartnerRoleEditor(partner, self)
        layout.addWidget(self.role_editor)  # the bidder's role, status and date (partner_role)

        buttons = FlowLayout(spacing=12)  # in a very narrow panel, Copy details goes below
        self.include = QCheckBox("Include in plan")
        self.include.setAccessibleName(f"Include {partner.name} in the plan")
        self.include.toggled.connect(lambda on: self.includeToggled.emit(partner.id, on))
        buttons.addWidget(self.include)
        self.copy = QPushButton("Copy details")
        self.copy.setAccessibleName(f"Copy {partner.name}'s contact details")
        self.copy.setToolTip("Copy the name, contacts and websites to paste elsewhere")
        self.copy.clicked.connect(self.copy_details)
        buttons.addWidget(self.copy)
        layout.addLayout(buttons)

    def _build_action(self, layout: QVBoxLayout, route: PartnerRoute | ActionRoute) -> None:
        kicker = _muted(_label("Suggested action", selectable=False))
        layout.addWidget(kicker)
        text = route.action if isinstance(route, ActionRoute) else route.partner
        title = _label(text)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        self.setAccessibleName(f"Suggested action: {text}")
        self.description = None
        self.role_editor = None
        if route.description:
            self.description = _Description(route.description)
            layout.addWidget(self.description)

    def _contact_grid(self, partner: Partner) -> QGridLayout | None:
        """Field/value rows: a block per contact, then the websites, with a gap between."""
        blocks: list[list[tuple[str, QLabel]]] = []
        for c in partner.contacts:
            rows: list[tuple[str, QLabel]] = []
            who = ", ".join(p for p in (c.name, c.role) if p)
            if who:
                rows.append(("Contact", _label(who)))
            if c.phone:
                rows.append(("Phone", _label(c.phone)))
            if c.email:
                # built as a URL, so a '?' in a hostile catalogue cannot add cc/bcc headers
                email = ElidedLink(mailto_url([c.email]).toString(), c.email)  # never too wide
                email.linkActivated.connect(open_link)
                email.setToolTip(f"Write to {c.email}")
                rows.append(("Email", email))
            blocks.append(rows)
        sites = []
        for w in partner.websites:
            url = safe_url(web_url(w))
            if url is not None and url.scheme().lower() in ("http", "https"):
                site = ElidedLink(web_url(w), display_web(w))
                site.linkActivated.connect(open_link)
                site.setToolTip(web_url(w))
            else:  # not a web page (file:, javascript:, ...): shown, never a link
                site = _label(w)
            sites.append(("Website", site))
        blocks.append(sites)
        blocks = [b for b in blocks if b]
        if not blocks:
            return None
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(3)
        grid.setColumnStretch(1, 1)
        row = 0
        for b, block in enumerate(blocks):
            if b:
                grid.setRowMinimumHeight(row, 6)  # a gap between two contacts
                row += 1
            for field, value in block:
                value.setAccessibleName(f"{field} of {partner.name}")
                name = _muted(_label(field, selectable=False))
                name.setBuddy(value)
                grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
                row += 1
        return grid

    def emails(self) -> list[str]:
        return [c.email for c in (self.partner.contacts if self.partner else []) if c.email]

    def copy_details(self) -> None:
        """Put the partner's name, contacts and websites on the clipboard."""
        if self.partner is None or self.copy is None:
            return
        QGuiApplication.clipboard().setText(partner_details(self.partner))
        button = self.copy
        button.setText("Copied ✓")
        QTimer.singleShot(COPIED_FEEDBACK_MS, button, lambda: button.setText("Copy details"))


class PartnersPanel(QWidget):
    """Partners and suggested actions for one measure; include/leave out partners in the plan."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self._code: str | None = None
        self.cards: list[RouteCard] = []
        self.setAccessibleName("Partners")
        self.setStyleSheet(CARD_STYLE)

        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setAccessibleName("Partners for the measure")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.email_button = QPushButton("Email these partners", self)
        self.email_button.setAccessibleName("Email the included partners")
        self.email_button.clicked.connect(self.email_partners)
        self.intro = _muted(QLabel(self))
        self.intro.setWordWrap(True)

        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setAccessibleName("Partner cards")
        self.scroll.setObjectName("partnerCards")  # framed in the accent colour with the focus
        self.scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # F6 lands here, visibly

        page = QWidget(self)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title, 1)
        head.addWidget(self.email_button, 0, Qt.AlignmentFlag.AlignTop)
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(6)
        page_layout.addLayout(head)
        page_layout.addWidget(self.intro)
        page_layout.addWidget(self.scroll, 1)

        self.empty = empty_label(EMPTY_TEXT, "No measure selected", self)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.setFocusProxy(self.scroll)  # F6 into the panel: the cards, framed as focused

        document.commitmentChanged.connect(self._on_commitment_changed)
        document.planReset.connect(self._rebuild)
        document.catalogueChanged.connect(self._rebuild)
        self.show_measure(None)

    # Public API ----------------------------------------------------------------------------

    def measure_code(self) -> str | None:
        return self._code

    def show_measure(self, code: str | None) -> None:
        """Show the partners for this measure ('' or None shows the empty state)."""
        catalogue = self._doc.catalogue
        self._code = catalogue.measure(code).code if code and catalogue.has_measure(code) else None
        self._rebuild()

    def email_partners(self) -> bool:
        """Draft the introduction email to the included partners (ui/partner_mail.py): the mail
        program opens it, or it goes to the clipboard; then 'contacted' is one click."""
        if not self.included_emails() or self._code is None:
            return False
        from svplan.ui.partner_mail import email_partners

        return email_partners(self._doc, self._code, self)

    def included_emails(self) -> list[str]:
        """Emails of the partners ticked 'Include in plan' for the shown measure (no repeats)."""
        if self._code is None:
            return []
        out: list[str] = []
        seen: set[str] = set()
        for card in self.cards:
            if card.partner is None or not self._doc.partner_included(self._code, card.partner.id):
                continue
            for email in card.emails():
                if email.lower() not in seen:
                    seen.add(email.lower())
                    out.append(email)
        return out

    # Building ------------------------------------------------------------------------------

    def _rebuild(self) -> None:
        catalogue = self._doc.catalogue
        if self._code is not None and not catalogue.has_measure(self._code):
            self._code = None
        self.cards = []
        if self._code is None:
            self.stack.setCurrentWidget(self.empty)
            self.title.clear()
            self.scroll.setWidget(QWidget())
            return
        measure = catalogue.measure(self._code)
        self.title.setText(f"Who can help with {measure.code}: {measure.short}")
        content = QWidget()
        content.setAccessibleName(f"Partners for {measure.code}")
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 4, 8, 8)
        column.setSpacing(10)
        if measure.guidance:
            column.addWidget(self._guidance(measure))
        for route in measure.routes:
            partner = None
            if isinstance(route, PartnerRoute) and catalogue.has_partner(route.partner):
                partner = catalogue.partner(route.partner)
            card = RouteCard(route, partner, content)
            card.includeToggled.connect(self._include_toggled)
            if card.role_editor is not None:
                card.role_editor.roleEdited.connect(self._role_edited)
                card.role_editor.editingFinished.connect(self._doc.seal_edit)
            column.addWidget(card)
            self.cards.append(card)
        column.addStretch(1)
        self.intro.setText(self._intro(measure))
        self.scroll.setWidget(content)
        self.stack.setCurrentIndex(1)
        self._sync()

    def _intro(self, measure: Measure) -> str:
        partners = len(measure.partner_ids)
        if not measure.routes:
            return (
                "The council's list names no partner for this measure; say in the plan how you "
                "will deliver it."
            )
        if not partners:
            return "The council's list names no partner for this measure, but suggests:"
        return (
            "Organisations that can help you deliver this measure. Your delivery plan names a "
            "partner once you record its status or its role on this contract; what the council "
            "says about it goes to the plan's partner directory."
        )

    def _guidance(self, measure: Measure) -> QFrame:
        box = QFrame()
        box.setObjectName("guidanceBox")
        box.setAccessibleName("About this measure")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(14, 10, 14, 10)
        heading = _label("About this measure", selectable=False)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        layout.addWidget(_label(measure.guidance))
        return box

    # Keeping up with the document ----------------------------------------------------------

    def _on_commitment_changed(self, code: str) -> None:
        if self._code is not None and code.upper() == self._code.upper():
            self._sync()

    def _sync(self) -> None:
        """Update tick boxes and the email button from the document (cards stay as they are)."""
        if self._code is None:
            self.email_button.setEnabled(False)
            return
        committed = self._doc.is_committed(self._code)
        for card in self.cards:
            if card.include is None or card.partner is None:
                continue
            included = self._doc.partner_included(self._code, card.partner.id)
            card.include.blockSignals(True)
            card.include.setChecked(included)
            card.include.blockSignals(False)
            card.include.setEnabled(committed)
            card.include.setToolTip(
                "Untick to leave this partner out of the plan"
                if committed
                else f"Tick {self._code} in the list of measures first"
            )
            if card.role_editor is not None:
                card.role_editor.show_role(*role_state(self._doc, self._code, card.partner.id))
        emails = self.included_emails()
        self.email_button.setVisible(any(card.emails() for card in self.cards))
        self.email_button.setEnabled(bool(emails))
        self.email_button.setToolTip(
            "Write one email to: " + ", ".join(emails)
            if emails
            else "None of the partners included has an email address"
        )

    def _role_edited(self, partner_id: str, fields: dict) -> None:
        if self._code is not None and edit_role(self._doc, self._code, partner_id, fields):
            self._sync()

    def _include_toggled(self, partner_id: str, on: bool) -> None:
        if self._code is not None:
            self._doc.set_partner_included(self._code, partner_id, on)
            self._sync()
