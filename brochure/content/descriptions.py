"""Japanese descriptions of every field of the content files.

Editors show them while typing (the JSON Schema's ``description``, see :mod:`.schema`), and
a missing or empty field's Japanese message quotes them ("この項目を追加してください（…）").
They live here, apart from the model, so that the model's classes stay short; the English
descriptions (for ``--lang en``) are the model's own ``Field(description=...)``.
A test checks that every field of both schemas has one.
"""

from __future__ import annotations


# Fields that mean the same in every section type.
COMMON: dict[str, str] = {
    "type": "セクションの種類（ページの型）。cover, message, interview, faq など決まった名前から選びます。",
    "label": "ページ下の柱（ランニングフッター）と見出しの上の小さな文字。しおり（目次）にも使われます。",
    "sample": "true の間は見本（仮の値）です。brochure check が「見本のまま」と警告します。本物に直したら消してください。",
    "heading": "ページの見出し（いちばん大きな文字）。",
    "lead": "見出しの下のリード文（2〜3行の短い紹介文）。",
    "note": "表や図の下に小さく入る注記（※など）。",
    "body": "本文（Markdown）。.md ファイルでは --- の下に書きます。## で小見出し、空行で段落を分けます。",
}

# Class name → field → description (overrides COMMON); "" describes the class itself.
FIELDS: dict[str, dict[str, str]] = {
    "Brand": {
        "": "団体のブランドカラーとロゴ。書かなければデザイン（テーマ）の色のまま、ロゴなしで作ります。",
        "primary": "メインカラー（濃い色。見出し、裏表紙の地、組織図の枠など）。",
        "accent": "アクセントカラー（明るい色。見出し上の小さな文字、罫線、記号）。",
        "highlight": "差し色（控えめに使う暖色。「見本」のバッジなど）。",
        "logo": "ロゴ（SVG ファイル）。表紙・裏表紙・応募ページに入ります。",
    },
    "BrandColour": {
        "": "ブランドガイドの色。印刷用の CMYK（%）と画面用の sRGB（#RRGGBB）のどちらか一方、または両方。"
            "片方だけなら、もう片方は印刷用プロファイルで換算し、ビルドがその値を知らせます。",
        "cmyk": "印刷用の色。CMYK のパーセント4つ（例: [0, 100, 100, 0]）。",
        "rgb": "画面用の色。sRGB の16進（例: \"#E60012\"。# で始まるので引用符で囲みます）。",
    },
    "Logo": {
        "": "ロゴ。ベクター形式の SVG ファイル（PDF や画像のロゴは SVG に書き出してください）。",
        "file": "ロゴの SVG ファイル（コンテンツフォルダ内。例: logo.svg）。",
        "alt": "ロゴの読み上げ用の文（書かなければ団体名）。",
        "min_width": "ロゴの最小幅（mm。ブランドガイドの最小サイズ。標準 20）。これより小さくは置きません。",
        "clear_space": "ロゴの周りに空ける余白（ロゴの高さに対する割合。標準 0.25）。",
        "spot": "ロゴを刷る特色の名前（例: DIC 156）。印刷用 PDF ではロゴのメインカラーの部分がこの特色になり、"
                "代替色はメインカラーの CMYK です。",
    },
    "PrintSettings": {
        "": "印刷所からの指定（出力インテントのプロファイルとインキ総量の上限）。",
        "output_intent": "印刷所の CMYK ICC プロファイル（コンテンツフォルダ内のファイル。例: "
                         "JapanColor2011Coated.icc）。書かなければ同梱の FOGRA39 を使います。",
        "ink_limit": "印刷所が指定するインキ総量の上限（%。例: 320）。書かなければプロファイルの印刷条件の標準値。",
    },
    "Meta": {
        "": "パンフレット全体の設定ファイル（brochure.yaml）。",
        "print": "印刷所からの指定（output_intent: プロファイル、ink_limit: インキ総量の上限）。",
        "brand": "団体のブランドカラー（primary, accent, highlight）とロゴ（logo）。",
        "title": "表紙と裏表紙の大きな題字（例: Hello, Tokyo!）。",
        "catch": "表紙のキャッチコピー。裏表紙には縦書きで入ります。",
        "organisation": "組織名（表紙・裏表紙に入ります）。",
        "author": "PDF の作成者（文書のプロパティ）。省略すると組織名。",
        "subject": "PDF の件名（文書のプロパティ）。",
        "keywords": "PDF のキーワード（文書のプロパティ）。",
        "as_of": "裏表紙の「○年○月○日時点の情報です」の日付（YYYY-MM-DD）。",
        "date": "発行日（YYYY-MM-DD）。PDF の作成日になります。",
        "links": "応募ページなどのアドレス。応募方法のページと裏表紙が id で参照し、QR コードを付けます。",
        "channels": "配布先ごとの計測用パラメータ（utm_*）。make_pdf.py --channel ID で使います。",
        "sections": "ページの順番に並べたセクションのファイル名。",
        "sample": "true の間は、このファイルに見本の値が残っています。",
        "pad_to_multiple": "ページ数をこの数の倍数にそろえます（中綴じは 4）。",
        "theme": "デザイン（テーマ）: standard（標準、省略時）、typographic、コンテンツの themes/ にあるフォルダ名、"
                 "またはテーマのフォルダのパス。",
        "format": "判型: a4（省略時）または a5（A5 の冊子）。",
    },
    "Link": {
        "": "リンク（応募ページなど）。",
        "id": "このリンクの名前（半角英数字）。セクションからはこの名前で参照します。",
        "label": "QR コードの横に印刷するリンクの名前（例: 応募フォーム）。",
        "url": "アドレス（https:// から）。QR コードになり、画面版ではクリックできます。",
        "sample": "true の間は見本のアドレスです（「見本URL」の印が付きます）。",
    },
    "Channel": {
        "": "配布チャネル（説明会・メールなど）。",
        "id": "チャネルの名前（半角英数字）。--channel で指定します。",
        "source": "utm_source（配布元: 説明会名やメールマガジン名）。",
        "medium": "utm_medium（媒体: print, email, seminar など）。",
        "campaign": "utm_campaign（キャンペーン名: recruit-2026 など）。",
        "content": "utm_content（任意: ブース番号など）。",
        "back_cover": "裏表紙に入れる一行（任意、60字まで: 会場・日付・ブース）。",
        "note": "人事用のメモ。印刷されません。",
    },
    "Photo": {
        "": "写真。file で写真ファイル、alt で写っているものを書きます。",
        "file": "写真ファイルの場所（コンテンツフォルダからの相対パス、例: photos/hirai.jpg）。",
        "alt": "写真に写っているもの。画面読み上げに使う代替テキストで、必須です。",
        "caption": "写真の下に入るキャプション（任意）。",
        "focus": "枠に合わせて切り抜くとき残す点 [横, 縦]（0〜1、例: [0.5, 0.3] で上寄り）。",
    },
    "Figure": {
        "": "数字（「数字で見る」の1項目）。",
        "value": "大きく入る数字（例: 7.4、約4万）。単位は unit に分けて書きます。",
        "label": "数字の説明（例: 東京都の事業規模）。",
        "unit": "数字のあとに小さく入る単位（例: 兆円、%、人）。",
        "note": "数字の下に入る短い補足（任意）。",
        "source": "出典（任意、例: 令和3年度予算）。「出典：」を付けて小さく印刷します。",
    },
    "OrgNode": {
        "": "組織図の箱ひとつ。",
        "name": "部署名。",
        "note": "部署名の下に小さく入る補足（任意）。",
        "sample": "true の間は見本の部署名です。",
        "children": "この部署の下にある部署（同じ形で字下げして書きます）。",
    },
    "Pillar": {
        "": "柱ひとつ（ビジョンの図）。",
        "name": "柱の名前（例: つながる東京）。",
        "description": "柱の説明（短く）。",
    },
    "Project": {
        "": "プロジェクトのカードひとつ。",
        "name": "プロジェクト名。",
        "description": "プロジェクトの説明（2〜3文）。",
        "source": "説明の出典となるインタビューの人の名前（「○○さんのインタビューより」と入ります）。",
    },
    "Contact": {
        "": "お問い合わせ先（応募方法のページ）。部署・メール・電話のどれかひとつは必要です。",
        "heading": "お問い合わせ欄の見出し（省略すると「お問い合わせ」）。",
        "department": "担当部署（例: 人事部 採用担当）。",
        "email": "メールアドレス。画面版では mailto: リンクになります。",
        "phone": "電話番号（例: 03-1234-5678）。画面版では tel: リンクになります。",
        "hours": "受付時間（例: 平日 9:00〜17:45）。全角の ：／〜 は書いたとおりに印刷します。",
    },
    "Person": {
        "": "スケジュールの人物。",
        "name": "氏名（姓と名の間に空白）。",
        "reading": "氏名のよみ（ひらがな、姓と名の間に空白）。ルビとして印刷します。",
        "role": "所属・役職（例: デジタル推進課 主任）。",
    },
    "ScheduleItem": {
        "": "スケジュールの1行。",
        "time": "時刻（例: 9:00、12:00〜13:00）。",
        "activity": "その時間にすること（短く）。",
        "detail": "補足の説明（任意、1〜2文）。",
    },
    "CareerStep": {
        "": "キャリアの1段階。",
        "period": "時期（例: 入庁1年目、3〜5年目）。",
        "title": "役職や研修の名前（任意、例: 主事、新任研修）。",
        "description": "この段階で何をするか、何が身につくか。",
    },
    "ConditionRow": {
        "": "募集要項の表の1行。",
        "item": "行の見出し（例: 職種、応募資格、勤務地、給与）。",
        "detail": "内容。改行はそのまま印刷します。長い文は折り返します。",
    },
    "FlowStep": {
        "": "選考の1段階。",
        "name": "段階の名前（例: 書類選考、一次面接）。",
        "note": "期間や形式（任意、例: オンライン・約60分）。",
    },
    "Question": {
        "": "質問と回答の組。",
        "question": "質問（応募する人が聞く言葉で）。",
        "answer": "回答。空行で段落を分けます。",
    },
    "Benefit": {
        "": "制度のカードひとつ。",
        "name": "制度の名前（例: テレワーク、育児休業）。",
        "description": "短い説明（1〜2文）。",
        "figure": "添える数字（任意: value, unit, label）。例: 年次休暇 20 日。",
    },
    "Cover": {"": "表紙。", "key_visual": "表紙全面の写真（裁ち落とし）。"},
    "Message": {
        "": "メッセージ（トップの言葉）。本文は --- の下に書きます。",
        "heading": "大きな明朝の見出し（例: 今、東京が変わる。）。",
        "name": "署名の氏名。",
        "reading": "氏名のよみ（ひらがな）。ルビとして印刷します。",
        "role": "署名の肩書（例: 東京都副知事）。",
        "portrait": "肖像写真（縦長 4:5 に切り抜きます）。",
    },
    "Vision": {
        "": "ビジョン（組織の役割と目標）。図（機能の円・柱）はどちらも省略できます。",
        "subject": "見出しの下の太字の一行（組織名など）。",
        "functions_title": "機能の図の見出し（例: 3つの機能）。",
        "functions": "機能（円の図、1行ずつ）。省略すると図を入れません。",
        "pillars_title": "柱の図の見出し（例: スマート東京 3つの柱）。",
        "pillars": "柱（神殿の図）: name と description。省略すると図を入れません。",
        "pillars_goal": "柱が支える目標（図の土台、任意）。",
        "body": "本文（空行で段落を分けます）。",
    },
    "Organisation": {
        "": "組織図のページ。",
        "chart_title": "組織図の見出し。",
        "as_of": "組織図の時点（YYYY-MM-DD、「○年○月○日時点」と入ります）。",
        "chart": "組織図（いちばん上の部署から、children で下の部署）。",
        "figures_title": "ページ下の数字の帯の見出し（任意）。",
        "figures": "ページ下に入れる数字（任意: value, unit, label）。",
    },
    "Office": {"": "オフィスの写真のページ。", "photos": "写真（1枚目が大きく、2枚目以降が小さく入ります）。"},
    "Projects": {"": "主なプロジェクトのカード。", "projects": "プロジェクト（name, description, source）。"},
    "Interview": {
        "": "採用者の声（インタビュー）。質問は ## の見出し、回答はその下の段落です。",
        "heading": "見出しの上に入る言葉（省略すると「採用者の声」）。",
        "name": "氏名（姓と名の間に空白）。",
        "reading": "氏名のよみ（ひらがな、姓と名の間に空白）。ルビとして印刷します。",
        "role": "所属・役職（例: SRE（Site Reliability Engineer））。氏名の下に入ります。",
        "joined": "入庁・入社の時期（書いたとおりに印刷、例: 2019年12月入都）。",
        "portrait": "肖像写真（縦長 4:5、ページの端まで裁ち落とし）。",
        "quote": "大きく入る引用（回答の中の言葉から）。",
    },
    "Apply": {
        "": "応募方法のページ（QR コードとお問い合わせ先）。",
        "heading": "呼びかけの見出し（例: 一緒にチャレンジしてみませんか。）。",
        "lead": "呼びかけの文。",
        "links": "QR コードを付けるリンクの id（brochure.yaml の links から）。",
        "qr_note": "ページ下の QR コードの商標表示。",
        "contact": "お問い合わせ先（任意: department, email, phone, hours）。",
    },
    "BackCover": {"": "裏表紙。", "link": "裏表紙に QR コードを付けるリンクの id（brochure.yaml の links から）。"},
    "Figures": {
        "": "数字で見る: 1〜8個の数字を大きく見せるページ。",
        "figures": "数字（1〜8個: value, unit, label、任意で note, source）。",
    },
    "Schedule": {
        "": "1日の流れ: 時刻と仕事を時系列で（長いときは次のページに続きます）。",
        "person": "誰の1日か（任意: name, reading, role）。",
        "photo": "写真（任意、横長 3:2）。",
        "items": "時刻と仕事（2〜24行: time, activity、任意で detail）。",
    },
    "Career": {
        "": "キャリアパス・研修: 時期ごとの段階（2〜8段）。",
        "steps": "段階（period, description、任意で title）。上から時期の順に。",
    },
    "Conditions": {
        "": "募集要項: 2列の表（行は書いた順。長いときは見出し行を付けて次のページに続きます）。",
        "columns": "表の見出し行の2つの言葉（省略すると「項目」「内容」）。",
        "rows": "表の行（item, detail）。書いた順に印刷します。",
    },
    "Flow": {
        "": "選考フロー: 3〜8段階を矢印でつないだ図。",
        "steps": "段階（3〜8個: name、任意で note）。",
    },
    "Faq": {
        "": "よくある質問: 質問と回答（長いときは次のページに続きます）。",
        "questions": "質問と回答（question, answer）。",
    },
    "Text": {
        "": "自由なページ: 見出し、本文（Markdown）、写真（任意）。",
        "photo": "写真（任意、横長 3:2）。",
    },
    "Benefits": {
        "": "働き方・福利厚生: 制度のカード（1〜12個）。",
        "items": "制度（name, description、任意で figure）。",
    },
}


def describe(class_name: str, field: str) -> str | None:
    """The Japanese description of a field of a model class (or of the class with ``""``)."""
    own = FIELDS.get(class_name, {})
    if field in own:
        return own[field]
    return COMMON.get(field) if field else None
