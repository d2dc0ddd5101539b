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

from ...contract.schema import BOILERPLATE, Quote, Source, Speaker, TextSpan
from ..extensions import doc_text, ensure_doc_defaults, ents_within, register_extensions
from .lexicon import Lexicon, load_lexicon
from .quotes import MarkedQuote, find_marked_quotes
from .reported import Found, find_reported
from ...knowledge.actors import document_date
from .identity import is_junk, voice_of
from .speakers import SpeakerResolver, is_relative
from .precedence import RELAY_WEIGHT, TURN_WEIGHT, because, drop_nested, relays
from .transcripts import find_turns, is_stage_direction, own_pronouns, speech_quotes

BOILERPLATE_KINDS = ("caption", "reference", "heading")
VOICE_KINDS = ("speech", "stance")  # thought cues (beliefs, plans) leave the voice to the author
# A sentence is kind "quote" when quote marks enclose at least this share of its characters
# (a judgement call: a cue and a name outside the marks take well under half a sentence).
QUOTE_SENTENCE_SHARE = 0.6
# A quote with no cue in its sentence is kept (speaker unknown) only when it has at least
# this many words: shorter ones are titles, nicknames and scare quotes.
MIN_UNATTRIBUTED_WORDS = 8
# A quote is introduced by a cue in its sentence when at most this many words (besides the
# speaker) stand between them: '"...," the minister said on Tuesday' has three.
MAX_GAP_WORDS = 6
# A quote this long goes to the nearest cue of its sentence even when not adjacent to it;
# shorter ones (titles, scare quotes, nicknames) must be adjacent.
MIN_FREE_QUOTE_WORDS = 5
# Two findings whose contents overlap by this share of the longer one are one attribution.
DUPLICATE_OVERLAP = 0.8
# A footnote marker belongs to a quote when it follows the quote's end within this many characters.
MARKER_REACH = 12
MARKER = re.compile(r"\[\d{1,3}\]")
TRAILING = re.compile(r"(?:\[\d{0,3}\]?|\s+|[,;:\u2014\u2013-])$")


@Language.factory("rhetoric_attribution", default_config={"include_thought": True, "keep_unattributed": False})
def make_attribution(nlp: Language, name: str, include_thought: bool, keep_unattributed: bool):
    """Factory: ``nlp.add_pipe("rhetoric_attribution")`` after the parser and NER."""
    register_extensions()
    return AttributionComponent(include_thought=include_thought, keep_unattributed=keep_unattributed)


class AttributionComponent:
    """Who says what: fills ``doc._.quotes`` and the sentence voices."""

    def __init__(self, include_thought: bool = True, keep_unattributed: bool = False,
                 lexicon: Optional[Lexicon] = None):
        self.include_thought = include_thought
        self.keep_unattributed = keep_unattributed
        self._lexicon = lexicon

    @property
    def lexicon(self) -> Lexicon:
        """The lexicon given, else the shared one (rebuilt when ``--actors`` files are added)."""
        return self._lexicon or load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        ensure_doc_defaults(doc)
        marked = find_marked_quotes(doc_text(doc))
        self.set_annotations(doc, self.find(doc, marked), marked)
        return doc

    # --- finding ----------------------------------------------------------------
    def find(self, doc: Doc, marked: Optional[list] = None) -> list[Found]:
        """Attributions of ``doc`` in text order, with direct quotes attached to their cues."""
        marked = find_marked_quotes(doc_text(doc)) if marked is None else marked
        meta = doc._.doc_meta or {}
        turns = find_turns(doc, self.lexicon, SpeakerResolver(self.lexicon, day=document_date(meta)), meta)
        reported = [f for f in find_reported(doc, self.lexicon, self.include_thought)
                    if not _inside_any(f.cue, [(q.start, q.end) for q in marked])]
        orphans = attach_quotes(doc, marked, reported, [f.content for f in turns])
        found = [f for f in turns + reported if _finalise(doc_text(doc), f)]
        if self.keep_unattributed:
            found += [Found(cue=None, cue_i=-1, kind="speech", sent=(q.start, q.end), content=(q.start, q.end),
                            quotes=[q]) for q in orphans
                      if len(doc_text(doc)[q.start:q.end].split()) >= MIN_UNATTRIBUTED_WORDS]
        return drop_nested(_dedupe(sorted(found, key=lambda f: (f.content[0], f.content[1]))), self.lexicon)

    # --- writing ----------------------------------------------------------------
    def set_annotations(self, doc: Doc, found: list[Found], marked: Optional[list] = None) -> None:
        """Resolve speakers in text order, find sources, write quotes and sentence values."""
        resolver = SpeakerResolver(self.lexicon, day=document_date(doc._.doc_meta))
        resolver.index_entities(doc)
        quotes = []
        by_cue = sorted(found, key=lambda f: f.cue[0] if f.cue else f.content[0])
        speakers = {id(f): f.speaker if f.speaker is not None else self._speaker(resolver, f.source) for f in by_cue}
        own_pronouns(found, speakers, doc._.doc_speaker)
        for f in found:
            start, end = f.content
            speaker = speakers[id(f)]
            quotes.append(Quote(
                start=start, end=end, text=doc_text(doc)[start:end], direct=_is_direct(doc_text(doc)[start:end]),
                cue=TextSpan(f.cue[0], f.cue[1], doc_text(doc)[f.cue[0]:f.cue[1]]) if f.cue else None,
                speaker=speaker, source=self._source(doc, f, speaker)))
        doc._.quotes = quotes + speech_quotes(doc, found, doc._.doc_speaker)
        self._set_sentences(doc, found, quotes, find_marked_quotes(doc_text(doc)) if marked is None else marked)

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
        if m and _sentence_between(text[end:end + m.start()]):
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

    def _set_sentences(self, doc: Doc, found: list[Found], quotes: list[Quote], marked: list) -> None:
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
        doc_speaker = doc._.doc_speaker
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
            if _quoted_share(s, marked, text) >= QUOTE_SENTENCE_SHARE:
                values.kind = "quote"


def attach_quotes(doc: Doc, marked: list[MarkedQuote], reported: list[Found], turn_lines: list) -> list[MarkedQuote]:
    """Give each marked quote to the cue that introduces it; return the quotes left without one.

    In order: the cue whose parsed content overlaps the quote; else the nearest cue in a
    sentence the quote shares; else a colon cue ending the sentence just before the quote.
    """
    sents = list(doc.sents)
    starts = [s.start_char for s in sents]
    orphans = []
    for q in marked:
        if any(s <= q.start < e for s, e in turn_lines):
            continue
        near = [f for f in reported if f.sent[0] < q.end and q.start < f.sent[1]]
        overlapping = [f for f in near if f.content and f.content[0] < q.end and q.start < f.content[1]]
        if overlapping:
            best = max(overlapping, key=lambda f: min(q.end, f.content[1]) - max(q.start, f.content[0]))
        elif any(_adjacent(doc, q, f) for f in near):
            best = min((f for f in near if _adjacent(doc, q, f)),
                       key=lambda f: min(abs(f.cue[0] - q.end), abs(q.start - f.cue[1])))
        elif near and len(doc_text(doc)[q.start:q.end].split()) >= MIN_FREE_QUOTE_WORDS:
            best = min(near, key=lambda f: min(abs(f.cue[0] - q.end), abs(q.start - f.cue[1])))
        elif near:
            best = None  # a title or scare quote elsewhere in the sentence: not what the cue reports
        else:
            best = (_colon_before(doc, sents, starts, q, reported) or _bare_cue_next_to(doc_text(doc), q, reported)
                    or _continued(doc_text(doc), q, reported))
        if best is None:
            orphans.append(q)
            continue
        best.quotes.append(q)
    return orphans


def _adjacent(doc: Doc, q: MarkedQuote, f: Found) -> bool:
    """True when only the speaker and a few words stand between the quote and its cue.

    '"...," said Smith' and 'Smith, an economist, said: "..."' are adjacent; a quoted
    title in the middle of a long sentence is not.
    """
    if f.cue[1] <= q.start:
        lo, hi = f.cue[1], q.start
    elif q.end <= f.cue[0]:
        lo, hi = q.end, f.cue[0]
    else:
        return False
    gap = doc_text(doc)[lo:hi]
    if f.source is not None:
        s_lo, s_hi = max(lo, f.source.start_char), min(hi, f.source.end_char)
        if s_lo < s_hi:
            gap = doc_text(doc)[lo:s_lo] + doc_text(doc)[s_hi:hi]
    return len(gap.split()) <= MAX_GAP_WORDS and "\n" not in gap


def _colon_before(doc, sents, starts, q: MarkedQuote, reported: list[Found]) -> Optional[Found]:
    """A colon cue ('He went on:') in the sentence before the quote or right before it."""
    i = bisect.bisect_right(starts, q.start) - 1
    if i < 0:
        return None
    back = i - 1
    while back > 0 and not sents[back].text.strip():
        back -= 1  # the blank line between "The Herald reports:" and the quote
    prev = sents[back].start_char if back >= 0 else None
    for f in reported:
        if f.colon and not f.quotes and (f.sent[0] == prev or (f.cue[1] <= q.start and f.sent[0] == starts[i])):
            return f
    return None


def _finalise(text: str, f: Found) -> bool:
    """Set ``f.content`` to the span over its parsed content and attached quotes; False if empty."""
    spans = ([f.content] if f.content else []) + [(q.start, q.end) for q in f.quotes]
    if f.colon and not spans:
        after = _after_colon(text, f.cue[1], f.sent)
        spans = [after] if after else []
    if not spans:
        return False
    f.content = _trim(text, min(s for s, _ in spans), max(e for _, e in spans))
    return f.content[1] > f.content[0]


def _bare_cue_next_to(text: str, q: MarkedQuote, reported: list[Found]) -> Optional[Found]:
    """A cue without content in the sentence right after (or before) the quote, same paragraph.

    The parser often splits '"...?" Graham asked.' into two sentences.
    """
    after = [f for f in reported if f.content is None and f.sent[0] >= q.end
             and not text[q.end:f.sent[0]].strip() and "\n" not in text[q.end:f.cue[0]]]
    if after:
        return min(after, key=lambda f: f.sent[0])
    before = [f for f in reported if f.content is None and f.sent[1] <= q.start
              and not text[f.sent[1]:q.start].strip() and "\n" not in text[f.cue[1]:q.start]]
    return max(before, key=lambda f: f.sent[1]) if before else None


def _continued(text: str, q: MarkedQuote, reported: list[Found]) -> Optional[Found]:
    """The cue of a quote in the sentence just before ('"A," he said. "B."'): the same speaker goes on."""
    before = [f for f in reported if f.quotes and f.sent[1] <= q.start
              and not text[f.sent[1]:q.start].strip()]
    return max(before, key=lambda f: f.sent[1]) if before else None


def _after_colon(text: str, cue_end: int, sent: tuple) -> Optional[tuple]:
    """What follows the colon after a cue, to the paragraph's end: the content of "He went on:"."""
    colon = text.find(":", cue_end, sent[1])
    start = colon + 1 if colon >= 0 else sent[1]
    rest = text[start:]
    stripped = rest.lstrip()
    if not stripped:
        return None
    begin = start + len(rest) - len(stripped)
    stop = text.find("\n", begin)
    stop = len(text) if stop < 0 else stop
    return (begin, stop) if stop > begin else None


def _dedupe(found: list[Found]) -> list[Found]:
    """Drop a finding whose content is nearly the same as an earlier one's (two cues, one claim)."""
    kept: list[Found] = []
    for f in found:
        dup = False
        for k in kept[-4:]:
            inter = min(f.content[1], k.content[1]) - max(f.content[0], k.content[0])
            longer = max(f.content[1] - f.content[0], k.content[1] - k.content[0])
            if inter > 0 and inter >= DUPLICATE_OVERLAP * longer:
                dup = True
                if k.kind == "thought" and f.kind != "thought":
                    kept[kept.index(k)] = f
                break
        if not dup:
            kept.append(f)
    return kept


def _trim(text: str, start: int, end: int) -> tuple:
    """Content offsets without trailing footnote markers, spaces and clause punctuation."""
    while True:
        m = TRAILING.search(text, start, end)
        if not m or m.start() == end:
            break
        end = m.start()
    return start, end


def _inside_any(span: tuple, spans: list) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def _is_direct(text: str) -> bool:
    return any(c in text for c in "\"\u201c\u201d\u00ab\u00bb") or "''" in text


def _sentence_between(gap: str) -> bool:
    """True when ``gap`` (text between a quote and a marker) holds the end of a sentence and more."""
    return bool(re.search(r"[.!?]\s+\S", gap)) or "\n" in gap


def _quoted_share(sent, marked: list[MarkedQuote], doc_chars: str) -> float:
    """Share of the sentence's characters inside quote marks (``doc_chars`` is the document text)."""
    start, end = sent.start_char, sent.end_char
    inside = sum(max(0, min(q.end, end) - max(q.start, start)) for q in marked)
    if not inside:
        return 0.0  # most sentences: no need to measure them
    # The document slice, stripped, is Span.text stripped (that adds only the last token's space).
    size = len(doc_chars[start:end].strip())
    if not size:
        return 0.0
    return inside / size
