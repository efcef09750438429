"""Reading a text file that may come from anyone: size limit, regular files only, UTF-8 only.

Everything here happens before any YAML is parsed; each refusal is one sentence naming the file.
"""

from __future__ import annotations

import stat
import unicodedata
from pathlib import Path

from svplan.core.errors import FileFormatError

MAX_FILE_BYTES = 5 * 1024 * 1024


def read_text(path: Path, *, what: str, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a file as UTF-8 text (BOM and CRLF accepted), with a clear error for anything else."""
    try:
        info = path.stat()
        size = info.st_size
    except FileNotFoundError:
        raise FileFormatError(f"{path.name}: no such file.", path=path) from None
    except OSError as exc:
        raise FileFormatError(f"{path.name}: cannot be read ({exc.strerror}).", path=path) from None
    if path.is_dir():
        raise FileFormatError(f"{path.name} is a folder, not a {what}.", path=path)
    if not stat.S_ISREG(info.st_mode):  # a device or pipe could block or never end
        raise FileFormatError(f"{path.name} is not a file, so not a {what}.", path=path)
    if size > max_bytes:
        raise FileFormatError(
            f"{path.name} is {size / 1048576:.1f} MB; a {what} is at most "
            f"{max_bytes // 1048576} MB, so this is not one.",
            path=path,
        )
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)  # the file may have grown since it was measured
    except OSError as exc:
        raise FileFormatError(f"{path.name}: cannot be read ({exc.strerror}).", path=path) from None
    if len(raw) > max_bytes:
        raise FileFormatError(
            f"{path.name} is over {max_bytes // 1048576} MB; a {what} is at most "
            f"{max_bytes // 1048576} MB, so this is not one.",
            path=path,
        )
    return decode_text(raw, path=path, what=what)


def decode_text(raw: bytes, *, path: Path, what: str) -> str:
    """Decode bytes as UTF-8 text, refusing binary files and other encodings clearly."""
    if not raw.strip():
        raise FileFormatError(f"{path.name} is empty; it is not a {what}.", path=path)
    if raw[:4] == b"PK\x03\x04":
        raise FileFormatError(
            f"{path.name} is a Word or zip file, not a {what}. Open the {what} file itself.",
            path=path,
        )
    encoding = _utf16_or_32(raw)
    if encoding:
        raise FileFormatError(
            f"{path.name} is saved as {encoding} text; a {what} must be UTF-8. Open it in a text "
            "editor, save it with the encoding UTF-8 and try again.",
            path=path,
        )
    if _looks_binary(raw[:8192]):
        raise FileFormatError(f"{path.name} is a binary file, not a {what}.", path=path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FileFormatError(
            f"{path.name}, line {line}: the text is not UTF-8. Save it as UTF-8 and try again.",
            path=path,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def character_error(text: str, char: str, path: Path, what: str) -> FileFormatError:
    """'FILE, line N: contains the character U+0000 (NUL), which a plan file cannot hold…'"""
    line = text.count("\n", 0, max(text.find(char), 0)) + 1
    code = ord(char)
    name = "NUL" if code == 0 else unicodedata.name(char, "a control or special character")
    return FileFormatError(
        f"{path.name}, line {line}: contains the character U+{code:04X} ({name}), which a "
        f"{what} cannot hold. Delete it in a text editor and try again.",
        path=path,
    )


def _utf16_or_32(raw: bytes) -> str:
    """'UTF-16' or 'UTF-32' when the bytes are text in one of those encodings, else ''."""
    if raw[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        return "UTF-32"
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "UTF-16"
    sample = raw[:8192]
    half = len(sample) // 2
    zeros = sorted((sample[0::2].count(0), sample[1::2].count(0)))
    if half >= 4 and zeros[1] >= 0.4 * half and zeros[0] <= 0.05 * half:
        return "UTF-16"  # no byte-order mark, but every other byte is zero: ASCII as UTF-16
    return ""


def _looks_binary(sample: bytes) -> bool:
    """NUL bytes in something that is not UTF-8 text (a few NULs in text get their own error)."""
    if b"\x00" not in sample:
        return False
    if sample.count(b"\x00") > 8:
        return True
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start < len(sample) - 4  # not just a character cut by the sample's end
    return False
