"""Attribution: who speaks in a document, and with what authority.

Importing this package registers the ``rhetoric_attribution`` spaCy factory. It fills
``doc._.quotes`` with :class:`rhetoric.contract.schema.Quote` (direct quotes, reported speech,
transcript turns; speaker mention, resolved name, role, official flag; footnote or
inline source) and sets ``voice``, ``speaker``, ``role`` and ``kind`` on sentences.
:func:`speaker_from_meta` turns ``--speaker``/``--role`` metadata into the speaker of
a one-speaker document (a speech); the pipeline reads that metadata from
``doc.user_data["rhetoric_speaker"]`` (see :func:`rhetoric.nlp.extensions.set_doc_speaker`).
"""
from .component import AttributionComponent, make_attribution
from .speakers import speaker_from_meta

__all__ = ["AttributionComponent", "make_attribution", "speaker_from_meta"]
