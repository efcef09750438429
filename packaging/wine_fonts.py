"""TEST-ONLY fonts for the wine prefix of `make installer-gui-check`: "Segoe UI" from a free font.

The app asks for Segoe UI (svplan.ui.theme), which wine does not have, so Qt falls back to a
serif and the screenshot shows a window no Windows user sees. Neither a fontconfig alias nor
wine's HKCU\\Software\\Wine\\Fonts\\Replacements changes that for Qt 6 (tried: wine reads family
names from the font files themselves, and Qt uses DirectWrite). So the check writes copies of
Liberation Sans (Debian's fonts-liberation2, SIL Open Font License 1.1) whose name table says
"Segoe UI" into the prefix's Fonts folder. Liberation Sans has Arial's character widths, of the
same order as Segoe UI's but not equal (no free font in Debian matches Segoe UI's metrics:
Microsoft's Selawik, made for that, is not packaged); Segoe UI's lines are taller. The OFL
allows modified copies under another name than its Reserved Font Name "Liberation". The copies
live in the test prefix only: never in the installer, never in the repository.
"""

from __future__ import annotations

import struct
from pathlib import Path

LIBERATION = Path("/usr/share/fonts/truetype/liberation2")
# Segoe UI file name -> (Liberation Sans file, style name as in the font)
FACES = {
    "segoeui.ttf": ("LiberationSans-Regular.ttf", "Regular"),
    "segoeuib.ttf": ("LiberationSans-Bold.ttf", "Bold"),
    "segoeuii.ttf": ("LiberationSans-Italic.ttf", "Italic"),
    "segoeuiz.ttf": ("LiberationSans-BoldItalic.ttf", "Bold Italic"),
}
FAMILY_IDS = (1, 16)  # family, typographic family
FULL_NAME_ID, POSTSCRIPT_ID, UNIQUE_ID = 4, 6, 3
DROPPED_IDS = {17, 21, 22}  # typographic/WWS subfamily: the style name (2) says it all


def _encode(text: str, platform: int) -> bytes:
    return text.encode("utf-16-be") if platform in (0, 3) else text.encode("mac_roman")


def renamed_name_table(table: bytes, family: str, style: str) -> bytes:
    """A 'name' table (format 0) in which every name record says `family` instead."""
    _, count, storage = struct.unpack_from(">HHH", table, 0)
    full = family if style == "Regular" else f"{family} {style}"
    postscript = f"{family.replace(' ', '')}-{style.replace(' ', '')}"
    records = []
    for i in range(count):
        platform, encoding, language, name_id, length, offset = struct.unpack_from(
            ">HHHHHH", table, 6 + 12 * i
        )
        if name_id in DROPPED_IDS:
            continue
        value = table[storage + offset : storage + offset + length]
        if name_id in FAMILY_IDS:
            value = _encode(family, platform)
        elif name_id == FULL_NAME_ID:
            value = _encode(full, platform)
        elif name_id in (POSTSCRIPT_ID, UNIQUE_ID):
            value = _encode(postscript, platform)
        records.append((platform, encoding, language, name_id, value))
    records.sort(key=lambda r: r[:4])
    header = struct.pack(">HHH", 0, len(records), 6 + 12 * len(records))
    strings = bytearray()
    for platform, encoding, language, name_id, value in records:
        header += struct.pack(
            ">HHHHHH", platform, encoding, language, name_id, len(value), len(strings)
        )
        strings += value
    return header + bytes(strings)


def _checksum(data: bytes) -> int:
    data += bytes(-len(data) % 4)
    return sum(struct.unpack(f">{len(data) // 4}I", data)) & 0xFFFFFFFF


def renamed_font(font: bytes, family: str, style: str) -> bytes:
    """The TrueType font with its 'name' table replaced (appended at the end of the file)."""
    num_tables = struct.unpack_from(">H", font, 4)[0]
    out = bytearray(font + bytes(-len(font) % 4))
    for i in range(num_tables):
        entry = 12 + 16 * i
        tag, _, offset, length = struct.unpack_from(">4sIII", font, entry)
        if tag == b"name":
            table = renamed_name_table(font[offset : offset + length], family, style)
            start = len(out)
            out += table + bytes(-len(table) % 4)
            struct.pack_into(">4sIII", out, entry, tag, _checksum(table), start, len(table))
            return bytes(out)
    raise ValueError("the font has no 'name' table")


def install_segoe_ui(fonts_dir: Path) -> list[str]:
    """Write the four "Segoe UI" faces into a wine prefix's Fonts folder; returns
    registry lines (HKLM ...\\Fonts) naming them, for regedit."""
    missing = [src for src, _ in FACES.values() if not (LIBERATION / src).is_file()]
    if missing:
        raise FileNotFoundError(
            f"{LIBERATION}/{missing[0]} not found: install fonts-liberation2 "
            "(bash packaging/sysdeps.sh installer)"
        )
    fonts_dir.mkdir(parents=True, exist_ok=True)
    lines = []
    for target, (source, style) in FACES.items():
        data = renamed_font((LIBERATION / source).read_bytes(), "Segoe UI", style)
        (fonts_dir / target).write_bytes(data)
        label = "Segoe UI" if style == "Regular" else f"Segoe UI {style}"
        lines.append(f'"{label} (TrueType)"="{target}"')
    return lines
