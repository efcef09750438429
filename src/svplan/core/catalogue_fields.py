"""The kinds of value a council's catalogue holds, and its limits (docs/catalogue-format.md).

Each kind (Id, Text, Address...) is a rule of svplan.core.catalogue_values; a record declares a
field with it (`name: str = Text`, svplan.core.catalogue_record).

Catalogue text reaches the window, the terminal and the Word plan (its body and its document
properties), so it is cleaned when the catalogue is loaded, as plan text is cleaned for the
export: every line ending becomes a line break (a vertical tab or form feed pasted from Word is
one too), a tab becomes a space, and other control characters (ESC, BEL, the C1 codes) are
removed (a whole terminal escape sequence, such as a colour code or OSC 52, goes with its ESC);
every word is kept. Web addresses, emails and phone numbers also lose the invisible
controls of right-to-left text (U+200E/F, U+202A-U+202E, U+2066-U+2069), with which a link can
show its address reversed. The limits leave room for a council merging the full National TOMs,
its plug-ins and local measures; each keeps checking and exporting quick.
"""

from __future__ import annotations

import re

from svplan.core.catalogue_values import Flag as _Flag
from svplan.core.catalogue_values import Str

MAX_MEASURES = 500
MAX_PARTNERS = 1000
MAX_ROUTES = 20  # partners and suggested actions of one measure
MAX_WEBSITES = 10  # per partner
MAX_CONTACTS = 10  # per partner
MAX_UNITS = 100
MAX_THEMES = 50
MAX_OUTCOMES = 100  # per theme
MAX_OVERLAPS = 500
MAX_OVERLAP_CODES = 20
MAX_LINE = 500  # names, titles, short titles, actions, addresses
MAX_PARAGRAPHS = 20_000  # wording, descriptions, guidance, notes

# whole terminal escape sequences (colours, OSC 52 clipboard, OSC 8 links): never text
_ESCAPES = re.compile(  # (a lone C1 code such as U+009B goes alone: it may be a mis-decoded ›)
    "\x1b\\[[0-?]*[@-~]"  # CSI: colours, clearing the screen
    "|\x1b\\][^\x07\x1b]*(?:\x07|\x1b\\\\)"  # OSC (52 writes the clipboard, 8 a link), to BEL or ST
)
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_NEEDS_CLEANING = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean_text(value: str) -> str:
    """Text as the export cleans plan text: line breaks kept, tabs a space, controls gone."""
    if not _NEEDS_CLEANING.search(value):  # nearly every text: nothing to do
        return value.strip()
    value = _LINE_BREAKS.sub("\n", _ESCAPES.sub("", value))
    return _CONTROLS.sub("", value).replace("\t", " ").strip()


def clean_line(value: str) -> str:
    """A name or title: clean text on one line (a line break pasted into it becomes a space)."""
    return clean_text(value).replace("\n", " ")


def clean_address(value: str) -> str:
    """A web address, email or phone number: clean text on one line, no bidi controls."""
    return _BIDI_CONTROLS.sub("", clean_line(value)).strip()


# The kinds of value (svplan.core.catalogue_values): a field is declared `name: str = Text`.
Id = Str(80, pattern=r"^[a-z0-9][a-z0-9-]*$", required=True)
Code = Str(20, pattern=r"^[A-Za-z0-9][A-Za-z0-9.\-]*$", required=True)
Line = Str(MAX_LINE, clean=clean_line)
Text = Str(MAX_LINE, clean=clean_line, required=True, given=True)  # required, and not empty
Paragraphs = Str(MAX_PARAGRAPHS, clean=clean_text)
Wording = Str(MAX_PARAGRAPHS, clean=clean_text, required=True, given=True)
Address = Str(MAX_LINE, clean=clean_address)
Flag = _Flag()  # only true or false (not 'yes', 'on' or 1)
OptionalFlag = _Flag(optional=True)  # true, false or nothing
