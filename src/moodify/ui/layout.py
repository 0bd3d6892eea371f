"""Small rendering helpers shared by the pages. Everything that came from a user or a provider is escaped."""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

import streamlit as st

from moodify.types import EmotionScores, PlaylistItem, Track
from moodify.ui.emotions import EMOJI

_STYLE = Path(__file__).with_name("style.css")


@cache
def _css() -> str:
    return _STYLE.read_text(encoding="utf-8")


def apply_style() -> None:
    st.html(f"<style>{_css()}</style>")


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def md(text: str) -> str:
    """Markdown-escape text from a user or a provider, so it renders as plain text (no links, no HTML)."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|<>~$:" else ch for ch in text)


def safe_url(url: str | None) -> str | None:
    """Only http(s) links from providers are linked; anything else is dropped."""
    if url and urlparse(url).scheme in ("http", "https"):
        return url
    return None


def mood_card(scores: EmotionScores, note: str = "") -> None:
    emotion = scores.emotion
    extra = f'<div class="mf-conf">{esc(note)}</div>' if note else ""
    st.html(
        f'<div class="mf-mood" data-testid="mf-mood"><div class="mf-emoji">{EMOJI.get(emotion, "")}</div>'
        f'<div><div class="mf-label">{esc(emotion)}</div>'
        f'<div class="mf-conf">{scores.confidence:.0%} confident</div>{extra}</div></div>'
    )


def track_card(item: PlaylistItem, number: int, reaction: str | None = None, playing: bool = False) -> None:
    track = item.track
    art = safe_url(track.artwork_url)
    picture = (f'<img src="{esc(art)}" alt="" referrerpolicy="no-referrer" loading="lazy">' if art
               else '<div class="mf-noart">♪</div>')
    credit = _credit(track.license, track.license_url, track.url)
    mark = {"like": " ♥", "dislike": " ✕"}.get(reaction or "", "")
    details = (f'<details class="mf-details"><summary>Details</summary>{esc(item.details)}</details>'
               if item.details else "")
    now = ' mf-now" aria-current="true' if playing else ""
    st.html(
        f'<div data-title="{esc(track.title)}" class="mf-track{now}">{picture}<div class="mf-body">'
        f'<div class="mf-title">{number}. {esc(track.title)}{mark}</div>'
        f'<div class="mf-artist">{esc(track.artist)}</div>'
        f'<div class="mf-reason">{esc(item.reason)}</div>{details}{credit}{_open_in(track)}</div></div>'
    )


def _open_in(track: Track) -> str:
    """ "Open in" links built from the track's own artist and title (never a URL a user typed)."""
    from moodify.music.links import open_links

    links = [_link(link.url, link.service) for link in open_links(track) if safe_url(link.url)]
    return f'<div class="mf-open">Open in {" · ".join(links)}</div>' if links else ""


def _credit(license_name: str, license_url: str | None, page: str | None) -> str:
    parts = []
    lic_link = safe_url(license_url)
    if license_name:
        parts.append(_link(lic_link, license_name) if lic_link else esc(license_name))
    page_link = safe_url(page)
    if page_link:
        parts.append(_link(page_link, "track page"))
    return f'<div class="mf-credit">{" · ".join(parts)}</div>' if parts else ""


def _link(url: str, text: str) -> str:
    return f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{esc(text)}</a>'
