"""Distribution channels: the same brochure with tracking parameters for each channel.

A channel (a job fair, a seminar, the e-mail campaign) is declared in ``brochure.yaml`` under
``channels:``. Building for a channel adds its ``utm_*`` parameters to every link, so the
QR codes and the printed URLs tell HR where an applicant came from, and may print a short
line on the back cover (event, date, booth).
"""

from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit, urlunsplit

from pydantic import HttpUrl

from ..errors import ContentError
from ..messages import phrase
from .model import Brochure, Channel

def with_utm(url: str, params: dict[str, str | None]) -> str:
    """``url`` with the given ``utm_*`` parameters, keeping its query and fragment as written.

    Existing parameters keep their order and their encoding byte for byte; an existing
    ``utm_*`` parameter of the same name is replaced rather than repeated.
    """
    parts = urlsplit(url)
    new = {k: v for k, v in params.items() if v}
    kept = [seg for seg in parts.query.split("&") if seg and unquote(seg.split("=", 1)[0]) not in new]
    added = [f"{k}={quote(v, safe='')}" for k, v in new.items()]
    return urlunsplit(parts._replace(query="&".join(kept + added)))


def channel_params(channel: Channel) -> dict[str, str | None]:
    return {"utm_source": channel.source, "utm_medium": channel.medium,
            "utm_campaign": channel.campaign, "utm_content": channel.content}


def select_channel(brochure: Brochure, channel_id: str) -> Brochure:
    """The brochure as handed out through one channel; unknown id → error listing the known."""
    channels = {c.id: c for c in brochure.meta.channels}
    channel = channels.get(channel_id)
    if channel is None:
        known = ", ".join(channels) or phrase("none_declared")
        raise ContentError.of("brochure.yaml", "channel.unknown", field="channels", id=channel_id, known=known)
    params = channel_params(channel)
    links = [link.model_copy(update={"url": HttpUrl(with_utm(str(link.url), params))})
             for link in brochure.meta.links]
    meta = brochure.meta.model_copy(update={"links": links})
    return brochure.model_copy(update={"meta": meta, "channel": channel})
