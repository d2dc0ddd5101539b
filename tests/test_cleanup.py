"""Cleanup and segmentation: footnote markers, reference lists, captions, headings."""
from rhetoric.api import analyze_text, split_parts
from rhetoric.nlp.cleanup import domain_of, find_blocks, parse_references

ARTICLE = """Trade Talks Resume

The minister described the talks as “the most productive in a decade.”[1] Observers were cautious.[2] Some expected little (3) change.

Photo: The delegations in Beijing. ©2016 Press Office

Image courtesy of the Presidential Press Service, some rights reserved.

The governor said exports rose.¹ Analysts disagreed.

[1] http://tass.ru/en/politics/12345
[2] https://www.bloomberg.com/news/articles/2016-01-01/talks
¹ http://ww.rferl.org/content/x/1.html
"""


def sentences(text, nlp):
    return analyze_text(text, nlp=nlp).sentences


def test_footnote_markers_stay_with_their_sentence(nlp):
    texts = [s.text for s in sentences(ARTICLE, nlp) if s.kind != "reference"]
    assert "The minister described the talks as “the most productive in a decade.”[1]" in texts
    assert "Observers were cautious.[2]" in texts
    assert "The governor said exports rose.¹" in texts
    assert not any(t.strip("”\"’' ").startswith(("[", "¹")) for t in texts)


def test_reference_list_is_parsed():
    refs = parse_references(ARTICLE, find_blocks(ARTICLE))
    assert refs["[1]"].url == "http://tass.ru/en/politics/12345"
    assert refs["[1]"].domain == "tass.ru"
    assert refs["[2]"].domain == "bloomberg.com"
    assert refs["[1]"].start == ARTICLE.index("[1] http")
    assert refs["[1]"].end == ARTICLE.index("[1] http") + len("[1] http://tass.ru/en/politics/12345")
    assert domain_of("http://ww.rferl.org/content/x") == "rferl.org"


def test_superscript_reference_marker_is_normalised():
    text = "Exports rose.¹\n\n¹ http://ww.rferl.org/content/x/1.html\n"
    refs = parse_references(text, find_blocks(text))
    assert list(refs) == ["[1]"] and refs["[1]"].domain == "rferl.org"


def test_boilerplate_lines_get_kind_and_voice(nlp):
    by_text = {s.text: s for s in sentences(ARTICLE, nlp)}
    assert by_text["Trade Talks Resume"].kind == "heading"
    caption = next(s for t, s in by_text.items() if t.startswith("Photo:"))
    assert caption.kind == "caption" and caption.voice == "boilerplate"
    courtesy = next(s for t, s in by_text.items() if t.startswith("Image courtesy"))
    assert courtesy.kind == "caption" and courtesy.voice == "boilerplate"
    refs = [s for t, s in by_text.items() if "http" in t]
    assert refs and all(s.kind == "reference" and s.voice == "boilerplate" for s in refs)
    body = by_text["Analysts disagreed."]
    assert body.kind == "body" and body.voice != "boilerplate"


def test_a_one_line_document_is_not_a_heading(nlp):
    sents = sentences("Profits rose in the third quarter", nlp)
    assert [s.kind for s in sents] == ["body"]


def test_reference_list_of_the_seed_shape_without_blank_lines(nlp):
    text = "He said so.[1]\n\n[1] http://tass.ru/a\n\n[2] http://xinhuanet.com/b\n"
    sents = sentences(text, nlp)
    assert [s.kind for s in sents] == ["body", "reference", "reference"]


def test_long_text_is_split_at_paragraphs_and_offsets_survive(nlp):
    paragraph = "Trade between the two countries grew again this year, officials said. " * 20
    text = "\n\n".join([paragraph.strip()] * 30)
    parts = split_parts(text, limit=5_000)
    assert len(parts) > 1 and all(len(p) <= 5_000 for _, p in parts)
    assert "".join(p for _, p in parts) == text
    assert all(p.startswith("Trade") for _, p in parts)
    analysis = analyze_text(text, nlp=nlp)
    assert all(text[s.start:s.end] == s.text for s in analysis.sentences)
    assert analysis.sentences[-1].end == len(text.rstrip())


def test_split_without_any_break_cuts_at_the_limit():
    parts = split_parts("x" * 25, limit=10)
    assert [len(p) for _, p in parts] == [10, 10, 5]


def test_running_text_with_a_number_and_a_url_is_not_a_reference():
    text = "12 new branches opened this spring, the bank said on www.example-bank.com on Monday."
    assert find_blocks(text) == []


def test_a_sentence_about_images_is_not_a_caption():
    assert find_blocks("Images from the survey show that the damage was limited to the harbour.") == []
    assert [b.kind for b in find_blocks("Photo by Anna Petrova\n\nThe talks ended late.")] == ["caption"]
