"""Command line: `svplan` (the app), export, check, new, measures, partners, schema.

The headless commands never import Qt, so they run on servers, in CI and from the Windows
command prompt. Every failure the user can cause is one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NoReturn

from svplan import APP_NAME, __version__
from svplan.commands import feature_modules
from svplan.commands.common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    fail,
    safe_json,
    safe_lines,
)
from svplan.commands.common import one_line as _one_line

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "build_parser", "fail", "main"]
COMMANDS = ("gui", "export", "check", "new", "measures", "partners", "schema")


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage mistakes as one line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"svplan: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="svplan",
        description=f"{APP_NAME}: write a social value delivery plan and export it to Word.",
        epilog="With no command (or with a .svplan file), the desktop app starts.",
    )
    parser.add_argument("--version", action="version", version=f"svplan {__version__}")
    parser.add_argument(
        "--catalogue",
        metavar="FILE",
        type=Path,
        help="use this TOMs catalogue file instead of the shipped Lancashire one",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check the installation (window, catalogue, export) and print OK",
    )
    parser.add_argument("--smoke-start", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    gui = sub.add_parser("gui", help="start the desktop app (the default)")
    gui.add_argument("plan", nargs="?", type=Path, help="a .svplan file to open")

    export = sub.add_parser(
        "export",
        help="export a plan: the Word delivery plan (.docx) or the Portal entry sheet (.xlsx/.csv)",
    )
    export.add_argument("plan", type=Path, help="the .svplan file")
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        help="the .docx, .xlsx or .csv to write, by extension (default: the plan's name, .docx)",
    )
    export.add_argument("--template", type=Path, help="a company .docx/.dotx to take styles from")
    export.add_argument(
        "--no-contact-details",
        dest="contact_details",
        action="store_const",
        const=False,
        default=None,
        help="leave named people's phone numbers and emails out of the Word plan "
        "(default: as the plan's setting says)",
    )

    check = sub.add_parser("check", help="list what is missing before a plan can be sent")
    check.add_argument("plan", type=Path, help="the .svplan file")
    check.add_argument("--json", action="store_true", help="print the findings as JSON")

    new = sub.add_parser("new", help="write a new, empty plan file")
    new.add_argument("-o", "--output", type=Path, required=True, help="the .svplan to write")
    new.add_argument("--bid-title", default="", help="the tender title")
    new.add_argument("--bidder", default="", help="your organisation's name")
    new.add_argument("--authority", default="", help="the contracting authority")
    new.add_argument("--reference", default="", help="the tender reference")
    new.add_argument("--start", metavar="DATE", help="contract start, e.g. 15/10/2027")
    new.add_argument("--months", metavar="N", help="contract length in months, e.g. 36")
    new.add_argument("--value", metavar="AMOUNT", help="contract value, e.g. £2.4m")
    new.add_argument(
        "--from",
        dest="source",
        metavar="OLD.svplan",
        type=Path,
        help="start from a past bid: copy its commitments (targets scaled to --value/--months)",
    )
    new.add_argument("--force", action="store_true", help="overwrite an existing file")

    measures = sub.add_parser("measures", help="list every measure of the catalogue")
    measures.add_argument("--json", action="store_true", help="print as JSON")

    partners = sub.add_parser("partners", help="partners and contacts for one measure")
    partners.add_argument("code", help="a measure code such as NT3")
    partners.add_argument("--json", action="store_true", help="print as JSON")

    sub.add_parser("schema", help="print the JSON Schema of the .svplan format")
    export.set_defaults(func=cmd_export)
    check.set_defaults(func=cmd_check)
    new.set_defaults(func=cmd_new)
    measures.set_defaults(func=cmd_measures)
    partners.set_defaults(func=cmd_partners)
    sub.choices["schema"].set_defaults(func=cmd_schema)
    for module in feature_modules():
        module.register(sub)
    return parser


def normalise_argv(argv: Sequence[str]) -> list[str]:
    """`svplan PLAN.svplan` means `svplan gui PLAN.svplan`."""
    args = list(argv)
    positional = [i for i, a in enumerate(args) if not a.startswith("-")]
    if positional:
        first = positional[0]
        prev = args[first - 1] if first else ""
        word = args[first]
        looks_like_plan = word.lower().endswith(".svplan") or Path(word).is_file()
        if prev != "--catalogue" and word not in COMMANDS and looks_like_plan:
            args.insert(first, "gui")
    return args


# What the parser returns for the app's plain start (`svplan`, as a shortcut runs it) and for
# `--smoke-start`, which measures that start: these two skip building the parser (~4 ms).
_PLAIN = {"catalogue": None, "self_test": False, "smoke_start": False, "command": None}
_PLAIN_STARTS = {(): _PLAIN, ("--smoke-start",): {**_PLAIN, "smoke_start": True}}


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The command line parsed (exits with code 2 and one line on a usage mistake)."""
    plain = _PLAIN_STARTS.get(tuple(argv))
    if plain is not None:
        return argparse.Namespace(**plain)
    return build_parser().parse_args(normalise_argv(argv))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `svplan` command."""
    from svplan.core.errors import SvplanError

    _tolerant_output()
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        if args.self_test:
            from svplan.ui.app import self_test

            return self_test()
        if args.smoke_start:
            from svplan.ui.app import smoke_start

            return smoke_start()
        if args.command in (None, "gui"):
            if (why := missing_display()) is not None:
                return fail(why)
            from svplan.ui.app import run_gui

            return run_gui(plan_path=getattr(args, "plan", None), catalogue_path=args.catalogue)
        return int(args.func(args))
    except SvplanError as exc:
        return fail(exc.message)
    except KeyboardInterrupt:
        return fail("interrupted")
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # never a traceback for the user; the log has the details
        _log_unexpected(exc)
        # The exception's own message may quote the plan, so only its type is shown and logged.
        return fail(f"unexpected error ({type(exc).__name__}); please report it")


def missing_display(environ: Mapping[str, str] | None = None) -> str | None:
    """On Linux without a display Qt aborts with a screenful; say it in one line instead."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux") or env.get("QT_QPA_PLATFORM"):
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return (
        "there is no display to show the window on (DISPLAY is not set); start it from a "
        "desktop session or with 'xvfb-run svplan'. The commands (svplan --help) need no display."
    )


def gui_main() -> int:
    """Entry point for the windowed launcher (pythonw on Windows)."""
    return main()


def _tolerant_output() -> None:
    """A console or pipe that cannot show a character (cp1252, ASCII) gets an escape instead of
    failing the command."""
    import contextlib

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):  # replaced streams
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]


class UnexpectedError(Exception):
    """Stands in for an unexpected exception in the log: same type name and traceback, but not
    its message, which may quote plan text (titles, names, notes)."""


def _redacted(exc: BaseException, depth: int = 0) -> BaseException:
    copy = UnexpectedError(f"{type(exc).__module__}.{type(exc).__qualname__} (message not logged)")
    copy = copy.with_traceback(exc.__traceback__)
    cause = exc.__cause__ or exc.__context__
    if cause is not None and cause is not exc and depth < 5:
        copy.__cause__ = _redacted(cause, depth + 1)
    return copy


def _log_unexpected(exc: BaseException) -> None:
    try:
        from svplan.core.logs import log_exception

        log_exception(_redacted(exc))
    except Exception:  # pragma: no cover - logging must never fail the command
        pass


# Commands ---------------------------------------------------------------------------------------


def _catalogue(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from svplan.core.catalogue import load_catalogue, load_default_catalogue

    return load_catalogue(args.catalogue) if args.catalogue else load_default_catalogue()


def cmd_export(args: argparse.Namespace) -> int:
    from svplan.core.planio import load_plan

    catalogue = _catalogue(args)
    loaded = load_plan(args.plan, catalogue)
    for warning in loaded.warnings:
        print(f"svplan: warning: {_one_line(warning)}", file=sys.stderr)
    from svplan.core.outputs import check_output

    out = check_output(  # never an input, a folder, a link, a device or a read-only file
        args.output or args.plan.with_suffix(".docx"),
        {"plan file": args.plan, "template": args.template, "catalogue": args.catalogue},
        suffixes=(".docx", ".xlsx", ".csv"),
        verb="export",
    )
    if out.suffix.lower() in (".xlsx", ".csv"):  # the Portal entry sheet, by its extension
        from svplan.export.entry_sheet import write_entry_sheet

        if args.template is not None:
            print("svplan: warning: --template styles the Word plan only", file=sys.stderr)
        print(write_entry_sheet(loaded.plan, catalogue, out))
        return EXIT_OK
    from svplan.export import export_plan

    written = export_plan(
        loaded.plan, catalogue, out, template=args.template, contact_details=args.contact_details
    )
    print(written)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    import json

    from svplan.core.checks import check_plan, summary
    from svplan.core.planio import load_plan

    catalogue = _catalogue(args)
    loaded = load_plan(args.plan, catalogue)
    for warning in loaded.warnings:  # e.g. unknown keys: kept, reported, not a failure
        print(f"svplan: warning: {_one_line(warning)}", file=sys.stderr)
    findings = check_plan(loaded.plan, catalogue)
    if args.json:
        rows = [
            {"code": f.code, "severity": str(f.severity), "message": f.message} for f in findings
        ]
        print(json.dumps({"ready": not findings, "findings": rows}, indent=2))
    else:
        for finding in findings:
            print(f"{finding.severity}: {_one_line(str(finding))}")
        print(f"{_one_line(args.plan.name)}: {summary(findings)}", file=sys.stderr)
    return EXIT_FINDINGS if findings else EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from svplan.core.planio import new_plan, save_plan

    out: Path = args.output
    if out.suffix.lower() != ".svplan":
        out = out.with_name(out.name + ".svplan")
    if out.exists() and not args.force:
        return fail(f"{out.name} already exists; use --force to overwrite it")
    from svplan.core.outputs import check_output

    check_output(
        out, {"catalogue": args.catalogue, "past bid": getattr(args, "source", None)}, verb="save"
    )
    from svplan.commands.newplan import contract_terms, from_past_bid

    terms = contract_terms(args)  # --start, --months, --value: the shared parsers, exit 2 if bad
    if args.source is not None:
        return from_past_bid(args, out, terms)
    catalogue_id = _catalogue(args).info.id
    plan = new_plan(
        args.bid_title,
        bidder=args.bidder,
        authority=args.authority,
        reference=args.reference,
        **terms,
    ).model_copy(update={"catalogue": catalogue_id})
    save_plan(plan, out)
    print(out)
    return EXIT_OK


def cmd_measures(args: argparse.Namespace) -> int:
    import json

    catalogue = _catalogue(args)
    rows = [
        {
            "code": m.code,
            "short": m.short,
            "unit": catalogue.unit(m.unit).name,
            "theme": catalogue.theme(m.theme).name,
            "outcome": catalogue.outcome(m.outcome).name,
            "wording": m.wording,
        }
        for m in catalogue.measures
    ]
    if args.json:
        print(safe_json(json.dumps(rows, indent=2, ensure_ascii=False)))
        return EXIT_OK
    for row in rows:  # catalogue text, from a council's file: no escape code reaches the terminal
        shown = {key: _one_line(value) for key, value in row.items()}
        print(f"{shown['code']:<6} [{shown['unit']}] {shown['theme']} / {shown['outcome']}")
        print(f"       {shown['wording']}")
    return EXIT_OK


def cmd_partners(args: argparse.Namespace) -> int:
    import json

    from svplan.core.catalogue import ActionRoute

    catalogue = _catalogue(args)
    measure = catalogue.measure(args.code)
    routes = []
    for route in measure.routes:
        if isinstance(route, ActionRoute):
            routes.append(
                {"kind": "action", "action": route.action, "description": route.description}
            )
            continue
        partner = catalogue.partner(route.partner)
        routes.append(
            {
                "kind": "partner",
                "id": partner.id,
                "name": partner.name,
                "description": route.description,
                "websites": list(partner.websites),
                "contacts": [c.written() for c in partner.contacts],
            }
        )
    if args.json:
        doc = {"code": measure.code, "wording": measure.wording, "routes": routes}
        if measure.guidance:
            doc["guidance"] = measure.guidance
        print(safe_json(json.dumps(doc, indent=2, ensure_ascii=False)))
        return EXIT_OK
    # catalogue text, from a council's file: every control character is escaped on the way out
    print(f"{_one_line(measure.code)} - {_one_line(measure.wording)}")
    if measure.guidance:
        print(f"\n{safe_lines(measure.guidance)}")
    if not routes:
        print("\nThe catalogue names no partner or suggested action for this measure.")
    for route in routes:
        print()
        if route["kind"] == "action":
            print(f"Suggested action: {_one_line(route['action'])}")
        else:
            print(_one_line(route["name"]))
            for site in route["websites"]:
                print(f"  Website: {_one_line(site)}")
            for contact in route["contacts"]:
                bits = [contact.get(k, "") for k in ("name", "role", "phone", "email")]
                print("  Contact: " + _one_line(", ".join(b for b in bits if b)))
        if route["description"]:
            print(safe_lines(_indent(route["description"])))
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    import json

    from svplan.core.schema import plan_json_schema

    print(json.dumps(plan_json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def _indent(text: str, width: int = 96) -> str:
    import textwrap

    out = []
    for para in text.split("\n"):
        out.append(
            textwrap.fill(
                para, width, initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False
            )
        )
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
