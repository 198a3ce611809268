"""Run the brochure CLI on many cases in one process, watching what it touches.

    python tests/audit_runner.py CASES.json RESULTS.json

CASES.json is a list of ``{"id", "argv", "allowed": [folders]}``; ``argv`` goes to
``brochure.cli.main``. A ``sys.addaudithook`` hook records, per case, every file opened outside
the allowed folders (the case's content and output folders, the tool's own styles/fonts and
code, the Python installation) and every socket, network or subprocess event. RESULTS.json
gets, per case: exit status, stdout, stderr (with a traceback if one escaped), violations.

One process for all cases keeps the corpus fast: Python, pydantic and (for the cases that
render) WeasyPrint are imported once.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import sysconfig
import tempfile
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NETWORK_EVENTS = ("socket.", "urllib.Request", "http.client.", "ftplib.", "smtplib.", "ssl.")
PROCESS_EVENTS = ("subprocess.Popen", "os.system", "os.posix_spawn", "os.exec", "os.fork", "pty.spawn")

_state = {"active": False, "allowed": (), "violations": [], "inside": False, "fork_ok": False,
          "parent": os.getpid(), "child_log": None}


# Everything in this process, where the hook sees it: no photo workers, no forked editions.
os.environ["BROCHURE_JOBS"] = "1"


def _tool_roots() -> list[str]:
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
             *sysconfig.get_paths().values(), str(ROOT / "brochure"), str(ROOT / "styles"),
             str(ROOT / "fonts"),
             os.environ.get("BROCHURE_CACHE_DIR", "")}  # the tool's derived files (conftest sets it)
    return sorted({os.path.realpath(r) for r in roots if r})


TOOL_ROOTS = _tool_roots()


# WeasyPrint hands the @font-face data it fetched (from fonts/) to fontconfig through files in
# a private temporary folder of its own: those are the tool's fonts, not something read.
WEASYPRINT_TMP = os.path.join(os.path.realpath(tempfile.gettempdir()), "weasyprint-")


def _allowed(path: str) -> bool:
    real = os.path.realpath(path)
    if real.startswith(WEASYPRINT_TMP):
        return True
    return any(real == r or real.startswith(r.rstrip("/") + "/") for r in _state["allowed"])


def _hook(event: str, args: tuple) -> None:
    if not _state["active"] or _state["inside"]:
        return
    _state["inside"] = True  # realpath below must not recurse into the hook
    try:
        if event == "open":
            path = args[0]
            if isinstance(path, bytes):
                path = os.fsdecode(path)
            if isinstance(path, (str, os.PathLike)) and not _allowed(os.fspath(path)):
                _violation(f"open {os.fspath(path)}")
        elif event == "os.fork" and _state["fork_ok"]:
            pass  # the tool's own worker processes (personalize's pool): watched as well, below
        elif event.startswith(NETWORK_EVENTS) or event.startswith(PROCESS_EVENTS):
            _violation(f"{event} {str(args)[:200]}")
    finally:
        _state["inside"] = False


def _violation(text: str) -> None:
    """Recorded in this process; a forked worker (which inherits the hook) appends it to the
    case's log file instead, read back by the parent when the case ends."""
    if os.getpid() == _state["parent"]:
        _state["violations"].append(text)
    elif _state["child_log"] is not None:
        os.write(_state["child_log"], (text.replace("\n", " ") + "\n").encode("utf-8", "replace"))


def _render_html(case: dict) -> int:
    """Give HTML straight to the renderer (with the build's fetcher): 0 if a PDF was made."""
    from brochure.errors import BrochureError
    from brochure.paths import FONTS, STYLES
    from brochure.render.pdf import render_pdf

    root = Path(case["allowed"][0])
    try:
        render_pdf(case["html"], root, [root, STYLES, FONTS], cache=root / ".cache")
    except BrochureError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_status
    return 0


def run_case(case: dict) -> dict:
    from brochure.cli import main

    out, err = io.StringIO(), io.StringIO()
    _state["allowed"] = tuple(TOOL_ROOTS + [os.path.realpath(p) for p in case["allowed"]])
    _state["violations"] = []
    _state["fork_ok"] = bool(case.get("fork_ok"))
    log = tempfile.NamedTemporaryFile(prefix="audit-children-", delete=False)  # before watching
    _state["child_log"] = os.open(log.name, os.O_WRONLY | os.O_APPEND)
    log.close()
    _state["active"] = True
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                if "exec" in case:  # canaries: prove that the hook sees what it must report
                    exec(case["exec"], {})
                    status = 0
                else:
                    status = _render_html(case) if "html" in case else main(case["argv"])
            except SystemExit as exc:  # argparse
                status = exc.code if isinstance(exc.code, int) else 1
            except BaseException:  # noqa: BLE001 - what escaped the CLI is the finding
                traceback.print_exc(file=err)
                status = "exception"
    finally:
        _state["active"] = False
        os.close(_state["child_log"])
        _state["child_log"] = None
        children = Path(log.name).read_text(encoding="utf-8").splitlines()
        os.unlink(log.name)
        _state["violations"] += [f"(worker) {line}" for line in children]
    return {"id": case["id"], "status": status, "stdout": out.getvalue(), "stderr": err.getvalue(),
            "violations": list(dict.fromkeys(_state["violations"]))}


def main() -> int:
    cases = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    # Load the tool and its libraries before watching: that is not what a case does. (Importing
    # WeasyPrint runs ctypes' find_library, i.e. ldconfig/gcc, and mimetypes reads
    # /etc/mime.types: the same for every build, whatever the content.)
    import mimetypes

    import weasyprint  # noqa: F401

    import brochure.build  # noqa: F401
    import brochure.cli  # noqa: F401
    import brochure.render.fetcher  # noqa: F401

    mimetypes.init()

    sys.addaudithook(_hook)
    results = [run_case(case) for case in cases]
    Path(sys.argv[2]).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
