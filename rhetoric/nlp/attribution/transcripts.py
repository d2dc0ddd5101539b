"""Transcripts: speaker turns found from the document's own layout.

Layouts read, each a line of its own:
- a label and a colon before the words: ``Vladimir Putin: ...``, ``PUTIN: ...``,
  ``[Gao Feng]: ...``, ``Q:...``, ``Question (Reuters): ...``, ``Jane Roe, Daily Post: ...``;
- a label alone on its line (``Governor Jane Roe:``, or a bare person's name) with the words
  on the lines after it;
- interview answers set off by a dash (``— We expect ...``), questions ending with "?".

A turn runs over the paragraphs up to the next label; an unlabelled paragraph ending with a
question mark just before the next label is the interviewer's question. The last turn runs
on to the end unless a paragraph names its speaker in the third person (the article
resumes). Question labels give the journalist (the outlet in brackets or after a comma when
named); answer labels (``A:``) give the document's host, named in its title ("Spokesperson
X's Regular Press Conference", "Speech by X") or introduced in the text ("I am X, ...").
Inside a turn, "I" and "we" are the turn's speaker.
"""
from __future__ import annotations

import re
from typing import Optional

from ...contract.fields import BOILERPLATE
from ...contract.schema import Quote, Speaker
from ..extensions import doc_text, ents_within
from .lexicon import Lexicon
from .reported import Found

LABEL_LINE = re.compile(
    r"^[ \t\"\u201c]*(?P<open>\[)?(?P<label>[^\W\d_][\w.'’\- ]{0,60}?(?:\s*\([^()\n]{1,40}\))?"
    r"(?:,\s*[\w.'’&\- ]{1,40})?)(?(open)\]|)[ \t]*[:：][ \t]*(?P<body>[^\n]*)$", re.M)
BARE_NAME = re.compile(r"^[ \t]*(?P<label>[A-Z][\w.'’\-]+(?:[ \t]+[A-Z][\w.'’\-]+){1,3})[ \t]*$", re.M)
DASH_LINE = re.compile(r"^[ \t]*[\u2014\u2013][ \t]*(?P<body>\S[^\n]*)$", re.M)
STAGE_LABEL = re.compile(r"^[^:()\[\]\n]{1,40}:\s*")  # "A: (Laughter.)": the note after a turn label
DATELINE = re.compile(r"(?<![\w-])\d")  # "New Delhi, Sep 16 (PTI):" is a dateline, not a speaker
PAREN = re.compile(r"\(([^()]+)\)\s*$")
MIN_TURNS = 2         # fewer labelled lines (without --transcript) are a headline or a quoted exchange
MAX_LABEL_WORDS = 8   # "President of Russia Vladimir Putin" fits; longer is a sentence with a colon
MIN_DASH_TURNS = 2    # dash-led paragraphs make an interview only when there are at least this many
FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|my|My|me|us)\b")
HOST_IN_TITLE = (
    re.compile(r"^(?:(?:full )?text of |transcript of )?(?:the )?(?:keynote |opening |closing )?"
               r"(?:speech|remarks|statement|address|lecture|interview|briefing|press conference)s? "
               r"(?:by|of|from) (?P<who>[^,:;(]+?)"
               r"(?: at | to | on | in | during | before | with |,|:|\(|$)", re.I),
    re.compile(r"^(?P<who>[^,:;(]+?)['’]s? (?:regular |opening |keynote |closing |joint |online |annual |"
               r"special |new year |video )*(?:statement|speech|remarks|address|press conference|news conference|"
               r"press briefing|briefing|interview|answers|replies|message)", re.I),
    re.compile(r"^(?P<who>[^,:;(]+?) (?:meets the press|answers (?:media |journalists['’] )?questions|"
               r"holds (?:a )?(?:press|news) conference|addresses|speaks)", re.I),
)
PRESS_CONFERENCE = re.compile(r"\b(?:press|news) (?:conference|briefing)\b|\bbriefing\b", re.I)
SPEECH_TITLE = re.compile(r"\b(?:speech|remarks|statement|address|lecture|message)\b", re.I)
INTERVIEWER_IN_TITLE = re.compile(r"\binterview (?:with|to|for) (?P<who>[A-Z][\w.&'’\- ]+?)(?: on | in |,|:|$)")
SELF_INTRO = re.compile(r"\bI am (?:Mr\.? |Ms\.? |Dr\.? )?(?P<who>[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+){0,3}), "
                        r"(?:the )?(?P<title>[a-z][^.,;]{2,60})")


def find_turns(doc, lex: Lexicon, resolver, meta: Optional[dict] = None) -> list[Found]:
    """One :class:`Found` per speaker turn, in text order; [] when the layout is not a transcript.

    ``meta["transcript"]`` True forces transcript reading (one label suffices), False turns it off.
    """
    force = (meta or {}).get("transcript")
    if force is False:
        return []
    text = doc_text(doc)
    host = document_host(meta, text, resolver)
    turns = _label_turns(doc, text, lex) + _bare_name_turns(doc, text, lex)
    turns.sort(key=lambda t: t[0])
    turns += [] if turns else _dash_turns(text)
    if not turns:
        return []
    # Fewer labels than a transcript has (a headline "Name: words", a quoted exchange): each
    # labelled line is that speaker's, nothing runs on.
    transcript = len(turns) >= MIN_TURNS or bool(force) or _transcript_title(meta) or _runs_on(text, turns[0])
    found = []
    for label_start, label_end, body_start, kind in turns:
        label = text[label_start:label_end]
        speaker = _preset_speaker(label, kind, lex, host, meta)
        source = doc.char_span(label_start, label_end, alignment_mode="expand") if label_end > label_start else None
        if speaker is None and source is None:
            continue
        end = text.find("\n", body_start)
        end = len(text) if end < 0 else end
        colon = next((i for i in (text.find(":", label_end, body_start), text.find("\uff1a", label_end, body_start))
                      if i >= 0), body_start)
        found.append(Found(cue=(colon, colon + 1) if label_end > label_start else (body_start, body_start + 1), kind="speech", sent=(body_start, end), content=(body_start, end),
                           source=source, turn=True, speaker=speaker))
    if not transcript:
        return [f for f in found if f.source is not None and f.speaker is None and f.content[1] > f.content[0]]
    found = [f for f in _extend(text, found, lex.turn_stoplist) if f.content[1] > f.content[0]]
    _host_body_roles(found, resolver, meta, text)
    return found + _unlabelled_questions(text, found, lex, meta)


def _host_body_roles(found: list[Found], resolver, meta: Optional[dict], text: str) -> None:
    """At a press conference held by an official body (a ministry, a central bank) named in the
    title, named speakers of no known role speak for it: the first one, opening a ministry's
    conference, is its spokesperson; the others its officials (the body's role)."""
    title = str((meta or {}).get("title") or "") or _first_line(text)
    if not PRESS_CONFERENCE.search(title):
        return
    lex = resolver.lexicon
    body = _body_in(title, lex)
    if body is None:
        return
    given: dict = {}
    for f in found:
        if f.speaker is not None or f.source is None:
            continue
        speaker = resolver.resolve(f.source)
        if not speaker.name or speaker.role not in (None, "other"):
            continue
        if speaker.name not in given:
            given[speaker.name] = "spokesperson" if not given and body.role == "government" else body.role
        speaker.role, speaker.official = given[speaker.name], True
        speaker.country = speaker.country or body.country
        f.speaker = speaker


def _body_in(title: str, lex: Lexicon):
    """The official body (government or central bank actor) named in a title, longest name first."""
    words = [re.sub(r"['’]s$", "", w) for w in re.findall(r"[\w'’.-]+", title)]
    for size in range(min(6, len(words)), 0, -1):
        for k in range(len(words) - size + 1):
            actor = lex.actor(" ".join(words[k:k + size]))
            if actor is not None and actor.role in ("government", "central_banker") and actor.name[:1].isupper():
                return actor
    return None


# --- layouts ----------------------------------------------------------------------------
def _label_turns(doc, text: str, lex: Lexicon) -> list[tuple]:
    """(label start, label end, body start, kind) of each ``Label: words`` or ``Label:`` line.

    A label is sure when it is a Q/A word, an outlet, in capitals, or a person known to the
    gazetteer or the model; once a document has a sure label, short capitalised labels that
    recur, or stand alone on their line, are labels too (names the model does not know).
    """
    out = []
    matches = [m for m in LABEL_LINE.finditer(text) if not DATELINE.search(m.group("label"))]
    counts: dict = {}
    for m in matches:
        counts[m.group("label").strip()] = counts.get(m.group("label").strip(), 0) + 1
    sure = {m.start() for m in matches if _label_kind(m.group("label").strip(), lex)
            or _is_speaker_label(doc, m.group("label").strip(), m.start("label"), lex)}
    for m in matches:
        label = m.group("label").strip()
        kind = _label_kind(label, lex)
        if m.start() not in sure and not (sure and _loose_label(label, lex) and (
                counts[label] > 1 or not m.group("body").strip())):
            continue
        body_start = m.start("body")
        if not m.group("body").strip():  # a label alone on its line: the words follow
            nxt = re.search(r"\S", text[m.end():])
            if nxt is None:
                continue
            body_start = m.end() + nxt.start()
            nxt_label = LABEL_LINE.match(text, body_start)
            if nxt_label and _label_kind(nxt_label.group("label"), lex):
                continue  # "Moderator:" over "Q: ...": a heading, not a turn
        out.append((m.start("label"), m.start("label") + len(label), body_start, kind or "speaker"))
    return out


def _bare_name_turns(doc, text: str, lex: Lexicon) -> list[tuple]:
    """A person's name alone on a line, the next line starting their words in the first person."""
    out = []
    for m in BARE_NAME.finditer(text):
        after = text[m.end():m.end() + 2]
        if not after.startswith("\n") or after[1:2] in ("\n", ""):
            continue
        nxt_end = text.find("\n\n", m.end() + 1)
        following = text[m.end() + 1:nxt_end if nxt_end > 0 else len(text)]
        if not FIRST_PERSON.search(following[:400]):
            continue
        label = m.group("label")
        span = doc.char_span(m.start("label"), m.start("label") + len(label), alignment_mode="expand")
        if span is None:
            continue
        person = lex.gazetteer.canonical(label) or (
            any(e.label_ == "PERSON" and e.start == span.start and e.end == span.end for e in ents_within(span)))
        if person:
            out.append((m.start("label"), m.start("label") + len(label), m.end() + 1, "speaker"))
    return out


def _dash_turns(text: str) -> list[tuple]:
    """Interview paragraphs led by a dash: those ending with "?" are questions, the rest answers."""
    lines = list(DASH_LINE.finditer(text))
    if len(lines) < MIN_DASH_TURNS:
        return []
    return [(m.start(), m.start(), m.start("body"), "question" if m.group("body").rstrip().endswith("?") else "answer")
            for m in lines]


def _label_kind(label: str, lex: Lexicon) -> Optional[str]:
    """question | answer for Q/A-type labels ("Question (Reuters)", "Jane Roe, Daily Post"), else None."""
    bare = PAREN.sub("", label).strip().lower().rstrip(".")
    if bare in lex.question_turns:
        return "question"
    if bare in lex.answer_turns:
        return "answer"
    if bare in lex.media_outlets or any(w.lower().strip(".") in lex.media_label_words for w in label.split()):
        return "question"  # "China Daily:", "Global News Service:": an outlet asks
    if "," in label:
        name, _, affiliation = label.partition(",")
        words = name.split() + affiliation.split()
        if affiliation.strip() and 2 <= len(name.split()) <= 4 and len(affiliation.split()) <= 4 \
                and all(w[:1].isupper() for w in words):
            return "question"  # "Jane Roe, Daily Post": a journalist introduced with their outlet
    return None


def _loose_label(label: str, lex: Lexicon) -> bool:
    """A short capitalised label that is not a stoplisted word ("Note", "Source")."""
    words = label.split()
    return 0 < len(words) <= 4 and words[0].lower().strip(".") not in lex.turn_stoplist and \
        all(w[:1].isupper() for w in words)


def _is_speaker_label(doc, label: str, start: int, lex: Lexicon) -> bool:
    words = label.split()
    if not words or len(words) > MAX_LABEL_WORDS or words[0].lower().strip(".") in lex.turn_stoplist:
        return False
    if not all(w[0].isupper() for w in words if w[0].isalpha() and w.lower() not in ("of", "the", "for", "and")):
        return False
    letters = [c for c in label if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters) and len(words) <= 5:
        return True
    if lex.actor(label) or lex.gazetteer.canonical(_strip_titles(label, lex)):
        return True
    span = doc.char_span(start, start + len(label), alignment_mode="expand")
    if span is None:
        return False
    people = [e for e in ents_within(span) if e.label_ == "PERSON"]
    return bool(people) and span[-1].i < people[-1].end and \
        all(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or t.is_punct or t.lower_ in lex.titles or t.lower_ in
            ("of", "the") or _role_word(t.lower_, lex) for t in span)


def _role_word(word: str, lex: Lexicon) -> bool:
    return any(p is not None and p.search(word) for _, p in lex.role_patterns)


def _strip_titles(label: str, lex: Lexicon) -> str:
    words = label.split()
    while words and (words[0].lower().strip(",") in lex.titles or _role_word(words[0].lower(), lex)):
        words = words[1:]
    return " ".join(words)


# --- extent ----------------------------------------------------------------------------
def _extend(text: str, turns: list[Found], stoplist: set) -> list[Found]:
    """Each turn runs over the paragraphs up to the next turn; the last to the end of the text,
    stopping before an unlabelled question or a paragraph that names the speaker (narration)."""
    for i, turn in enumerate(turns):
        stop = turns[i + 1].cue[0] if i + 1 < len(turns) else len(text)
        if i + 1 < len(turns) and turns[i + 1].source is not None:
            stop = min(stop, turns[i + 1].source.start_char)
        end = turn.content[1]
        surname = _surname(turn)
        for para_start, para_end in _paragraphs(text, end, stop):
            para = text[para_start:para_end]
            if surname and re.search(rf"\b{re.escape(surname)}\b", para) and i + 1 == len(turns):
                break  # "Putin said ..." after the last turn: the article goes on
            note = LABEL_LINE.match(para)
            if note and note.group("label").split()[0].lower().strip(".") in stoplist:
                break  # "Note: the transcript was edited."
            if para.rstrip().endswith("?") and i + 1 < len(turns) and _last_before(text, para_end, stop) \
                    and getattr(turn.speaker, "role", None) != "journalist":
                break  # an unlabelled question before the next answer
            end = para_end
        turn.content = (turn.content[0], len(text[:end].rstrip()))
        turn.sent = (turn.sent[0], turn.content[1])
    return turns


def _paragraphs(text: str, start: int, stop: int) -> list[tuple]:
    out = []
    for m in re.finditer(r"[^\n]+", text[start:stop]):
        if m.group().strip():
            out.append((start + m.start(), start + m.end()))
    return out


def _last_before(text: str, end: int, stop: int) -> bool:
    """True when only blank space lies between ``end`` and ``stop`` (the next label)."""
    return not text[end:stop].strip()


def _surname(turn: Found) -> Optional[str]:
    speaker = turn.speaker
    name = speaker.name if speaker is not None else (turn.source.text if turn.source is not None else "")
    words = (name or "").split()
    return words[-1] if words and len(words[-1]) > 2 and words[-1][0].isupper() else None


def _runs_on(text: str, turn: tuple) -> bool:
    """One label whose words run on over later paragraphs in the first person: a transcript."""
    rest = text[turn[2]:]
    paragraphs = [p for p in rest.split("\n") if p.strip()]
    return len(paragraphs) >= 2 and bool(FIRST_PERSON.search(" ".join(paragraphs[1:3])))


def _unlabelled_questions(text: str, turns: list[Found], lex: Lexicon, meta: Optional[dict]) -> list[Found]:
    """Paragraphs ending with "?" right before an answer turn and outside every turn: the interviewer."""
    out = []
    covered = [(t.source.start_char if t.source is not None else t.cue[0], t.content[1]) for t in turns]
    interviewer = _interviewer(meta, lex)
    for turn in turns:
        if turn.speaker is not None and turn.speaker.role == "journalist":
            continue
        begin = turn.source.start_char if turn.source is not None else turn.cue[0]
        before = text[:begin].rstrip()
        para_start = before.rfind("\n") + 1
        para = before[para_start:]
        if not para.endswith("?") or any(s <= para_start < e for s, e in covered):
            continue
        out.append(Found(cue=(para_start, para_start + 1), kind="speech", sent=(para_start, len(before)),
                         content=(para_start, len(before)), turn=True, speaker=interviewer))
    return out


# --- who the labels are ---------------------------------------------------------------
def _preset_speaker(label: str, kind: str, lex: Lexicon, host: Optional[Speaker],
                    meta: Optional[dict]) -> Optional[Speaker]:
    """The speaker of a Q/A-type label; None for a name label (resolved from the text)."""
    if kind == "answer":
        return host
    if kind != "question":
        return None
    if not label:
        return _interviewer(meta, lex)
    paren = PAREN.search(label)
    name, _, affiliation = label.partition(",")
    outlet = lex.media_outlets.get(label.strip().lower())
    if paren:
        who = paren.group(1).strip()
    elif affiliation.strip():
        who = name.strip()
    elif outlet is not None or any(w.lower().strip(".") in lex.media_label_words for w in label.split()):
        who = label.strip()
    else:
        return _interviewer(meta, lex, label)
    return Speaker(None, None, label, who, "journalist", False)


def _interviewer(meta: Optional[dict], lex: Lexicon, label: str = "question") -> Speaker:
    """The journalist asking: the outlet of "interview with X" in the title when it says, else unnamed."""
    m = INTERVIEWER_IN_TITLE.search(str((meta or {}).get("title") or ""))
    name = m.group("who").strip() if m else None
    return Speaker(None, None, label or name or "question", name, "journalist", False)


def _transcript_title(meta: Optional[dict]) -> bool:
    title = str((meta or {}).get("title") or "") + " " + str((meta or {}).get("genre") or "")
    return bool(re.search(r"\b(?:transcript|press conference|briefing|interview|q&a)\b", title, re.I))


def document_host(meta: Optional[dict], text: str, resolver) -> Optional[Speaker]:
    """The person whose statement, speech or press conference the document is: named in the
    metadata title ("Speech by X", "Spokesperson X's Regular Press Conference") or introducing
    themselves in the text ("I am X, spokesman for ..."); None when neither says."""
    title = str((meta or {}).get("title") or "").strip() or _first_line(text)
    for pattern in HOST_IN_TITLE:
        m = pattern.search(title)
        if m:
            speaker = _host_speaker(m.group("who"), resolver)
            if speaker is not None:
                return speaker
    m = SELF_INTRO.search(text[:3000])
    if m:
        return _host_speaker(m.group("title") + " " + m.group("who"), resolver, name=m.group("who"))
    return None


def _first_line(text: str) -> str:
    """The text's first line when it reads like a title (short, no closing full stop)."""
    for line in text.split("\n"):
        line = line.strip()
        if line:
            return line if len(line) <= 150 and not line.endswith(".") else ""
    return ""


def speech_host(meta: Optional[dict], resolver) -> Optional[Speaker]:
    """The document's speaker when its title calls it one person's speech, statement or remarks."""
    title = str((meta or {}).get("title") or "")
    if not SPEECH_TITLE.search(title):
        return None
    return document_host({"title": title}, "", resolver)


def _host_speaker(who: str, resolver, name: Optional[str] = None) -> Optional[Speaker]:
    """A Speaker for a titled name ("Foreign Ministry Spokesperson Jane Roe"): name from the
    trailing capitalised words that are not titles, role from the gazetteer or the titles."""
    lex = resolver.lexicon
    words = who.split()
    if name is None:
        kept: list = []
        for w in reversed(words):
            bare = w.lower().strip(",.")
            if not w[:1].isupper() or bare in lex.titles or _role_word(bare, lex) or bare.endswith("-president"):
                break
            kept.insert(0, w)
        name = " ".join(kept)
    if not name or len(name) < 3:
        role = resolver._title_role(who.lower())  # "Foreign Ministry Spokesperson": no name, a role
        return Speaker(None, None, who.strip(), None, role, True) if role in lex.official_roles else None
    speaker = resolver.resolve_name(name)
    if not lex.gazetteer.canonical(name):
        role = resolver._title_role(who.lower())
        if role:
            speaker.role, speaker.official = role, role in lex.official_roles
    return speaker


FIRST_PERSON_SOURCE = re.compile(r"^(?:I|we|We|us|me)$|\b(?:and I|and we)$")


def own_pronouns(found: list[Found], speakers: dict, doc_speaker: Optional[Speaker] = None) -> None:
    """Give "I"/"we" cues ("we noted", "my colleagues and I discussed") inside a turn the turn's
    speaker, elsewhere the document's speaker if it has one (``speakers``: id(found) -> Speaker)."""
    turns = [f for f in found if f.turn and speakers.get(id(f)) is not None]
    for f in found:
        if f.turn or f.source is None or not FIRST_PERSON_SOURCE.search(f.source.text.strip()):
            continue
        owner = [t for t in turns if t.content[0] <= f.cue[0] < t.content[1]]
        if owner:
            speakers[id(f)] = speakers[id(owner[-1])]
        elif doc_speaker is not None:
            speakers[id(f)] = doc_speaker


def is_stage_direction(sentence: str) -> bool:
    """A transcriber's note in brackets ("(Applause.)", "(The spokesperson smiled.)"): nobody's words."""
    text = STAGE_LABEL.sub("", sentence.strip())
    return text.startswith(("(", "[")) and text.rstrip(".").endswith((")", "]"))


def speech_quotes(doc, found: list[Found], speaker: Optional[Speaker]) -> list[Quote]:
    """A document that is one person's speech or statement: each paragraph not attributed
    otherwise and not boilerplate (headings, captions) is that person's words."""
    if speaker is None:
        return []
    text = doc_text(doc)
    taken = [f.content for f in found]
    out = []
    sents = list(doc.sents)
    for m in re.finditer(r"[^\n]+", text):
        start, end = m.start(), len(text[:m.end()].rstrip())
        start += len(m.group()) - len(m.group().lstrip())
        if end <= start or any(s < end and start < e for s, e in taken):
            continue
        inside = [s for s in sents if start <= s.start_char < end]
        if not inside or all(s._.voice == BOILERPLATE or s._.kind in ("caption", "reference", "heading")
                             for s in inside):
            continue
        out.append(Quote(start=start, end=end, text=text[start:end], direct=False, cue=None, speaker=speaker))
    return out
