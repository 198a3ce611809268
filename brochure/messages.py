"""The message catalogue: every content error the tool reports, in Japanese and in English.

A message is a key plus parameters (:class:`Msg`); its wording lives here once, as a pair
"what is wrong" / "what to do" per language. Code never writes the sentence itself, so the two
languages cannot drift apart and a reworded message changes in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LANGUAGES = ("ja", "en")
DEFAULT_LANGUAGE = "ja"  # the content's editors are Japanese HR staff

_current = DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    """Choose the language of ``str(error)`` for this process (the CLI's ``--lang``)."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {LANGUAGES}")
    _current = lang


def language() -> str:
    return _current


# key → language → (what is wrong, what to do); "{name}" are filled from Msg.params.
CATALOGUE: dict[str, dict[str, tuple[str, str | None]]] = {
    # --- files -----------------------------------------------------------------------
    "folder.missing": {
        "en": ("content folder not found", "pass --content with the folder holding brochure.yaml"),
        "ja": ("コンテンツフォルダが見つかりません", "--content で brochure.yaml のあるフォルダを指定してください"),
    },
    "file.missing": {
        "en": ("file not found", "create it or remove it from the list of sections"),
        "ja": ("ファイルが見つかりません", "ファイルを作成するか、sections の一覧から外してください"),
    },
    "file.unreadable": {
        "en": ("cannot read the file ({reason})", "check the file's permissions"),
        "ja": ("ファイルを読めません（{reason}）", "ファイルの権限を確認してください"),
    },
    "file.outside": {
        "en": ("the file is outside the content folder (a link or '..' leads to {target})",
               "copy the file into the content folder instead of linking to it"),
        "ja": ("ファイルがコンテンツフォルダの外にあります（リンクか '..' が {target} を指しています）",
               "リンクではなく、ファイル自体をコンテンツフォルダにコピーしてください"),
    },
    "file.too_large": {
        "en": ("the file is {size} MB; content files may be at most {limit} MB",
               "split the text or remove pasted data (images belong in photos/)"),
        "ja": ("ファイルが {size} MB あります。コンテンツファイルは {limit} MB までです",
               "文章を分けるか、貼り付けたデータを取り除いてください（画像は photos/ に置きます）"),
    },
    "file.empty": {
        "en": ("the file is empty", "write the section's fields (start with 'type: ...') or remove the file "
                                    "from 'sections'"),
        "ja": ("ファイルが空です", "セクションの項目（'type: ...' から）を書くか、sections の一覧から外してください"),
    },
    "file.not_utf8": {
        "en": ("the file is not UTF-8 text{guess}",
               "save it as UTF-8 (in your editor's 'Save as' dialog choose the encoding 'UTF-8')"),
        "ja": ("ファイルが UTF-8 ではありません{guess}",
               "文字コードを UTF-8 にして保存し直してください（エディタの「名前を付けて保存」で UTF-8 を選択）"),
    },
    "file.not_utf8.sjis": {
        "en": (" (it looks like Shift_JIS)", None),
        "ja": ("（Shift_JIS のようです）", None),
    },
    "file.binary": {
        "en": ("the file contains binary data (NUL bytes), not text",
               "check that the right file is listed; content files are plain text"),
        "ja": ("ファイルにバイナリデータ（NUL 文字）が含まれています",
               "正しいファイルか確認してください。コンテンツファイルはテキストです"),
    },
    "file.type": {
        "en": ("unsupported file type '{suffix}'", "use .yaml or .md"),
        "ja": ("対応していないファイル形式です（'{suffix}'）", ".yaml か .md を使ってください"),
    },
    # --- YAML ------------------------------------------------------------------------
    "yaml.syntax": {
        "en": ("YAML syntax error: {problem}", "check indentation (spaces, not tabs), colons and quotes"),
        "ja": ("YAML の書き方に誤りがあります: {problem}", "字下げ（タブではなく半角スペース）、コロン、引用符を確認してください"),
    },
    "yaml.colon": {
        "en": ("': ' inside a value (YAML reads it as a new field)",
               "put the whole value in quotes, e.g. heading: \"例: テキスト\""),
        "ja": ("値の中に ': '（コロンと空白）があり、YAML が新しい項目と読んでいます",
               "値全体を引用符で囲んでください（例: heading: \"例: テキスト\"）"),
    },
    "yaml.unclosed_quote": {
        "en": ("a quote opened here is never closed", "add the closing quote (\" or ') at the end of the value"),
        "ja": ("ここで始まった引用符が閉じられていません", "値の終わりに閉じる引用符（\" か '）を書いてください"),
    },
    "yaml.flow": {
        "en": ("a list or mapping in [ ] or {{ }} opened here is not closed properly",
               "close it with ] or }}, separate items with commas, quote items that contain ': '"),
        "ja": ("ここで始まった [ ] または {{ }} が正しく閉じられていません",
               "] か }} で閉じ、項目はカンマで区切り、': ' を含む項目は引用符で囲んでください"),
    },
    "yaml.no_colon": {
        "en": ("a line without 'field: value'", "add ': ' after the field name, or indent a continued "
                                                "text line under its field"),
        "ja": ("「項目名: 値」の形になっていない行があります",
               "項目名の後に ': ' を書くか、続きの文章なら項目の下に字下げしてください"),
    },
    "yaml.bad_start": {
        "en": ("a value cannot start with '{char}' in YAML", "put the whole value in quotes"),
        "ja": ("YAML では値を '{char}' で始められません", "値全体を引用符で囲んでください"),
    },
    "yaml.tag": {
        "en": ("YAML tags ('!!...') are not allowed in content files", "remove the tag and write a plain value"),
        "ja": ("コンテンツファイルでは YAML のタグ（'!!...'）は使えません", "タグを消して、普通の値を書いてください"),
    },
    "yaml.tab": {
        "en": ("a tab character is used for indentation", "indent with spaces only (YAML does not allow tabs)"),
        "ja": ("字下げにタブ文字が使われています", "字下げは半角スペースだけにしてください（YAML ではタブは使えません）"),
    },
    "yaml.alias": {
        "en": ("YAML aliases ('*name') are not allowed in content files",
               "write the value out in full; if your text starts with '*', put it in quotes"),
        "ja": ("コンテンツファイルでは YAML のエイリアス（'*名前'）は使えません",
               "値をそのまま書いてください（文章が '*' で始まるなら引用符で囲んでください）"),
    },
    "yaml.too_deep": {
        "en": ("the YAML is nested too deeply (more than {limit} levels)", "flatten the structure"),
        "ja": ("YAML の入れ子が深すぎます（{limit} 段を超えています）", "構造を浅くしてください"),
    },
    "yaml.duplicate_key": {
        "en": ("the key '{key}' appears twice in the same place (first on line {first})",
               "keep one of them; a second value would silently replace the first"),
        "ja": ("項目 '{key}' が同じ場所に2回書かれています（最初は {first} 行目）",
               "どちらか一方だけにしてください（後の値が黙って前の値を上書きしてしまいます）"),
    },
    "yaml.not_mapping": {
        "en": ("expected a mapping of fields (key: value) at the top level",
               "start the file with fields such as 'type: ...'"),
        "ja": ("ファイルの先頭は「項目名: 値」の形で書きます", "'type: ...' のような項目から書き始めてください"),
    },
    "md.no_front_matter": {
        "en": ("a Markdown section must start with a '---' front matter",
               "add '---', the section's fields (type: ...), and '---'"),
        "ja": ("Markdown のセクションは '---' で囲んだ項目（フロントマター）で始めます",
               "先頭に '---'、セクションの項目（type: ...）、'---' を書いてください"),
    },
    "md.unclosed_front_matter": {
        "en": ("the front matter has no closing '---' line", "add a line '---' after the fields"),
        "ja": ("フロントマターを閉じる '---' の行がありません", "項目の後に '---' だけの行を書いてください"),
    },
    "md.body_field": {
        "en": ("'body' is taken from the Markdown text below the front matter", "remove the 'body' field"),
        "ja": ("'body' はフロントマターの下の Markdown 本文から取られます", "'body' の項目を消してください"),
    },
    "md.ruby": {
        "en": ("ruby markup is incomplete: '{fragment}'",
               "write ruby as {{base|reading}}, e.g. {{宮坂|みやさか}}; for a brace as such use ｛ ｝"),
        "ja": ("ルビの書き方が不完全です: 「{fragment}」",
               "ルビは {{親文字|よみ}} と書いてください（例: {{宮坂|みやさか}}）。括弧そのものは全角の ｛ ｝ を使ってください"),
    },
    "md.image": {
        "en": ("inline images are not supported in the text ({target})",
               "put photos in the front matter (e.g. 'portrait: file: photos/...') so they get alt text "
               "and are fitted to a frame"),
        "ja": ("本文中の画像には対応していません（{target}）",
               "写真はフロントマターの項目（例: 'portrait: file: photos/...'）に書いてください"),
    },
    "md.link": {
        "en": ("the link target '{target}' is not allowed", "link only to web addresses starting with https:// "
                                                             "or http:// (or mailto:)"),
        "ja": ("リンク先 '{target}' は使えません", "リンク先は https:// か http://（または mailto:）で始まるウェブアドレスにしてください"),
    },
    "md.html": {
        "en": ("raw HTML is not allowed in the text ({tag})",
               "write plain text and Markdown; HTML tags would be printed literally"),
        "ja": ("本文に HTML は書けません（{tag}）", "普通の文章と Markdown で書いてください（HTML タグはそのまま文字として印刷されます）"),
    },
    # --- the model (pydantic) ----------------------------------------------------------
    "field.missing": {
        "en": ("required field is missing", "add it"),
        "ja": ("必須の項目がありません", "この項目を追加してください"),
    },
    "field.missing_about": {
        "en": ("required field is missing", "add it: {about}"),
        "ja": ("必須の項目がありません", "この項目を追加してください（{about}）"),
    },
    "field.unknown": {
        "en": ("unknown field", "remove it or check its spelling{known}"),
        "ja": ("知らない項目です", "削除するか、綴りを確認してください{known}"),
    },
    "field.unknown.known": {
        "en": (" (known fields: {names})", None),
        "ja": ("（使える項目: {names}）", None),
    },
    "field.did_you_mean": {
        "en": ("unknown field", "did you mean '{name}'?"),
        "ja": ("知らない項目です", "'{name}' の書き間違いではありませんか？"),
    },
    "section.type": {
        "en": ("unknown or missing section type{got}", "use one of: {types}"),
        "ja": ("セクションの種類（type）がないか、知らない種類です{got}", "次のどれかにしてください: {types}"),
    },
    "value.type": {
        "en": ("wrong kind of value: expected {expected}{got}",
               "check the value's type (quote text, write dates as YYYY-MM-DD)"),
        "ja": ("値の種類が違います。{expected}が必要です{got}",
               "値の種類を確認してください（文章は引用符で囲む、日付は YYYY-MM-DD）"),
    },
    "value.empty": {
        "en": ("the value is empty", "write something here or remove the field if it is optional"),
        "ja": ("値が空です", "値を書いてください（任意の項目なら項目ごと消してください）"),
    },
    "value.empty_about": {
        "en": ("must not be empty", "write it: {about}"),
        "ja": ("値が空です", "値を書いてください（{about}）"),
    },
    "value.too_few": {
        "en": ("at least {n} item(s) needed", "add items to the list"),
        "ja": ("少なくとも {n} 個必要です", "一覧に項目を追加してください"),
    },
    "value.too_many": {
        "en": ("at most {n} item(s) allowed", "remove items from the list"),
        "ja": ("{n} 個までです", "一覧から項目を減らしてください"),
    },
    "value.range": {
        "en": ("the value must be {op} {limit}", "change the number"),
        "ja": ("値は {limit} {op_ja}にしてください", "数値を直してください"),
    },
    "value.url": {
        "en": ("not a valid web address", "write a full address starting with https://"),
        "ja": ("ウェブアドレスとして正しくありません", "https:// から始まる完全なアドレスを書いてください"),
    },
    "value.date": {
        "en": ("not a valid date", "write dates as YYYY-MM-DD, e.g. 2021-04-01"),
        "ja": ("日付として正しくありません", "日付は YYYY-MM-DD の形で書いてください（例: 2021-04-01）"),
    },
    "value.focus": {
        "en": ("focus must be two numbers between 0 and 1", "write it as [x, y], e.g. [0.5, 0.3]"),
        "ja": ("focus は 0〜1 の数を2つ並べて書きます", "[x, y] の形で書いてください（例: [0.5, 0.3]）"),
    },
    "value.invalid": {
        "en": ("invalid value ({detail})", "fix the value"),
        "ja": ("値が正しくありません（{detail}）", "値を直してください"),
    },
    # --- cross-references ------------------------------------------------------------
    "sections.outside": {
        "en": ("section file '{name}' is outside the content folder", "keep section files inside the content folder"),
        "ja": ("セクションのファイル '{name}' がコンテンツフォルダの外にあります",
               "セクションのファイルはコンテンツフォルダの中に置いてください"),
    },
    "sections.missing": {
        "en": ("section file '{name}' not found", "create the file or remove it from 'sections'"),
        "ja": ("セクションのファイル '{name}' が見つかりません", "ファイルを作るか、sections の一覧から外してください"),
    },
    "link.duplicate_id": {
        "en": ("duplicate link id '{id}'", "give every link its own id"),
        "ja": ("リンクの id '{id}' が重複しています", "リンクごとに別の id を付けてください"),
    },
    "channel.duplicate_id": {
        "en": ("duplicate channel id '{id}'", "give every channel its own id"),
        "ja": ("チャネルの id '{id}' が重複しています", "チャネルごとに別の id を付けてください"),
    },
    "link.unknown_id": {
        "en": ("unknown link id '{id}'", "use one of the ids in brochure.yaml: {ids}"),
        "ja": ("知らないリンク id '{id}' です", "brochure.yaml の id のどれかにしてください: {ids}"),
    },
    "orgchart.layout": {
        "en": ("the organisation chart does not fit ({detail})", "merge levels or split the chart"),
        "ja": ("組織図が収まりません（{detail}）", "階層をまとめるか、図を分けてください"),
    },
    # --- environment -------------------------------------------------------------------
    "cache.unwritable": {
        "en": ("the cache folder cannot be created or written",
               "set {variable} to a folder you may write to, or unset it to use the default"),
        "ja": ("キャッシュ用のフォルダを作れないか、書き込めません",
               "{variable} に書き込めるフォルダを指定するか、{variable} の設定を外してください"),
    },
    # --- photos ----------------------------------------------------------------------
    "photo.outside": {
        "en": ("photo '{name}' is outside the content folder",
               "copy the photo into the content folder (e.g. photos/) instead of linking to it"),
        "ja": ("写真 '{name}' がコンテンツフォルダの外にあります",
               "リンクではなく、写真をコンテンツフォルダ（例: photos/）にコピーしてください"),
    },
    "photo.missing": {
        "en": ("photo file '{name}' not found", "add the file or correct its name"),
        "ja": ("写真ファイル '{name}' が見つかりません", "ファイルを置くか、名前を直してください"),
    },
    "photo.too_large_file": {
        "en": ("photo '{name}' is {size} MB; photos may be at most {limit} MB",
               "export it again as JPEG at a lower quality or resolution"),
        "ja": ("写真 '{name}' が {size} MB あります。写真は {limit} MB までです",
               "画質か解像度を下げて JPEG で書き出し直してください"),
    },
    "photo.bomb": {
        "en": ("photo '{name}' is too large to process safely ({pixels} megapixels)",
               "export it at a lower resolution (at most {limit} megapixels)"),
        "ja": ("写真 '{name}' が大きすぎて安全に処理できません（{pixels} メガピクセル）",
               "{limit} メガピクセル以下に縮小して書き出してください"),
    },
    "photo.unreadable": {
        "en": ("photo '{name}' cannot be read ({detail})", "export it again as JPEG, PNG or HEIC"),
        "ja": ("写真 '{name}' を読み込めません（{detail}）", "JPEG・PNG・HEIC のいずれかで書き出し直してください"),
    },
    "photo.format": {
        "en": ("photo '{name}' is in a format the tool does not accept ({format})",
               "export it as JPEG, PNG or HEIC"),
        "ja": ("写真 '{name}' は使えない形式です（{format}）", "JPEG・PNG・HEIC のいずれかで書き出してください"),
    },
}

# Plain phrases used inside messages (names of value kinds).
WORDS: dict[str, dict[str, str]] = {
    "text": {"en": "text", "ja": "文章"},
    "number": {"en": "a number", "ja": "数値"},
    "whole number": {"en": "a whole number", "ja": "整数"},
    "true/false": {"en": "true or false", "ja": "true か false"},
    "list": {"en": "a list", "ja": "一覧（- で始まる行）"},
    "fields": {"en": "fields (key: value)", "ja": "項目（項目名: 値）"},
    "date": {"en": "a date", "ja": "日付"},
    "got": {"en": " (got {value})", "ja": "（書かれている値: {value}）"},
    "and": {"en": ", ", "ja": "、"},
    "summary": {"en": "{n} problem(s) found; no PDF was written (the previous PDF is unchanged)",
                "ja": "{n} 件の問題が見つかりました。PDF は作成していません（前の PDF はそのままです）"},
    "interrupted": {"en": "interrupted; previous output left untouched",
                    "ja": "中断しました。前の出力はそのままです"},
    "error": {"en": "error", "ja": "エラー"},
    "internal": {"en": "internal error ({detail}); run again with --debug and report the output",
                 "ja": "内部エラーです（{detail}）。--debug を付けて実行し、その出力を報告してください"},
}


def word(key: str, lang: str | None = None, **params: Any) -> str:
    return WORDS[key][lang or _current].format(**params)


@dataclass(frozen=True)
class Word:
    """A phrase from :data:`WORDS` used as a parameter of a message, translated with it."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, lang: str | None = None) -> tuple[str, None]:
        return word(self.key, lang, **self.params), None


@dataclass(frozen=True)
class Msg:
    """A catalogue message waiting for a language: ``Msg("file.missing")``."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.key not in CATALOGUE:  # a typo in a key is a bug, found by the first test that hits it
            raise KeyError(f"no message {self.key!r} in the catalogue")

    def render(self, lang: str | None = None) -> tuple[str, str | None]:
        """(what is wrong, what to do) in ``lang`` (default: the process language)."""
        lang = lang or _current
        params = {k: (v.render(lang)[0] if hasattr(v, "render") else v) for k, v in self.params.items()}
        message, hint = CATALOGUE[self.key][lang]
        return message.format(**params), (hint.format(**params) if hint else None)


def msg(message_key: str, /, **params: Any) -> Msg:
    return Msg(message_key, params)
