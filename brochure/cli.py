"""Command line: ``brochure build`` (and ``make_pdf.py``, the same command), ``check``, ``watch``,
``preview``, ``impose``, ``personalize`` and ``schema``.

Every word a command prints, its ``--help`` and argparse's own words (usage, errors) included,
comes from the message catalogue (:mod:`brochure.messages`) in the language chosen by ``--lang``
or ``BROCHURE_LANG`` (Japanese by default). The language is read from the command line before
the parser is built, so that ``--help`` is translated as well.
"""

from __future__ import annotations

import argparse
import gc
import logging
import re
import signal
import sys
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from .errors import BrochureError, ContentErrors, InternalError
from .messages import LANGUAGES, language, language_from, msg, os_reason, set_language, word
from .paths import DEFAULT_CONTENT, DEFAULT_OUT

# argparse's own English words → catalogue phrases (argparse looks them up through gettext).
ARGPARSE = {
    "usage: ": "argparse.usage",
    "positional arguments": "argparse.positionals",
    "options": "argparse.options",
    "optional arguments": "argparse.options",  # Python < 3.10 wording
    "show this help message and exit": "argparse.help",
    "%(prog)s: error: %(message)s\n": "argparse.error",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "the following arguments are required: %s": "argparse.required",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.choice",
    "expected one argument": "argparse.one",
    "expected at most one argument": "argparse.at_most_one",
    "expected at least one argument": "argparse.at_least_one",
    "expected %s argument": "argparse.n",
    "expected %s arguments": "argparse.n",
    "not allowed with argument %s": "argparse.not_with",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "one of the arguments %s is required": "argparse.one_of",
    "invalid %(type)s value: %(value)r": "argparse.type",
    "ignored explicit argument %r": "argparse.explicit",
}


def _gettext(text: str) -> str:
    key = ARGPARSE.get(text)
    return word(key) if key else text


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


@contextmanager
def argparse_words():
    """argparse speaks the process language while the block runs (building, parsing, help)."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _gettext, _ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


CLOSING = set("、。，．）」』】〕・：；！？ー")  # never at the start of a line (禁則)


def _cells(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` terminal cells: Japanese breaks between any two characters
    (never before closing punctuation), Latin words only at spaces."""
    tokens = re.findall(r"\s+|[^\s\u1100-\uffff]+|.", text.strip())
    lines, line, used = [], "", 0
    for token in tokens:
        if token.isspace():
            token = " "
            if not line:
                continue
        size = sum(_cells(c) for c in token)
        if used + size > width and line.strip() and token[0] not in CLOSING:
            lines.append(line.rstrip())
            line, used = "", 0
            if token == " ":
                continue
        line += token
        used += size
    if line.strip():
        lines.append(line.rstrip())
    return lines


class _Formatter(argparse.HelpFormatter):
    """Help wrapped by terminal cells (a kanji takes two), paragraphs kept."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for paragraph in text.split("\n") for line in wrap(paragraph, width) or [""])


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help, usage and errors are translated whenever they are made."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        with argparse_words():
            super().__init__(*args, **kwargs)

    def parse_args(self, *args, **kwargs):
        with argparse_words():
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args, **kwargs):
        with argparse_words():
            return super().parse_known_args(*args, **kwargs)

    def format_help(self) -> str:
        with argparse_words():
            return super().format_help()

    def format_usage(self) -> str:
        with argparse_words():
            return super().format_usage()

    def error(self, message: str):
        with argparse_words():
            super().error(message)


def whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(word("cli.not_a_number", value=text)) from None


def _io_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--content", type=Path, default=DEFAULT_CONTENT, metavar="DIR", help=word("help.content"))
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR", help=word("help.out"))
    _common_args(p)


def _common_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=LANGUAGES, default=language(), help=word("help.lang"))
    p.add_argument("--debug", action="store_true", help=word("help.debug"))


def _output_args(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", action="store_true", help=word("help.quiet"))
    group.add_argument("--json", action="store_true", help=word("help.json"))
    group.add_argument("-v", "--verbose", action="store_true", help=word("help.verbose"))


def _emit_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--emit-html", type=Path, metavar="DIR", help=word("help.emit_html"))
    p.add_argument("--channel", metavar="ID", help=word("help.channel"))


def _reporter(args: argparse.Namespace):
    from .progress import Reporter

    return Reporter("json" if args.json else "quiet" if args.quiet else "rich")


def _output_intent_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--output-intent", type=Path, metavar="FILE.icc", help=word("help.output_intent"))


def _percent(text: str) -> int:
    """A total ink limit: a whole number of percent between 100 and 400."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(word("cli.percent.nan", text=text)) from None
    if not 100 <= value <= 400:
        raise argparse.ArgumentTypeError(word("cli.percent.range", value=value))
    return value


def _build_args(p: argparse.ArgumentParser) -> None:
    _io_args(p)
    p.add_argument("--edition", choices=["print", "screen", "all"], default="all", help=word("help.edition.all"))
    p.add_argument("--marks", action="store_true", help=word("help.marks"))
    p.add_argument("--jobs", type=whole_number, metavar="N", help=word("help.build.jobs"))
    _output_intent_arg(p)
    _output_args(p)


@contextmanager
def _one_build_gc():
    """Garbage collection for one build in a short-lived process: the objects the imports made
    (kept until exit anyway) are left out of collections, and young objects are collected every
    10,000 allocations rather than 700. Laying out makes many short-lived objects: about 300
    collections took ≈90 ms of a cold build, now ≈30 ms. Restored afterwards."""
    threshold = gc.get_threshold()
    freeze = gc.get_freeze_count() == 0  # a caller's own frozen objects stay as they are
    if freeze:
        gc.freeze()
    gc.set_threshold(10_000, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if freeze:
            gc.unfreeze()


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    editions = ("print", "screen") if args.edition == "all" else (args.edition,)
    reporter = _reporter(args)
    with _one_build_gc(), reporter.progress(word("progress.building")):
        results = build(args.content, args.out, editions=editions, marks=args.marks,
                        emit_html=getattr(args, "emit_html", None), channel=getattr(args, "channel", None),
                        output_intent=getattr(args, "output_intent", None), jobs=args.jobs)
    shown: set[str] = set()
    for result in results:  # both editions hold the same text: each warning once
        for warning in result.warnings:
            if str(warning) not in shown:
                shown.add(str(warning))
                reporter.warning(f"{word('warning')}: {warning}", file=str(warning.file),
                                 line=warning.line, field=warning.field)
    for notice in results[0].notices if results else []:  # the same for every edition: once
        if args.json:
            reporter.event("notice", message=str(notice), file=str(notice.file), line=notice.line,
                           field=notice.field)
        else:
            reporter.status(f"{word('notice')}: {notice}")
    for result in results:
        if args.verbose and not args.json:
            for line in result.plan_lines:
                reporter.status(f"  {line}", event="plan-line")
        reporter.event("plan", edition=result.edition, sections=result.plan.as_json() if result.plan else [])
        for line in result.notes:
            reporter.status(f"  {line}", event="plan-note", note=line)
        note = word("cli.build.note", note=result.note) if result.note else ""
        reporter.status(word("cli.build.wrote", path=result.path, pages=result.pages, note=note), event="written",
                        path=str(result.path), pages=result.pages, blank_pages=result.blank_pages,
                        memo_pages=result.plan.memo_pages if result.plan else 0, edition=result.edition,
                        layouts=result.layouts,
                        plan_seconds=round(result.plan.seconds, 3) if result.plan else None,
                        planner_overhead=round(result.plan.overhead, 3) if result.plan else None,
                        discarded_layouts=result.plan.discarded if result.plan else None)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .content.schema import FILES, schema_text

    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        for which, name in FILES.items():
            (args.write / name).write_text(schema_text(which), encoding="utf-8")
            print(word("cli.wrote", path=args.write / name))
        return 0
    sys.stdout.write(schema_text("section" if args.section else "brochure"))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .starter import new_brochure

    files = new_brochure(args.dir, source=args.source)
    if args.source is None:
        print(word("new.done", args.lang, dest=args.dir, n=len(files)))
    else:
        print(word("new.done_from", args.lang, source=args.source, dest=args.dir, n=len(files),
                   today=_today()))
    print(word("new.next", args.lang, dest=args.dir))
    return 0


def _today() -> str:
    import datetime as dt

    return dt.date.today().isoformat()


def cmd_watch(args: argparse.Namespace) -> int:
    from .watch import watch

    return watch(args.content, args.out, _reporter(args), edition=args.edition)


def cmd_preview(args: argparse.Namespace) -> int:
    from .preview.server import preview

    return preview(args.content, args.out, port=args.port)


def cmd_personalize(args: argparse.Namespace) -> int:
    from .personalize import personalize

    from .content.rows import parse_range

    row_range = parse_range(args.row_range) if args.row_range is not None else None
    return personalize(args.rows, args.content, args.out or args.default_out, _reporter(args),
                       edition=args.edition, jobs=args.jobs, force=args.force, row_range=row_range)


def cmd_impose(args: argparse.Namespace) -> int:
    from .build import atomic_write, build
    from .press.impose import impose_booklet, sheet_name

    if args.pdf is None:  # no PDF given: build the print edition from the content first
        [result] = build(args.content, args.out, editions=("print",))
        print(word("cli.build.wrote", path=result.path, pages=result.pages, note=""))
        source = result.path
    else:
        source = args.pdf
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise BrochureError(msg("impose.unreadable", path=source, reason=os_reason(exc))) from None
    imposed = impose_booklet(data, name=str(source))
    target = args.out.resolve() / "brochure-print-imposed.pdf"
    atomic_write(target, imposed)
    print(word("cli.impose.wrote", path=target, sheet=sheet_name(imposed)))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .check.command import check_command

    return check_command(args)


def parser() -> argparse.ArgumentParser:
    """The ``brochure`` parser, its help in the process language (set it first)."""
    p = _Parser(prog="brochure", description=word("help.brochure"), epilog=word("help.epilog"))
    sub = p.add_subparsers(dest="command", required=True)  # a new command: add_parser, help from WORDS
    b = sub.add_parser("build", help=word("help.cmd.build"), description=word("help.cmd.build"))
    _build_args(b)
    _emit_arg(b)
    b.set_defaults(func=cmd_build)
    c = sub.add_parser("check", help=word("help.cmd.check"), description=word("help.cmd.check"))
    c.add_argument("--content", type=Path, default=DEFAULT_CONTENT, metavar="DIR", help=word("help.content"))
    c.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR", help=word("help.check.out"))
    c.add_argument("--json", action="store_true", help=word("help.check.json"))
    c.add_argument("--strict", action="store_true", help=word("help.check.strict"))
    c.add_argument("--pdf", type=Path, metavar="FILE", help=word("help.check.pdf"))
    _output_intent_arg(c)
    c.add_argument("--ink-limit", type=_percent, metavar="PERCENT", help=word("help.check.ink_limit"))
    _common_args(c)
    c.set_defaults(func=cmd_check)
    n = sub.add_parser("new", help=word("help.cmd.new"), description=word("help.cmd.new"))
    n.add_argument("dir", type=Path, metavar="DIR", help=word("help.new.dir"))
    n.add_argument("--from", dest="source", type=Path, metavar="CONTENT", help=word("help.new.from"))
    _common_args(n)
    n.set_defaults(func=cmd_new)
    w = sub.add_parser("watch", help=word("help.cmd.watch"), description=word("help.cmd.watch"))
    _io_args(w)
    w.add_argument("--edition", choices=["print", "screen"], default="print", help=word("help.watch.edition"))
    _output_args(w)
    w.set_defaults(func=cmd_watch)
    v = sub.add_parser("preview", help=word("help.cmd.preview"), description=word("help.cmd.preview"))
    _io_args(v)
    v.add_argument("--port", type=whole_number, default=8000, metavar="N", help=word("help.port"))
    v.set_defaults(func=cmd_preview)
    i = sub.add_parser("impose", help=word("help.cmd.impose"), description=word("help.cmd.impose"))
    _io_args(i)
    i.add_argument("pdf", type=Path, nargs="?", metavar="PDF", help=word("help.impose.pdf"))
    i.set_defaults(func=cmd_impose)
    from .editions import EDITIONS

    pz = sub.add_parser("personalize", help=word("help.cmd.personalize"), description=word("help.cmd.personalize"))
    pz.add_argument("rows", type=Path, metavar="ROWS.csv", help=word("help.rows"))
    pz.add_argument("--content", type=Path, default=DEFAULT_CONTENT, metavar="DIR", help=word("help.content"))
    pz.add_argument("--out", type=Path, metavar="DIR", help=word("help.personalize.out"))
    pz.add_argument("--edition", choices=sorted(EDITIONS), default="screen", help=word("help.personalize.edition"))
    pz.add_argument("--jobs", type=whole_number, metavar="N", help=word("help.jobs"))
    pz.add_argument("--force", action="store_true", help=word("help.force"))
    pz.add_argument("--rows", dest="row_range", metavar="FROM-TO", help=word("help.personalize.rows"))
    _common_args(pz)
    _output_args(pz)
    pz.set_defaults(func=cmd_personalize, default_out=DEFAULT_OUT / "personalized")
    s = sub.add_parser("schema", help=word("help.cmd.schema"), description=word("help.cmd.schema"))
    s.add_argument("--section", action="store_true", help=word("help.schema.section"))
    s.add_argument("--write", type=Path, metavar="DIR", help=word("help.schema.write"))
    _common_args(s)
    s.set_defaults(func=cmd_schema)
    return p


def _interrupt(signum, frame):  # SIGTERM (e.g. a CI timeout) cleans up like Ctrl-C
    raise KeyboardInterrupt


class _EnvironmentWarnings(logging.Handler):
    """Warnings about the machine (a missing optional system library), printed as they come."""

    def emit(self, record: logging.LogRecord) -> None:
        print(f"{word('warning')}: {record.msg}", file=sys.stderr, flush=True)


@contextmanager
def _environment_warnings():
    logger = logging.getLogger("brochure.environment")
    handler = _EnvironmentWarnings(logging.WARNING)
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)


def run(func, args: argparse.Namespace) -> int:
    """Run a command; a BrochureError becomes its message on stderr, never a traceback."""
    lang = getattr(args, "lang", None) or language()
    set_language(lang)
    try:  # for the command's time only: the caller's handler is put back afterwards
        previous = signal.signal(signal.SIGTERM, _interrupt)
    except ValueError:  # not the main thread (e.g. called from a test runner thread)
        previous = None
    try:
        return _run(func, args, lang)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _run(func, args: argparse.Namespace, lang: str) -> int:
    error = word("error", lang)
    try:
        with _environment_warnings():
            return func(args)
    except ContentErrors as exc:
        if getattr(args, "debug", False):
            raise
        # One line per problem, starting with file:line so editors and terminals can jump there.
        print(exc.format(lang), file=sys.stderr)
        print(word("summary", lang, n=len(exc.errors)), file=sys.stderr)
        return exc.exit_status
    except BrochureError as exc:
        if getattr(args, "debug", False):
            raise
        print(f"{error}: {exc}".replace("\n", f"\n{error}: "), file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        if getattr(args, "debug", False):
            raise
        print(word("interrupted", lang), file=sys.stderr)
        return 130
    except OSError as exc:  # the machine: a folder that cannot be written, a full disk
        if getattr(args, "debug", False):
            raise
        from .files import ENVIRONMENT_ERRNOS, environment_error

        if not exc.filename and exc.errno not in ENVIRONMENT_ERRNOS:
            return _internal(exc, lang)
        print(f"{error}: {environment_error(exc, exc.filename or '.')}", file=sys.stderr)
        return BrochureError.exit_status
    except Exception as exc:  # a bug: still one line, the traceback only with --debug
        if getattr(args, "debug", False):
            raise
        return _internal(exc, lang)


def _internal(exc: BaseException, lang: str) -> int:
    detail = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
    print(f"{word('error', lang)}: {word('internal', lang, detail=detail)}", file=sys.stderr)
    return InternalError.exit_status


def exit_now(status: int | None) -> NoReturn:
    """End the process with ``status`` without Python's teardown of every object it made.

    A build leaves a large heap (WeasyPrint's boxes, fonts, stylesheets); freeing it object by
    object at exit took ≈0.15 s, 5–7 % of a build. What the teardown would do that matters is
    done here: the exit handlers (logging's flush, temporary folders' removal) and the output
    streams' flush. Every file the tool writes is closed (and fsynced) before the command
    returns. With another thread still running, the ordinary exit waits for it as usual.
    For the command-line entry points only: never inside a caller's process (tests call
    :func:`main`)."""
    import atexit
    import os
    import threading

    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)  # CPython's; else the usual exit
    if threading.active_count() > 1 or run_exit_handlers is None:
        sys.exit(status)
    run_exit_handlers()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (e.g. `| head`): nothing more to say
            pass
    os._exit(status or 0)


def entry() -> NoReturn:
    """The ``brochure`` command: :func:`main`, then :func:`exit_now`."""
    exit_now(main())


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    set_language(language_from(argv))
    args = parser().parse_args(argv)
    return run(args.func, args)


def make_pdf_main(argv: list[str] | None = None) -> int:
    """``make_pdf.py [--content DIR] [--out DIR] [--edition E] [--marks] [--lang ja|en]``: build."""
    argv = sys.argv[1:] if argv is None else list(argv)
    set_language(language_from(argv))
    p = _Parser(prog="make_pdf.py", description=word("help.make_pdf"), epilog=word("help.epilog"))
    _build_args(p)
    _emit_arg(p)
    args = p.parse_args(argv)
    return run(cmd_build, args)
