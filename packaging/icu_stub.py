"""A TEST-ONLY stand-in for Windows' icuuc.dll, so that the installed app's Qt starts under wine.

Qt6Core.dll imports about 20 ICU converter functions (ucnv_*) from icuuc.dll, which Windows 10
1703+ has and wine does not. `make installer-gui-check` reads the names Qt6Core.dll really
imports (`imported_functions`), and `stub_dll` writes a small x64 DLL exporting exactly those,
each failing the way ICU fails: a UErrorCode* argument gets U_UNSUPPORTED_ERROR (16), a returned
pointer is NULL, a count is 0 (or -1 where ICU says "-1 on error"), pointer outputs are set to
NULL. Qt then treats every ICU codec as unavailable; UTF-8, UTF-16 and Latin-1 are Qt's own and
still work. A function that is not in ICU_FUNCTIONS is refused with one line (StubError): a Qt
upgrade that imports something new must fail loudly, never crash on a guessed signature.

The DLL is written here byte by byte (no compiler needed): a PE32+ image with one executable
section holding the code and the export table. Each function is a few x64 instructions (Windows
x64 calling convention: arguments 1-4 in rcx, rdx, r8, r9, argument 5 on at [rsp+0x28]).

It goes into the wine prefix's system32 only. The installer never carries it: build_installer.py
refuses any icu*.dll in the payload and tests/packaging asserts that.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

U_UNSUPPORTED_ERROR = 16  # ICU's "the requested operation is not supported"


class StubError(Exception):
    """The stand-in cannot be made: the message is one line that says why."""


@dataclass(frozen=True)
class Failure:
    """How one ICU function fails. Argument numbers count from 1, as in the ICU headers."""

    returns: str  # "void", "null" (pointer), "zero" (int or UBool), "minus_one" (int32 count)
    args: int  # how many arguments it takes
    error_arg: int | None = None  # the UErrorCode* argument, if any
    null_out: tuple[int, ...] = ()  # pointer-to-pointer outputs that are set to NULL


# Every ICU function the stand-in knows, with its ICU 64+ signature (unicode/ucnv.h, ucnv_err.h,
# ucnv_cb.h). Windows' icuuc.dll exports them without ICU's version suffix.
ICU_FUNCTIONS: dict[str, Failure] = {
    # UConverter* ucnv_open(const char *converterName, UErrorCode *err)
    "ucnv_open": Failure("null", 2, error_arg=2),
    # void ucnv_close(UConverter *converter)
    "ucnv_close": Failure("void", 1),
    # void ucnv_reset(UConverter *converter)
    "ucnv_reset": Failure("void", 1),
    # int8_t ucnv_getMaxCharSize(const UConverter *converter)
    "ucnv_getMaxCharSize": Failure("zero", 1),
    # const char* ucnv_getName(const UConverter *converter, UErrorCode *err)
    "ucnv_getName": Failure("null", 2, error_arg=2),
    # void ucnv_getToUCallBack(const UConverter *cnv, UConverterToUCallback *action,
    #                          const void **context)
    "ucnv_getToUCallBack": Failure("void", 3, null_out=(2, 3)),
    # void ucnv_getFromUCallBack(const UConverter *cnv, UConverterFromUCallback *action,
    #                            const void **context)
    "ucnv_getFromUCallBack": Failure("void", 3, null_out=(2, 3)),
    # void ucnv_setToUCallBack(UConverter *cnv, UConverterToUCallback newAction,
    #     const void *newContext, UConverterToUCallback *oldAction, const void **oldContext,
    #     UErrorCode *err)
    "ucnv_setToUCallBack": Failure("void", 6, error_arg=6, null_out=(4, 5)),
    # void ucnv_setFromUCallBack(UConverter *cnv, UConverterFromUCallback newAction,
    #     const void *newContext, UConverterFromUCallback *oldAction, const void **oldContext,
    #     UErrorCode *err)
    "ucnv_setFromUCallBack": Failure("void", 6, error_arg=6, null_out=(4, 5)),
    # void ucnv_toUnicode(UConverter *cnv, UChar **target, const UChar *targetLimit,
    #     const char **source, const char *sourceLimit, int32_t *offsets, UBool flush,
    #     UErrorCode *err)
    "ucnv_toUnicode": Failure("void", 8, error_arg=8),
    # void ucnv_fromUnicode(UConverter *cnv, char **target, const char *targetLimit,
    #     const UChar **source, const UChar *sourceLimit, int32_t *offsets, UBool flush,
    #     UErrorCode *err)
    "ucnv_fromUnicode": Failure("void", 8, error_arg=8),
    # void ucnv_cbToUWriteUChars(UConverterToUnicodeArgs *args, const UChar *source,
    #     int32_t length, int32_t offsetIndex, UErrorCode *err)
    "ucnv_cbToUWriteUChars": Failure("void", 5, error_arg=5),
    # void ucnv_cbFromUWriteUChars(UConverterFromUnicodeArgs *args, const UChar **source,
    #     const UChar *sourceLimit, int32_t offsetIndex, UErrorCode *err)
    "ucnv_cbFromUWriteUChars": Failure("void", 5, error_arg=5),
    # int32_t ucnv_toUCountPending(const UConverter *cnv, UErrorCode *status)  (-1 on error)
    "ucnv_toUCountPending": Failure("minus_one", 2, error_arg=2),
    # int32_t ucnv_fromUCountPending(const UConverter *cnv, UErrorCode *status)  (-1 on error)
    "ucnv_fromUCountPending": Failure("minus_one", 2, error_arg=2),
    # const char* ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err)
    "ucnv_getStandardName": Failure("null", 3, error_arg=3),
    # const char* ucnv_getAvailableName(int32_t n)
    "ucnv_getAvailableName": Failure("null", 1),
    # int32_t ucnv_countAvailable(void): no converter is available
    "ucnv_countAvailable": Failure("zero", 0),
    # void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *context, UConverterToUnicodeArgs *toArgs,
    #     const char *codeUnits, int32_t length, UConverterCallbackReason reason, UErrorCode *err)
    "UCNV_TO_U_CALLBACK_SUBSTITUTE": Failure("void", 6, error_arg=6),
    # void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *context,
    #     UConverterFromUnicodeArgs *fromArgs, const UChar *codeUnits, int32_t length,
    #     UChar32 codePoint, UConverterCallbackReason reason, UErrorCode *err)
    "UCNV_FROM_U_CALLBACK_SUBSTITUTE": Failure("void", 7, error_arg=7),
}


# Machine code ---------------------------------------------------------------------------------

_LOAD_ARG_INTO_RAX = {
    1: bytes.fromhex("4889c8"),  # mov rax, rcx
    2: bytes.fromhex("4889d0"),  # mov rax, rdx
    3: bytes.fromhex("4c89c0"),  # mov rax, r8
    4: bytes.fromhex("4c89c8"),  # mov rax, r9
}
_TEST_RAX = bytes.fromhex("4885c0")  # test rax, rax
_RETURNS = {
    "void": b"",
    "null": bytes.fromhex("31c0"),  # xor eax, eax (clears rax)
    "zero": bytes.fromhex("31c0"),
    "minus_one": bytes.fromhex("b8ffffffff"),  # mov eax, -1
}


def _load_arg(number: int) -> bytes:
    if number in _LOAD_ARG_INTO_RAX:
        return _LOAD_ARG_INTO_RAX[number]
    # mov rax, [rsp + 0x28 + 8*(n-5)]: past the return address and the 32-byte shadow space
    return bytes.fromhex("488b4424") + bytes([0x28 + 8 * (number - 5)])


def function_code(failure: Failure) -> bytes:
    """x64 code of one stub: store NULL / the error code through non-NULL pointers, return."""
    code = b""
    for number in failure.null_out:
        store = bytes.fromhex("48c70000000000")  # mov qword [rax], 0
        code += _load_arg(number) + _TEST_RAX + bytes([0x74, len(store)]) + store
    if failure.error_arg is not None:
        store = bytes.fromhex("c700") + struct.pack("<I", U_UNSUPPORTED_ERROR)  # mov dword [rax]
        code += _load_arg(failure.error_arg) + _TEST_RAX + bytes([0x74, len(store)]) + store
    return code + _RETURNS[failure.returns] + b"\xc3"  # ret


# The DLL --------------------------------------------------------------------------------------

SECTION_RVA = 0x1000
FILE_ALIGN = 0x200
IMAGE_BASE = 0x1E0000000  # away from MSVC's default DLL base 0x180000000; no relocations needed


def stub_dll(names: list[str], dll_name: str = "icuuc.dll") -> bytes:
    """The stand-in DLL exporting exactly `names` (each must be in ICU_FUNCTIONS)."""
    unknown = sorted(set(names) - set(ICU_FUNCTIONS))
    if unknown:
        raise StubError(
            f"Qt imports ICU functions the test stand-in does not know: {', '.join(unknown)} "
            "(add each to ICU_FUNCTIONS in packaging/icu_stub.py with how ICU fails)"
        )
    names = sorted(set(names))  # the loader binary-searches the name table
    code = bytearray()
    offsets = {}
    for name in names:
        offsets[name] = len(code)
        code += function_code(ICU_FUNCTIONS[name])
        code += b"\xcc" * (-len(code) % 16)  # int3 padding, 16-byte aligned functions
    edata_off = len(code)
    targets = [SECTION_RVA + offsets[name] for name in names]
    edata = export_table(dll_name, names, targets, SECTION_RVA + edata_off)
    body = bytes(code) + edata
    return pe_image(body, SECTION_RVA + edata_off, len(edata), code=True, image_base=IMAGE_BASE)


def export_table(dll_name: str, names: list[str], targets: list[int | str], rva: int) -> bytes:
    """An export directory at `rva` (names sorted): each name's target is the RVA of its code,
    or a forwarder 'module.Function' (stored with the names, after them)."""
    n = len(names)
    funcs, name_ptrs, ords = 40, 40 + 4 * n, 40 + 8 * n
    strings = bytearray()
    first_string = ords + 2 * n

    def add(text: str) -> int:
        at = rva + first_string + len(strings)
        strings.extend(text.encode("ascii") + b"\0")
        return at

    dll_rva = add(dll_name)
    name_rvas = [add(name) for name in names]
    target_rvas = [add(t) if isinstance(t, str) else t for t in targets]
    table = struct.pack(
        "<IIHHIIIIIII", 0, 0, 0, 0, dll_rva, 1, n, n, rva + funcs, rva + name_ptrs, rva + ords
    )
    table += b"".join(struct.pack("<I", r) for r in target_rvas)
    table += b"".join(struct.pack("<I", r) for r in name_rvas)
    table += b"".join(struct.pack("<H", i) for i in range(n))
    return table + bytes(strings)


def pe_image(
    body: bytes, export_rva: int, export_size: int, *, code: bool, image_base: int
) -> bytes:
    """A PE32+ (x64) DLL image whose one section, at SECTION_RVA, is `body`: executable code
    (.text) or read-only data (.rdata), with the export directory inside it."""
    raw = (len(body) + FILE_ALIGN - 1) & ~(FILE_ALIGN - 1)
    virtual = (len(body) + 0xFFF) & ~0xFFF
    dos = b"MZ" + bytes(0x3A) + struct.pack("<I", 0x40)
    # COFF: x64, one section, optional header 240 bytes, DLL | large address aware | executable
    coff = b"PE\0\0" + struct.pack("<HHIIIHH", 0x8664, 1, 0, 0, 0, 240, 0x2022)
    code_size, data_size = (raw, 0) if code else (0, raw)  # and no entry point (the 0, 0)
    opt = struct.pack("<HBBIIIII", 0x20B, 14, 0, code_size, data_size, 0, 0, SECTION_RVA)
    opt += struct.pack("<QII", image_base, 0x1000, FILE_ALIGN)
    opt += struct.pack("<HHHHHH", 6, 0, 0, 0, 6, 0)
    opt += struct.pack("<IIII", 0, SECTION_RVA + virtual, FILE_ALIGN, 0)
    opt += struct.pack("<HHQQQQII", 2, 0x0100, 0x100000, 0x1000, 0x100000, 0x1000, 0, 16)
    opt += struct.pack("<II", export_rva, export_size) + bytes(8 * 15)
    name, flags = (b".text", 0x60000020) if code else (b".rdata", 0x40000040)
    section = struct.pack(
        "<8sIIIIIIHHI", name, len(body), SECTION_RVA, raw, FILE_ALIGN, 0, 0, 0, 0, flags
    )
    header = dos + coff + opt + section
    return header + bytes(FILE_ALIGN - len(header)) + body + bytes(raw - len(body))


# Reading PE files -----------------------------------------------------------------------------


class _PE:
    """Just enough of a PE32/PE32+ reader for import and export tables."""

    def __init__(self, data: bytes) -> None:
        if data[:2] != b"MZ":
            raise StubError("not a Windows DLL (no MZ header)")
        pe = struct.unpack_from("<I", data, 0x3C)[0]
        if data[pe : pe + 4] != b"PE\0\0":
            raise StubError("not a Windows DLL (no PE header)")
        _, sections, _, _, _, opt_size, _ = struct.unpack_from("<HHIIIHH", data, pe + 4)
        opt = pe + 24
        magic = struct.unpack_from("<H", data, opt)[0]
        self.is64 = magic == 0x20B
        dirs = opt + (112 if self.is64 else 96)
        count = struct.unpack_from("<I", data, dirs - 4)[0]
        self.dirs = [struct.unpack_from("<II", data, dirs + 8 * i) for i in range(count)]
        self.sections = []
        for i in range(sections):
            at = opt + opt_size + 40 * i
            vsize, vaddr, rsize, raddr = struct.unpack_from("<IIII", data, at + 8)
            self.sections.append((vaddr, max(vsize, rsize), raddr))
        self.data = data

    def offset(self, rva: int) -> int:
        for vaddr, size, raddr in self.sections:
            if vaddr <= rva < vaddr + size:
                return raddr + rva - vaddr
        raise StubError(f"RVA {rva:#x} is in no section")

    def u32(self, rva: int) -> int:
        return struct.unpack_from("<I", self.data, self.offset(rva))[0]

    def string(self, rva: int) -> str:
        start = self.offset(rva)
        return self.data[start : self.data.index(b"\0", start)].decode("ascii", "replace")

    def thunk_names(self, rva: int) -> list[str]:
        size, flag = (8, 1 << 63) if self.is64 else (4, 1 << 31)
        names = []
        while True:
            value = struct.unpack_from("<Q" if self.is64 else "<I", self.data, self.offset(rva))[0]
            if value == 0:
                return names
            names.append(f"#{value & 0xFFFF}" if value & flag else self.string(value + 2))
            rva += size


def imported_functions(path: Path, dll: str) -> list[str]:
    """The functions `path` imports from `dll` (normal and delay-load imports); ordinals as
    '#N'. Empty if it does not import that DLL."""
    pe = _PE(path.read_bytes())
    found: list[str] = []
    if len(pe.dirs) > 1 and pe.dirs[1][0]:  # import directory: 20-byte descriptors
        at = pe.dirs[1][0]
        while True:
            lookup, _, _, name, first = (pe.u32(at + 4 * i) for i in range(5))
            if name == 0:
                break
            if pe.string(name).lower() == dll.lower():
                found += pe.thunk_names(lookup or first)
            at += 20
    if len(pe.dirs) > 13 and pe.dirs[13][0]:  # delay-load imports: 32-byte descriptors
        at = pe.dirs[13][0]
        while True:
            name, names = pe.u32(at + 4), pe.u32(at + 16)
            if name == 0:
                break
            if pe.string(name).lower() == dll.lower():
                found += pe.thunk_names(names)
            at += 32
    return found


def exported_functions(data: bytes) -> dict[str, int]:
    """Name -> RVA of every function a DLL exports by name."""
    pe = _PE(data)
    rva = pe.dirs[0][0]
    if not rva:
        return {}
    count, funcs, names, ords = (pe.u32(rva + off) for off in (24, 28, 32, 36))
    out = {}
    for i in range(count):
        ordinal = struct.unpack_from("<H", pe.data, pe.offset(ords + 2 * i))[0]
        out[pe.string(pe.u32(names + 4 * i))] = pe.u32(funcs + 4 * ordinal)
    return out


# Proving it under wine ------------------------------------------------------------------------

# Run by a Windows Python beside the stand-in: `python probe.py TABLE.json` (see probe_table).
PROBE = r"""
import ctypes, json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    table, unsupported = json.load(f)
icu = ctypes.CDLL("icuuc.dll")
kinds = {"null": ctypes.c_void_p, "zero": ctypes.c_int32, "minus_one": ctypes.c_int32}
expected = {"null": None, "zero": 0, "minus_one": -1}
bad = []
for name, (returns, args, error_arg, null_out) in table.items():
    fn = getattr(icu, name)
    fn.restype = kinds.get(returns)
    err = ctypes.c_int(0)
    cells = [ctypes.c_void_p(0x5EED) for _ in range(args)]  # out-pointers start non-NULL
    argv = []
    for n in range(1, args + 1):
        if n == error_arg:
            argv.append(ctypes.byref(err))
        elif n in null_out:
            argv.append(ctypes.byref(cells[n - 1]))
        else:
            argv.append(ctypes.c_void_p(0))
    result = fn(*argv)
    if returns != "void" and result != expected[returns]:
        bad.append(f"{name} returned {result!r}")
    if error_arg and err.value != unsupported:
        bad.append(f"{name} set UErrorCode {err.value}")
    if any(cells[n - 1].value is not None for n in null_out):
        bad.append(f"{name} left an output pointer set")
print("; ".join(bad) or f"all {len(table)} fail as ICU does")
"""


def probe_table(names: list[str]) -> list:
    """PROBE's input (JSON-able): how each of `names` must fail, and ICU's error code."""
    table = {}
    for name in sorted(names):
        f = ICU_FUNCTIONS[name]
        table[name] = [f.returns, f.args, f.error_arg, list(f.null_out)]
    return [table, U_UNSUPPORTED_ERROR]
