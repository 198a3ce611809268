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
               "印刷会社の CMYK プロファイルで PDF を作り直してください（--output-intent ファイル.icc）"),
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
    "icc.kind.scnr": {"en": "an input device (scanner, camera)", "ja": "入力機器（スキャナー・カメラ）"},
    "icc.kind.mntr": {"en": "a display", "ja": "ディスプレイ"},
    "icc.kind.link": {"en": "a device link", "ja": "デバイスリンク"},
    "icc.kind.spac": {"en": "a colour space", "ja": "色空間"},
    "icc.kind.abst": {"en": "an abstract effect", "ja": "抽象効果"},
    "icc.kind.nmcl": {"en": "named colours", "ja": "名前付きカラー"},
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
