"""The preview's web server and session: rebuild on every save, render the pages, check them.

One thread watches and rebuilds (the :class:`~brochure.watch.Watcher` of ``brochure watch``),
then renders the pages to PNG and publishes a new state; the page in the browser gets it by
server-sent events (``/events``) and updates itself. ``check`` runs after each build in a
worker process (its own pdfium, no lock with the renderer), on a snapshot of that build's PDF;
its findings join the state when they belong to the build shown. A failed rebuild publishes its
error lines and keeps the last good pages. The server listens on 127.0.0.1 only and answers
only requests addressed to it by that name (no other site can read it through DNS tricks).
"""

from __future__ import annotations

import json
import multiprocessing
import queue
import shutil
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .. import tempfolders
from ..errors import BrochureError
from ..messages import WORDS, language, msg, os_reason, word
from ..progress import Reporter
from .pages import PageImage, render_pages, spreads
from .plan import plan_of

STATIC = Path(__file__).resolve().parent / "static"
HOST = "127.0.0.1"
HEARTBEAT = 15.0  # seconds between keep-alive comments on /events


def _check_worker(jobs, results) -> None:
    """The worker process: for each (build, content, out, pdf, lang) job, every check on that
    build's PDF; puts (build, findings as dicts in ``lang`` or None, error line)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the preview to handle
    # Stopped (terminate) in the middle of a check: unwind, so that the check's temporary
    # folders go (Ghostscript's separations; WeasyPrint's fonts: brochure.tempfolders).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        _check_jobs(jobs, results)
    finally:
        tempfolders.remove_own()


def _check_jobs(jobs, results) -> None:
    from ..build import prepare
    from ..check.report import verdict
    from ..check.run import check_pdf
    from ..messages import set_language

    while True:
        job = jobs.get()
        if job is None:
            return
        build, content, out, pdf, lang = job
        set_language(lang)
        try:
            prepared = prepare(content, out)
            findings = check_pdf(prepared, Path(pdf))
            said = verdict(findings)
            kind = said.key.removeprefix("verdict.")  # errors | samples | ready
            results.put((build, [f.as_dict() for f in findings], (said.text(), kind), ""))
        except BrochureError as exc:  # e.g. the content changed since and no longer validates
            results.put((build, None, ("", ""), str(exc).splitlines()[0]))
        except Exception as exc:  # a bug in a check must not stop the preview
            results.put((build, None, ("", ""), word("internal", detail=f"{type(exc).__name__}: {exc}"[:200])))


@dataclass
class State:
    """What the page shows; every change bumps ``version`` and is pushed to the browsers."""

    version: int = 0
    build: int = 0  # successful builds so far
    status: str = "building"  # building | checking | ready | failed
    time: str = ""
    pages: list[PageImage] = field(default_factory=list)
    plan: list[dict] = field(default_factory=list)
    findings: list[dict] | None = None  # None while checking
    findings_build: int = 0
    errors: list[str] = field(default_factory=list)  # of the last rebuild, when it failed
    check_error: str = ""  # when check could not run on the build shown
    verdict: tuple[str, str] = ("", "")  # check's last word and its kind (errors, samples, ready)
    pdf: bytes = b""

    def as_json(self) -> str:
        return json.dumps({
            "version": self.version, "build": self.build, "status": self.status, "time": self.time,
            "pages": [p.as_dict() for p in self.pages], "spreads": spreads(len(self.pages)),
            "plan": self.plan, "findings": self.findings, "findings_build": self.findings_build,
            "errors": self.errors, "check_error": self.check_error,
            "verdict": self.verdict[0], "verdict_kind": self.verdict[1], "pdf": f"/brochure-print.pdf?build={self.build}" if self.pdf else None,
        }, ensure_ascii=False)


class Session:
    """One preview: the watcher, the current state, the check worker."""

    def __init__(self, content: Path | str, out: Path | str, reporter: Reporter) -> None:
        from ..watch import Watcher

        self.watcher = Watcher(content, out, reporter, edition="print")
        self.state = State()
        self.changed = threading.Condition()
        self.closed = False
        self._images: dict[str, bytes] = {}
        self._snapshots = Path(tempfile.mkdtemp(prefix="brochure-preview-"))
        # Checks run in a process of their own (spawned: no threads or pdfium state inherited).
        context = multiprocessing.get_context("spawn")
        self._jobs, self._results = context.Queue(), context.Queue()
        self._worker = context.Process(target=_check_worker, args=(self._jobs, self._results),
                                       name="brochure-preview-check", daemon=True)
        # The worker ignores Ctrl-C from its first instruction on (inherited: the terminal sends
        # SIGINT to the whole process group, and the preview stops the worker itself).
        try:
            previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        except ValueError:  # not the main thread: signals are not ours to change
            previous = None
        try:
            self._worker.start()
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)
        threading.Thread(target=self._receive, name="preview-check-results", daemon=True).start()
        self._checking: int | None = None  # the build being checked
        self._pending: int | None = None  # the latest build waiting for its check
        self._lock = threading.Lock()

    # -- state -------------------------------------------------------------------------------
    def publish(self, **changes) -> None:
        with self.changed:
            for name, value in changes.items():
                setattr(self.state, name, value)
            self.state.version += 1
            self.state.time = time.strftime("%H:%M:%S")
            self.changed.notify_all()

    def wait(self, version: int, timeout: float) -> State:
        with self.changed:
            self.changed.wait_for(lambda: self.state.version != version or self.closed, timeout)
            return self.state

    def image(self, digest: str) -> bytes | None:
        return self._images.get(digest)

    # -- building ----------------------------------------------------------------------------
    def rebuild(self, changed: list[str] = ()) -> None:
        from ..watch import settle

        self.publish(status="building")
        built = self.watcher.rebuild(list(changed))
        settle()  # the rebuild's garbage (brochure/watch.py)
        if not built:
            self.publish(status="failed", errors=self.watcher.last_errors)
            return
        data, prepared = self.watcher.last_data, self.watcher.last_prepared
        pages = render_pages(data)
        # This build's pages and the last ones (a browser may still be fetching those).
        self._images = {p.digest: p.png for p in self.state.pages} | {p.digest: p.png for p in pages}
        plan = [entry.as_dict() for entry in plan_of(prepared.brochure, data, len(pages))]
        build = self.state.build + 1
        self.publish(status="checking", build=build, pages=pages, plan=plan, errors=[], pdf=data,
                     findings=None, check_error="", verdict=("", ""))
        snapshot = self._snapshots / f"build-{build}.pdf"
        snapshot.write_bytes(data)
        self._schedule(build)

    def _schedule(self, build: int) -> None:
        with self._lock:
            if self._checking is not None:
                self._pending = build  # checked when the running check ends
                return
            self._checking = build
        self._jobs.put((build, str(self.watcher.content), str(self.watcher.out),
                        str(self._snapshots / f"build-{build}.pdf"), language()))

    def _receive(self) -> None:
        while not self.closed:
            try:
                build, findings, said, error = self._results.get(timeout=0.5)
            except queue.Empty:
                continue
            except (EOFError, OSError, ValueError):
                return
            self._checked(build, findings, said, error)

    def _checked(self, build: int, findings: list[dict] | None, said: tuple[str, str], error: str) -> None:
        (self._snapshots / f"build-{build}.pdf").unlink(missing_ok=True)
        if build == self.state.build and not self.closed:  # else a newer build is being checked
            status = "ready" if self.state.status == "checking" else self.state.status
            self.publish(status=status, findings=findings or [], findings_build=build, check_error=error,
                         verdict=said)
        with self._lock:
            self._checking = None
            pending, self._pending = self._pending, None
        if pending is not None and not self.closed:
            self._schedule(pending)

    def run(self, stop: threading.Event | None = None) -> None:
        import watchfiles

        from ..watch import _relevant

        self.rebuild()
        for changes in watchfiles.watch(*self.watcher.watched(), stop_event=stop, step=30, raise_interrupt=True):
            paths = sorted({p for _, p in changes if _relevant(p, self.watcher.out)})
            if paths:
                self.rebuild(paths)

    def close(self) -> None:
        with self.changed:
            self.closed = True
            self.changed.notify_all()
        self._worker.terminate()
        self._worker.join(timeout=5)
        shutil.rmtree(self._snapshots, ignore_errors=True)


# -- the web server ---------------------------------------------------------------------------

def _ui_font(bold: bool) -> Path | None:
    """The bundled Gothic for the page's own text: Japanese shows even on a machine without
    Japanese system fonts, and nothing is fetched from the network."""
    from ..paths import FONTS

    weight = "Bold" if bold else "Regular"
    found = sorted(FONTS.glob(f"*Gothic*-{weight}.[ot]tf")) or sorted(FONTS.glob(f"*-{weight}.[ot]tf"))
    return found[0] if found else None


def _page_words() -> dict[str, str]:
    lang = language()  # templates: the page fills in {time}, {pages}, … itself
    return {key: texts[lang] for key, texts in WORDS.items() if key.startswith(("preview.", "severity."))}


def _index_html() -> bytes:
    template = (STATIC / "index.html").read_text(encoding="utf-8")
    words = json.dumps(_page_words(), ensure_ascii=False).replace("</", "<\\/")
    return (template.replace("{{lang}}", language()).replace("{{title}}", word("preview.title"))
            .replace("{{words}}", words)).encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    session: Session  # set on the server's handler class
    allowed_hosts: set[str]
    protocol_version = "HTTP/1.1"
    STATIC_FILES = {"/preview.js": "text/javascript; charset=utf-8", "/preview.css": "text/css; charset=utf-8"}

    def log_message(self, format, *args) -> None:  # the console shows the builds, not the requests
        pass

    def _send(self, status: int, body: bytes, kind: str, cache: str = "no-store") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        if self.headers.get("Host", "") not in self.allowed_hosts:
            self._send(HTTPStatus.MISDIRECTED_REQUEST, b"", "text/plain")
            return
        path = self.path.split("?", 1)[0]
        if path == "/":
            self._send(HTTPStatus.OK, _index_html(), "text/html; charset=utf-8")
        elif path in self.STATIC_FILES:
            self._send(HTTPStatus.OK, (STATIC / path[1:]).read_bytes(), self.STATIC_FILES[path])
        elif path in ("/ui-font/regular.ttf", "/ui-font/bold.ttf"):
            font = _ui_font(path.endswith("bold.ttf"))
            if font is None:
                self._send(HTTPStatus.NOT_FOUND, b"", "text/plain")
            else:
                self._send(HTTPStatus.OK, font.read_bytes(), "font/ttf", cache="max-age=86400")
        elif path == "/state.json":
            self._send(HTTPStatus.OK, self.session.state.as_json().encode("utf-8"), "application/json")
        elif path.startswith("/page/") and path.endswith(".png"):
            png = self.session.image(path[len("/page/"):-len(".png")])
            if png is None:
                self._send(HTTPStatus.NOT_FOUND, b"", "text/plain")
            else:
                self._send(HTTPStatus.OK, png, "image/png", cache="max-age=3600, immutable")
        elif path == "/brochure-print.pdf" and self.session.state.pdf:
            self._send(HTTPStatus.OK, self.session.state.pdf, "application/pdf")
        elif path == "/events":
            self._events()
        else:
            self._send(HTTPStatus.NOT_FOUND, b"", "text/plain")

    def _events(self) -> None:
        """Server-sent events: the whole state each time it changes (it is small)."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        version = -1
        try:
            while not self.session.closed:
                state = self.session.wait(version, HEARTBEAT)
                if state.version != version:
                    version = state.version
                    self.wfile.write(f"data: {state.as_json()}\n\n".encode("utf-8"))
                else:
                    self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True


def serve(session: Session, port: int) -> ThreadingHTTPServer:
    """Start the server in a thread; raises BrochureError when the port cannot be opened."""
    try:
        server = ThreadingHTTPServer((HOST, port), Handler)
    except OSError as exc:
        raise BrochureError(msg("preview.port", port=port, reason=os_reason(exc))) from None
    server.daemon_threads = True
    bound = server.server_address[1]
    handler = type("SessionHandler", (Handler,), {
        "session": session, "allowed_hosts": {f"{HOST}:{bound}", f"localhost:{bound}"}})
    server.RequestHandlerClass = handler
    threading.Thread(target=server.serve_forever, name="preview-http", daemon=True).start()
    return server


def preview(content: Path | str, out: Path | str, port: int = 8000, reporter: Reporter | None = None,
            stop: threading.Event | None = None) -> int:
    reporter = reporter or Reporter("rich")
    session = Session(content, out, reporter)
    try:
        server = serve(session, port)
    except BrochureError:
        session.close()
        raise
    url = f"http://{HOST}:{server.server_address[1]}/"
    try:  # from the line that says Ctrl-C stops it on: a Ctrl-C right after it stops cleanly
        reporter.status(word("preview.serving", url=url), event="serving", url=url)
        session.run(stop)
    except KeyboardInterrupt:
        pass
    finally:
        session.close()
        server.shutdown()
        server.server_close()
    reporter.status(word("preview.stopped"), event="stopped")
    return 0
