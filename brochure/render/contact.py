"""The apply page's contact block: ``mailto:`` and ``tel:`` addresses for its links, and the
words that describe them to a screen reader (press/links.py puts them on the annotations)."""

from __future__ import annotations

import unicodedata

from ..content.model import Brochure, Contact, phone_digits

# Characters of a phone number before any extension or remark: 03-5321-1111（内線 12345）.
_NUMBER_CHARS = set("+0123456789-() .\u2010\u2011\u2012\u2013\u2014\u2212\u30fc")


def mailto(email: str) -> str:
    return "mailto:" + unicodedata.normalize("NFKC", email).strip()


def tel(phone: str) -> str:
    """A ``tel:`` URI in global form (RFC 3966): a Japanese number starting with 0 becomes
    +81 without the 0 (0120 and mobile numbers alike); an extension is left out."""
    text = unicodedata.normalize("NFKC", phone).strip()
    end = next((i for i, c in enumerate(text) if c not in _NUMBER_CHARS), len(text))
    number = text[:end] if phone_digits(text[:end]) else text
    digits = phone_digits(number)
    if number.lstrip().startswith("+"):
        return f"tel:+{digits}"
    if digits.startswith("0"):
        return f"tel:+81{digits[1:]}"
    return f"tel:{digits}"


def contact_labels(brochure: Brochure) -> dict[str, str]:
    """URI → description of every contact link (for the tagged screen edition)."""
    labels: dict[str, str] = {}
    for section in brochure.sections:
        contact: Contact | None = getattr(section, "contact", None)
        if contact is None:
            continue
        who = contact.department or contact.heading
        if contact.email:
            labels[mailto(contact.email)] = f"{who}へのメール"
        if contact.phone:
            labels[tel(contact.phone)] = f"{who}への電話"
    return labels
