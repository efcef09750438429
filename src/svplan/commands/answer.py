"""`svplan answer`: the tender answer (method statement) within word and character limits.

The bidder's own edited answer (kept in the plan) is what is written, as in the window; `--compose`
writes a fresh composition instead. The plan file is only read.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from svplan.commands.common import EXIT_OK, fail, load_plan_for, warn

SUFFIXES = (".txt", ".docx")


def _limit(text: str) -> int:
    value = text.replace(",", "").strip()
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 1 or more")
    return int(value)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "answer", help="write the tender answer (method statement) within word/character limits"
    )
    p.add_argument("plan", type=Path, help="the .svplan file")
    p.add_argument("--words", type=_limit, metavar="N", help="word limit (as Word counts)")
    p.add_argument("--chars", type=_limit, metavar="N", help="character limit (spaces included)")
    p.add_argument(
        "--compose",
        action="store_true",
        help="compose afresh even when the plan holds your edited answer",
    )
    p.add_argument("-o", "--output", type=Path, required=True, help="OUT.txt or OUT.docx")
    p.set_defaults(func=cmd_answer)


def cmd_answer(args: argparse.Namespace) -> int:
    from svplan.core.answer import Block, compose, text_blocks
    from svplan.core.outputs import check_output
    from svplan.core.wordcount import count, fits

    out = check_output(
        args.output,
        {"plan file": args.plan, "catalogue": getattr(args, "catalogue", None)},
        suffixes=SUFFIXES,
        verb="write",
    )
    plan, catalogue = load_plan_for(args)
    words = args.words if args.words is not None else plan.answer.words
    chars = args.chars if args.chars is not None else plan.answer.chars
    edited = plan.answer.edited and plan.answer.text.strip() and not args.compose
    if edited:
        text = plan.answer.text
        blocks: list[Block] = text_blocks(text)
        if not fits(text, words, chars):
            warn(
                f"your edited answer ({count(text).label()}) is over the limit of "
                f"{_limits(words, chars)}; it is written as you wrote it (--compose to compose "
                "one that fits)"
            )
    else:
        composed = compose(plan, catalogue, words=words, chars=chars)
        text, blocks = composed.text, composed.blocks
        if not blocks:
            return fail(f"nothing of the plan fits in {_limits(words, chars)}")
    if out.suffix.lower() == ".docx":
        from svplan.export.answer_docx import write_answer_docx

        write_answer_docx(plan, blocks, out)
    else:
        from svplan.core.atomic import atomic_write_bytes

        atomic_write_bytes(out, (text + "\n").encode("utf-8"), verb="write")
    limit = f" (limit {_limits(words, chars)})" if words or chars else ""
    source = "your edited answer" if edited else "composed"
    print(f"{out}: {count(text).label()}{limit}, {source}")
    return EXIT_OK


def _limits(words: int | None, chars: int | None) -> str:
    parts = []
    if words:
        parts.append(f"{words:,} words")
    if chars:
        parts.append(f"{chars:,} characters")
    return " and ".join(parts) or "no limit"
