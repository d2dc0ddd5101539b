"""Attribution: who speaks in a document, and with what authority.

Importing this package registers the ``rhetoric_attribution`` spaCy factory. It fills
``doc._.quotes`` with :class:`rhetoric.contract.schema.Quote` (direct quotes, reported speech,
transcript turns; speaker mention, resolved name, role, official flag; footnote or
inline source) and sets ``voice``, ``speaker``, ``role`` and ``kind`` on sentences.
:func:`speaker_from_meta` turns ``--speaker``/``--role`` metadata into the
``doc._.doc_speaker`` of a one-speaker document (a speech).
"""
from __future__ import annotations

from typing import Optional

from ...contract.schema import Speaker
from .component import AttributionComponent, make_attribution
from .lexicon import load_lexicon
from .speakers import SpeakerResolver
from .transcripts import speech_host
from ...knowledge.actors import document_date

__all__ = ["AttributionComponent", "make_attribution", "speaker_from_meta"]


def speaker_from_meta(meta: Optional[dict]) -> Optional[Speaker]:
    """The speaker of a whole document from metadata keys ``speaker`` and ``role``, else the
    person whose speech or statement the metadata ``title`` says it is, else None.

    The role defaults to the gazetteer's on the document's date, then to title rules on
    the name, then "other".
    """
    resolver = SpeakerResolver(load_lexicon(), day=document_date(meta))
    name = str((meta or {}).get("speaker") or "").strip()
    if not name:
        return speech_host(meta, resolver)
    role = str((meta or {}).get("role") or "").strip() or None
    return resolver.resolve_name(name, role)
