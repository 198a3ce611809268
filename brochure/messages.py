"""The message catalogue: every word the tool says to a person, in Japanese and in English.

- :data:`CATALOGUE`: problems, as "what is wrong" / "what to do" per language: content errors,
  typing mistakes, findings of ``check`` (``check.<code>``), the machine (``env.*``). Code
  makes them with ``msg(key, **params)``; they are rendered in the process language when shown.
- :data:`WORDS`: single lines and phrases: what each command prints, progress, verdicts,
  every ``--help`` text (``help.*``), argparse's own words (``argparse.*``), the preview page
  (``preview.*``). ``word(key, **params)`` renders one now; ``phrase(key, **params)`` later.

Adding a message is one entry here, both languages, then its key at the place that says it.
The language is Japanese unless ``--lang en`` or ``BROCHURE_LANG=en`` (:func:`language_from`).
"""

from __future__ import annotations

import errno
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
    "text.control_char": {
        "en": ("an invisible control character ({char}) is in the text: it prints as a box or not at all",
               "delete it (it usually comes with text copied from another program and is invisible in most "
               "editors: delete the text around it and type it again)"),
        "ja": ("文章の中に見えない制御文字（{char}）があります。印刷すると四角（□）になるか、何も出ません",
               "その文字を消してください（ほかのソフトからコピーした文章によく混じり、多くのエディタでは見えません。"
               "その前後の文字を消して打ち直してください）"),
    },
    "text.bidi": {
        "en": ("an invisible text-direction control ({char}) is in the text: it changes the order in which "
               "the characters after it are printed (a name can print backwards)",
               "delete it (it is invisible in most editors: delete the text around it and type it again)"),
        "ja": ("文章の中に見えない文字方向の制御文字（{char}）があります。後ろの文字の並び順が変わって印刷されます"
               "（名前が逆順に印刷されることがあります）",
               "その文字を消してください（多くのエディタでは見えません。その前後の文字を消して打ち直してください）"),
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
    "md.ruby-count": {
        "en": ("ruby with a reading per character needs as many readings as characters: '{fragment}'",
               "give one reading per character, separated by |, e.g. {{漢字|かん|じ}}, or one reading for the whole word, e.g. {{東京都|とうきょうと}}"),
        "ja": ("文字ごとのルビのよみの数が親文字の数と合いません: 「{fragment}」",
               "よみを親文字1字ずつ | で区切って書くか（例: {{漢字|かん|じ}}）、語全体に一つのよみを書いてください（例: {{東京都|とうきょうと}}）"),
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
        "en": ("required field is missing", "add it{about}"),
        "ja": ("必須の項目がありません", "この項目を追加してください{about}"),
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
    "value.yaml_bool": {
        "en": ("YAML read {value} as {read} (a yes/no value), not as text",
               "put it in quotes: \"{value}\""),
        "ja": ("YAML が {value} を文字ではなく真偽値（{read}）として読みました",
               "引用符で囲んでください（例: \"{value}\"）"),
    },
    "value.empty": {
        "en": ("the value is empty", "write something here or remove the field if it is optional"),
        "ja": ("値が空です", "値を書いてください（任意の項目なら項目ごと消してください）"),
    },
    "value.empty_about": {
        "en": ("must not be empty", "write it{about}"),
        "ja": ("値が空です", "値を書いてください{about}"),
    },
    "value.too_long": {
        "en": ("the text is {length} characters long; at most {n} fit here", "shorten it"),
        "ja": ("{length} 字あります。ここには {n} 字まで入ります", "短くしてください"),
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
    "value.url_qr": {
        "en": ("the address is {length} characters long: too long for a QR code that phones can read at the "
               "printed size (at most {max} characters)",
               "use a shorter address (e.g. a short URL of your web site)"),
        "ja": ("アドレスが {length} 字あります。印刷する大きさの QR コードでは、スマートフォンで読み取れません"
               "（{max} 字まで）", "短いアドレスにしてください（例: 自組織のサイトの短縮 URL）"),
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
    "field.other_name": {
        "en": ("unknown field", "this field is called '{name}' here: rename it"),
        "ja": ("知らない項目です", "この項目は '{name}' という名前です。項目名を '{name}' に直してください"),
    },
    "value.email": {
        "en": ("not an e-mail address", "write it as name@example.com (half-width, no spaces)"),
        "ja": ("メールアドレスとして正しくありません", "name@example.com の形で書いてください（半角、空白なし）"),
    },
    "value.phone": {
        "en": ("not a phone number", "write the number with its area code, e.g. 03-1234-5678"),
        "ja": ("電話番号として正しくありません", "市外局番から書いてください（例: 03-1234-5678）"),
    },
    "value.contact_empty": {
        "en": ("the contact block names no department, e-mail or phone",
               "add at least one of department, email, phone, or remove 'contact'"),
        "ja": ("お問い合わせ先に部署・メール・電話のどれもありません",
               "department・email・phone のどれかを書くか、contact の項目ごと消してください"),
    },
    # --- brand: colours and logo (brand: in brochure.yaml) ------------------------------
    "value.cmyk": {
        "en": ("CMYK values are percentages from 0 to 100", "write four numbers from 0 to 100, e.g. [0, 100, 100, 0]"),
        "ja": ("CMYK の値は 0〜100 のパーセントです", "0〜100 の数を4つ書いてください（例: [0, 100, 100, 0]）"),
    },
    "value.rgb_hex": {
        "en": ("not an sRGB hex colour", "write # and six hex digits in quotes, as the brand guide gives it, "
                                         "e.g. \"#E60012\""),
        "ja": ("sRGB の16進の色になっていません", "ブランドガイドの値を # と16進6桁で、引用符で囲んで書いてください"
                                                 "（例: \"#E60012\"）"),
    },
    "value.colour_empty": {
        "en": ("the colour has neither 'cmyk' nor 'rgb'",
               "give the brand guide's CMYK percentages (cmyk) or its screen colour (rgb), or both"),
        "ja": ("色に cmyk も rgb もありません", "ブランドガイドの CMYK（cmyk）か画面用の色（rgb）のどちらか、または両方を書いてください"),
    },
    "value.spot_primary": {
        "en": ("the logo has a spot colour but the brand has no primary colour",
               "add brand.primary (the spot ink's CMYK from the brand guide), or remove logo.spot"),
        "ja": ("ロゴに特色がありますが、brand.primary（メインカラー）がありません",
               "特色の CMYK をブランドガイドから brand.primary に書くか、logo.spot を消してください"),
    },
    "logo.missing": {
        "en": ("logo file '{name}' not found", "put the SVG file into the content folder or correct its name"),
        "ja": ("ロゴのファイル '{name}' が見つかりません", "SVG ファイルをコンテンツフォルダに置くか、名前を直してください"),
    },
    "logo.outside": {
        "en": ("logo file '{name}' is outside the content folder", "copy the logo into the content folder"),
        "ja": ("ロゴのファイル '{name}' がコンテンツフォルダの外にあります", "ロゴをコンテンツフォルダにコピーしてください"),
    },
    "logo.pdf": {
        "en": ("logo '{name}' is a PDF file: a PDF logo cannot be placed as vector art",
               "export the logo as SVG (Illustrator: File > Export > SVG; or ask the designer for the SVG) and name that file"),
        "ja": ("ロゴ '{name}' は PDF ファイルです。PDF のロゴはベクターのまま配置できません",
               "ロゴを SVG で書き出して（Illustrator なら「書き出し」→ SVG、またはデザイナーに SVG を依頼）、そのファイル名を書いてください"),
    },
    "logo.not_svg": {
        "en": ("logo '{name}' is not an SVG file", "the logo must be vector art: ask for the logo as an SVG file"),
        "ja": ("ロゴ '{name}' が SVG ファイルではありません", "ロゴはベクター形式が必要です。SVG ファイルのロゴを用意してください"),
    },
    "logo.unreadable": {
        "en": ("logo '{name}' cannot be read as SVG ({detail})", "export the logo as SVG again"),
        "ja": ("ロゴ '{name}' を SVG として読めません（{detail}）", "ロゴを SVG で書き出し直してください"),
    },
    "logo.unsafe": {
        "en": ("logo '{name}' contains {what}, which a logo may not have",
               "export the logo again as plain SVG (shapes and text only, no embedded images, scripts or links)"),
        "ja": ("ロゴ '{name}' に {what} が含まれています。ロゴには使えません",
               "図形と文字だけのシンプルな SVG で書き出し直してください（画像・スクリプト・外部リンクなし）"),
    },
    "logo.no_size": {
        "en": ("logo '{name}' has no size (no viewBox, or width and height)",
               "export the logo again with 'responsive' off, or add a viewBox"),
        "ja": ("ロゴ '{name}' に大きさ（viewBox、または width と height）がありません",
               "書き出しの設定で viewBox を付けて SVG を書き出し直してください"),
    },
    # --- cross-references ------------------------------------------------------------
    "sections.outside": {
        "en": ("section file '{name}' is outside the content folder", "keep section files inside the content folder"),
        "ja": ("セクションのファイル '{name}' がコンテンツフォルダの外にあります",
               "セクションのファイルはコンテンツフォルダの中に置いてください"),
    },
    "sections.loop": {
        "en": ("section file '{name}' is a link that leads back to itself (a link loop)",
               "replace the link with the file itself"),
        "ja": ("セクションのファイル '{name}' は自分自身を指すリンクです（リンクの循環）",
               "リンクをやめて、ファイルそのものを置いてください"),
    },
    "sections.missing": {
        "en": ("section file '{name}' not found", "create the file or remove it from 'sections'"),
        "ja": ("セクションのファイル '{name}' が見つかりません", "ファイルを作るか、sections の一覧から外してください"),
    },
    "theme.unknown": {
        "en": ("there is no theme '{name}'", "write one of: {themes} (or the path of a theme folder)"),
        "ja": ("テーマ '{name}' はありません", "次のどれかを書いてください：{themes}（またはテーマのフォルダのパス）"),
    },
    "format.unknown": {
        "en": ("there is no page format '{name}'", "write one of: {formats}"),
        "ja": ("判型 '{name}' はありません", "次のどれかを書いてください：{formats}"),
    },
    "link.duplicate_id": {
        "en": ("duplicate link id '{id}'", "give every link its own id"),
        "ja": ("リンクの id '{id}' が重複しています", "リンクごとに別の id を付けてください"),
    },
    "channel.duplicate_id": {
        "en": ("duplicate channel id '{id}'", "give every channel its own id"),
        "ja": ("チャネルの id '{id}' が重複しています", "チャネルごとに別の id を付けてください"),
    },
    "channel.id": {
        "en": ("a channel id may hold only half-width letters, digits, '-' and '_' (at most 40; it becomes "
               "part of the PDF's file name)", "rename it, e.g. fair-tokyo"),
        "ja": ("チャネルの id に使えるのは半角英数字と '-'、'_' だけです（40字まで。PDF のファイル名の一部になります）",
               "名前を直してください（例: fair-tokyo）"),
    },
    "channel.url_qr": {
        "en": ("with this channel's utm_* values, link '{link}' is {length} characters long: too long for a QR "
               "code that phones can read at the printed size (at most {max} characters)",
               "shorten the channel's values or the link's address"),
        "ja": ("このチャネルの utm_* を付けると、リンク '{link}' が {length} 字になり、印刷する大きさの QR コードでは"
               "読み取れません（{max} 字まで）", "チャネルの値かリンクのアドレスを短くしてください"),
    },
    "link.unknown_id": {
        "en": ("unknown link id '{id}'", "use one of the ids in brochure.yaml: {ids}"),
        "ja": ("知らないリンク id '{id}' です", "brochure.yaml の id のどれかにしてください: {ids}"),
    },
    "orgchart.layout": {
        "en": ("the organisation chart does not fit ({detail})", "merge levels or split the chart"),
        "ja": ("組織図が収まりません（{detail}）", "階層をまとめるか、図を分けてください"),
    },
    # --- brochure new ----------------------------------------------------------------
    "new.not_empty": {
        "en": ("the folder is not empty; 'brochure new' never overwrites files",
               "give a new folder name (it is created) or an empty folder"),
        "ja": ("フォルダが空ではありません（brochure new はファイルを上書きしません）",
               "新しいフォルダ名（作られます）か、空のフォルダを指定してください"),
    },
    "new.not_folder": {
        "en": ("a file of this name exists", "give the name of a new folder"),
        "ja": ("同じ名前のファイルがあります", "新しいフォルダの名前を指定してください"),
    },
    "new.from_missing": {
        "en": ("no brochure.yaml in this folder", "give the content folder of an existing brochure after --from"),
        "ja": ("このフォルダに brochure.yaml がありません", "--from には今あるパンフレットのコンテンツフォルダを指定してください"),
    },
    "new.inside_source": {
        "en": ("the new folder is inside the brochure it copies", "give a folder outside it"),
        "ja": ("新しいフォルダがコピー元のフォルダの中にあります", "コピー元の外のフォルダを指定してください"),
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
    # --- printing (warnings of the build) -------------------------------------------------
    "glyph.missing": {
        "en": ("'{char}' (U+{code}) is in none of the bundled fonts: it prints as a box (□)",
               "replace it with another character or with words (emoji cannot be printed), "
               "or add a font that has it to fonts/ and styles/fonts.css"),
        "ja": ("「{char}」（U+{code}）は同梱のフォントにない文字です。印刷すると四角（□）になります",
               "別の文字か言葉に置き換えてください（絵文字は印刷できません）。どうしても必要な場合は、"
               "その文字を含むフォントを fonts/ と styles/fonts.css に追加してください"),
    },
    "photo.missing": {
        "en": ("photo file '{name}' not found", "add the file or correct its name"),
        "ja": ("写真ファイル '{name}' が見つかりません", "ファイルを置くか、名前を直してください"),
    },
    "photo.did_you_mean": {
        "en": ("photo file '{name}' not found", "did you mean '{meant}'? Write the name exactly as the file is "
                                                "called (capitals and kana as in the file)"),
        "ja": ("写真ファイル '{name}' が見つかりません",
               "'{meant}' のことではありませんか？ 大文字・小文字や濁点の付け方まで、ファイル名どおりに書いてください"),
    },
    "photo.loop": {
        "en": ("photo '{name}' is a link that leads back to itself (a link loop)",
               "replace the link with the photo file itself"),
        "ja": ("写真 '{name}' は自分自身を指すリンクです（リンクの循環）", "リンクをやめて、写真ファイルそのものを置いてください"),
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
    "file.io": {
        "en": ("{path}: {reason}", "check that the folder exists and that you may write there"),
        "ja": ("{path}: {reason}", "フォルダがあるか、書き込みが許されているか確認してください"),
    },
    "photo.no_profile": {
        "en": ("{name} has no colour profile embedded: its colours were taken as sRGB",
               "if it was shot or edited in Adobe RGB (or another wide colour space), export it again as "
               "sRGB or save it with its profile embedded; a phone photo in sRGB needs nothing"),
        "ja": ("{name} には色プロファイルが埋め込まれていないため、色を sRGB として扱いました",
               "Adobe RGB などの広い色空間で撮影・編集した写真なら、sRGB で書き出し直すか、プロファイルを埋め込んで"
               "保存してください（sRGB のスマートフォン写真なら、そのままで構いません）"),
    },
    "build.date_from_as_of": {
        "en": ("no publication date: the print edition (PDF/X needs one) is dated as of {as_of}, the as_of date",
               "add date: YYYY-MM-DD to brochure.yaml for the date the brochure is published"),
        "ja": ("発行日がないため、印刷用 PDF の日付（PDF/X に必要）を as_of の {as_of} にしました",
               "brochure.yaml に発行日を date: YYYY-MM-DD の形で書いてください"),
    },
    "emit.inside": {
        "en": ("{path}: --emit-html may not write into the tool's own files or the content ({which}): "
               "its copies would replace the originals", "give --emit-html a folder of its own, e.g. build/html"),
        "ja": ("{path}: --emit-html の出力先に、ツール自体のファイルやコンテンツのフォルダ（{which}）は使えません"
               "（コピーが元のファイルを置き換えてしまいます）", "--emit-html には専用のフォルダを指定してください（例: build/html）"),
    },
    # the disk refusing to write the output (brochure/files.py)
    "out.full": {
        "en": ("{path}: the disk is full; nothing was written and the previous file is unchanged",
               "free some space on that disk (delete files you no longer need, empty the trash) and build "
               "again, or build into a folder on another disk with --out"),
        "ja": ("{path}: ディスクがいっぱいです。何も書き込まず、前のファイルはそのまま残しました",
               "そのディスクの空きを増やして（不要なファイルを削除し、ごみ箱を空にして）もう一度作るか、"
               "--out で別のディスクのフォルダを指定してください"),
    },
    "cache.full": {
        "en": ("{path}: the disk holding the photo cache is full; nothing was written",
               "free some space on that disk, or set BROCHURE_CACHE_DIR to a folder on another disk"),
        "ja": ("{path}: 写真のキャッシュを置くディスクがいっぱいです。何も書き込んでいません",
               "そのディスクの空きを増やすか、BROCHURE_CACHE_DIR で別のディスクのフォルダを指定してください"),
    },
    "out.read_only": {
        "en": ("{path}: this disk may only be read, not written (a read-only drive, a locked USB stick or "
               "a CD)", "build into a folder on a disk you can save to, with --out"),
        "ja": ("{path}: 読み取り専用のディスクで、書き込めません（読み取り専用のドライブ、ロックされた "
               "USB メモリ、CD など）", "--out で保存できるディスクのフォルダを指定してください"),
    },
    "out.not_folder": {
        "en": ("{path} is a file, not a folder: the PDFs cannot be written into it",
               "give --out the name of a folder (a new name is created), or move that file elsewhere"),
        "ja": ("{path} はフォルダではなくファイルなので、PDF をその中に書き込めません",
               "--out にはフォルダの名前を指定するか（無い名前なら作ります）、そのファイルを別の場所に移してください"),
    },
    "out.denied": {
        "en": ("{path}: you are not allowed to write in this folder",
               "build into a folder of your own with --out, or ask whoever manages the folder for write access"),
        "ja": ("{path}: このフォルダに書き込む権限がありません",
               "--out で自分のフォルダを指定するか、フォルダの管理者に書き込み権限を頼んでください"),
    },
    # --- typing mistakes (Japanese input methods, pasted text) ----------------------------
    "yaml.fullwidth_colon": {
        "en": ("the field name '{key}' is followed by a full-width colon '：'",
               "type a half-width colon and a space instead: {key}: value"),
        "ja": ("項目名「{key}」の後ろが全角の「：」になっています",
               "全角の「：」は半角の「:」に直し、その後に半角スペースを入れてください（例: {key}: 値）"),
    },
    "yaml.fullwidth_indent": {
        "en": ("a full-width space '　' is used for indentation",
               "indent with half-width spaces only (delete the full-width space, type half-width spaces)"),
        "ja": ("字下げに全角スペース「　」が使われています",
               "字下げは半角スペースだけにしてください（全角スペースを消し、半角スペースを入れる）"),
    },
    "yaml.kagikakko": {
        "en": ("「」 are not quotes in YAML, and the value contains ': '",
               "put the whole value in half-width double quotes: {key}: \"{value}\""),
        "ja": ("「」は YAML の引用符にはならず、値の中の ': ' が新しい項目と読まれています",
               "値全体を半角の \" で囲んでください（例: {key}: \"{value}\"）"),
    },
    "yaml.smart_quotes": {
        "en": ("the value is in curly quotes {quotes} (as Word types them); they are not YAML quotes",
               "use half-width quotes \" \" instead, or delete them; to print curly quotes, wrap the value "
               "in half-width quotes as well"),
        "ja": ("値が曲がった引用符 {quotes}（Word などが自動で入れるもの）で囲まれています。YAML の引用符にはなりません",
               "半角の \" \" に直すか、消してください（曲がった引用符を印刷したいときは、さらに半角の \" で囲む）"),
    },
    "yaml.trailing_fullwidth_space": {
        "en": ("the value ends with a full-width space '　'",
               "delete the space at the end of the line (it is invisible but becomes part of the value)"),
        "ja": ("値の最後に全角スペース「　」があります",
               "行末の全角スペースを消してください（見えませんが値の一部になります）"),
    },
    "value.fullwidth_digits": {
        "en": ("the value '{value}' is written with full-width digits", "write it with half-width digits: {fixed}"),
        "ja": ("値「{value}」が全角の数字で書かれています", "半角の数字で書いてください: {fixed}"),
    },
    "value.date_japanese": {
        "en": ("the date is written as '{value}'", "write it as {fixed} (year-month-day, half-width digits)"),
        "ja": ("日付が「{value}」の形で書かれています", "{fixed} の形（年-月-日、半角の数字）で書いてください"),
    },
    # --- personalisation rows (CSV) ---------------------------------------------------
    "rows.unreadable": {
        "en": ("cannot read the file ({reason})", "check the path of the CSV file"),
        "ja": ("ファイルを読めません（{reason}）", "CSV ファイルの場所と名前を確認してください"),
    },
    "rows.missing": {
        "en": ("the CSV file does not exist", "check its name and folder (looked in {where})"),
        "ja": ("CSV ファイルがありません", "ファイルの名前と場所を確認してください（探した場所: {where}）"),
    },
    "rows.undecodable": {
        "en": ("the line cannot be read as {encoding}", "save the file again as UTF-8 (or fix the characters)"),
        "ja": ("この行を {encoding} として読めません", "ファイルを UTF-8 で保存し直すか、文字を直してください"),
    },
    "rows.quote": {
        "en": ('a quote (") on this line is not closed, or text follows a closing quote: the row is skipped',
               "put quotes only around a whole value, or delete the stray quote; the lines after it are read as rows"),
        "ja": ("この行の引用符（\"）が閉じていないか、閉じた後に文字が続いています。この行は飛ばしました",
               "引用符は値全体を囲むときだけ使うか、余分な引用符を消してください（次の行からは通常どおり読みます）"),
    },
    "rows.multiline": {
        "en": ("a value of this row runs over several lines (a line break inside a cell): the row is skipped",
               "write the name, address, file and event each on one line (in Excel, remove the Alt+Enter line break)"),
        "ja": ("この行の値が複数の行にまたがっています（セルの中の改行）。この行は飛ばしました",
               "name・url・file・event は 1 行で書いてください（Excel ではセル内の改行 Alt+Enter を消してください）"),
    },
    "rows.control": {
        "en": ("an invisible or control character at character {position}: {code} {name}",
               "delete it (retype the value if you cannot see it): it would print as a box or change the text"),
        "ja": ("{position} 文字目に見えない文字か制御文字があります: {code} {name}",
               "その文字を消してください（見えない場合は値を打ち直してください）。印刷すると四角になるか、文字が変わります"),
    },
    "rows.empty": {
        "en": ("the file is empty", "add a header row: {columns}"),
        "ja": ("ファイルが空です", "1 行目に見出しを書いてください: {columns}"),
    },
    "rows.missing_columns": {
        "en": ("the header row lacks the column(s) {missing}", "the header needs {required} (optional: {optional})"),
        "ja": ("見出しの行に {missing} の列がありません", "見出しには {required} が必要です（任意: {optional}）"),
    },
    "rows.column_count": {
        "en": ("{count} column(s) where the header has {header}", "check for a missing comma or an unquoted comma"),
        "ja": ("列が {count} 個しかありません（見出しは {header} 個）", "カンマが抜けていないか、値の中のカンマを引用符で囲んでいるか確認してください"),
    },
    "rows.name_empty": {
        "en": ("the name is empty", "fill in the name to print on the cover"),
        "ja": ("名前が空です", "表紙に印刷する名前を書いてください"),
    },
    "rows.name_long": {
        "en": ("the name is longer than {limit} characters", "shorten it: it is printed on the cover"),
        "ja": ("名前が {limit} 文字を超えています", "短くしてください（表紙に印刷されます）"),
    },
    "rows.event_long": {
        "en": ("the event is {length} characters long, more than {limit}",
               "shorten it: a longer one would cover the cover's title"),
        "ja": ("イベントが {length} 文字あり、{limit} 文字を超えています", "短くしてください（長いと表紙のタイトルに重なります）"),
    },
    "rows.url_long": {
        "en": ("the address is {length} bytes long; the QR code on the cover holds at most {limit}",
               "use a shorter address (e.g. a short link from your mail or survey tool)"),
        "ja": ("アドレスが {length} バイトあり、表紙の QR コードに入る {limit} バイトを超えています",
               "短いアドレスにしてください（例: メール配信・アンケートツールの短縮リンク）"),
    },
    "rows.url_space": {
        "en": ("the address contains a space at character {position}", "delete the space (or write it as %20)"),
        "ja": ("アドレスの {position} 文字目に空白があります", "空白を消してください（必要なら %20 と書きます）"),
    },
    "rows.url": {
        "en": ("'{url}' is not a web address", "write a full address starting with https://"),
        "ja": ("「{url}」はウェブアドレスではありません", "https:// から始まる完全なアドレスを書いてください"),
    },
    "rows.file_empty": {
        "en": ("the file name is empty", "fill in the file column (e.g. the candidate's id)"),
        "ja": ("ファイル名が空です", "file の列を書いてください（例: 応募者の番号）"),
    },
    "rows.file_unusable": {
        "en": ("no usable file name", "use letters or digits in the file column"),
        "ja": ("ファイル名に使える文字がありません", "file の列には文字か数字を使ってください"),
    },
    "personalize.cover_first": {
        "en": ("personalised copies need a cover as the first section", "put sections/cover.yaml first"),
        "ja": ("宛名入りの冊子を作るには、最初のセクションが表紙である必要があります",
               "sections の一覧の先頭を sections/cover.yaml にしてください"),
    },
    # --- channels -----------------------------------------------------------------------
    "channel.unknown": {
        "en": ("unknown channel '{id}'", "use one of: {known} (or declare it under 'channels:')"),
        "ja": ("チャネル「{id}」は brochure.yaml にありません", "次のどれかにしてください: {known}（または 'channels:' に追加してください）"),
    },
    # --- imposition -------------------------------------------------------------------
    "impose.unreadable": {
        "en": ("{path}: cannot read the file ({reason})", "give the path of a built PDF"),
        "ja": ("{path}: ファイルを読めません（{reason}）", "作成済みの PDF の場所を指定してください"),
    },
    "impose.not_pdf": {
        "en": ("{name} is not a readable PDF", "give the path of a built brochure PDF"),
        "ja": ("{name} は読める PDF ではありません", "作成済みのパンフレットの PDF を指定してください"),
    },
    "impose.page_count": {
        "en": ("{name} has {count} pages; a saddle-stitched booklet needs a multiple of 4",
               "add {add} or remove {remove} page(s), or rebuild it with 'brochure build' "
               "(pad_to_multiple: 4 in brochure.yaml adds blank pages before the back cover)"),
        "ja": ("{name} は {count} ページです。中綴じの冊子には 4 の倍数のページ数が必要です",
               "{add} ページ足すか {remove} ページ減らすか、'brochure build' で作り直してください"
               "（brochure.yaml の pad_to_multiple: 4 で裏表紙の前に白紙ページが入ります）"),
    },
    # --- rendering -------------------------------------------------------------------
    "render.refused": {
        "en": ("refused to load {url}: {reason}", "use only files in the content folder, styles/ and fonts/"),
        "ja": ("{url} の読み込みを拒否しました：{reason}", "コンテンツフォルダ・styles/・fonts/ の中のファイルだけを使ってください"),
    },
    "render.degraded": {
        "en": ("the PDF would not be what the content and styles describe: {detail}",
               "check styles/ and fonts/ (the message after the colon is WeasyPrint's)"),
        "ja": ("内容とスタイルのとおりの PDF を作れません：{detail}",
               "styles/ と fonts/ を確認してください（コロンの後は WeasyPrint のメッセージです）"),
    },
    # --- the machine --------------------------------------------------------------------
    "env.library": {
        "en": ("the system library {name} ({role}) is not installed; the PDF cannot be made",
               "install it (Debian/Ubuntu): sudo apt-get install {packages}"),
        "ja": ("システムのライブラリ {name}（{role}）がインストールされていないため、PDF を作れません",
               "インストールしてください（Debian/Ubuntu）: sudo apt-get install {packages}"),
    },
    "env.harfbuzz_subset": {
        "en": ("the system library HarfBuzz subset (libharfbuzz-subset) is missing: the PDF is not "
               "reproducible and writing it is about 6× slower",
               "install it (Debian/Ubuntu): sudo apt-get install libharfbuzz-subset0"),
        "ja": ("システムのライブラリ HarfBuzz subset（libharfbuzz-subset）がありません：同じ内容でも同じ PDF に"
               "ならず、書き出しが約 6 倍遅くなります",
               "インストールしてください（Debian/Ubuntu）: sudo apt-get install libharfbuzz-subset0"),
    },
    "font.file_missing": {
        "en": ("the bundled font file {file} is missing: the brochure cannot be set in its typefaces",
               "put the file back from the tool's copy (git checkout -- {file}, or reinstall the tool)"),
        "ja": ("同梱のフォントファイル {file} がありません：パンフレットを決まった書体で組めません",
               "ツールの元のファイルに戻してください（git checkout -- {file}、またはツールを入れ直す）"),
    },
    "font.file_damaged": {
        "en": ("the bundled font file {file} is damaged ({why}): WeasyPrint would skip it and set the "
               "text in another face without a word",
               "put the file back from the tool's copy (git checkout -- {file}, or reinstall the tool)"),
        "ja": ("同梱のフォントファイル {file} が壊れています（{why}）：そのままでは別の書体で黙って組まれてしまいます",
               "ツールの元のファイルに戻してください（git checkout -- {file}、またはツールを入れ直す）"),
    },
    "preview.port": {
        "en": ("cannot open the preview on 127.0.0.1:{port} ({reason})",
               "choose another port with --port N (--port 0 picks a free one)"),
        "ja": ("127.0.0.1:{port} でプレビューを開けません（{reason}）",
               "--port N で別のポート番号を指定してください（--port 0 なら空いている番号を使います）"),
    },
    # --- preflight findings (brochure check): "check.<code>" -----------------------------
    "check.brand-contrast": {
        "en": ("{text} on {ground} ({where}) has a contrast of {ratio}:1 on screen; WCAG AA asks for {need}:1 "
               "for {size}", "choose a darker or lighter brand colour in brochure.yaml (brand.{field}) until the "
                             "pair reaches {need}:1"),
        "ja": ("{where}の {text} の文字と {ground} の地のコントラストが画面で {ratio}:1 です。WCAG AA では{size}に "
               "{need}:1 以上が必要です", "brochure.yaml の brand.{field} をもっと濃い（または明るい）色にして、{need}:1 "
                                       "以上にしてください"),
    },
    "check.bleed-box": {
        "en": ("the page has no 3 mm bleed area around the trim", "keep 'bleed: 3mm' in styles/base.css"),
        "ja": ("ページの周りに 3 mm の塗り足しがありません", "styles/base.css の 'bleed: 3mm' を残してください"),
    },
    "check.bleed-missing": {
        "en": ("art touches the {edge} trim edge but stops there ({mm} mm of the edge, from {start} mm): "
               "it must extend 3 mm into the bleed",
               "extend the background or photo 3 mm beyond the trim (see .bleed-art in styles/base.css)"),
        "ja": ("絵柄が{edge}の仕上がり線で止まっています（{start} mm の位置から {mm} mm 分）：塗り足しまで 3 mm 伸ばす必要があります",
               "背景や写真を仕上がり線の外へ 3 mm 伸ばしてください（styles/base.css の .bleed-art を参照）"),
    },
    "check.text-box-overflow": {
        "en": ("text runs out of its box at '{char}' (…{around}…)",
               "shorten the text or let its box grow (a BudouX phrase or a long word cannot wrap)"),
        "ja": ("文字が枠からはみ出しています：「{char}」（…{around}…）",
               "文章を短くするか、枠を大きくしてください（文節や長い単語の途中では改行できません）"),
    },
    "check.glyph-clipped": {
        "en": ("'{text}' is cut off by the edge of the box that holds it ({mm} mm of a letter is not printed)",
               "shorten the text, or report it: the box (or its line height) is too small for the letters"),
        "ja": ("「{text}」の文字の一部が、囲みの端で切れて印刷されません（{mm} mm）",
               "文字を短くしてください。それでも直らない場合は、囲み（または行の高さ）が文字に対して小さすぎるので報告してください"),
    },
    "check.tofu": {
        "en": ("{char} cannot be printed in the bundled fonts: {problem}",
               "replace it (e.g. a standard kanji form, or words instead of an emoji), "
               "or bundle a font that has it in fonts/ and styles/fonts.css"),
        "ja": ("{char} は同梱のフォントで印刷できません：{problem}",
               "標準の字体に置き換えるか（絵文字なら言葉に）、その文字を持つフォントを fonts/ と styles/fonts.css に加えてください"),
    },
    "check.font-type3": {
        "en": ("font {name} is a Type 3 font", "print shops reject Type 3 fonts: use the bundled TrueType/OpenType fonts"),
        "ja": ("フォント {name} が Type 3 フォントです", "印刷所は Type 3 フォントを受け付けません。同梱の TrueType/OpenType フォントを使ってください"),
    },
    "check.font-not-embedded": {
        "en": ("font {name} is not embedded", "embed every font (see styles/fonts.css)"),
        "ja": ("フォント {name} が埋め込まれていません", "すべてのフォントを埋め込んでください（styles/fonts.css を参照）"),
    },
    "check.font-fallback": {
        "en": ("system font {name} drew '{text}': the bundled fonts lack it",
               "replace the characters or bundle a font that has them"),
        "ja": ("システムのフォント {name} が「{text}」を描いています：同梱のフォントにない文字です",
               "その文字を置き換えるか、その文字を持つフォントを同梱してください"),
    },
    "check.image-dpi": {
        "en": ("image of {width}×{height} px placed at {w_mm}×{h_mm} mm prints at {dpi} dpi (print needs ≥ {min} dpi)",
               "use a photo of at least {need_w}×{need_h} px (350 dpi at this size)"),
        "ja": ("{width}×{height} ピクセルの画像を {w_mm}×{h_mm} mm に置いているため、{dpi} dpi で印刷されます（印刷には {min} dpi 以上が必要です）",
               "{need_w}×{need_h} ピクセル以上の写真を使ってください（この大きさで 350 dpi）"),
    },
    "check.text-outside": {
        "en": ("text is drawn outside the page: '{text}'", "shorten the text or make its box larger"),
        "ja": ("文字がページの外に出ています：「{text}」", "文章を短くするか、枠を大きくしてください"),
    },
    "check.text-crosses": {
        "en": ("text crosses the trim edge and will be cut: '{text}'", "shorten the text or move it inside the page"),
        "ja": ("文字が仕上がり線にかかっていて、断裁で切れます：「{text}」", "文章を短くするか、ページの内側に収めてください"),
    },
    "check.text-margin": {
        "en": ("text is within {mm} mm of the trim edge (safe margin): '{text}'",
               "keep text ≥ {mm} mm inside the trim: shorten it or fix the layout"),
        "ja": ("文字が仕上がり線から {mm} mm 以内にあり、断裁のずれで切れるおそれがあります：「{text}」",
               "文字は仕上がり線から {mm} mm 以上内側に置いてください（文章を短くするか、レイアウトを直す）"),
    },
    "check.section-overflow": {
        "en": ("the {type} section runs to {used} pages (planned {planned}): its text overflows onto page {page}",
               "shorten the text (or split it into another section)"),
        "ja": ("「{type}」のセクションが {used} ページになっています（予定は {planned} ページ）：{page} ページ目に文章があふれています",
               "文章を短くしてください（または別のセクションに分けてください）"),
    },
    "check.text-overlap": {
        "en": ("text is drawn over other text ('{under}' and '{over}', {n} glyphs): a box is too small for its text{also}",
               "shorten the text or give the box more room"),
        "ja": ("文字が他の文字に重なっています（「{under}」と「{over}」、{n} 文字）：枠が文章に対して小さすぎます{also}",
               "文章を短くするか、枠に余裕を持たせてください"),
    },
    # --- the page planner's defects, found on the PDF (check/pagefill.py, check/overflow.py) ---
    "check.text-box-tight": {
        "en": ("text touches the edge of its box at '{char}' (…{around}…)",
               "shorten the text a little, or give the box more room: the text needs space inside its border"),
        "ja": ("文字が枠の線に接しています：「{char}」（…{around}…）",
               "文章を少し短くするか、枠に余裕を持たせてください（文字と枠線の間には余白が必要です）"),
    },
    "check.page-blank": {
        "en": ("page {page} is blank inside the booklet",
               "a blank page is allowed only before the back cover: add content (a photo, an interview), "
               "or remove a 'pad_to_multiple' that asks for more pages"),
        "ja": ("冊子の途中の {page} ページ目が白紙です",
               "白紙にしてよいのは裏表紙の前だけです。写真やインタビューなどを加えるか、pad_to_multiple を見直してください"),
    },
    "check.page-sparse": {
        "en": ("page {page} is only {used} used (less than a fifth)",
               "add text or a photo to this section, or shorten the one before so that it ends on the page before"),
        "ja": ("{page} ページ目は {used} しか使われていません（5 分の 1 未満）",
               "このセクションに文章か写真を足すか、前のページで終わるよう文章を短くしてください"),
    },
    "check.continuation-head": {
        "en": ("page {page} continues a section without its head 「（続き）」",
               "report this: the layout lost its running head"),
        "ja": ("{page} ページ目はセクションの続きですが、「（続き）」の見出しがありません",
               "レイアウトの不具合です。開発者に報告してください"),
    },
    "check.sample-text.main": {
        "en": ("{file} is marked 'sample: true' (sample values)",
               "write the real title, organisation and dates, then remove 'sample: true'"),
        "ja": ("{file} に sample: true（見本の値）が付いています",
               "本当のタイトル・組織名・日付を書いてから sample: true を消してください"),
    },
    "check.sample-text": {
        "en": ("the {type} section is marked 'sample: true' (sample text)", "write the real text, then remove 'sample: true'"),
        "ja": ("「{type}」のセクションに sample: true（見本の文章）が付いています",
               "本当の文章を書いてから sample: true を消してください"),
    },
    "check.page-count": {
        "en": ("the PDF has {count} pages, not a multiple of 4 (saddle stitching)",
               "add or remove content so that the page count is a multiple of 4"),
        "ja": ("PDF が {count} ページで、4 の倍数になっていません（中綴じ製本）",
               "ページ数が 4 の倍数になるよう、内容を増やすか減らしてください"),
    },
    "check.page-count.pad": {
        "en": ("the PDF has {count} pages, not a multiple of 4 (saddle stitching)",
               "set pad_to_multiple to 4 (it is {pad}) to add blank pages"),
        "ja": ("PDF が {count} ページで、4 の倍数になっていません（中綴じ製本）",
               "pad_to_multiple を 4 にしてください（今は {pad}）。白紙ページが足されます"),
    },
    "check.qr-wrong-url": {
        "en": ("the QR code decodes to '{got}', but its block links to '{url}'",
               "rebuild the PDF (it may be older than the content) or fix the link's URL"),
        "ja": ("QR コードは '{got}' と読めますが、この欄のリンク先は '{url}' です",
               "PDF を作り直すか（内容より古いのかもしれません）、リンクの URL を直してください"),
    },
    "check.qr-wrong-url.extra": {
        "en": ("a QR code decodes to '{got}', which no QR block of this page links to",
               "rebuild the PDF, or make the code and its link the same address"),
        "ja": ("QR コードが '{got}' と読めますが、このページのどの欄のリンク先でもありません",
               "PDF を作り直すか、QR コードとリンクを同じアドレスにしてください"),
    },
    "check.qr-unreadable": {
        "en": ("the QR code for {url} does not decode from a {dpi}-dpi render",
               "keep it ≥ 20 mm with a white quiet zone and dark modules on white"),
        "ja": ("{url} の QR コードが {dpi} dpi の画像から読み取れません",
               "20 mm 以上の大きさにし、周りに白い余白を取り、白地に濃い色で印刷してください"),
    },
    "check.sample-photo": {
        "en": ("'{file}' is a sample placeholder photo", "replace it with the real photo (same file name or a new one)"),
        "ja": ("「{file}」は見本の仮写真です", "本物の写真に差し替えてください（同じファイル名で置き換えるか、新しいファイル名を書く）"),
    },
    "check.sample-name": {
        "en": ("org-chart name '{name}' is a sample value", "write the real name and remove 'sample: true'"),
        "ja": ("組織図の名前「{name}」は見本の値です", "本当の名前を書き、'sample: true' を消してください"),
    },
    "check.sample-link": {
        "en": ("link '{id}' has a sample URL ({url})", "set the real URL and remove 'sample: true'"),
        "ja": ("リンク「{id}」の URL は見本です（{url}）", "本当の URL を書き、'sample: true' を消してください"),
    },
    "check.sample-alt": {
        "en": ("the photo '{file}' was replaced, but its alt text still says it is a sample: '{alt}'",
               "describe what the new photo shows (screen readers read this text)"),
        "ja": ("写真「{file}」は差し替えられていますが、代替テキスト（alt）がまだ見本のままです：「{alt}」",
               "新しい写真に写っているものを書いてください（画面読み上げソフトが読む文章です）"),
    },
    # --- the print shop's ICC profile (print.output_intent, --output-intent) ---------------
    "icc.missing": {
        "en": ("profile file '{name}' not found", "put the print shop's .icc file into the content folder "
                                                  "or correct the name"),
        "ja": ("プロファイル '{name}' が見つかりません", "印刷会社の .icc ファイルをコンテンツフォルダに置くか、名前を直してください"),
    },
    "icc.outside": {
        "en": ("profile '{name}' is outside the content folder",
               "copy the .icc file into the content folder and give its name"),
        "ja": ("プロファイル '{name}' がコンテンツフォルダの外にあります",
               ".icc ファイルをコンテンツフォルダにコピーして、その名前を書いてください"),
    },
    "icc.unreadable": {
        "en": ("cannot read the profile ({reason})", "check the file's name and permissions"),
        "ja": ("プロファイルを読めません（{reason}）", "ファイル名と権限を確認してください"),
    },
    "icc.not_icc": {
        "en": ("not an ICC colour profile (no 'acsp' signature in its header)",
               "ask the print shop for their CMYK profile as an .icc (or .icm) file"),
        "ja": ("ICC カラープロファイルではありません（ヘッダーに 'acsp' がありません）",
               "印刷会社に CMYK プロファイル（.icc か .icm のファイル）をもらってください"),
    },
    "icc.size": {
        "en": ("the profile is damaged: its header says {declared} bytes, the file has {actual}",
               "download or copy the profile again"),
        "ja": ("プロファイルが壊れています（ヘッダーでは {declared} バイト、ファイルは {actual} バイト）",
               "プロファイルをもう一度ダウンロードするかコピーし直してください"),
    },
    "icc.tags": {
        "en": ("the profile is damaged: its tag table points outside the file",
               "download or copy the profile again"),
        "ja": ("プロファイルが壊れています（タグ表がファイルの外を指しています）",
               "プロファイルをもう一度ダウンロードするかコピーし直してください"),
    },
    "icc.class": {
        "en": ("this is a profile for {kind} ('{signature}'), not an output (printer) profile",
               "ask the print shop for the CMYK profile of their printing condition "
               "(e.g. JapanColor2011Coated.icc)"),
        "ja": ("{kind}用のプロファイル（'{signature}'）で、出力（印刷）用ではありません",
               "印刷会社に印刷条件の CMYK プロファイル（例: JapanColor2011Coated.icc）をもらってください"),
    },
    "icc.colour_space": {
        "en": ("the profile is for {space} colour, not CMYK",
               "ask the print shop for their CMYK profile (offset printing uses four inks)"),
        "ja": ("{space} 用のプロファイルで、CMYK 用ではありません",
               "印刷会社に CMYK プロファイルをもらってください（オフセット印刷は 4 色のインキで刷ります）"),
    },
    "icc.version": {
        "en": ("ICC version {version} is not allowed in PDF/X-4 (versions 2 and 4.0–4.2)",
               "ask the print shop for a version 2 or 4 profile of the same condition"),
        "ja": ("ICC バージョン {version} は PDF/X-4 では使えません（2 と 4.0〜4.2 のみ）",
               "同じ印刷条件のバージョン 2 か 4 のプロファイルを印刷会社にもらってください"),
    },
    "icc.conversion": {
        "en": ("the profile lacks the colour conversion tables ({missing})",
               "ask the print shop for the complete profile of their printing condition"),
        "ja": ("プロファイルに色変換の表（{missing}）がありません",
               "印刷会社に印刷条件の完全なプロファイルをもらってください"),
    },
    # --- brochure check: PDF/X-4 rules and ink (check/pdfx.py, pdfx_content.py, ink.py) ---
    "check.pdf.password": {
        "en": ("the PDF is password-protected and cannot be checked",
               "ask for the file without a password (print shops do not accept protected PDFs)"),
        "ja": ("PDF にパスワードがかかっていて確認できません",
               "パスワードなしのファイルをもらってください（印刷会社は保護された PDF を受け付けません）"),
    },
    "check.pdf.unreadable": {
        "en": ("cannot read the file as a PDF ({reason})",
               "check the path, or export the PDF again"),
        "ja": ("PDF として読めません（{reason}）",
               "パスを確認するか、PDF を書き出し直してください"),
    },
    "check.pdfx.pdf_version": {
        "en": ("the file is PDF {version}; PDF/X-4 files are PDF 1.6 or older",
               "make the PDF again with make_pdf.py; a PDF made elsewhere: export it again as PDF/X-4"),
        "ja": ("PDF のバージョンが {version} です。PDF/X-4 は PDF 1.6 以下です",
               "make_pdf.py で PDF を作り直してください（ほかで作った PDF は PDF/X-4 で書き出し直してください）"),
    },
    "check.pdfx.xmp_missing": {
        "en": ("the PDF has no XMP metadata (PDF/X-4 keeps its identification there)",
               "make the PDF again with make_pdf.py; a PDF made elsewhere: export it again as PDF/X-4"),
        "ja": ("PDF に XMP メタデータがありません（PDF/X-4 の識別情報はここに書きます）",
               "make_pdf.py で PDF を作り直してください（ほかで作った PDF は PDF/X-4 で書き出し直してください）"),
    },
    "check.pdfx.xmp_unreadable": {
        "en": ("the PDF's XMP metadata cannot be read",
               "make the PDF again with make_pdf.py; a PDF made elsewhere: export it again as PDF/X-4"),
        "ja": ("PDF の XMP メタデータを読めません",
               "make_pdf.py で PDF を作り直してください（ほかで作った PDF は PDF/X-4 で書き出し直してください）"),
    },
    "check.pdfx.version_missing": {
        "en": ("the PDF does not declare PDF/X-4 (pdfxid:GTS_PDFXVersion in XMP: {found})",
               "make the PDF again with make_pdf.py; a PDF made elsewhere: export it again as PDF/X-4"),
        "ja": ("PDF/X-4 と宣言されていません（XMP の pdfxid:GTS_PDFXVersion: {found}）",
               "make_pdf.py で PDF を作り直してください（ほかで作った PDF は PDF/X-4 で書き出し直してください）"),
    },
    "check.pdfx.mismatch": {
        "en": ("{what} differs between the Info dictionary ({info}) and the XMP metadata ({xmp})",
               "make the PDF again with make_pdf.py; a PDF made elsewhere: export it again as PDF/X-4"),
        "ja": ("{what} が Info 辞書（{info}）と XMP メタデータ（{xmp}）で違います",
               "make_pdf.py で PDF を作り直してください（ほかで作った PDF は PDF/X-4 で書き出し直してください）"),
    },
    "check.pdfx.title_missing": {
        "en": ("the PDF has no title (dc:title in XMP)",
               "give the brochure a title (title in brochure.yaml) and make the PDF again"),
        "ja": ("PDF にタイトル（XMP の dc:title）がありません",
               "タイトル（brochure.yaml の title）を書いて PDF を作り直してください"),
    },
    "check.pdfx.trapped": {
        "en": ("trapping is not declared True or False (Trapped: {found})",
               "make the PDF again with make_pdf.py; a PDF made elsewhere: export it again as PDF/X-4"),
        "ja": ("トラッピングの有無（Trapped）が True か False になっていません（{found}）",
               "make_pdf.py で PDF を作り直してください（ほかで作った PDF は PDF/X-4 で書き出し直してください）"),
    },
    "check.pdfx.date_missing": {
        "en": ("a date is missing: {where}",
               "make the PDF again with make_pdf.py; a PDF made elsewhere: export it again as PDF/X-4"),
        "ja": ("日付がありません: {where}",
               "make_pdf.py で PDF を作り直してください（ほかで作った PDF は PDF/X-4 で書き出し直してください）"),
    },
    "check.pdfx.ids": {
        "en": ("identification is missing: {missing}",
               "make the PDF again with make_pdf.py; a PDF made elsewhere: export it again as PDF/X-4"),
        "ja": ("識別情報がありません: {missing}",
               "make_pdf.py で PDF を作り直してください（ほかで作った PDF は PDF/X-4 で書き出し直してください）"),
    },
    "check.pdfx.intent_missing": {
        "en": ("the PDF has no PDF/X output intent: the print shop cannot tell which printing condition its colours are for",
               "make the PDF again with make_pdf.py (it embeds the output intent); a PDF made elsewhere: export it as PDF/X-4 with the shop's profile"),
        "ja": ("PDF/X の出力インテントがありません。どの印刷条件向けの色か印刷会社にわかりません",
               "make_pdf.py で作り直してください（出力インテントが入ります）。ほかで作った PDF は印刷会社のプロファイルで PDF/X-4 に書き出してください"),
    },
    "check.pdfx.intent_several": {
        "en": ("the PDF has {n} PDF/X output intents; PDF/X-4 allows exactly one",
               "make the PDF again with make_pdf.py; a PDF made elsewhere: export it again as PDF/X-4"),
        "ja": ("PDF/X の出力インテントが {n} 個あります。PDF/X-4 では 1 個だけです",
               "make_pdf.py で PDF を作り直してください（ほかで作った PDF は PDF/X-4 で書き出し直してください）"),
    },
    "check.pdfx.intent_identifier": {
        "en": ("the output intent does not name its printing condition (OutputConditionIdentifier)",
               "make the PDF again with make_pdf.py; a PDF made elsewhere: export it again as PDF/X-4"),
        "ja": ("出力インテントに印刷条件の名前（OutputConditionIdentifier）がありません",
               "make_pdf.py で PDF を作り直してください（ほかで作った PDF は PDF/X-4 で書き出し直してください）"),
    },
    "check.pdfx.profile_missing": {
        "en": ("the output intent has no embedded ICC profile (DestOutputProfile)",
               "make the PDF again with make_pdf.py; a PDF made elsewhere: export it again as PDF/X-4"),
        "ja": ("出力インテントに ICC プロファイル（DestOutputProfile）が埋め込まれていません",
               "make_pdf.py で PDF を作り直してください（ほかで作った PDF は PDF/X-4 で書き出し直してください）"),
    },
    "check.pdfx.profile_reference": {
        "en": ("the output intent only refers to an external profile (PDF/X-4p); the shop needs it embedded",
               "make the PDF again with make_pdf.py; a PDF made elsewhere: export it again as PDF/X-4"),
        "ja": ("出力インテントが外部のプロファイルを参照しているだけです（PDF/X-4p）。埋め込みが必要です",
               "make_pdf.py で PDF を作り直してください（ほかで作った PDF は PDF/X-4 で書き出し直してください）"),
    },
    "check.pdfx.profile_invalid": {
        "en": ("the output intent's profile cannot serve: {detail}",
               "make the PDF again with the print shop's CMYK profile (--output-intent FILE.icc)"),
        "ja": ("出力インテントのプロファイルが使えません: {detail}",
               "印刷会社の CMYK プロファイルで PDF を作り直してください（--output-intent FILE.icc）"),
    },
    "check.pdfx.profile_n": {
        "en": ("the profile is {space} ({channels} components) but the PDF says /N {n}",
               "make the PDF again with make_pdf.py; a PDF made elsewhere: export it again as PDF/X-4"),
        "ja": ("プロファイルは {space}（{channels} 成分）なのに、PDF では /N {n} になっています",
               "make_pdf.py で PDF を作り直してください（ほかで作った PDF は PDF/X-4 で書き出し直してください）"),
    },
    "check.pdfx.intent_other": {
        "en": ("the output intent is '{found}', not the print shop's profile '{wanted}' ({file})",
               "make the PDF again with that profile (make_pdf.py --output-intent, or print.output_intent in brochure.yaml)"),
        "ja": ("出力インテントが '{found}' で、印刷会社のプロファイル '{wanted}'（{file}）ではありません",
               "そのプロファイルで PDF を作り直してください（make_pdf.py --output-intent か brochure.yaml の print.output_intent）"),
    },
    "check.pdfx.trimbox_missing": {
        "en": ("the page has no TrimBox (nor ArtBox): the shop cannot tell where to cut",
               "make the PDF again with make_pdf.py; a PDF made elsewhere: export it again as PDF/X-4"),
        "ja": ("ページに仕上がりサイズ（TrimBox も ArtBox も）がありません。どこで断裁するか印刷会社にわかりません",
               "make_pdf.py で PDF を作り直してください（ほかで作った PDF は PDF/X-4 で書き出し直してください）"),
    },
    "check.pdfx.trim_and_art": {
        "en": ("the page has both a TrimBox and an ArtBox; PDF/X-4 allows one of them",
               "make the PDF again with make_pdf.py; a PDF made elsewhere: export it again as PDF/X-4"),
        "ja": ("ページに TrimBox と ArtBox の両方があります。PDF/X-4 ではどちらか一方です",
               "make_pdf.py で PDF を作り直してください（ほかで作った PDF は PDF/X-4 で書き出し直してください）"),
    },
    "check.pdfx.box_outside": {
        "en": ("the {inner} {a} is not inside the {outer} {b}",
               "make the PDF again with make_pdf.py; a PDF made elsewhere: export it again as PDF/X-4"),
        "ja": ("{inner} {a} が {outer} {b} の内側にありません",
               "make_pdf.py で PDF を作り直してください（ほかで作った PDF は PDF/X-4 で書き出し直してください）"),
    },
    "check.pdfx.encrypted": {
        "en": ("the PDF is encrypted; PDF/X forbids encryption",
               "export it again without security settings"),
        "ja": ("PDF が暗号化されています。PDF/X では暗号化できません",
               "セキュリティ設定なしで書き出し直してください"),
    },
    "check.pdfx.javascript": {
        "en": ("the PDF contains JavaScript; PDF/X forbids it",
               "export it again without scripts"),
        "ja": ("PDF に JavaScript が入っています。PDF/X では使えません",
               "スクリプトなしで書き出し直してください"),
    },
    "check.pdfx.action": {
        "en": ("the PDF contains a '{kind}' action; PDF/X allows no actions but going to a page or a link",
               "export it again without interactive elements"),
        "ja": ("PDF に '{kind}' アクションがあります。PDF/X ではページ移動とリンク以外のアクションは使えません",
               "対話機能なしで書き出し直してください"),
    },
    "check.pdfx.additional_actions": {
        "en": ("the PDF runs actions on events (/AA); PDF/X forbids them",
               "export it again without interactive elements"),
        "ja": ("PDF にイベントで動くアクション（/AA）があります。PDF/X では使えません",
               "対話機能なしで書き出し直してください"),
    },
    "check.pdfx.annotation": {
        "en": ("a {kind} annotation lies on the printed page (inside the TrimBox); PDF/X allows only printer's marks there",
               "remove comments, links and form fields, or export again as PDF/X-4"),
        "ja": ("印刷される範囲（TrimBox 内）に {kind} 注釈があります。PDF/X でここに置けるのはトンボ類だけです",
               "コメント・リンク・フォームを消すか、PDF/X-4 で書き出し直してください"),
    },
    "check.pdfx.device_colour": {
        "en": ("colour in {space} with a {intent} output intent and no {default}: the RIP cannot know what colour it means",
               "tag it with an ICC profile (e.g. sRGB) or convert it to CMYK; in make_pdf.py's output this is a bug: report it"),
        "ja": ("{intent} の出力インテントに {space} の色があり、{default} もありません。RIP がどの色か判断できません",
               "ICC プロファイル（sRGB など）を付けるか CMYK に変換してください。make_pdf.py の出力なら不具合なので報告してください"),
    },
    "check.pdfx.colour_unknown": {
        "en": ("the colour space {space} is not defined in the resources",
               "make the PDF again with make_pdf.py; a PDF made elsewhere: export it again as PDF/X-4"),
        "ja": ("色空間 {space} がリソースに定義されていません",
               "make_pdf.py で PDF を作り直してください（ほかで作った PDF は PDF/X-4 で書き出し直してください）"),
    },
    "check.pdfx.icc_invalid": {
        "en": ("an embedded ICC profile cannot serve: {detail}",
               "use images and colours with a valid ICC profile (e.g. sRGB) and export again"),
        "ja": ("埋め込まれた ICC プロファイルが使えません: {detail}",
               "正しい ICC プロファイル（sRGB など）の画像・色にして書き出し直してください"),
    },
    "check.pdfx.icc_class": {
        "en": ("a '{signature}' profile (device link or abstract) cannot describe a colour",
               "use an input, display or colour-space profile (e.g. sRGB)"),
        "ja": ("'{signature}' プロファイル（デバイスリンクか抽象）は色を表せません",
               "入力・ディスプレイ・色空間用のプロファイル（sRGB など）を使ってください"),
    },
    "check.pdfx.group_colour": {
        "en": ("a transparency group blends in {space}, which the {intent} output intent does not allow",
               "make the PDF again with make_pdf.py; a PDF made elsewhere: export it again as PDF/X-4"),
        "ja": ("透明グループの合成色空間が {space} で、{intent} の出力インテントでは使えません",
               "make_pdf.py で PDF を作り直してください（ほかで作った PDF は PDF/X-4 で書き出し直してください）"),
    },
    "check.pdfx.opi": {
        "en": ("an image or form uses OPI (a link to a high-resolution file elsewhere); PDF/X forbids it",
               "embed the real image and export again"),
        "ja": ("画像やフォームが OPI（別ファイルの高解像度画像への参照）を使っています。PDF/X では使えません",
               "実際の画像を埋め込んで書き出し直してください"),
    },
    "check.pdfx.postscript_xobject": {
        "en": ("the page contains a PostScript XObject; PDF/X forbids PostScript",
               "make the PDF again with make_pdf.py; a PDF made elsewhere: export it again as PDF/X-4"),
        "ja": ("ページに PostScript XObject があります。PDF/X では PostScript は使えません",
               "make_pdf.py で PDF を作り直してください（ほかで作った PDF は PDF/X-4 で書き出し直してください）"),
    },
    "check.pdfx.postscript_operator": {
        "en": ("the page runs PostScript code (the PS operator); PDF/X forbids it",
               "make the PDF again with make_pdf.py; a PDF made elsewhere: export it again as PDF/X-4"),
        "ja": ("ページが PostScript コード（PS 演算子）を実行します。PDF/X では使えません",
               "make_pdf.py で PDF を作り直してください（ほかで作った PDF は PDF/X-4 で書き出し直してください）"),
    },
    "check.pdfx.external": {
        "en": ("a stream's data is in another file (/F); PDF/X needs everything in the PDF",
               "embed the data and export again"),
        "ja": ("ストリームのデータが別ファイルにあります（/F）。PDF/X ではすべてを PDF に含めます",
               "データを埋め込んで書き出し直してください"),
    },
    "check.pdfx.reference_xobject": {
        "en": ("a form refers to a page of another PDF (reference XObject); PDF/X-4 needs it embedded",
               "embed the page and export again"),
        "ja": ("フォームが別の PDF のページを参照しています（参照 XObject）。PDF/X-4 では埋め込みが必要です",
               "ページを埋め込んで書き出し直してください"),
    },
    "check.ink.no_gs": {
        "en": ("total ink and black text were not measured: Ghostscript (gs) is not installed",
               "install Ghostscript (Debian/Ubuntu: apt-get install ghostscript) and check again"),
        "ja": ("インキ総量とスミ文字を測れませんでした。Ghostscript（gs）がインストールされていません",
               "Ghostscript をインストールして（Debian/Ubuntu: apt-get install ghostscript）もう一度確認してください"),
    },
    "check.ink.gs_failed": {
        "en": ("total ink and black text were not measured: Ghostscript failed ({detail})",
               "check that the PDF opens in a viewer; report the problem if it does"),
        "ja": ("インキ総量とスミ文字を測れませんでした。Ghostscript が失敗しました（{detail}）",
               "PDF がビューアーで開けるか確認し、開けるなら報告してください"),
    },
    "check.ink.coverage": {
        "en": ("highest total ink {percent} % at x {x} mm, y {y} mm from the trim's top-left ({area} mm square; limit {limit} %, profile {profile})",
               None),
        "ja": ("インキ総量の最大 {percent} %（仕上がり左上から x {x} mm・y {y} mm、{area} mm 角の平均。上限 {limit} %、プロファイル {profile}）",
               None),
    },
    "check.ink.limit": {
        "en": ("total ink reaches {percent} % at x {x} mm, y {y} mm from the trim's top-left ({area} mm square), above the limit of {limit} % ({source}): the ink may not dry and can set off on the next sheet",
               "lighten that area: use a lighter or less saturated colour, or a photo that is not so dark; a rich black there should be at most 60 % C, 40 % M, 40 % Y, 100 % K"),
        "ja": ("インキ総量が {percent} % になる所があります（仕上がり左上から x {x} mm・y {y} mm、{area} mm 角）。上限 {limit} %（{source}）を超えていて、乾かずに裏移りするおそれがあります",
               "その部分の色を薄く（彩度を低く）するか、暗すぎない写真にしてください。リッチブラックなら C 60 %・M 40 %・Y 40 %・K 100 % 以下にします"),
    },
    "check.ink.profile_bundled": {
        "en": ("{name}, bundled: the PDF has no usable output intent", None),
        "ja": ("同梱の {name}（PDF に使える出力インテントがないため）", None),
    },
    "check.ink.limit_set": {
        "en": ("as set",
               None),
        "ja": ("指定値",
               None),
    },
    "check.ink.limit_default": {
        "en": ("the default when the printing condition is not known",
               None),
        "ja": ("印刷条件が不明なときの既定値",
               None),
    },
    "check.ink.limit_condition": {
        "en": ("the usual limit of {condition}",
               None),
        "ja": ("{condition} の標準的な上限",
               None),
    },
    "check.ink.black_text": {
        "en": ("small black text prints in several inks ({inks}): {n} glyph(s) up to {size} pt, e.g. '{text}'; the plates never register exactly, so the letters get coloured fringes",
               "make text under 12 pt 100 % K only: black in CMYK as device-cmyk(0 0 0 1), not rich black and not RGB black"),
        "ja": ("小さいスミ文字が複数のインキで刷られます（{inks}）。{size} pt 以下の {n} 文字、例: '{text}'。版は完全には重ならないので、文字に色のにじみが出ます",
               "12 pt 未満の文字は K 100 % だけにしてください（CMYK の device-cmyk(0 0 0 1)。リッチブラックや RGB の黒は使わない）"),
    },
    "check.ink.black_line": {
        "en": ("a thin black line ({width} pt) at x {x} mm, y {y} mm prints in several inks ({inks}); it will show coloured fringes",
               "draw thin lines in 100 % K only (device-cmyk(0 0 0 1)), or thicker than 1 pt"),
        "ja": ("細いスミの線（{width} pt、x {x} mm・y {y} mm）が複数のインキで刷られます（{inks}）。色のにじみが出ます",
               "細い線は K 100 % だけ（device-cmyk(0 0 0 1)）にするか、1 pt 以上にしてください"),
    },
    # --- brochure personalize (one PDF per CSV row) ----------------------------------
    "rows.range": {
        "en": ("'{value}' is not a range of rows",
               "write it like 1-5000 (rows under the header, counted from 1), 5001- (to the end) or 42"),
        "ja": ("'{value}' は行の範囲として読めません",
               "1-5000（見出し行の次の行を 1 行目として数えます）、5001-（最後まで）、42 のように書いてください"),
    },
    "personalize.no_cover": {
        "en": ("personalised copies need a cover as the first section", "put sections/cover.yaml first"),
        "ja": ("宛名入りの PDF には、最初のセクションに表紙が必要です", "sections の一覧の先頭に sections/cover.yaml を置いてください"),
    },
    "personalize.card_pages": {
        "en": ("the name card on the cover runs to {pages} pages", "shorten the name or the event"),
        "ja": ("表紙の宛名カードが {pages} ページにはみ出します", "名前かイベントを短くしてください"),
    },
    "personalize.crashed": {
        "en": ("the process making this PDF stopped unexpectedly ({how})",
               "run the same command again to make this row again; if it stops again, close other programs "
               "or use fewer --jobs (the computer may be out of memory)"),
        "ja": ("この PDF を作っていた処理が途中で止まりました（{how}）",
               "同じコマンドをもう一度実行すると、この行を作り直します。また止まる場合は、ほかのアプリを閉じるか "
               "--jobs を減らしてください（メモリ不足の可能性があります）"),
    },
    "personalize.internal": {
        "en": ("internal error while making this PDF ({detail})", "run again with --debug and report the output"),
        "ja": ("この PDF を作る途中で内部エラーが起きました（{detail}）", "--debug を付けて実行し、その出力を報告してください"),
    },
    "personalize.busy": {
        "en": ("another batch is writing into this folder right now",
               "wait until it has finished, or choose another --out folder"),
        "ja": ("別の処理がいまこのフォルダに書き込んでいます", "終わるまで待つか、別の --out フォルダを指定してください"),
    },
    "personalize.foreign_manifest": {
        "en": ("{path} exists and was not written by brochure personalize, so it is not overwritten",
               "move or rename that file, or choose another --out folder"),
        "ja": ("{path} は brochure personalize が書いたファイルではないため、上書きしません",
               "そのファイルを移動するか名前を変えるか、別の --out フォルダを指定してください"),
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
    "warning": {"en": "warning", "ja": "警告"},
    "notice": {"en": "note", "ja": "お知らせ"},
    "new.done": {"en": "wrote a new brochure into {dest} ({n} files; sample values marked 'sample: true')",
                 "ja": "{dest} に新しいパンフレットを作りました（{n} ファイル。見本の値には sample: true が付いています）"},
    "new.done_from": {"en": "copied {source} into {dest} ({n} files; dates set to {today}, every file marked "
                                "'sample: true' until reviewed)",
                      "ja": "{source} を {dest} にコピーしました（{n} ファイル。日付は {today} に、"
                            "すべてのファイルに見直し用の sample: true を付けました）"},
    "new.next": {"en": "next: edit the files, then build with: uv run make_pdf.py --content {dest}",
                 "ja": "次に: ファイルを書き換えて、uv run make_pdf.py --content {dest} で PDF を作ります"},
    "icc.kind.scnr": {"en": "an input device (scanner, camera)", "ja": "入力機器（スキャナー・カメラ）"},
    "icc.kind.mntr": {"en": "a display", "ja": "ディスプレイ"},
    "icc.kind.link": {"en": "a device link", "ja": "デバイスリンク"},
    "icc.kind.spac": {"en": "a colour space", "ja": "色空間"},
    "icc.kind.abst": {"en": "an abstract effect", "ja": "抽象効果"},
    "icc.kind.nmcl": {"en": "named colours", "ja": "名前付きカラー"},
    # brochure personalize
    "personalize.manifest": {"en": "list of the files for mail tools: {path}",
                             "ja": "メール送信用のファイル一覧: {path}"},
    "personalize.interrupted": {
        "en": "interrupted: {written} PDF(s) written, {left} row(s) not yet; run the same command again "
              "to continue with those",
        "ja": "中断しました。{written} 件の PDF は作成済み、{left} 件は未作成です。同じコマンドをもう一度実行すると、"
              "未作成の行から続けます"},
    "personalize.bar": {"en": "PDFs", "ja": "PDF 作成"},
    "personalize.oom": {"en": "out of memory", "ja": "メモリ不足"},
    "personalize.progress": {"en": "{done}/{total} PDFs ({rate} per second), about {eta} left",
                             "ja": "{done}/{total} 件（毎秒 {rate} 件）、残り約 {eta}"},
    "personalize.minutes": {"en": "{n} min", "ja": "{n} 分"},
    "personalize.seconds": {"en": "{n} s", "ja": "{n} 秒"},
    "personalize.pending": {"en": "not written yet (interrupted) — run the same command again",
                            "ja": "未作成です（中断したため） — 同じコマンドをもう一度実行してください"},
    "internal": {"en": "internal error ({detail}); run again with --debug and report the output",
                 "ja": "内部エラーです（{detail}）。--debug を付けて実行し、その出力を報告してください"},
    # --- the page plan (brochure/plan; printed with -v, summarised after every build) ------------
    "plan.line": {"en": "p.{pages} {name} — {variant}{details}", "ja": "p.{pages} {name} — {variant}{details}"},
    "plan.used": {"en": ", {used} used", "ja": "、埋まり {used}"},
    "plan.body": {"en": ", body {size}", "ja": "、本文 {size}"},
    "plan.memo": {"en": "{n} MEMO page(s) added to reach a multiple of {m} (saddle stitching)",
                  "ja": "中綴じのためページ数を{m}の倍数にするよう、MEMOページを{n}ページ加えました"},
    "plan.blank": {"en": "{n} blank page(s) added before the back cover to reach a multiple of {m}: "
                         "no layout reached it otherwise",
                   "ja": "どのレイアウトでも{m}の倍数にならないため、裏表紙の前に白紙ページを{n}ページ加えました"},
    "plan.problem": {"en": "{file}: no layout holds this section without a defect ({why}); the PDF shows "
                           "the best one — run 'brochure check' for the details",
                     "ja": "{file}: どのレイアウトにもきれいに収まりません（{why}）。最善のものでPDFを作りました。"
                           "詳しくは brochure check で確認してください"},
    "variant.page": {"en": "one page", "ja": "1ページ"},
    "variant.two-page": {"en": "two pages", "ja": "2ページ"},
    "variant.pages": {"en": "{n} pages, the text flowing on", "ja": "{n}ページ（続く）"},
    "variant.roomy": {"en": "{n} page(s), set roomier", "ja": "{n}ページ（ゆったり組む）"},
    "variant.turned": {"en": "{n} pages, the list shared between them", "ja": "{n}ページ（項目を半分ずつ）"},
    "variant.spread": {"en": "spread (portrait, Q&A across both pages)", "ja": "見開き（写真と本文）"},
    "variant.quote-spread": {"en": "spread (portrait and quote, Q&A on the right)", "ja": "見開き（写真と引用、本文は右ページ）"},
    "variant.page-large": {"en": "one page, large portrait", "ja": "1ページ（大きな写真）"},
    "variant.with-figures": {"en": "one page, with the key figures of the next section as its band",
                             "ja": "1ページ（次のセクションの数字を下部に）"},
    "variant.merged": {"en": "on the page before (the organisation page)", "ja": "前のページ（組織のページ）に掲載"},
    "variant.opener": {"en": "quote page, then a spread", "ja": "引用の扉ページと見開き"},
    "variant.flow": {"en": "two pages, the text flowing on", "ja": "2ページ（本文が続く）"},
    "variant.feature": {"en": "spread (headline and large portrait, text on the right)",
                        "ja": "見開き（見出しと大きな写真、本文は右ページ）"},
    "variant.grid": {"en": "cards, {cols} to a row", "ja": "カード {cols} 列"},
    "variant.photo-page": {"en": "full-bleed photo page, then the photos", "ja": "全面写真のページと写真のページ"},
    "variant.rows": {"en": "one link per row", "ja": "1行に1件"},
    "variant.compact": {"en": "one link per row, compact", "ja": "1行に1件（詰めて）"},
    "variant.two-col": {"en": "two links per row", "ja": "1行に2件"},
    "variant.memo": {"en": "MEMO page (added)", "ja": "MEMOページ（追加）"},
    "variant.blank": {"en": "blank page (added)", "ja": "白紙ページ（追加）"},
    # --- what a field is for, in hints about it ("about.<Model>.<field>"; see content/load.py).
    # Without an entry, English shows the model's own description and Japanese shows none.
    "about": {"en": ": {text}", "ja": "（{text}）"},
    "about.Photo.alt": {"en": "what the photo shows, for screen readers",
                        "ja": "写真に写っているもの。画面読み上げソフトが読み上げます"},
    "about.Channel.source": {"en": "utm_source, e.g. the event or the mailing list",
                             "ja": "utm_source。催しやメール配信の名前など"},
    "about.Channel.medium": {"en": "utm_medium, e.g. print, email, seminar",
                             "ja": "utm_medium。print、email、seminar など"},
    "about.Channel.campaign": {"en": "utm_campaign, e.g. recruit-2026", "ja": "utm_campaign。例: recruit-2026"},
    "about.Interview.joined": {"en": "as printed, e.g. 2019年12月入都", "ja": "印刷する形で。例: 2019年12月入都"},
    "about.Interview.quote": {"en": "pull quote: words taken from the answers",
                              "ja": "大きく載せる引用。回答の中の言葉から"},
    "about.Apply.links": {"en": "ids of links from brochure.yaml", "ja": "brochure.yaml の links の id"},
    "about.BackCover.link": {"en": "id of the link printed with a QR code",
                             "ja": "QR コードと一緒に印刷するリンクの id"},
    "about.Meta.sections": {"en": "section files in page order", "ja": "セクションのファイルをページの順に"},
    # --- why the system refused (OSError), by errno name; see os_reason() -----------------
    "os.ENOENT": {"en": "no such file or folder", "ja": "ファイルやフォルダがありません"},
    "os.EACCES": {"en": "permission denied", "ja": "アクセスが許可されていません"},
    "os.EPERM": {"en": "operation not permitted", "ja": "この操作は許可されていません"},
    "os.ENOTDIR": {"en": "a part of the path is a file, not a folder", "ja": "途中にフォルダではなくファイルがあります"},
    "os.EISDIR": {"en": "it is a folder, not a file", "ja": "ファイルではなくフォルダです"},
    "os.ENOSPC": {"en": "the disk is full", "ja": "ディスクがいっぱいです"},
    "os.EROFS": {"en": "the disk is read-only", "ja": "読み取り専用のディスクです"},
    "os.EADDRINUSE": {"en": "the port is already in use", "ja": "そのポートはすでに使われています"},
    "os.EADDRNOTAVAIL": {"en": "the address is not available", "ja": "そのアドレスは使えません"},
    # --- command output (one line each) ----------------------------------------------------
    "cli.wrote": {"en": "wrote {path}", "ja": "{path} を書き出しました"},
    "cli.build.wrote": {"en": "wrote {path} ({pages} pages{note})", "ja": "{path} を書き出しました（{pages} ページ{note}）"},
    "cli.build.blank": {"en": ", {n} blank page(s) added for saddle stitching",
                        "ja": "、中綴じのため白紙を {n} ページ追加"},
    "cli.build.note": {"en": "; {note}", "ja": "。{note}"},
    "brand.derived_rgb": {"en": "brand.{role}: the screen colour {rgb} was derived from the CMYK {cmyk} through "
                                "the profile {profile} (give rgb to set it yourself)",
                          "ja": "brand.{role}: 画面用の色 {rgb} を CMYK {cmyk} からプロファイル {profile} で換算しました"
                                "（自分で決めるときは rgb を書いてください）"},
    "brand.derived_cmyk": {"en": "brand.{role}: the print colour CMYK {cmyk} was derived from {rgb} through the "
                                 "profile {profile} (give cmyk from the brand guide to set it yourself)",
                           "ja": "brand.{role}: 印刷用の色 CMYK {cmyk} を {rgb} からプロファイル {profile} で換算しました"
                                 "（ブランドガイドの値を使うときは cmyk を書いてください）"},
    "brand.spot_unused": {"en": "brand.logo.spot: the logo has no part in the primary colour {rgb}, so the spot "
                                "colour {spot} is not used — check brand.primary.rgb against the logo's colour",
                          "ja": "brand.logo.spot: ロゴにメインカラー {rgb} の部分がないため、特色 {spot} は使われません"
                                " — brand.primary の rgb とロゴの色が合っているか確かめてください"},
    "contrast.body": {"en": "body text", "ja": "本文の大きさの文字"},
    "contrast.large": {"en": "large text", "ja": "大きな文字"},
    "contrast.where.paper_primary": {"en": "the back cover, the org chart's top box, table heads, the cover's top",
                                     "ja": "裏表紙・組織図の最上位・表の見出し行・表紙の上部"},
    "contrast.where.primary_paper": {"en": "headings, subheadings and labels", "ja": "見出し・小見出し・項目名"},
    "contrast.where.primary_tint": {"en": "table rows and tinted boxes", "ja": "表の項目・色付きの枠"},
    "contrast.where.accent_paper": {"en": "eyebrows and marks", "ja": "見出し上の小さな文字・記号"},
    "contrast.where.paper_accent": {"en": "career steps and the FAQ's A", "ja": "キャリアの段・よくある質問の A"},
    "contrast.where.paper_highlight": {"en": "the sample badges", "ja": "「見本」のバッジ"},
    "build.reencoded": {"en": "photos re-encoded at JPEG quality {quality} to stay within {budget}",
                        "ja": "{budget} に収めるため、写真を JPEG 画質 {quality} で保存し直しました"},
    "build.over_budget": {"en": "warning: {size}, over the {budget} budget even at JPEG quality {quality}: use fewer "
                                "or smaller-detail photos",
                          "ja": "警告：{size} あり、JPEG 画質 {quality} でも上限の {budget} を超えています。写真を減らすか、"
                                "細かい柄の少ない写真を使ってください"},
    "cli.impose.wrote": {"en": "wrote {path} ({sheet} landscape, saddle-stitch order; print duplex, flip on short edge)",
                         "ja": "{path} を書き出しました（{sheet} 横・中綴じの順。両面印刷の「短辺とじ」で印刷してください）"},
    "cli.check.checking": {"en": "checking {pdf} ({how})", "ja": "{pdf} を点検します（{how}）"},
    "cli.check.built": {"en": "built", "ja": "作成しました"},
    "cli.check.reused": {"en": "up to date, reused", "ja": "最新なのでそのまま使います"},
    "cli.check.pdf_only": {"en": "PDF only: no content checks", "ja": "PDF だけを点検します（内容の点検はしません）"},
    "progress.building": {"en": "building", "ja": "作成中"},
    "progress.rebuilding": {"en": "rebuilding", "ja": "作り直し中"},
    "progress.photo": {"en": "photo {file} processed", "ja": "写真 {file} を処理しました"},
    "progress.page": {"en": "page {n} laid out", "ja": "{n} ページ目を組みました"},
    "progress.writing": {"en": "writing PDF", "ja": "PDF を書き出しています"},
    "progress.writing_edition": {"en": "writing the {edition} PDF", "ja": "{edition} の PDF を書き出しています"},
    "progress.edition_page": {"en": "{edition} page {n}", "ja": "{edition} {n} ページ目"},
    "progress.pages_of": {"en": "{pages} laid out", "ja": "{pages} を組みました"},
    "help.build.jobs": {"en": "processes to use: editions and photos in parallel (default: one per core; "
                              "1: everything in one process; also BROCHURE_JOBS)",
                        "ja": "使うプロセスの数：版と写真を並行して作る（既定: CPU コアの数。1 ですべてを 1 つの"
                              "プロセスで。BROCHURE_JOBS でも指定できます）"},
    "progress.rows": {"en": "PDFs written", "ja": "書き出した PDF"},
    "watch.built": {"en": "{time} built {name}: {pages} pages{blank} in {seconds} s, {laid} laid out{warn}",
                    "ja": "{time} {name} を作りました：{pages} ページ{blank}、{seconds} 秒、{laid}{warn}"},
    "watch.blank": {"en": " ({n} blank)", "ja": "（うち白紙 {n}）"},
    "watch.sections": {"en": "{laid}/{parts} sections", "ja": "{parts} セクション中 {laid} を組版"},
    "watch.whole": {"en": "whole document", "ja": "全体を組版"},
    "watch.no_warnings": {"en": ", no warnings", "ja": "、警告なし"},
    "watch.warnings": {"en": ", {n} warning(s): {first}", "ja": "、警告 {n} 件：{first}"},
    "watch.error": {"en": "{time} error: {line}{more} — {kept}", "ja": "{time} エラー: {line}{more} — {kept}"},
    "watch.more": {"en": " (+{n} more)", "ja": "（ほか {n} 件）"},
    "watch.kept": {"en": "kept the last good PDF", "ja": "前に作った PDF はそのままです"},
    "watch.bad_name": {"en": "{time} a file whose name is not UTF-8 text appeared: {name} — it is left out; "
                             "rename it with letters your system shows (still watching)",
                       "ja": "{time} 名前が UTF-8 ではないファイルが置かれました: {name} — このファイルは使いません。"
                             "読める名前に付け直してください（見張りは続けています）"},
    "watch.none": {"en": "no PDF written", "ja": "PDF はまだ作られていません"},
    "watch.watching": {"en": "watching {paths} (Ctrl-C to stop)", "ja": "{paths} の変更を見張っています（Ctrl-C で終了）"},
    "watch.stopped": {"en": "stopped watching; the last good PDF is {path}",
                      "ja": "見張りを終了しました。最後に作った PDF は {path} です"},
    "watch.stopped_none": {"en": "stopped watching", "ja": "見張りを終了しました"},
    "personalize.summary": {"en": "{written} written, {skipped} skipped (up to date), {failed} failed in {seconds} s "
                                  "({rate} PDFs/s; {encoding}) → {out}",
                            "ja": "作成 {written} 件、最新のため省略 {skipped} 件、失敗 {failed} 件（{seconds} 秒、"
                                  "毎秒 {rate} 件、{encoding}）→ {out}"},
    "encoding.bom": {"en": "{encoding} with BOM", "ja": "{encoding}（BOM 付き）"},
    "none_declared": {"en": "none declared", "ja": "（まだ 1 つもありません）"},
    # --- preflight report ---------------------------------------------------------------
    "severity.error": {"en": "ERROR", "ja": "エラー"},
    "severity.warning": {"en": "WARNING", "ja": "警告"},
    "severity.info": {"en": "INFO", "ja": "測定"},
    "report.page": {"en": "p.{page:02d}", "ja": "p.{page:02d}"},
    "report.document": {"en": "doc ", "ja": "全体"},
    "report.summary": {"en": "{pdf}: {errors} error(s), {warnings} warning(s): {verdict}",
                       "ja": "{pdf}：エラー {errors} 件、警告 {warnings} 件。{verdict}"},
    "verdict.errors": {"en": "NOT ready for print", "ja": "入稿できません"},
    "verdict.samples": {"en": "{n} sample value(s) remain: replace them before sending to print",
                        "ja": "見本の値が {n} 件残っています：差し替えてから入稿してください"},
    "verdict.ready": {"en": "ready for print", "ja": "入稿できます"},
    "edge.top": {"en": "top", "ja": "上端"},
    "edge.bottom": {"en": "bottom", "ja": "下端"},
    "edge.left": {"en": "left", "ja": "左端"},
    "edge.right": {"en": "right", "ja": "右端"},
    "tofu.nowhere": {"en": "no bundled font has it", "ja": "同梱のどのフォントにもありません"},
    "tofu.not_found": {"en": "it is missing from {fonts} and not found in the PDF",
                       "ja": "{fonts} になく、PDF の中にも見つかりません"},
    "tofu.system": {"en": "it was drawn with the system font {font} (missing from {fonts})",
                    "ja": "システムのフォント {font} で描かれています（{fonts} にはありません）"},
    "overlap.also": {"en": " (overlaps {file} {field})", "ja": "（{file} {field} と重なっています）"},
    "fetch.malformed": {"en": "malformed address", "ja": "アドレスの形式が正しくありません"},
    "fetch.cache": {"en": "file outside the cache folder", "ja": "キャッシュフォルダの外のファイルです"},
    "fetch.remote": {"en": "only local files may be used (no network, no data: URLs)",
                     "ja": "使えるのは手元のファイルだけです（ネットワークや data: URL は使えません）"},
    "fetch.outside": {"en": "file outside the content, styles and fonts folders",
                      "ja": "コンテンツ・styles・fonts フォルダの外のファイルです"},
    "library.glib": {"en": "basic system functions", "ja": "基本機能"},
    "library.pango": {"en": "text layout", "ja": "文字の組版"},
    "library.harfbuzz": {"en": "glyph shaping", "ja": "文字の形の処理"},
    "library.fontconfig": {"en": "font lookup", "ja": "フォントの検索"},
    # --- help of the commands (--help) ------------------------------------------------------
    "help.brochure": {"en": "Makes the recruitment brochure (PDF) from the texts and photos in content/: a print "
                            "edition for the print shop and a screen edition for email and the web.",
                      "ja": "content/ の文章と写真から採用パンフレットの PDF を作ります。印刷所に渡す印刷版と、"
                            "メールやウェブで配る画面版があります。"},
    "help.epilog": {"en": "Help on one command: brochure COMMAND --help. Messages are in Japanese; "
                          "--lang en (or BROCHURE_LANG=en) switches them to English.",
                    "ja": "各コマンドの説明: brochure コマンド名 --help。メッセージは日本語です。"
                          "--lang en（または環境変数 BROCHURE_LANG=en）で英語になります。"},
    "help.make_pdf": {"en": "Build the brochure PDF (the same as 'brochure build').",
                      "ja": "パンフレットの PDF を作ります（brochure build と同じです）。"},
    "help.cmd.build": {"en": "build the brochure PDF", "ja": "パンフレットの PDF を作る"},
    "help.cmd.schema": {"en": "print the JSON Schema of brochure.yaml (or of a section file)",
                        "ja": "brochure.yaml（またはセクションのファイル）の JSON スキーマを表示する"},
    "help.cmd.impose": {"en": "A4 pages two-up on A3 sheets (A5 pages on A4) in booklet order (a proof on an office printer)",
                        "ja": "A4 のページを A3 用紙に（A5 なら A4 用紙に）2 面ずつ冊子の順に並べる（事務所のプリンターで試し刷り）"},
    "help.cmd.check": {"en": "preflight: check the content and the print PDF before sending it to print",
                       "ja": "入稿前の点検: 内容と印刷用 PDF を調べる"},
    "help.cmd.watch": {"en": "build, then rebuild on every saved change",
                       "ja": "PDF を作り、ファイルを保存するたびに作り直す"},
    "help.cmd.personalize": {"en": "one PDF per CSV row, addressed on the cover",
                             "ja": "CSV の 1 行ごとに、表紙に宛名を入れた PDF を作る"},
    "help.cmd.preview": {"en": "show the pages in a web browser, updated on every save, with the findings of check",
                         "ja": "ページをブラウザに表示し、保存するたびに更新する（点検結果も表示）"},
    "help.content": {"en": "content folder holding brochure.yaml (default: content/)",
                     "ja": "brochure.yaml のあるコンテンツフォルダ（既定: content/）"},
    "help.out": {"en": "output folder (default: build/)", "ja": "出力先のフォルダ（既定: build/）"},
    "help.lang": {"en": "language of the messages: ja (default) or en; also BROCHURE_LANG",
                  "ja": "メッセージの言語: ja（既定）か en。環境変数 BROCHURE_LANG でも指定できます"},
    "help.debug": {"en": "show tracebacks (for reporting a bug)", "ja": "トレースバックを表示する（不具合の報告用）"},
    "help.quiet": {"en": "print nothing but errors", "ja": "エラー以外は何も表示しない"},
    "help.json": {"en": "print machine-readable JSON events, one per line", "ja": "機械で読める JSON を 1 行ずつ表示する"},
    "help.output_intent": {"en": "the print shop's CMYK ICC profile for the print edition's output intent "
                                 "(default: print.output_intent in brochure.yaml, else the bundled FOGRA39)",
                           "ja": "印刷所の CMYK ICC プロファイル（印刷用 PDF の出力インテント。既定は brochure.yaml の "
                                 "print.output_intent、なければ同梱の FOGRA39）"},
    "help.check.pdf": {"en": "check this PDF alone (PDF/X-4, ink, fonts, boxes, bleed; no content needed), "
                             "e.g. one made elsewhere",
                       "ja": "この PDF だけを点検する（PDF/X-4、インキ量、フォント、はみ出し、塗り足し。"
                             "内容のファイルは不要。よそで作った PDF にも）"},
    "help.check.ink_limit": {"en": "total ink limit in %% (default: print.ink_limit, else the usual limit of the "
                                   "output intent's printing condition, else 350)",
                             "ja": "インキの総量の上限（%%。既定は print.ink_limit、なければ出力インテントの印刷条件の"
                                   "標準値、なければ 350）"},
    "cli.percent.nan": {"en": "'{text}' is not a whole number (e.g. 320)", "ja": "「{text}」は整数ではありません（例: 320）"},
    "cli.percent.range": {"en": "{value} is outside 100–400 (four inks at most make 400 %)",
                          "ja": "{value} は 100〜400 の範囲外です（4 色のインキで最大 400 %）"},
    "help.verbose": {"en": "also print the page plan: one line per section (pages, layout, how full)",
                     "ja": "ページ割りも表示する：セクションごとに 1 行（ページ、レイアウト、埋まり具合）"},
    "help.cmd.new": {"en": "write a new brochure (sample content of every section type) into DIR",
                     "ja": "DIR に新しいパンフレット（すべての種類のセクションの見本）を作る"},
    "help.new.dir": {"en": "folder to create (must not exist or be empty)",
                     "ja": "作るフォルダ（まだないか、空のフォルダ）"},
    "help.new.from": {"en": "copy this content folder as next year's starting point instead",
                      "ja": "代わりにこのコンテンツフォルダをコピーして、翌年版の出発点にする"},
    "hint.cards": {"en": "{n} cards: at most {fit} fit on two pages with texts this long — move {move} to another "
                         "projects section or shorten the descriptions",
                   "ja": "カードが {n} 枚あります。この長さの説明では 2 ページに {fit} 枚までです。{move} 枚を別の"
                         "プロジェクトのセクションに移すか、説明を短くしてください"},
    "hint.links": {"en": "{n} links: shorten the lead or give fewer links (at most 6 fit a page)",
                   "ja": "リンクが {n} 件あります。リードを短くするか、リンクを減らしてください（1 ページに 6 件まで）"},
    "tofu.box": {"en": "it is printed as a box: missing from {fonts}, the type family it is set in",
                 "ja": "□ として印刷されます：使っている書体 {fonts} にありません"},
    "help.emit_html": {"en": "also write the HTML WeasyPrint renders, with its files, into DIR",
                       "ja": "WeasyPrint に渡す HTML を、使うファイルと一緒に DIR にも書き出す"},
    "help.channel": {"en": "tag links and QR codes with this channel's utm_* parameters (see 'channels:')",
                     "ja": "リンクと QR コードにこのチャネルの utm_* パラメーターを付ける（brochure.yaml の channels: を参照）"},
    "help.edition.all": {"en": "print (for the print shop), screen (for email and the web) or all (both, sharing "
                                "the work; default)",
                         "ja": "print（印刷所向け）、screen（メール・ウェブ向け）、all（両方。既定）"},
    "help.marks": {"en": "print edition on a larger sheet with Japanese crop marks",
                   "ja": "印刷版を大きめの用紙に置き、トンボを付ける"},
    "help.schema.section": {"en": "the schema of a section file", "ja": "セクションのファイルのスキーマ"},
    "help.schema.write": {"en": "write both schemas into DIR", "ja": "両方のスキーマを DIR に書き出す"},
    "help.impose.pdf": {"en": "PDF to impose (default: build the print edition from --content)",
                        "ja": "面付けする PDF（省略すると --content から印刷版を作ってから面付けする）"},
    "help.check.out": {"en": "folder of the print PDF, built there if missing or older than its inputs",
                       "ja": "印刷用 PDF のあるフォルダ（なければ、または内容より古ければ、そこに作る）"},
    "help.check.json": {"en": "print the findings as JSON", "ja": "点検結果を JSON で表示する"},
    "help.check.strict": {"en": "also exit with status 1 while sample values remain (for CI)",
                          "ja": "見本の値が残っているときも終了ステータス 1 にする（CI 用）"},
    "help.watch.edition": {"en": "the edition to rebuild (default: print)", "ja": "作り直す版（既定: print）"},
    "help.rows": {"en": "UTF-8 (with or without BOM) or Shift_JIS CSV with columns name,url,file[,event]",
                  "ja": "列 name,url,file[,event] の CSV（UTF-8、BOM 付き UTF-8、Shift_JIS のどれでも可）"},
    "help.personalize.out": {"en": "output folder (default: build/personalized/)",
                             "ja": "出力先のフォルダ（既定: build/personalized/）"},
    "help.personalize.edition": {"en": "screen (default: tagged, small, for e-mail) or print (named printed copies)",
                                 "ja": "screen（既定：タグ付きで小さく、メールに向く）か print（名前入りの印刷用）"},
    "help.personalize.rows": {"en": "only these rows (1 = the first row under the header), e.g. 1-5000 or 5001-: "
                                    "to split a large batch over several computers",
                              "ja": "この範囲の行だけ作る（1 = 見出し行の次の行）。例: 1-5000、5001-。大きな一括作成を"
                                    "複数のコンピュータに分けるときに"},
    "help.jobs": {"en": "worker processes (default: one per core)", "ja": "同時に使うプロセスの数（既定: CPU コアの数）"},
    "help.force": {"en": "rewrite every row, even when up to date", "ja": "最新のものも含め、すべての行を作り直す"},
    "help.port": {"en": "port on 127.0.0.1 (default: 8000; 0 picks a free one)",
                  "ja": "127.0.0.1 のポート番号（既定: 8000。0 なら空いている番号）"},
    "cli.not_a_number": {"en": "'{value}' is not a whole number", "ja": "「{value}」は整数ではありません"},
    # --- argparse's own words (usage, errors), keyed by its English text in ARGPARSE below ----
    "argparse.usage": {"en": "usage: ", "ja": "使い方: "},
    "argparse.positionals": {"en": "positional arguments", "ja": "指定するもの"},
    "argparse.options": {"en": "options", "ja": "オプション"},
    "argparse.help": {"en": "show this help message and exit", "ja": "この説明を表示して終了する"},
    "argparse.error": {"en": "%(prog)s: error: %(message)s\n", "ja": "%(prog)s: エラー: %(message)s\n"},
    "argparse.argument": {"en": "argument %(argument_name)s: %(message)s", "ja": "%(argument_name)s: %(message)s"},
    "argparse.unrecognized": {"en": "unrecognized arguments: %s", "ja": "知らない引数です: %s"},
    "argparse.required": {"en": "the following arguments are required: %s", "ja": "次の指定が必要です: %s"},
    "argparse.choice": {"en": "invalid choice: %(value)r (choose from %(choices)s)",
                        "ja": "%(value)r は選べません（選べるもの: %(choices)s）"},
    "argparse.one": {"en": "expected one argument", "ja": "値を 1 つ指定してください"},
    "argparse.at_most_one": {"en": "expected at most one argument", "ja": "値は 1 つまでです"},
    "argparse.at_least_one": {"en": "expected at least one argument", "ja": "値を 1 つ以上指定してください"},
    "argparse.n": {"en": "expected %s argument(s)", "ja": "値を %s 個指定してください"},
    "argparse.not_with": {"en": "not allowed with argument %s", "ja": "%s と一緒には使えません"},
    "argparse.ambiguous": {"en": "ambiguous option: %(option)s could match %(matches)s",
                           "ja": "%(option)s がどのオプションか決められません（候補: %(matches)s）"},
    "argparse.one_of": {"en": "one of the arguments %s is required", "ja": "%s のどれかを指定してください"},
    "argparse.type": {"en": "invalid %(type)s value: %(value)r", "ja": "%(value)r は正しい値ではありません（%(type)s）"},
    "argparse.explicit": {"en": "ignored explicit argument %r", "ja": "値 %r は使えません"},
    # --- brochure preview -----------------------------------------------------------------
    "preview.serving": {"en": "preview: open {url} in a web browser (Ctrl-C to stop)",
                        "ja": "プレビュー: ブラウザで {url} を開いてください（Ctrl-C で終了）"},
    "preview.stopped": {"en": "preview stopped", "ja": "プレビューを終了しました"},
    "preview.title": {"en": "Brochure preview", "ja": "パンフレットのプレビュー"},
    "preview.open_pdf": {"en": "Open the PDF", "ja": "PDF を開く"},
    "preview.plan": {"en": "Sections and pages", "ja": "セクションとページ"},
    "preview.findings": {"en": "Findings of check", "ja": "点検結果"},
    "preview.no_findings": {"en": "nothing found", "ja": "問題は見つかりませんでした"},
    "preview.building": {"en": "building…", "ja": "作成中…"},
    "preview.checking": {"en": "checking…", "ja": "点検中…"},
    "preview.updated": {"en": "{time} updated: {pages} pages", "ja": "{time} 更新：{pages} ページ"},
    "preview.failed": {"en": "{time} the last change has an error; the pages shown are the last good ones",
                       "ja": "{time} 最後の変更にエラーがあります。表示しているのは前に作れたページです"},
    "preview.waiting": {"en": "waiting for the first build…", "ja": "最初の作成を待っています…"},
    "preview.lost": {"en": "lost the connection to brochure preview; start it again",
                     "ja": "brochure preview との接続が切れました。起動し直してください"},
    "preview.page": {"en": "page {n}", "ja": "{n} ページ"},
    "preview.pages": {"en": "pages {first}–{last}", "ja": "{first}〜{last} ページ"},
    "preview.spreads": {"en": "Pages as spreads", "ja": "見開きのページ"},
    "preview.keys": {"en": "Keys: ← → previous / next spread; Tab moves through the findings on the pages",
                     "ja": "キー操作: ← → で前後の見開きへ。Tab でページ上の点検結果を順にたどれます"},
}


def _param(value: Any, lang: str) -> Any:
    """A message parameter in ``lang``: phrases and messages are translated with their message."""
    return value.text(lang) if isinstance(value, (Word, Msg, About)) else value


def word(key: str, lang: str | None = None, **params: Any) -> str:
    """A phrase or line from :data:`WORDS` in ``lang`` (default: the process language)."""
    lang = lang or _current
    return WORDS[key][lang].format(**{k: _param(v, lang) for k, v in params.items()})


@dataclass(frozen=True)
class Word:
    """A phrase from :data:`WORDS` used as a parameter of a message, translated with it."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.key not in WORDS:
            raise KeyError(f"no phrase {self.key!r} in WORDS")

    def render(self, lang: str | None = None) -> tuple[str, None]:
        return word(self.key, lang, **self.params), None

    def text(self, lang: str | None = None) -> str:
        return word(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True)
class About:
    """What a field is for, as a hint's parameter: the catalogue's ``about.<Model>.<field>`` in
    each language when it has one, else the model's English description (none in Japanese)."""

    key: str
    english: str = ""
    japanese: str = ""  # the schema's Japanese description (content/descriptions.py), if any

    def text(self, lang: str | None = None) -> str:
        lang = lang or _current
        described = WORDS[self.key][lang] if self.key in WORDS else (self.english if lang == "en" else self.japanese)
        return word("about", lang, text=described) if described else ""


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
        params = {k: _param(v, lang) for k, v in self.params.items()}
        message, hint = CATALOGUE[self.key][lang]
        return message.format(**params), (hint.format(**params) if hint else None)

    def text(self, lang: str | None = None) -> str:
        """``what is wrong — what to do`` in one line."""
        message, hint = self.render(lang)
        return f"{message} — {hint}" if hint else message

    def __str__(self) -> str:
        return self.text()


def msg(message_key: str, /, **params: Any) -> Msg:
    return Msg(message_key, params)


def phrase(word_key: str, /, **params: Any) -> Word:
    """A phrase from :data:`WORDS`, translated when it is printed: ``phrase("verdict.ready")``."""
    return Word(word_key, params)


def os_reason(exc: OSError) -> Word | str:
    """Why the system refused, in the user's language where the catalogue knows the errno
    (``os.ENOENT``, …), else the system's own words."""
    key = _OS_REASONS.get(errno.errorcode.get(exc.errno or 0, ""))
    return Word(key) if key else (exc.strerror or str(exc))


_OS_REASONS = {"ENOENT": "os.ENOENT", "EACCES": "os.EACCES", "EPERM": "os.EPERM", "ENOTDIR": "os.ENOTDIR",
               "EISDIR": "os.EISDIR", "ENOSPC": "os.ENOSPC", "EROFS": "os.EROFS", "EADDRINUSE": "os.EADDRINUSE",
               "EADDRNOTAVAIL": "os.EADDRNOTAVAIL"}


ENVIRONMENT_VARIABLE = "BROCHURE_LANG"


def language_from(argv: list[str] | None = None, environ: dict[str, str] | None = None) -> str:
    """The language a command asks for, known before its arguments are parsed (so that ``--help``
    and argparse's own errors are translated too): ``--lang X`` / ``--lang=X`` in ``argv``, else
    ``BROCHURE_LANG``, else Japanese. An unknown value is left to argparse to report."""
    import os
    import sys

    argv = sys.argv[1:] if argv is None else argv
    environ = os.environ if environ is None else environ
    chosen = environ.get(ENVIRONMENT_VARIABLE, "").strip().lower()
    chosen = chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else arg[7:] if arg.startswith("--lang=") else None
        if value in LANGUAGES:
            chosen = value
    return chosen
