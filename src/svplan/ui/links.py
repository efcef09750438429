"""Opening links safely: only web pages, email and phone links leave the app.

Catalogue files can come from anywhere (a council publishes its own), so a link in one is
untrusted: ``open_link`` refuses ``file:``, ``javascript:``, ``data:`` and every other scheme.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable

from PySide6.QtCore import QUrl, QUrlQuery
from PySide6.QtGui import QDesktopServices

log = logging.getLogger(__name__)

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def safe_url(link: str | QUrl) -> QUrl | None:
    """The link as a QUrl when it is safe to hand to the system, else None."""
    url = QUrl(link.strip()) if isinstance(link, str) else QUrl(link)
    scheme = url.scheme().lower()
    if not url.isValid() or scheme not in ALLOWED_SCHEMES:
        return None
    if scheme in ("http", "https") and not url.host():
        return None
    if scheme in ("mailto", "tel") and not url.path().strip():
        return None
    if scheme == "mailto" and url.hasQuery():  # a subject and a body: no hidden cc or bcc
        keys = {key.lower() for key, _value in QUrlQuery(url).queryItems()}
        if not keys <= {"subject", "body"}:
            return None
    return url


def open_link(link: str | QUrl) -> bool:
    """Open an http(s), mailto or tel link with the system's handler; ignore anything else."""
    url = safe_url(link)
    if url is None:
        shown = link.toString() if isinstance(link, QUrl) else link
        log.warning("refused to open link %r (only web, email and phone links open)", shown[:200])
        return False
    from svplan.ui.handlers import can_open

    if not can_open(url):  # e.g. no mail program: the caller says so instead of nothing
        log.info("no program on this computer opens %s links", url.scheme())
        return False
    return bool(QDesktopServices.openUrl(url))


def web_url(address: str) -> str:
    """A catalogue website as a full URL: 'www.x.org/a' -> 'https://www.x.org/a'."""
    address = address.strip()
    if "://" not in address and not address.lower().startswith(("mailto:", "tel:")):
        address = "https://" + address
    return address


def display_web(address: str, limit: int = 60) -> str:
    """A website for display: no scheme, no trailing slash, long ones shortened."""
    text = address.strip()
    for prefix in ("https://", "http://"):
        if text.lower().startswith(prefix):
            text = text[len(prefix) :]
    text = text.rstrip("/")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def mailto_url(addresses: Iterable[str], subject: str = "", body: str = "") -> QUrl:
    """A mailto: URL to several addresses with an encoded subject and body (core.mail builds
    it: plain addresses only, percent-encoded, no header injection)."""
    from svplan.core.mail import mailto_link

    return QUrl(mailto_link(addresses, subject, body), QUrl.ParsingMode.StrictMode)


def anchor(href: str, text: str) -> str:
    """An HTML link with both parts escaped, for QLabel rich text."""
    return f'<a href="{html.escape(href, quote=True)}">{html.escape(text)}</a>'
