"""The ``rhetoric_attribution`` spaCy component: quotes, reported speech, speakers, sources, voices.

``__call__`` finds attributions (quote marks, transcript turns, parse-based reported
speech, joined into one list) and then writes them: ``doc._.quotes`` and, on each
sentence span, ``voice``, ``speaker``, ``role`` and ``kind``. Sentences the cleanup
marked as boilerplate (captions, references, headings) are never touched.
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ...contract.fields import BOILERPLATE
from ...contract.schema import Quote, Source, Speaker, TextSpan
from ...knowledge.dates import metadata_day
from ..extensions import SPEAKER_KEY, doc_meta, doc_text, ensure_doc_defaults, ents_within, register_extensions
from ..stagedata import save_files, saved_folder
from .attach import (QUOTE_SENTENCE_SHARE, attach_quotes, dedupe, finalise, inside_any, is_direct, quoted_share,
                     sentence_between)
from .lexicon import Lexicon, lexicon_files, load_lexicon
from .quotes import find_marked_quotes
from .reported import Found, find_reported
from .identity import is_junk, voice_of
from .precedence import RELAY_WEIGHT, TURN_WEIGHT, because, drop_nested, relays
from .speakers import SpeakerResolver, is_relative, speaker_from_meta
from .transcripts import find_turns, is_stage_direction, own_pronouns, speech_quotes

BOILERPLATE_KINDS = ("caption", "reference", "heading")
VOICE_KINDS = ("speech", "stance")  # thought cues (beliefs, plans) leave the voice to the author
# A quote with no cue in its sentence is kept (speaker unknown) only when it has at least
# this many words: shorter ones are titles, nicknames and scare quotes.
MIN_UNATTRIBUTED_WORDS = 8
# A footnote marker belongs to a quote when it follows the quote's end within this many characters.
MARKER_REACH = 12
MARKER = re.compile(r"\[\d{1,3}\]")


@Language.factory(
    "rhetoric_attribution", default_config={"include_thought": True, "keep_unattributed": False},
    requires=["doc.sents", "token.dep", "token.lemma", "doc.ents",
              "doc._.references", "span._.kind", "span._.voice"],
    assigns=["doc._.quotes", "span._.voice", "span._.speaker", "span._.role", "span._.speaker_key",
             "span._.because", "span._.kind"])
def make_attribution(nlp: Language, name: str, include_thought: bool, keep_unattributed: bool):
    """Factory: ``nlp.add_pipe("rhetoric_attribution")`` after the parser, NER and cleanup.

    A document that is one speaker's speech says so in ``doc.user_data["rhetoric_speaker"]``
    (see :func:`rhetoric.nlp.extensions.set_doc_speaker`)."""
    register_extensions()
    return AttributionComponent(include_thought=include_thought, keep_unattributed=keep_unattributed)


class AttributionComponent:
    """Who says what: fills ``doc._.quotes`` and the sentence voices.

    ``lexicon`` defaults to the shipped data; ``nlp.to_disk`` saves the data files with the
    pipeline and ``from_disk`` reads them back (see :mod:`rhetoric.nlp.stagedata`)."""

    def __init__(self, include_thought: bool = True, keep_unattributed: bool = False,
                 lexicon: Optional[Lexicon] = None):
        self.include_thought = include_thought
        self.keep_unattributed = keep_unattributed
        self.data_dir = None  # where the lexicon was read from: None for the shipped files
        self._lexicon = lexicon

    @property
    def lexicon(self) -> Lexicon:
        """The lexicon given or saved with the pipeline, else the shared one (rebuilt when
        ``--actors`` files are added: :func:`rhetoric.knowledge.actors.use_actor_files`)."""
        return self._lexicon or load_lexicon(self.data_dir)

    def to_disk(self, path, *, exclude: tuple = ()) -> None:
        save_files(path, lexicon_files(self.data_dir))

    def from_disk(self, path, *, exclude: tuple = ()) -> "AttributionComponent":
        self.data_dir = saved_folder(path, lexicon_files(path))
        self._lexicon = None
        return self

    def __call__(self, doc: Doc) -> Doc:
        ensure_doc_defaults(doc)
        marked = find_marked_quotes(doc_text(doc))
        self.set_annotations(doc, self.find(doc, marked), marked)
        return doc

    # --- finding ----------------------------------------------------------------
    def find(self, doc: Doc, marked: Optional[list] = None) -> list[Found]:
        """Attributions of ``doc`` in text order, with direct quotes attached to their cues."""
        marked = find_marked_quotes(doc_text(doc)) if marked is None else marked
        meta = self._meta(doc)
        turns = find_turns(doc, self.lexicon, SpeakerResolver(self.lexicon, day=metadata_day(meta)), meta)
        reported = [f for f in find_reported(doc, self.lexicon, self.include_thought)
                    if not inside_any(f.cue, [(q.start, q.end) for q in marked])]
        starts = [s.start_char for s in doc.sents]
        orphans = attach_quotes(doc_text(doc), starts, marked, reported, [f.content for f in turns])
        found = [f for f in turns + reported if finalise(doc_text(doc), f)]
        if self.keep_unattributed:
            found += [Found(cue=None, kind="speech", sent=(q.start, q.end), content=(q.start, q.end),
                            quotes=[q]) for q in orphans
                      if len(doc_text(doc)[q.start:q.end].split()) >= MIN_UNATTRIBUTED_WORDS]
        return drop_nested(dedupe(sorted(found, key=lambda f: (f.content[0], f.content[1]))), self.lexicon)

    @staticmethod
    def _meta(doc: Doc) -> dict:
        """The document's metadata with the caller's speaker on top (both from ``doc.user_data``)."""
        return {**doc_meta(doc), **(doc.user_data.get(SPEAKER_KEY) or {})}

    # --- writing ----------------------------------------------------------------
    def set_annotations(self, doc: Doc, found: list[Found], marked: Optional[list] = None) -> None:
        """Resolve speakers in text order, find sources, write quotes and sentence values."""
        meta = self._meta(doc)
        resolver = SpeakerResolver(self.lexicon, day=metadata_day(meta))
        resolver.index_entities(doc)
        doc_speaker = speaker_from_meta(meta, self.lexicon)
        quotes = []
        by_cue = sorted(found, key=lambda f: f.cue[0] if f.cue else f.content[0])
        speakers = {id(f): f.speaker if f.speaker is not None else self._speaker(resolver, f.source) for f in by_cue}
        own_pronouns(found, speakers, doc_speaker)
        for f in found:
            start, end = f.content
            speaker = speakers[id(f)]
            quotes.append(Quote(
                start=start, end=end, text=doc_text(doc)[start:end], direct=is_direct(doc_text(doc)[start:end]),
                cue=TextSpan(f.cue[0], f.cue[1], doc_text(doc)[f.cue[0]:f.cue[1]]) if f.cue else None,
                speaker=speaker, source=self._source(doc, f, speaker)))
        doc._.quotes = quotes + speech_quotes(doc, found, doc_speaker)
        self._set_sentences(doc, found, quotes, find_marked_quotes(doc_text(doc)) if marked is None else marked,
                            doc_speaker)

    def _speaker(self, resolver: SpeakerResolver, mention) -> Optional[Speaker]:
        """The resolved speaker of a mention; a junk mention ("that", "Q") stays a mention, no one."""
        if mention is None:
            return None
        if is_junk(self.lexicon, mention.text) and not is_relative(mention):
            return Speaker(mention.start_char, mention.end_char, mention.text.strip())
        return resolver.resolve(mention)

    def _source(self, doc: Doc, f: Found, speaker: Optional[Speaker]) -> Optional[Source]:
        """Footnote marker after the quote (-> reference -> outlet), else an outlet named inline."""
        lex = self.lexicon
        text = doc_text(doc)
        end = f.content[1]
        window = text[end:max(end + MARKER_REACH, f.sent[1] + 1)]
        m = MARKER.search(window)
        if m and sentence_between(text[end:end + m.start()]):
            m = None  # the marker belongs to a later sentence
        if m:
            ref = (doc._.references or {}).get(m.group())
            outlet = lex.outlet_for_domain(ref.domain) if ref is not None else None
            return Source(m.group(), ref.url if ref else None, outlet.outlet if outlet else None,
                          outlet.outlet_type if outlet else None)
        outlet = self._inline_outlet(doc, f, speaker)
        return Source(None, None, outlet.outlet, outlet.outlet_type) if outlet else None

    def _inline_outlet(self, doc: Doc, f: Found, speaker: Optional[Speaker]):
        """An outlet named in the cue's sentence outside the content: "told TASS", "TASS reported"."""
        names = self.lexicon.media_outlets
        if speaker is not None:
            hit = names.get((speaker.name or speaker.text).lower())
            if hit:
                return hit
        sent = doc.char_span(f.sent[0], f.sent[1], alignment_mode="expand")
        if sent is None:
            return None
        for ent in ents_within(sent):
            if f.content[0] <= ent.start_char < f.content[1]:
                continue
            hit = names.get(ent.text.lower()) or names.get(ent.text.lower().removeprefix("the "))
            if hit:
                return hit
        return None

    def _set_sentences(self, doc: Doc, found: list[Found], quotes: list[Quote], marked: list,
                       doc_speaker: Optional[Speaker]) -> None:
        sents = [s for s in doc.sents]
        starts = [s.start_char for s in sents]
        best: dict = {}
        sources = [(f.source.start_char, f.cue) for f in found if f.source is not None and not f.turn]
        for f, q in zip(found, quotes):
            if f.kind not in VOICE_KINDS or q.speaker is None or (
                    not q.speaker.name and voice_of(q.speaker, self.lexicon) == "commentary"):
                continue  # no one yet ("he" without antecedent): the turn or the document speaker holds
            lo = min(q.start, f.cue[0] if f.cue else q.start)
            hi = max(q.end, f.cue[1] if f.cue else q.end)
            if f.source is not None and not f.turn and f.sent[0] <= f.source.start_char < f.sent[1]:
                # the named speaker's own words span their sentence: "Jane Roe, head of X, said that ..."
                lo, hi = min(lo, f.source.start_char), max(hi, f.source.end_char)
            first = max(0, bisect.bisect_right(starts, lo) - 1)
            for i in range(first, len(sents)):
                s = sents[i]
                if s.start_char >= hi:
                    break
                share = min(hi, s.end_char) - max(lo, s.start_char)
                # the inner, more specific voice: a cue inside a turn, a speaker an outlet reports
                share *= TURN_WEIGHT if f.turn else RELAY_WEIGHT if relays(f, q, sources) else 1
                if share > 0 and share > best.get(i, (0, None))[0]:
                    best[i] = (share, q.speaker, because(f, q))
        text = doc_text(doc)
        for i, s in enumerate(sents):
            values = s._  # spaCy builds a new accessor on every ``._``
            if values.voice == BOILERPLATE or values.kind in BOILERPLATE_KINDS:
                continue
            _, speaker, reason = best.get(i, (0, doc_speaker, "document speaker"))
            if speaker is not None and not is_stage_direction(s.text):
                # the canonical name only: "the spokesman" is no one yet
                values.speaker = speaker.canonical or speaker.name
                values.speaker_key = speaker.key
                values.role = speaker.role
                values.voice = voice_of(speaker, self.lexicon)
                values.because = reason
            if quoted_share(s.start_char, s.end_char, marked, text) >= QUOTE_SENTENCE_SHARE:
                values.kind = "quote"


