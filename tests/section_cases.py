"""Content for the newer section types at both ends of what the model accepts: the fewest
items with the shortest text, and the most items with the longest text allowed. Each case is
a complete brochure (the ``brochure new`` sample with its new-type sections replaced), so it
builds and can be looked at as a whole."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from brochure.content import model
from brochure.starter import new_brochure

SCHEMA = "# yaml-language-server: $schema=../../schema/section.schema.json\n"

# A sentence of ordinary Japanese (with a Latin word and digits), cut to any length.
PROSE = ("デジタルの力で市民の手続きを簡単にするため、私たちは各課の職員と話し合いながら、"
         "使う人の立場に立ってサービスを設計し、APIやクラウドを活用して2年ごとに仕組みを見直しています。")


def text(n: int, start: int = 0) -> str:
    """``n`` characters of prose (distinct starts give distinct texts), ending in 。"""
    body = (PROSE * (n // len(PROSE) + 2))[start:start + n - 1]
    return body + "。"


def limit(cls, field: str) -> int:
    """The model's max_length of a field (so the long case follows the model)."""
    for meta in cls.model_fields[field].metadata:
        if getattr(meta, "max_length", None):
            return meta.max_length
    raise KeyError(field)


def _numbered(s: str, i: int, n: int) -> str:
    """A text of at most ``n`` characters that starts with its index (so each is unique)."""
    head = f"{i + 1}."
    return (head + s)[:n]


def long_sections(rows: int = 30, questions: int = 30, items: int = 20) -> dict[str, dict]:
    """Every field at its longest and every list at its longest; ``rows`` and ``questions``
    (conditions, faq) and ``items`` (schedule) may be fewer, to keep a test's PDF small: those
    continue anyway."""
    F, SI, CS, CR, FS, Q, B = (model.Figure, model.ScheduleItem, model.CareerStep, model.ConditionRow,
                              model.FlowStep, model.Question, model.Benefit)
    figure = lambda i: {"value": (f"{i + 1}" * 2 + "2021年4月")[: limit(F, "value")],
                        "unit": "千人（延べ）"[: limit(F, "unit")], "label": _numbered(text(60, i), i, limit(F, "label")),
                        "note": _numbered(text(120, i + 3), i, limit(F, "note")),
                        "source": _numbered(text(90, i + 5), i, limit(F, "source"))}
    return {
        "figures": {"type": "figures", "heading": "数字で見る（長い見本）", "lead": text(120),
                    "figures": [figure(i) for i in range(8)]},
        "schedule": {"type": "schedule", "heading": "1日の流れ（長い見本）", "lead": text(300),
                     "person": {"name": "長谷川 真由美", "reading": "はせがわ まゆみ", "role": text(60)},
                     "photo": {"file": "photos/schedule.jpg", "alt": "打ち合わせの様子（見本写真）",
                               "caption": "打ち合わせの様子"},
                     "items": [{"time": f"{8 + i // 2}:{'30' if i % 2 else '00'}〜{9 + i // 2}:00",
                                "activity": _numbered(text(60, i), i, limit(SI, "activity")),
                                "detail": _numbered(text(300, i), i, limit(SI, "detail"))} for i in range(items)],
                     "note": text(200)},
        "career": {"type": "career", "heading": "キャリアパス（長い見本）", "lead": text(300),
                   "steps": [{"period": f"入庁{i + 1}〜{i + 3}年目（係員級）"[: limit(CS, "period")],
                              "title": _numbered(text(40, i), i, limit(CS, "title")),
                              "description": _numbered(text(300, i), i, limit(CS, "description"))}
                             for i in range(8)],
                   "note": text(200)},
        "conditions": {"type": "conditions", "heading": "募集要項（長い見本）", "lead": text(300),
                       "rows": [{"item": _numbered("応募資格・必要な経験", i, limit(CR, "item")),
                                 "detail": "\n".join(_numbered(text(124, i + k), i, 124) for k in range(4))}
                                for i in range(rows)],
                       "note": text(300)},
        "flow": {"type": "flow", "heading": "選考フロー（長い見本）", "lead": text(150),
                 "steps": [{"name": _numbered("オンラインでの一次面接と適性検査", i, limit(FS, "name")),
                            "note": _numbered(text(100, i), i, limit(FS, "note"))} for i in range(8)],
                 "note": text(150)},
        "faq": {"type": "faq", "heading": "よくある質問（長い見本）", "lead": text(300),
                "questions": [{"question": _numbered(text(200, i), i, limit(Q, "question")),
                               "answer": "\n\n".join(_numbered(text(198, i + k), i, 198) for k in range(3))}
                              for i in range(questions)]},
        "benefits": {"type": "benefits", "heading": "働き方・福利厚生（長い見本）", "lead": text(300),
                     "items": [{"name": _numbered("フレックスタイム制度と時差出勤", i, limit(B, "name")),
                                "description": _numbered(text(200, i), i, limit(B, "description")),
                                "figure": {"label": "年間の取得日数", "value": "120", "unit": "日以上"}}
                               for i in range(12)],
                     "note": text(300)},
    }


def short_sections() -> dict[str, dict]:
    return {
        "figures": {"type": "figures", "figures": [{"value": "1", "label": "ひとつ"}]},
        "schedule": {"type": "schedule", "items": [{"time": "9:00", "activity": "朝会"},
                                                   {"time": "17:00", "activity": "退庁"}]},
        "career": {"type": "career", "steps": [{"period": "1年目", "description": "研修。"},
                                               {"period": "2年目", "description": "配属。"}]},
        "conditions": {"type": "conditions", "rows": [{"item": "職種", "detail": "ICT職"}]},
        "flow": {"type": "flow", "steps": [{"name": "応募"}, {"name": "面接"}, {"name": "内定"}]},
        "faq": {"type": "faq", "questions": [{"question": "応募できますか？", "answer": "はい。"}]},
        "benefits": {"type": "benefits", "items": [{"name": "休暇", "description": "あります。"}]},
    }


def long_text_body(parts: int = 8) -> str:
    return "\n\n".join(f"## 見出し{i + 1}：{text(20, i)}\n\n" + "\n\n".join(text(220, i + k) for k in range(4))
                       for i in range(parts))


NEW_TYPES_ONLY = ["sections/cover.yaml", *(f"sections/{t}.yaml" for t in (
    "figures", "schedule", "career", "benefits")), "sections/text.md", *(f"sections/{t}.yaml" for t in (
    "conditions", "flow", "faq", "apply", "back-cover"))]


def make_case(dest: Path, case: str, today: dt.date = dt.date(2026, 4, 1), only_new: bool = False,
              text_parts: int = 8, **counts) -> Path:
    """A complete brochure in ``dest``: the ``brochure new`` sample, the new-type sections
    replaced by the ``case`` ("short" or "long") versions; ``only_new`` leaves out the older
    section types (but the cover, the apply page and the back cover)."""
    new_brochure(dest, today=today)
    sections = long_sections(**counts) if case == "long" else short_sections()
    if only_new:
        main = dest / "brochure.yaml"
        text_ = main.read_text(encoding="utf-8")
        head = text_[: text_.index("sections:\n")]
        main.write_text(head + "sections:\n" + "".join(f"  - {s}\n" for s in NEW_TYPES_ONLY), encoding="utf-8")
    for name, data in sections.items():
        (dest / "sections" / f"{name}.yaml").write_text(
            SCHEMA + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    text_md = dest / "sections" / "text.md"
    if case == "long":
        front = {"type": "text", "heading": "自由なページ（長い見本）", "lead": text(300),
                 "photo": {"file": "photos/text.jpg", "alt": "街並み（見本写真）", "caption": "街並み"}}
        body = long_text_body(text_parts)
    else:
        front, body = {"type": "text", "heading": "短いページ"}, "本文。\n"
    text_md.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body,
                       encoding="utf-8")
    return dest
