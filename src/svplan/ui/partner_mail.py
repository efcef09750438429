"""Partner introduction emails from the window: draft, hand to the mail program (or the
clipboard when there is none), then record the partners as contacted with one click.

The draft and the safe mailto: link are core.mail's; the questions are ui/tender_dialogs.py's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from svplan.core.mail import Draft, fits_mailto, introduction, mailto_link, mark_contacted
from svplan.ui import tender_dialogs
from svplan.ui.links import open_link

if TYPE_CHECKING:
    from svplan.ui.plan_document import PlanDocument


def draft_for(document: PlanDocument, code: str) -> Draft:
    """The introduction to the partners included for `code`."""
    plan, catalogue = document.plan, document.catalogue
    return introduction(plan, catalogue, code, document.included_partner_ids(code))


def send(draft: Draft, parent: QWidget | None) -> bool:
    """Open the draft in the mail program; when that cannot be done, put it on the clipboard and
    say so. True if a mail program took it."""
    if fits_mailto(draft) and open_link(QUrl(mailto_link(draft.to, draft.subject, draft.body))):
        return True
    QGuiApplication.clipboard().setText(draft.as_text())
    reason = (
        "The email is too long for a mail link."
        if not fits_mailto(draft)
        else "No mail program opened the email."
    )
    tender_dialogs.mail_copied(parent, reason)
    return False


def email_partners(document: PlanDocument, code: str, parent: QWidget | None) -> bool:
    """The whole flow for 'Email these partners'; True if the email went to a mail program."""
    draft = draft_for(document, code)
    if not draft.to:
        return False
    opened = send(draft, parent)
    c = document.commitment(code)
    if c is None or not draft.partners:
        return opened
    catalogue = document.catalogue
    names = [catalogue.partner(p).name for p in draft.partners if catalogue.has_partner(p)]
    if tender_dialogs.ask_record_contacted(parent, names, opened):
        document.update_commitment(code, roles=mark_contacted(c, draft.partners).roles)
    return opened
