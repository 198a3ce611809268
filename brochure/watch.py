"""``brochure watch``: build, then rebuild on every saved change, keeping the last good PDF.

Rebuilds go through a warm :class:`~brochure.render.sections.SectionRenderer`: WeasyPrint is
imported once, fonts are registered once, stylesheets are parsed again only when they change,
and only the sections whose HTML (text, photos, page offset) changed are laid out again.
A failed rebuild prints its error line and leaves the PDF on disk as it was.

Garbage collection is done between rebuilds, not during them: after each rebuild (once it is
reported) the process collects everything and freezes what it keeps (WeasyPrint, fonts,
stylesheets, the laid-out sections, :func:`settle`); while a rebuild runs, reference counting
frees what it can and cyclic garbage waits for that collection (a rebuild of every section adds
a few MB to the peak). A frozen object that becomes garbage is collected at the next collection
between rebuilds.
"""

from __future__ import annotations

import gc
import re
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from .build import atomic_write, prepare
from .editions import EDITIONS
from .errors import BrochureError, ContentError, ContentErrors, printable
from .messages import word
from .paths import FONTS, STYLES
from .themes import THEMES_DIR
from .progress import Reporter

TEMPLATES = THEMES_DIR  # the themes' templates (inside styles/, listed for clarity)
IGNORED_SUFFIXES = (".tmp", ".swp", ".swx", "~", ".part", ".crdownload")


def _relevant(path: str, out: Path) -> bool:
    p = Path(path)
    if p.is_relative_to(out):  # our own output (and photo cache) when out/ is inside content/
        return False
    name = p.name
    return not (name.startswith(".") or name.endswith(IGNORED_SUFFIXES) or name.startswith("#"))


@contextmanager
def _rebuild_gc():
    """No garbage collection while a rebuild runs, nor when it ends: turned on again at once,
    the collector would go through every object the rebuild made before its result is
    reported (≈6 ms of a 0.15 s rebuild). They are frozen instead, and :func:`settle`
    collects them, frozen or not: every caller of :meth:`Watcher.rebuild` calls it after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def settle() -> None:
    """Between rebuilds: collect everything (frozen objects too), then freeze what is left."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class Watcher:
    """One watch session; :meth:`rebuild` is also what the first build does."""

    def __init__(self, content: Path | str, out: Path | str, reporter: Reporter,
                 edition: str = "print") -> None:
        from .render.sections import SectionRenderer, joinable

        self.content = Path(content).resolve()
        if not self.content.is_dir():  # nothing to watch: say so, as a build would
            raise ContentErrors([ContentError.of(str(content), "folder.missing")])
        self.out = Path(out).resolve()
        self.reporter = reporter
        self.edition = EDITIONS[edition]
        self.renderer = SectionRenderer(self.edition)
        self.incremental = joinable(self.edition)  # else every rebuild lays out the whole document
        self.renderer.carry_lines = self.incremental  # unchanged paragraphs keep their lines
        self.target = self.out / self.edition.filename
        self.builds = 0
        self.failures = 0
        # What the last rebuild gave, for ``brochure preview``: the PDF and the content it was
        # made from when it succeeded, its error lines when it failed.
        self.last_data: bytes | None = None
        self.last_prepared = None
        self.last_errors: list[str] = []

    def rebuild(self, changed: list[str] = ()) -> bool:
        from .press.parts import build_parts

        started = time.perf_counter()
        stamp = time.strftime("%H:%M:%S")
        try:
            with self.reporter.progress(word("progress.rebuilding")), _rebuild_gc():
                prepared = prepare(self.content, self.out)
                result = build_parts(self.renderer, prepared) if self.incremental else self._full(prepared)
                if self.edition.press and prepared.output_profile is not None:  # the shop's profile
                    from .press.pdfx import with_output_intent

                    result.data = with_output_intent(result.data, prepared.output_profile)
                atomic_write(self.target, result.data, durable=False)  # the working copy: no fsync
        except BrochureError as exc:
            self.failures += 1
            lines = str(exc).splitlines() or [type(exc).__name__]
            self.last_errors = lines
            more = word("watch.more", n=len(lines) - 1) if len(lines) > 1 else ""
            kept = word("watch.kept" if self.target.exists() else "watch.none")
            self.reporter.error(word("watch.error", time=stamp, line=lines[0], more=more, kept=kept), errors=lines,
                                kept=self.target.exists())
            return False
        self.builds += 1
        self.last_data, self.last_prepared, self.last_errors = result.data, prepared, []
        seconds = time.perf_counter() - started
        warn = (word("watch.warnings", n=len(result.warnings), first=result.warnings[0]) if result.warnings
                else word("watch.no_warnings"))
        blank = word("watch.blank", n=result.blank_pages) if result.blank_pages else ""
        laid = (word("watch.sections", laid=result.laid_out, parts=result.parts) if self.incremental
                else word("watch.whole"))
        self.reporter.status(
            word("watch.built", time=stamp, name=self.target.name, pages=result.pages, blank=blank,
                 seconds=f"{seconds:.2f}", laid=laid, warn=warn),
            event="built", path=str(self.target), pages=result.pages, seconds=round(seconds, 3),
            laid_out=result.laid_out, parts=result.parts, warnings=result.warnings,
            changed=list(changed))
        return True

    def _full(self, prepared):
        from .build import render_edition, spot_colour
        from .press.finish import finish
        from .press.parts import SectionBuild

        pdf = render_edition(prepared, self.edition)
        data = finish(pdf.data, pdfx=self.edition.press, marks=False, spot=spot_colour(prepared))
        return SectionBuild(data, pdf.page_count, pdf.blank_pages, 1, 1)

    def _watch(self, watchfiles, stop: threading.Event | None, catch_up: bool = False) -> bool:
        """Rebuild on every change until ``stop``: True. False when the watcher gave up on a
        file name that is not UTF-8 (it cannot report such a name): said in one line, and the
        caller watches again, with ``catch_up``: a whole rebuild once the new watch is running
        (its first yield, at the latest after a second), so that no save is missed."""
        try:
            for changes in watchfiles.watch(*self.watched(), stop_event=stop, step=30, raise_interrupt=True,
                                            yield_on_timeout=catch_up, rust_timeout=1000 if catch_up else 5000):
                paths = sorted({printable(p) for _, p in changes if _relevant(p, self.out)})
                if catch_up or paths:
                    catch_up = False
                    self.rebuild(paths)
                    settle()  # while the user reads the result, not while they wait for it
        except RuntimeError as exc:  # watchfiles' WatchfilesRustInternalError: "Unable to decode path …"
            if "decode" not in str(exc):
                raise
            found = re.search(r'path "(.*)" to', str(exc))
            name = printable(found[1] if found else "?", newlines=False)
            stamp = time.strftime("%H:%M:%S")
            self.reporter.error(word("watch.bad_name", time=stamp, name=name), bad_name=name)
            return False
        return True

    def watched(self) -> list[Path]:
        return [self.content, STYLES, FONTS, TEMPLATES]

    def run(self, stop: threading.Event | None = None) -> int:
        import watchfiles

        frozen = gc.get_freeze_count() > 0  # a caller's frozen objects stay frozen; ours do not
        try:
            self.rebuild()
            self.reporter.status(word("watch.watching", paths=", ".join(str(p) for p in self.watched())),
                                 event="watching", paths=[str(p) for p in self.watched()])
            settle()
            catch_up = False
            while not self._watch(watchfiles, stop, catch_up):
                catch_up = True  # what changed with the unreadable name is not known: build it all
        except KeyboardInterrupt:  # Ctrl-C is how a watch ends: say so, in the user's language
            if self.target.exists():
                self.reporter.status(word("watch.stopped", path=self.target), event="stopped")
            else:
                self.reporter.status(word("watch.stopped_none"), event="stopped")
        finally:
            if not frozen:
                gc.unfreeze()  # a watch run in a longer-lived process leaves its collector as it was
        return 0


def watch(content: Path | str, out: Path | str, reporter: Reporter, edition: str = "print",
          stop: threading.Event | None = None) -> int:
    return Watcher(content, out, reporter, edition).run(stop)
