"""Speakers: the mention as written, its resolved name, role, official flag and country.

Names come from the first full mention; titles are stripped. Surname-only mentions
resolve to the earlier full name that ends with them; pronouns and nominal mentions
("the spokesman") to the nearest compatible speaker or person earlier in the
document. Roles come from the gazetteer first, then from title rules that generalise
to people not in it, then from what an earlier mention of the same person said.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from ..extensions import doc_ents, doc_meta, doc_text, ents_within
from ...contract.schema import Speaker
from ...knowledge.dates import metadata_day
from .identity import dated_role, described_roles, identify, office_holder, role_around
from .lexicon import Lexicon, load_lexicon
from .reported import RELATIVE_PRONOUNS
from .transcripts import speech_host

PERSON_PRONOUNS = {"he", "she", "him", "her", "i", "me"}
GROUP_PRONOUNS = {"they", "we", "them", "us", "it"}
MODIFIER_DEPS = ("poss", "compound", "nmod", "amod")
PERSON_LABELS = {"PERSON"}
BODY_LABELS = {"ORG", "GPE", "NORP", "FAC"}
_WORD = re.compile(r"[\w.'’-]+")
POSSESSIVE = re.compile(r"['’]s?$")
_DETERMINER = re.compile(r"^(?:the|a|an|this|that|its|their)\s+", re.I)
DOMAIN = re.compile(r"\b[\w-]+\.(?:com|cn|ru|org|net|in|uk|de|fr|jp|info|io)$")
MAX_BODY_NAME_WORDS = 4  # a longer description is not a usable name for a body


def speaker_from_meta(meta: Optional[dict], lexicon: Optional[Lexicon] = None) -> Optional[Speaker]:
    """The speaker of a whole document from metadata keys ``speaker`` and ``role``, else the
    person whose speech or statement the metadata ``title`` says it is, else None.

    The role defaults to the gazetteer's on the document's date (metadata ``date``), then to
    title rules on the name, then "other".
    """
    resolver = SpeakerResolver(lexicon or load_lexicon(), day=metadata_day(meta))
    name = str((meta or {}).get("speaker") or "").strip()
    if not name:
        return speech_host(meta, resolver)
    role = str((meta or {}).get("role") or "").strip() or None
    return resolver.resolve_name(name, role)


MAX_TITLE_TAIL = 4  # "Ambassador [to China] Jane Roe": words the parse may cut between a title and its name


def _person_after(mention, places: frozenset) -> list:
    """The PERSON entity right after a title-only mention the parse cut short ("Ambassador | to
    China Jane Roe"); ``places`` are lower-cased country words, never part of the name."""
    doc = mention.doc
    if mention.root.ent_type_ == "PERSON" or (not mention.text[:1].isupper()
                                               and not mention.text.lower().startswith("the ")):
        return []
    stop = min(len(doc), mention.end + MAX_TITLE_TAIL + 1)
    for ent in doc_ents(doc):
        if ent.label_ == "PERSON" and mention.end <= ent.start <= stop and ent.sent.start == mention.sent.start:
            between = doc[mention.end:ent.start]
            if all(t.pos_ in ("ADP", "PROPN", "DET") or t.ent_type_ in ("GPE", "ORG") for t in between):
                return [ent]
            return []
    # The model sometimes reads "to China Jane Roe" as one organisation: the name is the run of
    # proper nouns after the place.
    run = []
    for tok in doc[mention.end:stop]:
        if tok.pos_ == "PROPN":
            run.append(tok)
        elif run or tok.pos_ not in ("ADP", "DET"):
            break
    names = [t for t in run if t.ent_type_ != "GPE" and t.text.lower() not in places]
    if len(names) >= 2 and names[-1].i == run[-1].i and names[0].i > mention.end:
        return [doc[names[0].i:names[-1].i + 1]]
    return []


def is_relative(mention) -> bool:
    """True for "who"/"that"/"which" opening a relative clause on a noun ("Smith, who said")."""
    return mention.text.strip().lower() in RELATIVE_PRONOUNS and mention.root.head.dep_ == "relcl"


@dataclass
class Known:
    """A speaker met earlier in the document."""

    name: str
    role: str
    official: bool
    country: Optional[str]
    person: bool
    mention: str


@dataclass
class SpeakerResolver:
    """Resolves mentions in document order, remembering who has been named so far."""

    lexicon: Lexicon = field(default_factory=load_lexicon)
    known: list = field(default_factory=list)       # Known, most recent last
    persons: list = field(default_factory=list)     # (char offset, full name) of PERSON entities
    day: Optional[date] = None                      # the document's date: chooses dated roles
    described: dict = field(default_factory=dict)   # lower-cased name/surname -> role the text gives
    central_bank: bool = False                      # the document is about a central bank: "governor" is its head

    def index_entities(self, doc) -> None:
        """Remember the document's person names so pronouns can fall back on them."""
        self.persons = [(e.start_char, self._clean_name(e.text)) for e in doc_ents(doc) if e.label_ in PERSON_LABELS]
        self.described = described_roles(doc, self.lexicon, self._title_role)
        banks = dict(self.lexicon.role_patterns).get("central_banker")
        meta = doc_meta(doc)
        self.central_bank = banks is not None and bool(banks.search(
            (str(meta.get("title") or "") + " " + doc_text(doc)[:5000]).lower()))

    @functools.cached_property
    def _places(self) -> frozenset:
        """Lower-cased words of every country the lexicon and the gazetteer know."""
        countries = set(self.lexicon.demonyms.values()) | {
            t.country for rows in self.lexicon.gazetteer.by_name.values() for t in rows if t.country}
        return frozenset(w.lower() for c in countries for w in c.split()) | {"the", "of"}

    def resolve(self, mention) -> Speaker:
        """A :class:`Speaker` for the mention span ``mention`` (a spaCy Span)."""
        text = mention.text.strip()
        lower = text.lower()
        target = mention
        if is_relative(mention):
            # "Smith, who said ...": the mention is "who", the name is Smith's
            target = mention.doc[mention.root.head.head.i:mention.root.head.head.i + 1]
            lower = target.text.lower()
        if lower.split() and lower.split()[-1] in self.lexicon.data_nouns:
            # "customs data", "the memorandum": a document or poll is a source, not a voice
            return Speaker(mention.start_char, mention.end_char, text, None, "other", False, self._country(lower))
        name, person = self._name(target)
        known = None
        if lower in PERSON_PRONOUNS:
            known = self._nearest(person=True, before=mention.start_char)
        elif lower in GROUP_PRONOUNS:
            known = self._nearest(person=False, before=mention.start_char)
        elif name and person:
            known = self._by_surname(name)
        elif not name:
            known = self._by_title(lower)
            if known is None:
                holder = office_holder(self.lexicon, lower, self.day)  # "the Russian president"
                if holder is not None:
                    name, person = holder.name, True
        if known is not None and (lower in PERSON_PRONOUNS | GROUP_PRONOUNS or not name
                                  or len(known.name) >= len(name)):
            name = known.name
        if not name and DOMAIN.search(lower):
            name = text.split()[-1]  # "the news site example.cn": the site, as written
        role, official, country = self._role(name, text, known, person, target)
        if not name and role == "government" and len(lower.split()) <= MAX_BODY_NAME_WORDS:
            # "the Mexican government", "the ministry": a body is named by its description
            described = _DETERMINER.sub("", text).strip()
            if len(described.split()) >= 2:  # "the ministry" alone names no one
                name = described[:1].upper() + described[1:]
        speaker = identify(Speaker(mention.start_char, mention.end_char, text, name or None, role, official, country),
                           self.lexicon)
        if name:
            self._remember(Known(name, role, official, country, person or bool(known and known.person), lower))
        return speaker

    def resolve_name(self, name: str, role: Optional[str] = None) -> Speaker:
        """A :class:`Speaker` without a mention in the text (document metadata)."""
        actor = self.lexicon.actor(name)
        dated = dated_role(self.lexicon, name, name, self.day) if actor else None
        role = role or (dated[0] if dated else None) or self._title_role(name.lower()) or "other"
        country = actor.country if actor else None
        return identify(Speaker(None, None, name, actor.name if actor else name, role,
                                role in self.lexicon.official_roles, country), self.lexicon)

    # --- names ----------------------------------------------------------------
    def _name(self, mention) -> tuple[str, bool]:
        """The name inside a mention and whether it names a person."""
        # An entity that only modifies a common noun ("a Kremlin spokesman", "Putin's aide")
        # is not the speaker's name.
        ents = [e for e in ents_within(mention) if e.root.i == mention.root.i
                or e.root.dep_ not in MODIFIER_DEPS or mention.root.pos_ == "PROPN"]
        people = [e for e in ents if e.label_ in PERSON_LABELS] or _person_after(mention, self._places)
        if people:
            return self._clean_name(people[-1].text), True
        actor = self.lexicon.actor(mention.text.strip())
        if actor:
            return actor.name, False
        bodies = [e for e in ents if e.label_ in BODY_LABELS]
        for e in bodies:
            actor = self.lexicon.actor(e.text)
            if actor:
                return actor.name, False
        stripped = self._strip_titles(mention.text)
        if stripped and stripped[0].isupper() and mention.root.pos_ == "PROPN":
            return stripped, len(bodies) == 0 and mention.root.ent_type_ in ("", "PERSON")
        bodies = [e for e in bodies if e.label_ != "NORP"]  # "the Russian President": a demonym names no one
        if bodies and mention.root.pos_ == "PROPN":
            return self._strip_titles(bodies[-1].text) or bodies[-1].text, False
        return "", False

    def _clean_name(self, text: str) -> str:
        return POSSESSIVE.sub("", self._strip_titles(text)).strip() or text.strip()

    def _strip_titles(self, text: str) -> str:
        """``text`` without leading titles, determiners and possessive ends."""
        words = text.replace("\u00a0", " ").split()
        while words and words[0].lower().strip(",") in self.lexicon.titles:
            words = words[1:]
        if words and words[-1].lower() in ("'s", "’s"):
            words = words[:-1]
        return " ".join(words).strip(" ,")

    # --- memory ---------------------------------------------------------------
    def _remember(self, known: Known) -> None:
        self.known = [k for k in self.known if k.name != known.name] + [known]

    def _nearest(self, person: bool, before: int) -> Optional[Known]:
        for k in reversed(self.known):
            if k.person == person:
                return k
        if person:
            names = [n for start, n in self.persons if start < before]
            if names:
                return self._by_surname(names[-1]) or Known(names[-1], "other", False, None, True, names[-1].lower())
        return None

    def _by_surname(self, name: str) -> Optional[Known]:
        """An earlier speaker whose full name ends with ``name`` (Graham -> Lindsey Graham)."""
        last = name.split()[-1].lower() if name else ""
        for k in reversed(self.known):
            if k.person and k.name.split()[-1].lower() == last:
                return k
        for _, full in reversed(self.persons):
            if full.split()[-1].lower() == last and len(full) > len(name):
                actor = self.lexicon.actor(full)
                return Known(full, actor.role if actor else "other", bool(actor and actor.official),
                             actor.country if actor else None, True, full.lower())
        return None

    def _by_title(self, mention: str) -> Optional[Known]:
        """An earlier speaker first introduced with the head word of ``mention`` ('the senator')."""
        words = [w for w in _WORD.findall(mention) if w not in ("the", "a", "an", "this", "that")]
        if not words:
            return None
        head = words[-1]
        for k in reversed(self.known):
            if re.search(rf"\b{re.escape(head)}\b", k.mention):
                return k
        role = self._title_role(mention)  # "the diplomat" -> the ambassador named before
        country = self._country(mention)
        for k in reversed(self.known):
            if k.person and role is not None and k.role == role and (country is None or k.country in (None, country)):
                return k
        if role in self.lexicon.official_roles and len(words) <= 2:
            # "the official", "the diplomat": the last official person named, titles differ by text
            for k in reversed(self.known):
                if k.person and k.official and (country is None or k.country in (None, country)):
                    return k
        return None

    # --- roles ----------------------------------------------------------------
    def _role(self, name: str, mention: str, known: Optional[Known], person: bool = True,
              span=None) -> tuple[str, bool, Optional[str]]:
        lex = self.lexicon
        actor = lex.actor(name) or lex.actor(mention) or lex.actor(self._strip_titles(mention))
        lower = mention.lower()
        country = actor.country if actor else self._country(lower)
        if actor:
            titled = self._title_role(lower) if self.day is None else None
            tenures = lex.gazetteer.by_name.get(actor.name, [])
            if titled in lex.official_roles and any(t.role == titled for t in tenures):
                # undated: "Prime Minister Putin" picks the tenure the title names
                return titled, True, actor.country
            dated = dated_role(lex, actor.name, lower, self.day)
            return dated if dated is not None else (actor.role, actor.official, actor.country)
        if lower.split() and lower.split()[-1] in lex.data_nouns:
            return "other", False, country  # "customs data", "a new poll": figures, not a voice
        role = self._title_role(lower)
        if role == "government" and self.central_bank and re.search(r"\bgovernors?\b", lower):
            role = "central_banker"  # "Governor Jane Roe" at a central bank's press conference
        if role is None and name:
            role = self.described.get(name.lower()) or self.described.get(name.split()[-1].lower())
        if role is None and name and span is not None:
            role = role_around(span, lex, self._title_role)  # a name the model did not tag as a person
        outlet = lex.outlet_for_domain(lower.split()[-1]) if role is None and DOMAIN.search(lower) else None
        if outlet is not None:  # "the news site example.cn reported": the site as written, its registry type
            role = "journalist" if outlet.outlet_type == "press" else outlet.outlet_type
        if role is None and name and not person and any(w.strip(".").lower() in lex.media_label_words
                                                        for w in name.split()):
            role = "journalist"  # "the Coast Daily reported": an outlet not in the registry
        if role is None and known is not None and known.role != "other":
            return known.role, known.official, known.country or country
        if role is None:
            outlet = lex.outlet_names.get(lower.removeprefix("the ").strip())
            role = outlet.outlet_type if outlet else "other"
        return role, role in lex.official_roles, country

    def _title_role(self, lower: str) -> Optional[str]:
        """A role from the words of a mention, or None when no rule applies."""
        lex = self.lexicon
        words = lower.split()
        # One precompiled alternation per phrase list (true exactly where ``_has`` is for some phrase).
        bodies = lex.expert_bodies_pattern
        if any(w in lex.expert_leaders for w in words) and " of " in f" {lower} " and \
                bodies is not None and bodies.search(lower):
            return "expert"
        if lower.strip() in lex.metonyms or lower.removeprefix("the ").strip() in lex.metonyms:
            return "government"
        for role, pattern in lex.role_patterns:
            if pattern is not None and pattern.search(lower):
                return role
        return None

    def _country(self, lower: str) -> Optional[str]:
        for word in _WORD.findall(lower):
            if word in self.lexicon.demonyms:
                return self.lexicon.demonyms[word]
        return None
