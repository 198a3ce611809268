"""``brochure new DIR``: a complete new brochure that builds at once, or next year's brochure
copied from this year's (``--from``).

The new brochure is the files under ``starter/sample/`` (brochure.yaml and one section file of
every type, each field with a Japanese comment above it, every value obviously fictional and
every file marked ``sample: true``) and sample photos generated on the spot
(:mod:`brochure.assets.placeholders`, stamped "SAMPLE 見本写真").

``--from SRC`` copies a content folder as it is (text, photos and every other file), then
resets what must be looked at again for a new edition:

- dates: ``as_of`` and ``date`` in brochure.yaml and ``as_of`` of an organisation chart become
  the day of the copy;
- sample markers: every file (brochure.yaml and each section) is marked ``sample: true``,
  so ``brochure check`` lists each one until it has been reviewed and the marker removed.
  Links and org-chart names keep their own ``sample`` markers.

Nothing is ever overwritten: the target folder must not exist or be empty. The files are
written into a temporary folder beside it and moved into place at the end, so an interruption
leaves no half-made brochure.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from pathlib import Path

from ..errors import ContentError, ContentErrors, InternalError
from ..paths import ROOT

SAMPLE = Path(__file__).resolve().parent / "sample"
SCHEMA_DIR = ROOT / "schema"
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S*?)(brochure|section)\.schema\.json$", re.M)

# Sample photos: file, kind of placeholder, pixels (≥ 350 dpi at the size placed), stamp.
PHOTOS = [
    ("photos/cover.jpg", "city", (3000, 4260), "表紙 キービジュアル"),
    ("photos/portrait-message.jpg", "portrait", (2000, 2500), "メッセージ 肖像"),
    ("photos/portrait-interview.jpg", "portrait", (2400, 3000), "インタビュー 肖像"),
    ("photos/schedule.jpg", "office", (1500, 1000), "1日の流れ"),
    ("photos/text.jpg", "city", (2600, 1734), "自由なページ"),
    ("photos/office-1.jpg", "office", (2600, 1734), "オフィス1"),
    ("photos/office-2.jpg", "office", (1200, 800), "オフィス2"),
    ("photos/office-3.jpg", "office", (1200, 800), "オフィス3"),
    ("photos/office-4.jpg", "office", (1200, 800), "オフィス4"),
]

REVIEW_COMMENT = "# 前年の内容から作りました（brochure new --from）。見直したら次の行を消してください"


def _check_target(dest: Path) -> None:
    if dest.exists() and not dest.is_dir():
        raise ContentErrors([ContentError.of(str(dest), "new.not_folder")])
    if dest.is_dir() and any(dest.iterdir()):
        raise ContentErrors([ContentError.of(str(dest), "new.not_empty")])


def _schema_path(file: Path, root: Path, dest: Path) -> str:
    """The schema folder relative to where ``file`` will be (``root`` is the temporary copy)."""
    final_dir = dest / file.parent.relative_to(root)
    return Path(os.path.relpath(SCHEMA_DIR, final_dir)).as_posix() + "/"


def _point_schema(root: Path, dest: Path) -> None:
    for file in root.rglob("*.y*ml"):
        text = file.read_text(encoding="utf-8")
        new = SCHEMA_LINE.sub(lambda m: f"# yaml-language-server: $schema={_schema_path(file, root, dest)}"
                                        f"{m[2]}.schema.json", text)
        if new != text:
            file.write_text(new, encoding="utf-8")


def _write_sample(root: Path, today: dt.date) -> None:
    from ..assets.placeholders import make_placeholder

    for source in sorted(SAMPLE.rglob("*")):
        if source.is_file():
            target = root / source.relative_to(SAMPLE)
            target.parent.mkdir(parents=True, exist_ok=True)
            text = source.read_text(encoding="utf-8").replace("TODAY", today.isoformat())
            text = text.replace("$schema=SCHEMA/", "$schema=../schema/")  # pointed properly below
            target.write_text(text, encoding="utf-8")
    for seed, (name, kind, size, label) in enumerate(PHOTOS):
        make_placeholder(root / name, kind, size, label, seed)


def _ignore(folder: str, names: list[str]) -> set[str]:
    return {n for n in names if n.startswith(".") or n == "__pycache__"}


def _front_matter_end(text: str) -> int | None:
    """Offset of the line that closes a Markdown file's front matter."""
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 3)
    if end < 0 and text.endswith("\n---"):
        end = len(text) - 4
    return end + 1 if end >= 0 else None


def _reset_yaml(text: str, today: dt.date, dates: tuple[str, ...]) -> str:
    """Top-level dates set to ``today``, ``sample: true`` set or added (comments kept)."""
    for key in dates:
        text = re.sub(rf"^{key}:[ \t]*[^\n#]*", f"{key}: {today.isoformat()}", text, flags=re.M)
    if re.search(r"^sample:", text, flags=re.M):
        return re.sub(r"^sample:[ \t]*[^\n#]*", "sample: true", text, flags=re.M)
    return text.rstrip("\n") + f"\n{REVIEW_COMMENT}\nsample: true\n"


def _reset(root: Path, today: dt.date) -> None:
    from ..content.load import MAIN_FILE
    from ..content.source import read_source

    main = root / MAIN_FILE
    main.write_text(_reset_yaml(main.read_text(encoding="utf-8"), today, ("as_of", "date")), encoding="utf-8")
    sections = read_source(main, MAIN_FILE).data.get("sections") or []
    for rel in dict.fromkeys(sections):
        path = root / rel
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() == ".md":
            end = _front_matter_end(text)
            if end is None:
                continue
            front = _reset_yaml(text[4:end], today, ("as_of",))
            text = "---\n" + front + text[end:]
        else:
            text = _reset_yaml(text, today, ("as_of",))
        path.write_text(text, encoding="utf-8")


def new_brochure(dest: Path | str, source: Path | str | None = None,
                 today: dt.date | None = None) -> list[Path]:
    """Write a new brochure into ``dest`` (see the module doc); returns the files written."""
    from ..content.load import MAIN_FILE, load_brochure

    dest = Path(dest).absolute()
    today = today or dt.date.today()
    _check_target(dest)
    if source is not None:
        source = Path(source).resolve()
        if not (source / MAIN_FILE).is_file():
            raise ContentErrors([ContentError.of(str(source), "new.from_missing")])
        load_brochure(source)  # a broken brochure is reported as such, not copied
        if dest == source or dest.is_relative_to(source):
            raise ContentErrors([ContentError.of(str(dest), "new.inside_source")])
    dest.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".new", dir=dest.parent))
    try:
        root = work / "brochure"
        if source is None:
            _write_sample(root, today)
        else:
            shutil.copytree(source, root, ignore=_ignore, symlinks=False)
            _reset(root, today)
        _point_schema(root, dest)
        try:
            load_brochure(root)
        except ContentErrors as exc:  # what we wrote must build: anything else is our bug
            raise InternalError(f"the new brochure does not validate: {exc.errors[0].format('en')}") from None
        _check_target(dest)  # still empty (nothing appeared meanwhile)
        if dest.is_dir():
            dest.rmdir()
        os.replace(root, dest)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return sorted(p for p in dest.rglob("*") if p.is_file())
