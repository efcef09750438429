"""Where a command may write: the one check every command runs on its output path.

Use it before building anything, for every file a command or the window writes::

    from svplan.core.outputs import check_output

    out = check_output(
        args.output,
        {"plan": args.plan, "template": args.template, "catalogue": args.catalogue},
        suffixes=(".docx",),
        verb="export",
    )

`check_output` writes nothing. It raises SaveError (a SvplanError: on the command line exit 2
and one line, in the window a message box) whose message is one sentence, for:

- a name that does not end in one of `suffixes` (case-insensitive; none given: any name);
- an output that is one of the inputs, however it is spelled: the same path, a `..` or
  relative spelling, another case on a case-insensitive disk, a symlink to it or a hard link to
  it (compared by resolved path and by device and inode number);
- then everything `svplan.core.atomic.check_target` refuses: a folder in the way, a missing
  folder, a name that is a link, a device or pipe, a read-only file (its mode bits, so also when
  running as root, and the read-only flag on Windows), or a file this user may not change.

The write itself (`atomic_write_bytes`) checks the target again at the moment of writing, so a
file made read-only meanwhile is still refused.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from svplan.core.atomic import check_target
from svplan.core.errors import SaveError

__all__ = ["check_output", "same_file"]

Inputs = Mapping[str, Path | str | None] | Iterable[Path | str | None]


def check_output(
    out: Path | str,
    inputs: Inputs = (),
    *,
    suffixes: Iterable[str] = (),
    verb: str = "export",
) -> Path:
    """Refuse an output path that must not be written; return it as a Path.

    `inputs`: the files the command reads, either as a mapping from what each one is to its
    path (`{"plan": p, "template": t}`; the word names it in the message: "that would overwrite
    the template company.docx") or as plain paths. None values (an option not given) and inputs
    that do not exist are skipped. `suffixes`: the allowed endings, e.g. (".docx",). `verb`:
    the word for the message ("Could not export out.docx: ...").
    """
    out = Path(out)
    name = out.name or str(out)
    allowed = tuple(s.lower() for s in suffixes)
    if allowed and not name.lower().endswith(allowed):
        wanted = " or ".join(
            [", ".join(allowed[:-1]), allowed[-1]] if len(allowed) > 1 else allowed
        )
        raise SaveError(f"Could not {verb} {name}: the output must be a {wanted} file.", path=out)
    labelled = inputs.items() if isinstance(inputs, Mapping) else (("input", p) for p in inputs)
    for label, source in labelled:
        if source is not None and same_file(out, Path(source)):
            raise SaveError(
                f"Could not {verb} {name}: that would overwrite the {label} "
                f"{Path(source).name} that it reads; choose another name.",
                path=out,
            )
    check_target(out, verb=verb)
    return out


def same_file(a: Path | str, b: Path | str) -> bool:
    """Whether two paths name one file: the same resolved path (case-insensitively where the
    system is), or the same device and inode (symlinks followed, hard links, `..` spellings)."""
    try:
        sa, sb = os.stat(a), os.stat(b)
    except (OSError, ValueError):
        pass
    else:
        if sa.st_ino and os.path.samestat(sa, sb):
            return True
    try:
        ra, rb = Path(a).resolve(), Path(b).resolve()
    except (OSError, RuntimeError, ValueError):
        return False
    return os.path.normcase(ra) == os.path.normcase(rb)
