"""Seeded brochures of every shape the content format accepts, for the property tests.

``generate(seed, dest)`` writes a content folder: every list count is drawn from its minimum
to its maximum (projects 1–12, office photos 1–8, interviews 0–6 of 1–8 questions, figures
0–8, links 1–6, org charts up to 40 boxes and 5 levels, functions and pillars 1–6; and, each
with probability ½, the newer types: figures 1–8, schedule items 2–12, career steps 2–8,
conditions rows 1–30, flow steps 3–8, FAQ 1–30, a text page, benefits 1–12) and every
text from one line to three times the sample's length, from sentences of the sample itself
with Latin words, numbers and long URLs mixed in. The photos are the sample's placeholders.
``items(seed)`` lists the texts that must appear in the PDF.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "content"

# Sentences of the sample (its own words, so the characters are those of real content).
_TEXT = "".join(p.read_text(encoding="utf-8").split("---")[-1] for p in (SAMPLE / "sections").glob("*.md"))
SENTENCES = [s + "。" for s in re.split(r"。", re.sub(r"\s+|#+|※|\{([^|}]*)\|[^}]*\}", r"\1", _TEXT)) if len(s) > 8]
LATIN = ["Kubernetes", "SRE", "GitHub Actions", "API", "DX", "UI/UX", "SaaS", "Python 3.12", "5G", "IoT"]
WORDS = ["デジタル", "サービス", "プロジェクト", "データ", "基盤", "推進", "企画", "開発", "運用", "改革",
         "スマートシティ", "ネットワーク", "セキュリティ", "アクセシビリティ", "都市", "行政", "東京", "交通"]
PHOTOS = ["office-1.jpg", "office-2.jpg", "office-3.jpg", "office-4.jpg"]
PORTRAITS = ["hirai.jpg", "kameyama.jpg", "miyasaka.jpg"]


class Gen:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def sentence(self) -> str:
        s = self.rng.choice(SENTENCES)
        if self.rng.random() < 0.25:  # Latin words and numbers inside Japanese
            cut = self.rng.randrange(len(s))
            s = s[:cut] + self.rng.choice(LATIN) + s[cut:]
        return s

    def text(self, lo: int, hi: int) -> str:
        """A paragraph of ``lo``–``hi`` characters."""
        target, out = self.rng.randint(lo, hi), ""
        while len(out) < target:
            out += self.sentence()
        return out[:max(target, lo)].rstrip("、") + ("" if out[:target].endswith("。") else "。")

    def phrase(self, lo: int = 1, hi: int = 3) -> str:
        return "".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(lo, hi)))

    def name(self) -> str:
        family = self.rng.choice(["山田", "佐藤", "鈴木", "高橋", "伊藤", "渡辺", "中村", "小林", "長谷川"])
        given = self.rng.choice(["太郎", "花子", "健", "美咲", "翔太", "あおい", "誠一郎"])
        if self.rng.random() < 0.15:
            return self.rng.choice(["アレクサンドラ・ミハイロヴナ・ヴォロンツォワ", "ジョナサン・ウィリアムズ",
                                    "マリア・フェルナンダ・ロドリゲス"])
        return f"{family} {given}"


def _photo(g: Gen, pool: list[str], alt: str) -> dict:
    return {"file": f"photos/{g.rng.choice(pool)}", "alt": alt, "caption": g.phrase(1, 4)}


def _tree(g: Gen, depth: int, budget: list[int]) -> dict:
    node = {"name": g.phrase(1, 3) + g.rng.choice(["部", "課", "グループ", "チーム", "室"])}
    if depth > 1 and budget[0] > 0:
        for _ in range(g.rng.randint(0, 4)):
            if budget[0] <= 0:
                break
            budget[0] -= 1
            node.setdefault("children", []).append(_tree(g, depth - 1, budget))
    return node


def sections(seed: int) -> list[tuple[str, dict, str]]:
    """(file name, front matter or fields, Markdown body) of every section, in page order."""
    g = Gen(seed)
    r = g.rng
    found: list[tuple[str, dict, str]] = []
    found.append(("cover.yaml", {"type": "cover", "key_visual": {"file": "photos/cover.jpg", "alt": "表紙"}}, ""))
    if r.random() < 0.9:
        body = "\n\n".join(g.text(40, 320) for _ in range(r.randint(1, 6)))[:2100]  # ≤ 3× the sample's
        found.append(("message.md", {"type": "message", "label": "メッセージ", "heading": g.text(6, 30),
                                     "name": g.name(), "role": g.phrase(1, 3) + "長",
                                     "portrait": {"file": "photos/miyasaka.jpg", "alt": "肖像"}}, body))
    if r.random() < 0.8:
        found.append(("vision.yaml", {
            "type": "vision", "label": "ビジョン", "heading": g.text(5, 24), "subject": g.phrase(),
            "functions_title": "機能", "functions": [g.phrase(1, 4) for _ in range(r.randint(1, 5))],
            "pillars_title": "柱", "pillars": [{"name": g.phrase(1, 1), "description": g.phrase(1, 4)}
                                              for _ in range(r.randint(1, 6))],
            "pillars_goal": g.phrase(1, 3), "body": "\n\n".join(g.text(40, 300) for _ in range(r.randint(0, 3)))}, ""))
    if r.random() < 0.8:
        budget = [r.randint(1, 39)]
        chart = _tree(g, r.randint(2, 5), budget)
        found.append(("organisation.yaml", {
            "type": "organisation", "label": "組織", "heading": "組織", "lead": g.text(20, 160),
            "chart_title": "組織図", "as_of": "2026-04-01", "chart": chart,
            "figures_title": "数字で見る", "figures": [{"value": f"{r.randint(1, 9999)}{r.choice(['人', '件', '%', '億円'])}",
                                                        "label": g.phrase(1, 3)} for _ in range(r.randint(0, 8))]}, ""))
    found.append(("projects.yaml", {"type": "projects", "label": "プロジェクト", "heading": g.text(4, 20),
                                    "projects": [{"name": g.phrase(1, 4), "description": g.text(15, 200)}
                                                 for _ in range(r.randint(1, 12))]}, ""))
    for n in range(r.randint(0, 6)):
        qa = "\n\n".join(f"## {g.text(6, 24)}\n\n" + "\n\n".join(g.text(30, 420) for _ in range(r.randint(1, 4)))
                         for _ in range(r.randint(1, 8)))
        found.append((f"interview-{n}.md", {
            "type": "interview", "label": "インタビュー", "name": g.name(), "joined": f"20{r.randint(10, 26)}年入庁",
            "portrait": {"file": f"photos/{r.choice(PORTRAITS)}", "alt": "肖像"}, "quote": g.text(10, 60)}, qa))
    # The newer section types (issue 12), each with probability ½, every count in its range.
    if r.random() < 0.5:
        found.append(("figures.yaml", {"type": "figures", "heading": g.phrase(1, 3), "figures": [
            {"value": str(r.randint(1, 99999))[:8], "unit": r.choice(["人", "%", "億円", "件", None]),
             "label": g.phrase(1, 3)[:30]} for _ in range(r.randint(1, 8))]}, ""))
    if r.random() < 0.5:
        found.append(("schedule.yaml", {"type": "schedule", "heading": g.phrase(1, 3), "lead": g.text(10, 200)[:300],
                                        "person": {"name": g.name(), "role": g.phrase(1, 3)},
                                        "items": [{"time": f"{9 + k}:00", "activity": g.phrase(1, 3)[:40],
                                                   "detail": g.text(10, 150)[:160]}
                                                  for k in range(r.randint(2, 12))]}, ""))
    if r.random() < 0.5:
        found.append(("career.yaml", {"type": "career", "heading": g.phrase(1, 3), "steps": [
            {"period": f"{k + 1}年目", "title": g.phrase(1, 2)[:30], "description": g.text(20, 190)[:200]}
            for k in range(r.randint(2, 8))]}, ""))
    if r.random() < 0.5:
        found.append(("conditions.yaml", {"type": "conditions", "heading": "募集要項", "rows": [
            {"item": g.phrase(1, 1)[:20], "detail": g.text(10, 480)[:500]} for _ in range(r.randint(1, 30))]}, ""))
    if r.random() < 0.5:
        found.append(("flow.yaml", {"type": "flow", "heading": "選考フロー", "steps": [
            {"name": g.phrase(1, 2)[:14], "note": g.text(8, 55)[:60]} for _ in range(r.randint(3, 8))]}, ""))
    if r.random() < 0.5:
        found.append(("faq.yaml", {"type": "faq", "heading": "よくある質問", "questions": [
            {"question": g.text(8, 90)[:100], "answer": g.text(20, 580)[:600]} for _ in range(r.randint(1, 30))]}, ""))
    if r.random() < 0.5:
        body = "\n\n".join(g.text(40, 400) for _ in range(r.randint(1, 10)))
        found.append(("text.md", {"type": "text", "heading": g.text(4, 40)[:60], "lead": g.text(10, 200)[:300]}, body))
    if r.random() < 0.5:
        found.append(("benefits.yaml", {"type": "benefits", "heading": g.phrase(1, 3), "items": [
            {"name": g.phrase(1, 2)[:24], "description": g.text(10, 110)[:120]} for _ in range(r.randint(1, 12))]}, ""))
    found.append(("office.yaml", {"type": "office", "label": "オフィス", "heading": g.phrase(1, 2), "lead": g.text(20, 200),
                                  "photos": [_photo(g, PHOTOS, f"写真{i}") for i in range(r.randint(1, 8))]}, ""))
    found.append(("apply.yaml", {"type": "apply", "label": "応募", "heading": g.text(6, 30), "lead": g.text(20, 180),
                                 "links": [f"l{i}" for i in range(r.randint(1, 6))]}, ""))
    found.append(("back-cover.yaml", {"type": "back-cover", "link": "l0"}, ""))
    return found


def generate(seed: int, dest: Path) -> Path:
    """Write the content folder of brochure ``seed`` into ``dest``."""
    g = Gen(seed + 10_000)
    parts = sections(seed)
    (dest / "sections").mkdir(parents=True)
    shutil.copytree(SAMPLE / "photos", dest / "photos")
    for name, fields, body in parts:
        path = dest / "sections" / name
        if name.endswith(".md"):
            path.write_text("---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n" + body + "\n", encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(fields, allow_unicode=True), encoding="utf-8")
    links = [{"id": f"l{i}", "label": g.phrase(1, 3),
              "url": f"https://example.com/{'/'.join(g.rng.choice(['jobs', 'recruit', 'digital-services', 'apply']) for _ in range(g.rng.randint(1, 4)))}?n={i}",
              "sample": True} for i in range(6)]
    main = {"title": g.rng.choice(["Join us.", "Hello, Tokyo!", "Build the public digital services of tomorrow"]),
            "catch": g.text(8, 40), "organisation": g.phrase(1, 3) + "局", "as_of": "2026-04-01",
            "date": "2026-04-01", "links": links, "sections": [f"sections/{name}" for name, _, _ in parts]}
    (dest / "brochure.yaml").write_text(yaml.safe_dump(main, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


def items(seed: int) -> list[str]:
    """Texts that must be printed somewhere: names, headings, card titles, captions, questions."""
    found = []
    for name, fields, body in sections(seed):
        kind = fields["type"]
        if kind == "interview":
            found += [fields["name"].replace(" ", "")] + [h[3:] for h in body.splitlines() if h.startswith("## ")]
        elif kind == "projects":
            found += [p["name"] for p in fields["projects"]]
        elif kind == "office":
            found += [p["caption"] for p in fields["photos"]]
        elif kind == "organisation":
            def walk(node):
                yield node["name"]
                for child in node.get("children", []):
                    yield from walk(child)
            found += list(walk(fields["chart"])) + [f["label"] for f in fields["figures"]]
        elif kind in ("message", "vision"):
            found.append(fields["heading"])
        elif kind in ("schedule", "career", "flow", "faq", "benefits", "conditions", "figures"):
            items = fields.get("items") or fields.get("steps") or fields.get("questions") or fields.get("rows") \
                or fields.get("figures")
            key = {"schedule": "activity", "career": "period", "flow": "name", "faq": "question",
                   "benefits": "name", "conditions": "item", "figures": "label"}[kind]
            found += [item[key] for item in items]
    return found
