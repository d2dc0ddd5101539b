"""The quantities stage: every figure in the text with what it measures, when, whose claim.

``nlp.add_pipe("rhetoric_quantities")`` fills ``doc._.quantities`` with
:class:`rhetoric.contract.schema.Quantity` items (document character offsets). It runs after
attribution and tone: a figure inside a quote, or in a sentence whose ``speaker`` is set,
takes that speaker; a possessive ("Putin's goal of $100 billion") may name one too.

``Quantity.size`` is the signed size of a movement in percent of the earlier level
("decreased 29 percent to $30.6 billion": both figures get -29.0; "doubled to X": +100.0).
``Quantity.entities`` lists the countries/blocs the sentence is about ("the two countries"
resolves to the document's two most mentioned).

Modules: ``component`` (the factory and the spaCy glue), ``syntax`` (what is read from the
parse, as plain data), ``extract`` (the text rules: numbers, units, ranges and changes),
``context`` (period, concept, entities, modality). Importing the package registers the factory.
"""
from .component import QuantityExtractor, make_quantities

__all__ = ["QuantityExtractor", "make_quantities"]
