"""Run ``brochure build`` (or ``personalize``) and get interrupted (SIGINT) at a chosen moment.

    python tests/interrupt_runner.py MOMENT -- build --content DIR --out DIR

MOMENT:
  layout   print "RENDERING" once WeasyPrint loads the fonts (layout has begun); the test
           process then sends SIGINT from outside, as Ctrl-C in a terminal would.
  photos   send SIGINT to its whole process group (as Ctrl-C in a terminal does: the build and
           its photo workers) when a fitted photo's temporary cache file is opened; the
           caller starts it in a process group of its own.
  writing  send SIGINT to itself when the last PDF's temporary file is opened (the worst
           moment: the other editions' temporary files are written, none renamed yet).
  fork     (personalize) send SIGINT to itself as the batch forks its second worker process:
           the pool is starting, one worker runs, the next is being made.
  finishing (personalize) send SIGINT to itself when the manifest's temporary file is opened:
           every row is done, the last files are being written.
  row-writing (personalize) a worker process sends SIGINT to the whole process group (as
           Ctrl-C in a terminal does) when it opens the temporary file of a row's PDF, and
           goes on writing slowly (as on a slow disk): the batch stops while a PDF is half
           written.
  twice    (personalize) as row-writing, and Ctrl-C is pressed again as the batch cleans up
           after its workers (SIGINT to itself when it lists a folder after killing them).
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    moment = sys.argv[1]
    argv = sys.argv[sys.argv.index("--") + 1:]
    fonts = str(ROOT / "fonts")
    fired, opened = [], []
    editions = 2 if argv[argv.index("--edition") + 1] == "all" else 1
    forks = []
    parent = os.getpid()

    def hook(event: str, args: tuple) -> None:
        if moment == "twice" and os.getpid() == parent and event in ("os.kill", "os.listdir"):
            if event == "os.kill" and args[1] == signal.SIGKILL:
                forks.append("killed")  # the parent stops its workers
            elif event == "os.listdir" and "killed" in forks and "again" not in forks:  # and looks
                # for what they left:
                forks.append("again")  # the user presses Ctrl-C again
                os.kill(os.getpid(), signal.SIGINT)
            return
        if os.getpid() != parent and moment not in ("photos", "row-writing", "twice"):  # a forked worker
            return  # inherits the hook: only the parent fires (but photos and rows are made in workers)
        if event == "os.fork" and moment == "fork" and not fired:
            forks.append(1)
            if len(forks) == 2:
                fired.append("fork")
                os.kill(os.getpid(), signal.SIGINT)
            return
        if event in ("os.chmod", "fcntl.flock") and moment in ("row-writing", "twice") and opened and not fired:
            fired.append(opened[0])  # the row's temporary PDF exists now (files.write_temp locks it)
            print("FIRED True", flush=True)  # from the worker writing the PDF
            os.killpg(os.getpgrp(), signal.SIGINT)
            time.sleep(1.0)  # still writing when the parent stops the batch
            return
        if event != "open" or fired or not isinstance(args[0], (str, os.PathLike)):
            return
        path = os.fspath(args[0])
        if moment == "layout" and path.startswith(fonts):
            fired.append(path)
            print("RENDERING", flush=True)
        elif moment == "photos" and "/photos/." in path and path.endswith(".tmp"):
            fired.append(path)
            print("FIRED True", flush=True)  # from the worker process that fits the photo
            os.killpg(os.getpgrp(), signal.SIGINT)
        elif moment in ("row-writing", "twice") and os.getpid() != parent and ".pdf." in path and path.endswith(".tmp"):
            opened.append(path)  # an audit event comes before the file exists: fire at its chmod
        elif moment == "finishing" and os.path.basename(path).startswith(".manifest.csv.") and path.endswith(".tmp"):
            fired.append(path)
            os.kill(os.getpid(), signal.SIGINT)
        elif moment == "writing" and os.path.basename(path).startswith(".brochure-") and path.endswith(".tmp"):
            opened.append(path)
            if len(opened) == editions:
                fired.append(path)
                os.kill(os.getpid(), signal.SIGINT)

    from brochure.cli import main as cli_main

    sys.addaudithook(hook)
    status = cli_main(argv)
    if moment != "photos":
        print(f"FIRED {bool(fired)}", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
