"""The attribution data, loaded once: cue lexicon, title rules, actors gazetteer, outlet registry.

``cues.json`` and ``roles.json`` sit next to this module; the gazetteer and the outlet
registry are project corpora (``corpora/gazetteer/actors.csv`` and ``outlets.csv``).
"""
from __future__ import annotations

import csv
import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ...contract.fields import OFFICIAL_ROLES
from ...knowledge.actors import Gazetteer, actor_files, load_gazetteer
from ...resources import corpus_path

HERE = Path(__file__).parent
CUES_FILE = "cues.json"
ROLES_FILE = "roles.json"
ACTORS_FILE = "actors.csv"
OUTLETS_FILE = "outlets.csv"
MEDIA_TYPES = ("state_media", "press")  # outlet types that publish quotes (not ministries, think tanks)


@dataclass(frozen=True)
class Actor:
    """One gazetteer row: a person, body or outlet that speaks."""

    name: str
    country: Optional[str]
    role: str
    official: bool


@dataclass(frozen=True)
class Outlet:
    """One outlet registry row."""

    domain: str
    outlet: str
    outlet_type: str
    country: Optional[str]


@dataclass
class CueVerb:
    """How one cue lemma behaves: its kind and the dependency labels that carry its content."""

    kind: str
    content: set = field(default_factory=set)


@dataclass
class Lexicon:
    """Everything attribution reads from data files."""

    cues: dict            # lemma -> CueVerb
    colon_cues: set       # lemmas that are cues before a colon only
    source_phrases: list  # token-text tuples, e.g. ("according", "to")
    particle_phrases: dict  # lemma -> set of particles/prepositions ("call" -> {"for", "on"})
    cue_nouns: set
    turn_stoplist: set
    question_turns: set
    answer_turns: set
    media_label_words: set  # a turn label with one of these words is an outlet asking a question
    role_rules: list      # (role, [phrases]) in priority order
    official_roles: set
    expert_leaders: set
    expert_bodies: set
    metonyms: set
    titles: set
    data_nouns: set
    demonyms: dict        # lower-cased word -> country
    offices: dict         # office title as written -> the gazetteer's office words ("premier" -> "premier")
    office_also: dict     # an office also written as another ("premier" <-> "prime minister")
    leader_office: dict   # country -> the office "the X leader" means where it is not "president"
    junk_mentions: set    # mentions that are never a speaker ("that", "Q", "reason")
    actors: dict          # lower-cased name or alias -> Actor (the actor's undated default office)
    gazetteer: Gazetteer  # the same people with dated tenures
    outlets: dict         # domain -> Outlet
    outlet_names: dict    # lower-cased outlet name -> Outlet
    media_outlets: dict   # the same for news media only: the outlets a quote can come from
    # Memos the cue finder fills as it meets words, keyed by spaCy string hash (the same in
    # every vocab): whether that lemma, lower-cased, is in ``cue_lemmas``, and whether that
    # lower-cased word opens a source phrase. Derived from the fields above, never data.
    lemma_hits: dict = field(default_factory=dict, repr=False)
    first_word_hits: dict = field(default_factory=dict, repr=False)

    @functools.cached_property
    def cue_lemmas(self) -> frozenset:
        """Every lemma a verb or noun cue can have: a token whose lemma is not here is no such cue."""
        return frozenset(self.cues) | frozenset(self.colon_cues) | frozenset(self.cue_nouns)

    @functools.cached_property
    def phrases_by_first(self) -> dict:
        """First word -> the source phrases opening with it, in lexicon order."""
        table: dict = {}
        for phrase in self.source_phrases:
            table.setdefault(phrase[0], []).append(phrase)
        return table

    @functools.cached_property
    def role_patterns(self) -> list:
        """(role, one whole-word regex over all its phrases) in ``role_rules`` order."""
        return [(role, whole_words_any(phrases)) for role, phrases in self.role_rules]

    @functools.cached_property
    def expert_bodies_pattern(self) -> Optional[re.Pattern]:
        return whole_words_any(self.expert_bodies)

    def actor(self, text: Optional[str]) -> Optional[Actor]:
        """The gazetteer entry whose name or alias is ``text`` (case-insensitive), if any."""
        if not text:
            return None
        key = text.lower().strip()
        actor = self.actors.get(key) or self.actors.get(key.removeprefix("the ").strip())
        bare = text.strip()
        bare = bare[4:] if bare.lower().startswith("the ") else bare
        if actor is not None and bare[:1].islower() and actor.name[:1].isupper():
            return None  # "the diplomat" is a title, not the outlet The Diplomat
        return actor

    def outlet_for_domain(self, domain: Optional[str]) -> Optional[Outlet]:
        """The registry entry for ``domain`` or its closest parent domain (en.tass.ru -> tass.ru)."""
        if not domain:
            return None
        parts = domain.lower().removeprefix("www.").split(".")
        for i in range(len(parts) - 1):
            hit = self.outlets.get(".".join(parts[i:]))
            if hit:
                return hit
        return None


def whole_words_any(phrases) -> Optional[re.Pattern]:
    """One regex true where any of ``phrases`` occurs as whole words (a plural -s/-es allowed), None if none.

    One search per role instead of one per phrase: role rules run on every speaker mention.
    """
    phrases = list(phrases)
    if not phrases:
        return None
    return re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(p) for p in phrases)})(?:s|es)?(?![\w-])")


def lexicon_files(directory: Optional[Path] = None) -> dict[str, Path]:
    """File name -> path of every attribution data file: the shipped ones (lexicons here,
    gazetteer in the corpora) or, given ``directory``, the copies saved there."""
    if directory is not None:
        return {name: Path(directory) / name for name in (CUES_FILE, ROLES_FILE, ACTORS_FILE, OUTLETS_FILE)}
    return {CUES_FILE: HERE / CUES_FILE, ROLES_FILE: HERE / ROLES_FILE,
            ACTORS_FILE: corpus_path("gazetteer", ACTORS_FILE), OUTLETS_FILE: corpus_path("gazetteer", OUTLETS_FILE)}


def _read_csv(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _actors(gazetteer: Gazetteer, outlets: list[Outlet], official_roles: set) -> dict:
    table: dict = {}
    for name in gazetteer.by_name:
        tenure = gazetteer.default(name)
        actor = Actor(name, tenure.country, tenure.role, tenure.role in official_roles)
        for key in [name] + list(tenure.aliases):
            table.setdefault(key.lower().strip(), actor)
    # Outlets speak too ("TASS reported"); the registry fills gaps left by the actors file.
    for o in outlets:
        role = "journalist" if o.outlet_type == "press" else o.outlet_type
        table.setdefault(o.outlet.lower(), Actor(o.outlet, o.country, role, role in official_roles))
    return table


def load_lexicon(directory: Optional[Path] = None) -> Lexicon:
    """Read every attribution data file once per process (``directory``: see :func:`lexicon_files`),
    again after ``--actors`` files are added (:func:`rhetoric.knowledge.actors.use_actor_files`)."""
    return _load_lexicon(directory, actor_files())


@functools.lru_cache(maxsize=4)
def _load_lexicon(directory: Optional[Path], user_actor_files: tuple) -> Lexicon:
    files = lexicon_files(directory)
    cues_data = json.loads(files[CUES_FILE].read_text(encoding="utf-8"))
    roles = json.loads(files[ROLES_FILE].read_text(encoding="utf-8"))
    cues: dict = {}
    for group in cues_data["groups"]:
        for lemma in group["lemmas"]:
            cue = cues.setdefault(lemma, CueVerb(group["kind"]))
            cue.content.update(group["content"])
    phrases = cues_data["phrases"]
    particles: dict = {}
    for verb, particle in phrases["with_particle"]:
        particles.setdefault(verb, set()).add(particle)
    outlet_rows = [Outlet(r["domain"].strip().lower(), r["outlet"].strip(), r["outlet_type"].strip(),
                          r.get("country") or None) for r in _read_csv(files[OUTLETS_FILE])]
    outlets = {o.domain: o for o in outlet_rows}
    outlet_names: dict = {}
    for o in outlet_rows:
        outlet_names.setdefault(o.outlet.lower(), o)
    gazetteer = load_gazetteer(user_actor_files, shipped=files[ACTORS_FILE])
    for name, tenures in gazetteer.by_name.items():
        if tenures[0].role == "state_media":
            outlet = Outlet("", name, "state_media", tenures[0].country)
            for key in [name] + list(tenures[0].aliases):
                outlet_names.setdefault(key.lower().strip(), outlet)
    heads = roles["expert_heads"]
    return Lexicon(
        cues=cues,
        colon_cues=set(cues_data["colon_only"]["lemmas"]),
        source_phrases=[tuple(p) for p in phrases["source_before"]],
        particle_phrases=particles,
        cue_nouns=set(cues_data["nouns"]["lemmas"]),
        turn_stoplist=set(cues_data["turn_stoplist"]),
        question_turns=set(cues_data["question_turns"]),
        answer_turns=set(cues_data["answer_turns"]),
        media_label_words=set(cues_data["media_label_words"]),
        role_rules=[(r["role"], r["words"]) for r in roles["rules"]],
        official_roles=set(OFFICIAL_ROLES),
        expert_leaders=set(heads["leaders"]),
        expert_bodies=set(heads["bodies"]),
        metonyms=set(roles["metonyms"]["words"]),
        titles=set(roles["titles"]),
        data_nouns=set(roles["data_nouns"]["words"]),
        demonyms=dict(roles["demonyms"]["words"]),
        offices=dict(roles["offices"]["synonyms"]),
        office_also=dict(roles["offices"]["also"]),
        leader_office=dict(roles["offices"]["leader_office"]),
        junk_mentions=set(roles["junk_mentions"]["words"]),
        actors=_actors(gazetteer, outlet_rows, set(OFFICIAL_ROLES)),
        gazetteer=gazetteer,
        outlets=outlets,
        outlet_names=outlet_names,
        media_outlets={k: o for k, o in outlet_names.items() if o.outlet_type in MEDIA_TYPES},
    )
