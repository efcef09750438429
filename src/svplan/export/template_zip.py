"""A template's zip, read without trusting it: sizes checked before anything is inflated, XML
parsed with DTDs, entities and the network off.

- The end record is read first: more than MAX_ENTRIES entries, or a Zip64 archive (which a Word
  template never needs), is refused before zipfile builds its list of entries.
- Every entry's declared sizes are checked before anything is inflated: an entry that would
  inflate more than RATIO_LIMIT times its compressed size (beyond RATIO_FREE_BYTES) is a zip bomb,
  wherever it is, used or not; a part that is read may inflate to at most MAX_PART_BYTES, and all
  parts read together to at most MAX_TOTAL_BYTES. zipfile never returns more than the declared
  size and checks the CRC, so a header that lies makes the file invalid, not bigger.
- Only stored and deflated entries, no encryption, no two entries of one name.
- `xml()` refuses a part that declares a DOCTYPE; entities are never expanded.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from svplan.core.errors import ExportError

MAX_ENTRIES = 2000
MAX_PART_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 100 * 1024 * 1024
RATIO_LIMIT = 100
RATIO_FREE_BYTES = 1024 * 1024
_END = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    RuntimeError,
    NotImplementedError,
    struct.error,
)


def _size(n: int) -> str:
    if n >= 1024**3:
        return f"{n / 1024**3:,.1f} GB"
    if n >= 1024**2:
        return f"{n / 1024**2:,.1f} MB"
    return f"{max(n, 1) / 1024:,.0f} KB"


def _part(name: str) -> str:
    """A part name as quoted in a message (it comes from the file: kept short)."""
    return name if len(name) <= 60 else name[:57] + "..."


class TemplateZip:
    """The entries of a template's zip, each inflated only on request and within the limits."""

    def __init__(self, data: bytes, name: str, path: Path | None = None) -> None:
        self.name, self.path = name, path
        self._check_end_record(data)
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except _ZIP_ERRORS as exc:
            raise self.invalid(repr(exc)) from None
        self._entries: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if info.flag_bits & 0x1 or info.compress_type not in (
                zipfile.ZIP_STORED,
                zipfile.ZIP_DEFLATED,
            ):
                raise self.invalid(f"encrypted or unusual compression: {info.filename!r}")
            if info.file_size > RATIO_FREE_BYTES and info.file_size > RATIO_LIMIT * max(
                info.compress_size, 1
            ):
                raise self.refused(
                    f"its part {_part(info.filename)} would unpack to {_size(info.file_size)} "
                    f"from {_size(info.compress_size)}, as only a damaged file or a zip bomb does"
                )
            key = info.filename.lower()  # part names are case-insensitive
            if key in self._entries:
                raise self.invalid(f"two entries named {info.filename!r}")
            self._entries[key] = info
        self._budget = MAX_TOTAL_BYTES

    def _check_end_record(self, data: bytes) -> None:
        at = data.rfind(_END, max(0, len(data) - 22 - 65535))
        if at < 0 or len(data) < at + 22:
            raise self.invalid("no end of central directory record")
        entries, cd_size, cd_offset = struct.unpack_from("<HLL", data, at + 10)
        zip64 = at >= 20 and data[at - 20 : at - 16] == _ZIP64_LOCATOR
        if zip64 or 0xFFFFFFFF in (cd_size, cd_offset):
            raise self.invalid("a Zip64 archive")
        if entries > MAX_ENTRIES:
            raise self.refused(f"it holds {entries:,} parts, far more than a Word template has")

    # errors -------------------------------------------------------------------------------------

    def invalid(self, details: str = "") -> ExportError:
        return ExportError(
            f"The template {self.name} is not a valid Word document.",
            path=self.path,
            details=details,
        )

    def refused(self, why: str) -> ExportError:
        return ExportError(f"The template {self.name} is refused: {why}.", path=self.path)

    # reading ------------------------------------------------------------------------------------

    def has(self, part: str) -> bool:
        return part.lower() in self._entries

    def read(self, part: str) -> bytes:
        """The inflated bytes of `part` (KeyError if there is none), within the limits."""
        info = self._entries[part.lower()]
        if info.file_size > MAX_PART_BYTES:
            raise self.refused(
                f"its part {_part(info.filename)} would unpack to {_size(info.file_size)}, more "
                f"than a Word template needs (at most {_size(MAX_PART_BYTES)})"
            )
        if info.file_size > self._budget:
            raise self.refused(
                f"its parts would unpack to more than {_size(MAX_TOTAL_BYTES)}, more than a Word "
                "template needs"
            )
        self._budget -= info.file_size
        try:
            with self._zip.open(info) as handle:
                data = handle.read(info.file_size + 1)
        except _ZIP_ERRORS as exc:
            raise self.invalid(f"{info.filename}: {exc!r}") from None
        if len(data) != info.file_size:
            raise self.invalid(f"{info.filename}: size differs from its header")
        return data

    def xml(self, part: str) -> etree._Element:
        """`part` parsed as XML: no DTD loaded, no entity expanded, no network; a DOCTYPE is
        refused (Word never writes one). KeyError if there is no such part."""
        data = self.read(part)
        parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
        try:
            root = etree.fromstring(data, parser)
        except (etree.XMLSyntaxError, ValueError) as exc:
            raise self.invalid(f"{part}: {exc!r}") from None
        if root is None:
            raise self.invalid(f"{part}: empty")
        if root.getroottree().docinfo.doctype or _has_entities(root):
            raise self.refused(
                f"its part {_part(part)} declares a DOCTYPE, which Word never writes; save it "
                "again from Word"
            )
        return root


def _has_entities(root: etree._Element) -> bool:
    return any(True for _ in root.iter(etree.Entity))
