"""Speakers as people: the role held on the document's date, the holder of a title, the
canonical name and stable key, junk mentions, and the voice a speaker gives a sentence.

A gazetteer person's role comes from the tenure covering the document's date (Putin in
2009 is head of government); someone named after their last tenure ended holds no office.
"The Russian president" names whoever held that office on that date. The key
(``gz:`` + canonical name for gazetteer actors, else the name) lets a corpus merge "Putin"
and "Vladimir Putin" and keep two different people called Li apart.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

from ...contract.fields import DEFAULT_VOICE, OTHER, ROLE_VOICES
from ...contract.schema import Speaker
from ...knowledge.actors import Tenure, person_key
from .lexicon import Lexicon

FORMER = re.compile(r"(?<![\w-])(?:former|ex|retired)(?![\w])", re.I)
_DETERMINERS = ("the ", "a ", "an ")
_POSSESSIVE_COUNTRY = re.compile(r"^(?P<country>[\w .'-]+?)['’]s\s+(?P<rest>.+)$")
_OF_COUNTRY = re.compile(r"^(?P<rest>.+?)\s+of\s+(?:the\s+)?(?P<country>[\w .'-]+)$")


def voice_of(speaker: Optional[Speaker], lex: Lexicon) -> str:
    """official for state roles, expert, press for journalists, other for companies and named
    non-officials; an unnamed speaker with no role ("he", "a source") leaves the author's voice."""
    if speaker is None:
        return DEFAULT_VOICE
    voice = ROLE_VOICES.get(speaker.role or "")
    if voice is None or voice == OTHER:
        return OTHER if speaker.name else DEFAULT_VOICE
    return voice


def dated_role(lex: Lexicon, name: str, mention: str, day: Optional[date]) -> Optional[tuple]:
    """(role, official, country) of a gazetteer actor on ``day``; None when not in the gazetteer.

    A mention saying "former"/"ex-" is believed over the gazetteer, as is a date after the
    person's last office: both give role "other", not official.
    """
    canonical = lex.gazetteer.canonical(name) or lex.gazetteer.canonical(mention)
    if canonical is None:
        return None
    country = lex.gazetteer.country_of(canonical)
    if FORMER.search(mention):
        return "other", False, country
    tenure = lex.gazetteer.at(canonical, day)
    if tenure is None:
        return "other", False, country
    return tenure.role, tenure.role in lex.official_roles, tenure.country


def office_holder(lex: Lexicon, mention: str, day: Optional[date]) -> Optional[Tenure]:
    """The person a bare title names on ``day``: "the Russian president", "China's premier",
    "the president of Russia", "the Indian leader"; None when the title or country is unclear."""
    text = " ".join(mention.lower().split())
    for det in _DETERMINERS:
        if text.startswith(det):
            text = text[len(det):]
    country, office = _split_country(lex, text)
    if country is None or office is None:
        return None
    wanted = lex.offices.get(office)
    if wanted is None:
        return None
    if office == "leader":
        wanted = lex.leader_office.get(country, wanted)
    for candidate in (wanted, lex.office_also.get(wanted)):
        if candidate:
            holder = lex.gazetteer.holder(candidate, country, day)
            if holder is not None:
                return holder
    return None


def _split_country(lex: Lexicon, text: str) -> tuple:
    """(country, office words) of a title: demonym first, "X's office" or "office of X"."""
    countries = {c.lower(): c for c in lex.demonyms.values()}
    m = _POSSESSIVE_COUNTRY.match(text)
    if m and m.group("country") in countries:
        return countries[m.group("country")], m.group("rest").strip()
    m = _OF_COUNTRY.match(text)
    if m and m.group("country") in countries:
        return countries[m.group("country")], m.group("rest").strip()
    for demonym in sorted(lex.demonyms, key=len, reverse=True):
        if text.startswith(demonym + " "):
            return lex.demonyms[demonym], text[len(demonym) + 1:].strip()
    return None, None


def identify(speaker: Speaker, lex: Lexicon) -> Speaker:
    """Fill ``canonical`` and ``key`` of a resolved speaker (nothing for an unnamed one)."""
    if not speaker.name:
        return speaker
    canonical = lex.gazetteer.canonical(speaker.name)
    speaker.canonical = canonical or speaker.name
    speaker.key = ("gz:" + person_key(canonical)) if canonical else person_key(speaker.name)
    return speaker


def is_junk(lex: Lexicon, mention: str) -> bool:
    """True for mentions that never name a speaker ("that", "reason", "Q", "Share")."""
    return " ".join(mention.lower().split()).strip(" .,:;") in lex.junk_mentions


MAX_TITLE_TOKENS = 8       # "Chinese Ambassador to the Russian Federation" before a name
MAX_APPOSITION_TOKENS = 14  # ", Director of the Department of Foreign Trade of the Ministry of Commerce,"
_LEFT_STOP = {".", ";", ":", "(", ")", '"', "\u201c", "\u201d", "and", "or", "but"}
_BODY_ROLES = ("business", "central_banker", "state_media")


def described_roles(doc, lex: Lexicon, title_role) -> dict:
    """Roles the document gives people it names: a title before the name ("Vice-Premier Ding
    Xuexiang", "foreign ministry spokesperson Mao Ning") or an apposition after it ("Igor Sechin,
    head of Rosneft"). Keys are the full name and the surname; ``title_role`` reads a phrase."""
    from ..extensions import doc_ents
    out: dict = {}
    for ent in doc_ents(doc):
        if ent.label_ != "PERSON":
            continue
        role = role_around(ent, lex, title_role)
        if role is None:
            continue
        name = ent.text.strip()
        for key in (name, name.split()[-1]):
            out.setdefault(key.lower(), role)
    return out


def role_around(span, lex: Lexicon, title_role) -> Optional[str]:
    """The role the words around one mention give (title before it, apposition after it)."""
    return (_phrase_role(_left_title(span.doc, span), lex, title_role)
            or _phrase_role(_apposition(span.doc, span), lex, title_role))


def _left_title(doc, ent) -> str:
    sent_start = ent.sent.start
    words: list = []
    i = ent.start - 1
    if i >= sent_start and doc[i].text == ",":
        i -= 1  # "Deputy head of the service, Jane Roe"
    while i >= sent_start and len(words) < MAX_TITLE_TOKENS:
        tok = doc[i]
        if tok.pos_ in ("VERB", "AUX") or tok.lower_ in _LEFT_STOP or tok.text == ",":
            break
        words.insert(0, tok.text)
        i -= 1
    return " ".join(words)


def _apposition(doc, ent) -> str:
    if ent.end >= len(doc) or doc[ent.end].text != ",":
        return ""
    words: list = []
    for tok in doc[ent.end + 1:min(len(doc), ent.end + 1 + MAX_APPOSITION_TOKENS)]:
        if tok.text in (",", ".", ";", ":", ")") or tok.pos_ in ("VERB", "AUX") or tok.is_space:
            break
        words.append(tok.text)
    return " ".join(words)


def _phrase_role(phrase: str, lex: Lexicon, title_role) -> Optional[str]:
    """The role a title phrase gives; failing a title word, that of a company or central bank in it."""
    lower = phrase.lower().strip()
    if not lower:
        return None
    role = title_role(lower)
    if role is not None and role != "other":
        return role
    for word_count in (3, 2, 1):
        words = phrase.split()
        for k in range(len(words) - word_count + 1):
            actor = lex.actor(" ".join(words[k:k + word_count]))
            if actor is not None and actor.role in _BODY_ROLES and actor.name[:1].isupper():
                return "journalist" if actor.role == "state_media" else actor.role
    return None
