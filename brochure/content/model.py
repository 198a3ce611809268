"""The validated content model: what a brochure is made of, independent of layout.

Field names are what HR editors type in the content files, so they are short English words
documented in the README. ``extra="forbid"`` everywhere: a misspelt key is an error, not a
silently ignored field.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator


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


class Link(Strict):
    id: NonEmpty
    label: NonEmpty
    url: HttpUrl
    sample: bool = Field(False, description="True while the URL is a placeholder.")


class Channel(Strict):
    """A distribution channel: its ``utm_*`` values and an optional back-cover line."""

    id: NonEmpty
    source: NonEmpty = Field(description="utm_source, e.g. the event or the mailing list")
    medium: NonEmpty = Field(description="utm_medium, e.g. print, email, seminar")
    campaign: NonEmpty = Field(description="utm_campaign, e.g. recruit-2026")
    content: str | None = Field(None, description="utm_content, e.g. booth-12")
    back_cover: str | None = Field(None, max_length=60,
                                   description="Short line on the back cover: event, date, booth.")


class Figure(Strict):
    """A key figure ("in numbers"), quoted from the source text."""

    value: NonEmpty
    label: NonEmpty


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


# --- sections -------------------------------------------------------------------------

class SectionBase(Strict):
    label: str | None = Field(None, description="Running footer / eyebrow label.")


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


class Vision(SectionBase):
    type: Literal["vision"]
    heading: NonEmpty
    subject: NonEmpty
    functions_title: NonEmpty
    functions: list[NonEmpty] = Field(min_length=1)
    pillars_title: NonEmpty
    pillars: list[Pillar] = Field(min_length=1)
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
    photos: list[Photo] = Field(min_length=1, max_length=4)


class Projects(SectionBase):
    type: Literal["projects"]
    heading: NonEmpty
    projects: list[Project] = Field(min_length=1, max_length=8)


class Interview(SectionBase):
    type: Literal["interview"]
    heading: NonEmpty = "採用者の声"
    name: NonEmpty
    joined: NonEmpty = Field(description="As printed, e.g. 2019年12月入都")
    portrait: Photo
    quote: NonEmpty = Field(description="Pull quote: words taken from the answers.")
    body: str = ""


class Apply(SectionBase):
    type: Literal["apply"]
    heading: NonEmpty
    lead: NonEmpty
    links: list[NonEmpty] = Field(min_length=1, description="Ids of links from brochure.yaml")
    qr_note: str = "QRコードは株式会社デンソーウェーブの登録商標です。"


class BackCover(SectionBase):
    type: Literal["back-cover"]
    link: NonEmpty = Field(description="Id of the link printed with a QR code.")


Section = Annotated[
    Union[Cover, Message, Vision, Organisation, Office, Projects, Interview, Apply, BackCover],
    Field(discriminator="type"),
]
SECTION_TYPES = ("cover", "message", "vision", "organisation", "office", "projects",
                 "interview", "apply", "back-cover")


class PrintSettings(Strict):
    """``print:`` in brochure.yaml: what the print shop asks for."""

    output_intent: str | None = Field(
        None, description="The print shop's CMYK ICC profile (a file in the content folder, e.g. "
                          "JapanColor2011Coated.icc); without it the bundled FOGRA39 profile is used.")
    ink_limit: int | None = Field(
        None, ge=100, le=400, description="The print shop's total ink limit in percent (e.g. 320); "
                                          "default: the usual limit of the profile's printing condition.")


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
    pad_to_multiple: int = Field(4, ge=1, le=16,
                                 description="Blank pages are added before the back cover so the "
                                             "page count is a multiple of this (4 for saddle stitch).")
    print: PrintSettings = Field(default_factory=PrintSettings,
                                 description="Print shop settings: output intent profile, ink limit.")


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

    def link(self, link_id: str) -> Link:
        return next(link for link in self.meta.links if link.id == link_id)
