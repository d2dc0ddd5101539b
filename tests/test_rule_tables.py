"""The table-driven attribute ruler and lemmatizer give exactly the model's own annotations."""
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, ORTH, POS, TAG
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from rhetoric.nlp.pipeline import load_model
from rhetoric.nlp.rule_tables import MemoLemmatizer, PatternTable, TableAttributeRuler, UnsupportedPattern, \
    use_rule_tables

# Our own sentences, chosen for what the model's rules handle: auxiliaries, expletives,
# "'s" and "'d", pronoun case, numbers, spacing, titles and headlines, odd casing.
TEXTS = [
    "There are three reasons why the ministry's forecast was wrong, and there's a fourth.",
    "I told him it would have been done by Friday; he'd said they did it already.",
    "GDP grew 3.2% in 2023 -- the Deputy Minister said -- but exports fell to $4.1bn.",
    "Is it true that the talks, which were held in Geneva, gets results?  Nobody knows.\n\nNext item:",
    "THE PRESIDENT: We have done what we promised. We do not have to apologise!",
    "Those who doubt it should read what was signed; that is all I'd ask of them.",
    "  Mr. Smith's   remarks (see note 3) were welcomed by the UN Secretary-General.\t",
    "Prices rose by 12 per cent year-on-year, whereas wages got only a 2 per cent rise.",
    "He was quoted as saying: 'Whatever happens, we'll stand by our partners.'",
    "Growth? Maybe. Stagnation... perhaps not! Who's to say what they'd have done?",
]
COLUMNS = [ORTH, TAG, POS, DEP, HEAD, LEMMA, MORPH]


@pytest.fixture(scope="module")
def models():
    return load_model(), use_rule_tables(load_model())


def test_the_tables_replace_the_models_rule_components(models):
    own, tables = models
    assert own.pipe_names == tables.pipe_names
    assert isinstance(tables.get_pipe("attribute_ruler"), TableAttributeRuler)
    assert isinstance(tables.get_pipe("lemmatizer"), MemoLemmatizer)
    assert tables.get_pipe("attribute_ruler")._pattern_table() is not None  # the model's patterns are all modelled


def test_every_token_attribute_is_the_models_own(models):
    own, tables = models
    for _ in range(2):  # the second round reads the lemma memo
        for expected, got in zip(own.pipe(TEXTS), tables.pipe(TEXTS)):
            assert (expected.to_array(COLUMNS) == got.to_array(COLUMNS)).all(), expected.text
            assert [str(t.morph) for t in expected] == [str(t.morph) for t in got]


def test_the_rulers_matches_are_the_matchers(models):
    own, tables = models
    ruler, table_ruler = own.get_pipe("attribute_ruler"), tables.get_pipe("attribute_ruler")
    for doc in own.pipe(TEXTS, disable=["attribute_ruler", "lemmatizer", "ner"]):
        assert table_ruler.match(doc) == sorted(set(ruler.match(doc)))


def _doc(nlp, words, tags, deps, spaces=None):
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    for token, tag, dep in zip(doc, tags, deps):
        token.tag_, token.dep_ = tag, dep
    return doc


PATTERNS = [
    [[{"TAG": "NN"}]],
    [[{"LOWER": "gets", "TAG": "VBZ"}], [{"lower": "got", "tag": "VBD"}]],
    [[{"LOWER": {"IN": ["do", "does", "did"]}, "DEP": {"IN": ["ROOT", "conj"]}}]],
    [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux", "auxpass"]}}]],
    [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": {"IN": ["DT", "WDT"]}}]],
    [[{"LOWER": {"REGEX": "^[0-9]+(st|nd|rd|th)$"}}]],
    [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are", "'s"]}}]],
    [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]],
    [[{"TEXT": "Gets"}], [{"TAG": "NN"}]],  # two patterns of one rule matching one token: one match
    [[{}]],
]


def test_a_pattern_table_finds_what_the_matcher_finds():
    nlp = spacy.blank("en")
    matcher = Matcher(nlp.vocab)
    for rule, patterns in enumerate(PATTERNS):
        matcher.add(str(rule), patterns)
    table = PatternTable(list(enumerate(PATTERNS)), nlp.vocab.strings)
    docs = [
        _doc(nlp, ["There", "'s", "a", "cat", "that", "Gets", "the", "21st", "prize", "  "],
             ["EX", "VBZ", "DT", "NN", "WDT", "VBZ", "DT", "JJ", "NN", "_SP"],
             ["expl", "ROOT", "det", "attr", "nsubj", "relcl", "det", "amod", "dobj", "dep"],
             [False, True, True, True, True, True, True, True, False, False]),
        _doc(nlp, ["They", "did", "not", "go", ",", "did", "they", "?", "\n"],
             ["PRP", "VBD", "RB", "VB", ",", "VBD", "PRP", ".", "_SP"],
             ["nsubj", "aux", "neg", "ROOT", "punct", "conj", "nsubj", "punct", ""],
             [True, True, True, False, True, True, False, False, False]),
        Doc(nlp.vocab, words=[]),
    ]
    for doc in docs:
        expected = {(int(nlp.vocab.strings[key]), start, end) for key, start, end in matcher(doc, allow_missing=True)}
        found = table.match(doc)
        assert set(found) == expected and len(found) == len(expected)
    assert table.match(docs[0])  # not vacuous


def test_patterns_the_tables_do_not_model_are_left_to_spacys_matcher():
    for pattern in ([{"LOWER": "a", "OP": "+"}], [{"_": {"flag": True}}], [{"LOWER": {"FUZZY": "hello"}}],
                    [{"MORPH": {"IS_SUPERSET": ["Number=Sing"]}}], [{"ENT_TYPE": "GPE"}]):
        with pytest.raises(UnsupportedPattern):
            PatternTable([(0, [pattern])], spacy.blank("en").vocab.strings)
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("rhetoric_attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"TAG": "RB"})
    doc = nlp("it is very very good")
    assert ruler._pattern_table() is None
    assert [t.tag_ for t in doc] == ["", "", "RB", "RB", ""]


def test_a_rule_added_later_is_used():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("rhetoric_attribute_ruler")
    ruler.add([[{"LOWER": "good"}]], {"TAG": "JJ"})
    assert [t.tag_ for t in nlp("good news")] == ["JJ", ""]
    ruler.add([[{"LOWER": "news"}]], {"TAG": "NN"})
    assert [t.tag_ for t in nlp("good news")] == ["JJ", "NN"]
    ruler.clear()
    assert [t.tag_ for t in nlp("good news")] == ["", ""]


def test_later_rules_take_precedence_as_in_spacy():
    results = []
    for factory in ("attribute_ruler", "rhetoric_attribute_ruler"):
        nlp = spacy.blank("en")
        ruler: AttributeRuler = nlp.add_pipe(factory)
        ruler.add([[{"LOWER": "rates"}]], {"POS": "NOUN", "LEMMA": "rate"})
        ruler.add([[{"LOWER": {"IN": ["rates", "rose"]}}]], {"POS": "VERB"})
        ruler.add([[{"LOWER": "interest"}, {"LOWER": "rates"}]], {"MORPH": "Number=Plur"}, index=-1)
        doc = nlp("interest rates rose")
        results.append([(t.pos_, t.lemma_, str(t.morph)) for t in doc])
    assert results[0] == results[1]
    assert results[1][1] == ("VERB", "rate", "Number=Plur")


def test_the_lemma_memo_starts_again_with_new_lookup_tables(models):
    _, tables = models
    lemmatizer = tables.get_pipe("lemmatizer")
    tables("Ministers were meeting.")
    assert lemmatizer._memo()
    lookups = lemmatizer.lookups
    try:
        lemmatizer.lookups = type(lookups)()
        assert lemmatizer._memo() == {}
    finally:
        lemmatizer.lookups = lookups


def test_a_saved_pipeline_loads_with_the_tables(models, tmp_path):
    own, tables = models
    tables.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert isinstance(loaded.get_pipe("attribute_ruler"), TableAttributeRuler)
    for expected, got in zip(own.pipe(TEXTS[:3]), loaded.pipe(TEXTS[:3])):
        assert (expected.to_array(COLUMNS) == got.to_array(COLUMNS)).all()


def test_components_the_tables_do_not_model_are_left_alone():
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    ruler = nlp.add_pipe("attribute_ruler")
    use_rule_tables(nlp)
    assert type(nlp.get_pipe("lemmatizer")).__name__ == "EnglishLemmatizer"
    assert nlp.get_pipe("attribute_ruler") is not ruler  # an attribute ruler is always replaced
    assert isinstance(nlp.get_pipe("attribute_ruler"), TableAttributeRuler)
