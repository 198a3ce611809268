"""The validated content model: what a brochure is made of, independent of layout.

Field names are what HR editors type in the content files, so they are short English words
documented in the README. ``extra="forbid"`` everywhere: a misspelt key is an error, not a
silently ignored field.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator
from pydantic_core import PydanticCustomError


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


NonEmpty = Annotated[str, Field(min_length=1)]


class Photo(Strict):
    """A photo placed in a frame. ``file`` is relative to the content folder."""

    file: NonEmpty
    alt: NonEmpty = Field(description="What the photo shows, for screen readers.")
    caption: str | None = None
    focus: tuple[float, float] = Field(
        (0.5, 0.5), description="Point to keep in view when cropping, as [x, y] from 0 to 1.")

    @field_validator("focus")
    @classmethod
    def _focus_in_range(cls, v: tuple[float, float]) -> tuple[float, float]:
        if not all(0.0 <= c <= 1.0 for c in v):
            raise ValueError("focus must be two numbers between 0 and 1, e.g. [0.5, 0.3]")
        return v


# A link is printed as a QR code 20–36 mm wide (error correction M, 4-module quiet zone). Up
# to version 10 (57 modules) a module is at least 0.3 mm at 20 mm, which phone cameras and a
# 150-dpi render still read; version 10-M holds 213 bytes of a URL (byte mode). A longer URL
# gives modules too fine to scan (and a 1,500-character one made ``check`` search for 3 min).
QR_MAX_VERSION = 10
QR_MAX_CHARS = 213


def fits_qr(url: str) -> bool:
    """Whether ``url`` fits a QR code a phone can read at the printed size."""
    return len(url.encode("utf-8")) <= QR_MAX_CHARS


# A channel's id becomes part of a file name (brochure-print-<id>.pdf) and of a command line.
CHANNEL_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")


class Link(Strict):
    id: NonEmpty
    label: NonEmpty
    url: HttpUrl
    sample: bool = Field(False, description="True while the URL is a placeholder.")

    @field_validator("url")
    @classmethod
    def _fits_qr(cls, v: HttpUrl) -> HttpUrl:
        if not fits_qr(str(v)):
            raise PydanticCustomError("qr_too_long", "too long for a QR code",
                                      {"length": len(str(v)), "max": QR_MAX_CHARS})
        return v


class Channel(Strict):
    """A distribution channel: its ``utm_*`` values and an optional back-cover line."""

    id: NonEmpty

    @field_validator("id")
    @classmethod
    def _id_for_file_names(cls, v: str) -> str:
        if not CHANNEL_ID.match(v):
            raise PydanticCustomError("channel_id", "not a channel id")
        return v
    source: NonEmpty = Field(description="utm_source, e.g. the event or the mailing list")
    medium: NonEmpty = Field(description="utm_medium, e.g. print, email, seminar")
    campaign: NonEmpty = Field(description="utm_campaign, e.g. recruit-2026")
    content: str | None = Field(None, description="utm_content, e.g. booth-12")
    back_cover: str | None = Field(None, max_length=60,
                                   description="Short line on the back cover: event, date, booth.")
    note: str | None = Field(None, description="HR's own note on the channel; never printed.")


class Figure(Strict):
    """A key figure ("in numbers"), quoted from the source text."""

    value: NonEmpty = Field(max_length=8, description="The number as printed large, e.g. 7.4 or 約4万.")
    label: NonEmpty = Field(max_length=30, description="What the number counts.")
    unit: str | None = Field(None, max_length=6, description="Unit printed after the value, e.g. 兆円, %, 人.")
    note: str | None = Field(None, max_length=40, description="Short remark printed under the label.")
    source: str | None = Field(None, max_length=24, description="Where the figure comes from.")

    @field_validator("value", mode="before")
    @classmethod
    def _number_as_written(cls, v):
        # 43 or 34.6 typed without quotes: a figure is printed as written
        return str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v


class OrgNode(Strict):
    name: NonEmpty
    note: str | None = None
    sample: bool = Field(False, description="True while the name is a placeholder.")
    children: list["OrgNode"] = []


class Pillar(Strict):
    name: NonEmpty
    description: NonEmpty


class Project(Strict):
    name: NonEmpty
    description: NonEmpty
    source: str | None = Field(None, description="Where the description is quoted from.")


# --- parts of the newer section types (figures, schedule, career, conditions, flow, faq,
# text, benefits) and of the apply page's contact block --------------------------------

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
Short = Annotated[str, Field(min_length=1, max_length=40)]


def phone_digits(phone: str) -> str:
    """The digits of a phone number as written (full-width digits count): '03-5321-1111'."""
    return "".join(c for c in unicodedata.normalize("NFKC", phone) if c.isdigit())


class Contact(Strict):
    """The apply page's contact block. Full-width ：／〜 are kept as written."""

    heading: NonEmpty = Field("お問い合わせ", max_length=20, description="Heading of the contact block.")
    department: str | None = Field(None, max_length=80, description="Department that answers questions.")
    email: str | None = Field(None, max_length=80, description="E-mail address (a mailto: link on screen).")
    phone: str | None = Field(None, max_length=40, description="Phone number (a tel: link on screen).")
    hours: str | None = Field(None, max_length=80, description="When the phone is answered.")

    @field_validator("email")
    @classmethod
    def _email(cls, v: str | None) -> str | None:
        if v is not None and not EMAIL.match(unicodedata.normalize("NFKC", v).strip()):
            raise PydanticCustomError("email", "not an e-mail address")
        return v

    @field_validator("phone")
    @classmethod
    def _phone(cls, v: str | None) -> str | None:
        if v is not None and not 6 <= len(phone_digits(v)) <= 15:
            raise PydanticCustomError("phone", "not a phone number")
        return v

    @model_validator(mode="after")
    def _something(self) -> "Contact":
        if not (self.department or self.email or self.phone):
            raise PydanticCustomError("contact_empty", "no department, email or phone")
        return self


class Person(Strict):
    """A person shown with a schedule (name with its reading, department)."""

    name: NonEmpty = Field(max_length=30, description="The person's name as printed.")
    reading: str | None = Field(None, max_length=40, description="Reading of the name in kana, printed as ruby.")
    role: str | None = Field(None, max_length=60, description="Department and job title.")


class ScheduleItem(Strict):
    time: NonEmpty = Field(max_length=13, description="Time as printed, e.g. 9:00 or 12:00〜13:00.")
    activity: NonEmpty = Field(max_length=40, description="What happens at that time.")
    detail: str | None = Field(None, max_length=160, description="A sentence or two about it.")


class CareerStep(Strict):
    period: NonEmpty = Field(max_length=16, description="When, e.g. 入庁1年目 or 3〜5年目.")
    title: str | None = Field(None, max_length=30, description="Position or training, e.g. 主事.")
    description: NonEmpty = Field(max_length=200, description="What the step brings.")


class ConditionRow(Strict):
    item: NonEmpty = Field(max_length=20, description="Row heading, e.g. 職種, 応募資格, 給与.")
    detail: NonEmpty = Field(max_length=500, description="The row's text; line breaks are kept.")


class FlowStep(Strict):
    name: NonEmpty = Field(max_length=14, description="The step, e.g. 書類選考.")
    note: str | None = Field(None, max_length=60, description="Duration or form, e.g. オンライン・約60分.")


class Question(Strict):
    question: NonEmpty = Field(max_length=100, description="The question as a candidate asks it.")
    answer: NonEmpty = Field(max_length=600, description="The answer; a blank line starts a new paragraph.")


class Benefit(Strict):
    name: NonEmpty = Field(max_length=24, description="Name of the scheme, e.g. テレワーク.")
    description: NonEmpty = Field(max_length=120, description="A short description.")
    figure: Figure | None = Field(None, description="An optional key figure, e.g. 20日 annual leave.")


# --- sections -------------------------------------------------------------------------

class SectionBase(Strict):
    label: str | None = Field(None, description="Running footer / eyebrow label.")
    sample: bool = Field(False, description="True while the section holds sample text.")


class Cover(SectionBase):
    type: Literal["cover"]
    key_visual: Photo


class Message(SectionBase):
    type: Literal["message"]
    heading: NonEmpty
    name: NonEmpty
    role: NonEmpty
    portrait: Photo
    body: str = ""  # Markdown, from the file body
    reading: str | None = Field(None, max_length=40, description="Reading of the name in kana, printed as ruby.")


class Vision(SectionBase):
    type: Literal["vision"]
    heading: NonEmpty
    subject: NonEmpty
    functions_title: str | None = None
    functions: list[NonEmpty] = []
    pillars_title: str | None = None
    pillars: list[Pillar] = []
    pillars_goal: str | None = Field(None, description="What the pillars hold up (diagram base).")
    body: str = ""


class Organisation(SectionBase):
    type: Literal["organisation"]
    heading: NonEmpty
    lead: NonEmpty
    chart_title: NonEmpty
    as_of: dt.date
    chart: OrgNode
    figures_title: str | None = None
    figures: list[Figure] = []


class Office(SectionBase):
    type: Literal["office"]
    heading: NonEmpty
    lead: NonEmpty
    photos: list[Photo] = Field(min_length=1, max_length=8)


class Projects(SectionBase):
    type: Literal["projects"]
    heading: NonEmpty
    projects: list[Project] = Field(min_length=1, max_length=12)


class Interview(SectionBase):
    type: Literal["interview"]
    heading: NonEmpty = "採用者の声"
    name: NonEmpty
    joined: NonEmpty = Field(description="As printed, e.g. 2019年12月入都")
    portrait: Photo
    quote: NonEmpty = Field(description="Pull quote: words taken from the answers.")
    body: str = ""
    role: str | None = Field(None, max_length=60, description="Department and job title, printed under the name.")
    reading: str | None = Field(None, max_length=40, description="Reading of the name in kana, printed as ruby.")


class Apply(SectionBase):
    type: Literal["apply"]
    heading: NonEmpty
    lead: NonEmpty
    links: list[NonEmpty] = Field(min_length=1, description="Ids of links from brochure.yaml")
    qr_note: str = "QRコードは株式会社デンソーウェーブの登録商標です。"
    contact: Contact | None = Field(None, description="Where candidates ask questions.")


class BackCover(SectionBase):
    type: Literal["back-cover"]
    link: NonEmpty = Field(description="Id of the link printed with a QR code.")


# --- the newer section types (issue 12). Each has its own template and style sheet
# (pages/<type>.html.j2, styles/pages/<type>.css); its layout is the ``variant-*`` class of
# the section element. Those marked "may continue" run onto further pages with a
# continuation head (styles/shared-sections.css).

class Figures(SectionBase):
    """数字で見る: 1–8 key figures as large numbers."""

    type: Literal["figures"]
    label: str | None = Field("数字で見る", description="Running footer / eyebrow label.")
    heading: NonEmpty = Field("数字で見る", max_length=40)
    lead: str | None = Field(None, max_length=120)
    figures: list[Figure] = Field(min_length=1, max_length=8)


class Schedule(SectionBase):
    """1日の流れ: times and activities (may continue)."""

    type: Literal["schedule"]
    label: str | None = Field("1日の流れ", description="Running footer / eyebrow label.")
    heading: NonEmpty = Field("1日の流れ", max_length=40)
    lead: str | None = Field(None, max_length=300)
    person: Person | None = None
    photo: Photo | None = None
    items: list[ScheduleItem] = Field(min_length=2, max_length=20)
    note: str | None = Field(None, max_length=200)


class Career(SectionBase):
    """キャリアパス・研修: steps with a period and a description (may continue)."""

    type: Literal["career"]
    label: str | None = Field("キャリアパス", description="Running footer / eyebrow label.")
    heading: NonEmpty = Field("キャリアパス", max_length=40)
    lead: str | None = Field(None, max_length=300)
    steps: list[CareerStep] = Field(min_length=2, max_length=8)
    note: str | None = Field(None, max_length=200)


class Conditions(SectionBase):
    """募集要項: a two-column table, rows in the content's order (may continue; the table's
    head row is repeated on each page)."""

    type: Literal["conditions"]
    label: str | None = Field("募集要項", description="Running footer / eyebrow label.")
    heading: NonEmpty = Field("募集要項", max_length=40)
    lead: str | None = Field(None, max_length=300)
    columns: tuple[Short, Short] = Field(("項目", "内容"), description="The table's head row.")
    rows: list[ConditionRow] = Field(min_length=1, max_length=30)
    note: str | None = Field(None, max_length=300)


class Flow(SectionBase):
    """選考フロー: 3–8 steps drawn as boxes and arrows (vector)."""

    type: Literal["flow"]
    label: str | None = Field("選考フロー", description="Running footer / eyebrow label.")
    heading: NonEmpty = Field("選考フロー", max_length=40)
    lead: str | None = Field(None, max_length=150)
    steps: list[FlowStep] = Field(min_length=3, max_length=8)
    note: str | None = Field(None, max_length=150)


class Faq(SectionBase):
    """よくある質問: question and answer pairs (may continue)."""

    type: Literal["faq"]
    label: str | None = Field("よくある質問", description="Running footer / eyebrow label.")
    heading: NonEmpty = Field("よくある質問", max_length=40)
    lead: str | None = Field(None, max_length=300)
    questions: list[Question] = Field(min_length=1, max_length=30)


class Text(SectionBase):
    """A free page: heading, Markdown body, optional photo (may continue)."""

    type: Literal["text"]
    heading: NonEmpty = Field(max_length=60)
    lead: str | None = Field(None, max_length=300)
    photo: Photo | None = None
    body: str = ""  # Markdown, from the file body


class Benefits(SectionBase):
    """働き方・制度: cards with a name, a short description and an optional figure."""

    type: Literal["benefits"]
    label: str | None = Field("働き方・制度", description="Running footer / eyebrow label.")
    heading: NonEmpty = Field("働き方・福利厚生", max_length=40)
    lead: str | None = Field(None, max_length=300)
    items: list[Benefit] = Field(min_length=1, max_length=12)
    note: str | None = Field(None, max_length=300)


Section = Annotated[
    Union[Cover, Message, Vision, Organisation, Office, Projects, Interview, Apply, BackCover,
          Figures, Schedule, Career, Conditions, Flow, Faq, Text, Benefits],
    Field(discriminator="type"),
]
SECTION_TYPES = ("cover", "message", "vision", "organisation", "office", "projects",
                 "interview", "apply", "back-cover",
                 "figures", "schedule", "career", "conditions", "flow", "faq", "text", "benefits")
# The types added by issue 12 (for the planner: each template's variants are its classes).
NEW_SECTION_TYPES = SECTION_TYPES[9:]


class PrintSettings(Strict):
    """``print:`` in brochure.yaml: what the print shop asks for."""

    output_intent: str | None = Field(
        None, description="The print shop's CMYK ICC profile (a file in the content folder, e.g. "
                          "JapanColor2011Coated.icc); without it the bundled FOGRA39 profile is used.")
    ink_limit: int | None = Field(
        None, ge=100, le=400, description="The print shop's total ink limit in percent (e.g. 320); "
                                          "default: the usual limit of the profile's printing condition.")


HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


class BrandColour(Strict):
    """A brand colour as the brand guide gives it: CMYK percentages for print, sRGB hex for the
    screen, or both; the one not given is derived through the print edition's output profile
    (``assets/brand.py``), and the build says so."""

    cmyk: tuple[float, float, float, float] | None = Field(
        None, description="Print colour as CMYK percentages, e.g. [0, 100, 100, 0].")
    rgb: str | None = Field(None, description="Screen colour as sRGB hex, e.g. \"#E60012\".")

    @field_validator("cmyk")
    @classmethod
    def _percentages(cls, v):
        if v is not None and not all(0.0 <= c <= 100.0 for c in v):
            raise PydanticCustomError("cmyk", "CMYK percentages 0–100")
        return v

    @field_validator("rgb", mode="before")
    @classmethod
    def _hex(cls, v):
        if isinstance(v, str) and not HEX_COLOUR.match(v.strip()):
            raise PydanticCustomError("rgb_hex", "not an sRGB hex colour")
        return v.strip() if isinstance(v, str) else v

    @model_validator(mode="after")
    def _one_given(self) -> "BrandColour":
        if self.cmyk is None and self.rgb is None:
            raise PydanticCustomError("colour_empty", "neither cmyk nor rgb")
        return self


class Logo(Strict):
    """The organisation's logo: a vector file (SVG) placed on the cover, the back cover and the
    apply page, never smaller than ``min_width`` and with ``clear_space`` around it."""

    file: NonEmpty = Field(description="The logo as an SVG file in the content folder (vector).")
    alt: str | None = Field(None, max_length=80, description="What the logo says, for screen readers "
                                                              "(default: the organisation's name).")
    min_width: float = Field(20.0, ge=5, le=100, description="Smallest printed width in mm, from the brand guide.")
    clear_space: float = Field(0.25, ge=0, le=1, description="Space kept free around the logo, as a "
                                                              "fraction of its height.")
    spot: str | None = Field(None, min_length=1, max_length=40,
                             description="Spot colour (特色) the print shop prints the logo's primary colour "
                                         "with, e.g. DIC 156; its CMYK alternate is the primary colour.")


class Brand(Strict):
    """``brand:`` in brochure.yaml: the organisation's colours and logo (the theme's otherwise)."""

    primary: BrandColour | None = Field(None, description="The deep brand colour (headings, fields).")
    accent: BrandColour | None = Field(None, description="The bright accent (eyebrows, rules, marks).")
    highlight: BrandColour | None = Field(None, description="The warm highlight, used sparingly (badges).")
    logo: Logo | None = Field(None, description="The logo, an SVG file.")

    @model_validator(mode="after")
    def _spot_needs_primary(self) -> "Brand":
        if self.logo is not None and self.logo.spot and self.primary is None:
            raise PydanticCustomError("spot_primary", "a spot colour without a primary colour")
        return self


class Meta(Strict):
    """The main file, ``brochure.yaml``."""

    title: NonEmpty
    catch: NonEmpty
    organisation: NonEmpty
    author: str | None = None
    subject: str | None = None
    keywords: list[str] = []
    as_of: dt.date
    date: dt.date | None = Field(None, description="Publication date (PDF creation date).")
    links: list[Link] = Field(min_length=1)
    channels: list[Channel] = []
    sections: list[NonEmpty] = Field(min_length=1, description="Section files in page order.")
    sample: bool = Field(False, description="True while this file holds sample values.")
    pad_to_multiple: int = Field(4, ge=1, le=16,
                                 description="Blank pages are added before the back cover so the "
                                             "page count is a multiple of this (4 for saddle stitch).")
    print: PrintSettings = Field(default_factory=PrintSettings,
                                 description="Print shop settings: output intent profile, ink limit.")
    brand: Brand | None = Field(None, description="The organisation's colours and logo.")
    theme: str | None = Field(None, description="The design: 'standard' (the default), 'typographic', "
                                                "a folder in the content's themes/, or a theme folder's path.")
    format: str | None = Field(None, description="Page size: 'a4' (the default) or 'a5' (an A5 booklet).")


class Brochure(BaseModel):
    """Everything the renderer needs, validated."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)
    meta: Meta
    sections: list[Section]
    section_files: list[str]
    # file → dotted field path → line, so that later stages (photo decoding, preflight) can
    # point at the line too.
    field_lines: dict[str, dict[str, int]] = {}
    channel: Channel | None = None  # set by content.channels.select_channel
    theme: Any = None  # brochure.themes.Theme: theme: and format: resolved (None: standard, A4)

    def link(self, link_id: str) -> Link:
        return next(link for link in self.meta.links if link.id == link_id)
