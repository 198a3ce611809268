"""Copied and searched text equals the content: pdfium, poppler and pdf.js give every running
text paragraph of the sample (and of other content) exactly, line breaks aside — no space at
和欧間 gaps, justification gaps, letter spacing or beside a ruby (brochure/render/textgaps.py)."""

from __future__ import annotations

import pytest

from conftest import CONTENT
from readers import READERS, joined, pattern, poppler_pages

from brochure.content.load import load_brochure
from brochure.render.jtext import RUBY_RE, plain


def content_texts(brochure) -> tuple[list[str], set[str]]:
    """Plain paragraphs of the content that print as running text, and the ruby readings."""
    texts, readings = [], set()
    for section in brochure.sections:
        body = getattr(section, "body", "") or ""
        for block in body.split("\n\n"):
            block = block.strip()
            if block and not block.startswith("#"):
                texts.append(" ".join(plain(block).split("\n")))
        for m in RUBY_RE.finditer(body):
            readings.update(m.group(2).split("|"))
        for attr in ("lead", "quote"):
            if getattr(section, attr, None):
                texts.append(plain(getattr(section, attr)))
        for project in getattr(section, "projects", None) or []:
            texts.append(plain(project.description))
    return texts, readings


@pytest.fixture(scope="module")
def sample():
    return load_brochure(CONTENT)


@pytest.mark.parametrize("reader", READERS)
def test_every_paragraph_reads_as_written(reader, sample_build, sample):
    texts, readings = content_texts(sample)
    text = joined(READERS[reader](sample_build), readings)
    assert len(texts) > 30
    missing = [t[:30] for t in texts if not pattern(t).search(text)]
    assert not missing, f"{reader}: {len(missing)} of {len(texts)} paragraphs differ: {missing[:5]}"


@pytest.mark.parametrize("reader", READERS)
def test_wa_gaps_give_no_space(reader, sample_build):
    text = joined(READERS[reader](sample_build)).replace("\x00", "")
    assert "2019年12月入都" in text and "2021年1月入都" in text
    assert "2019 年" not in text and "12 月" not in text


@pytest.mark.parametrize("reader", READERS)
def test_vertical_catch_reads_top_to_bottom(reader, sample_build, sample):
    last = READERS[reader](sample_build)[-1]
    assert sample.meta.catch in last.replace("\n", "")


def test_poppler_layout_mode_invents_no_space_either(sample_build, sample):
    """pdftotext without -raw orders text by position: it may interleave the lines of two
    columns (docs/typesetting.md), but each line it gives is a piece of the content as written."""
    texts, readings = content_texts(sample)
    squeezed = "".join("".join(t.split()) for t in texts)
    lines = [line.strip() for page in poppler_pages(sample_build) for line in page.split("\n")]
    running = [line for line in lines if len(line) > 10 and "".join(line.split()) in squeezed]
    assert len(running) > 100
    spaced = [line for line in running if not any(line in t for t in texts)]
    assert not spaced, spaced[:5]
