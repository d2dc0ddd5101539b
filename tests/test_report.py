"""rhetoric.render.report: escaping, highlight markup, document and corpus pages, the CLI (no spaCy)."""
from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from rhetoric.cli import main
from rhetoric.compare.run import corpus_stats
from rhetoric.contract.schema import Analysis
from rhetoric.render.report import corpus_report, document_report
from rhetoric.render.report.document import text_of
from rhetoric.render.report.markup import Mark, render
from rhetoric.render.report.page import HERE
from test_compare import analysis_dict, build_analysis, two_group_corpus

INJECTION = '<script>document.title="INJECTED"</script><img src=x onerror="alert(1)">'
FAST = {"resamples": 200, "permutations": 200, "seed": 1}


class Balance(HTMLParser):
    """Checks that every opened element is closed in order, and collects text and tags."""

    VOID = {"meta", "br", "img", "hr", "input", "link", "path", "use", "rect", "circle", "line", "polyline"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text, self.tags, self.errors = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack[-3:]}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(markup: str) -> Balance:
    parser = Balance()
    parser.feed(markup)
    parser.close()
    return parser


def document() -> Analysis:
    """A small analysis with a quote, cues, a figure and injected markup in text and fields."""
    a = analysis_dict("doc<1>", {"outlet": "Wire <b>bold</b>", "date": "2016-02-03"}, [
        ('The minister said trade "will certainly grow" to $100 billion.', "official", 0.6, 0.0,
         [("certainly", "booster"), ("grow", "positive")], 'Ivan <i>Roe</i>'),
        (f"Critics say it may fail. {INJECTION}", "commentary", -0.2, 0.7, [("may", "hedge"), ("fail", "negative")]),
    ])
    text = a["text"]
    start = text.index('"will')
    a["quotes"] = [{"start": start, "end": text.index('grow"') + 5, "text": '"will certainly grow"', "direct": True,
                    "cue": None, "speaker": {"start": 0, "end": 12, "text": "The minister", "name": "Ivan <i>Roe</i>",
                                             "role": "minister", "official": True},
                    "source": {"marker": "[1]", "url": "javascript:alert(2)", "outlet": "TASS", "outlet_type": None}}]
    fig = text.index("$100")
    a["quantities"] = [{"start": fig, "end": fig + len("$100 billion"), "text": "$100 billion", "value": 1e11,
                        "unit": "USD", "kind": "amount", "change": "=", "period": "2016", "concept": "trade turnover",
                        "modality": "target", "speaker": "Ivan <i>Roe</i>", "entities": [], "size": None}]
    a["checks"] = [{"quantity": 0, "series": "trade", "period": "2016", "claimed": 1e11, "actual": 6.95e10,
                    "relative_error": 0.44, "verdict": "target_missed", "source": "customs <data>"}]
    a["summary"] = {"by_voice": {"official": {"n": 1, "optimism": 0.6, "hedging": 0.0, "uncertain": 0.0},
                                 "commentary": {"n": 1, "optimism": -0.2, "hedging": 0.7, "uncertain": 1.0}},
                    "by_speaker": {"Ivan <i>Roe</i>": {"n": 1, "optimism": 0.6, "hedging": 0.0, "role": "minister"}},
                    "gap": {"framing": 0.6, "reality": -0.3, "gap": 0.9, "verdict": "overstated"}}
    return Analysis.from_dict(a)


def test_render_nests_crossing_marks_and_keeps_every_character():
    text = "Alpha beta <gamma> delta & epsilon."
    marks = [Mark(0, 24, 0, "sent"), Mark(6, 30, 1, "quote"), Mark(11, 18, 2, "cue"), Mark(20, 35, 0, "sent")]
    out = render(text, marks)
    parsed = parse(out)
    assert not parsed.errors and not parsed.stack
    assert "".join(parsed.text) == text
    assert "&lt;gamma&gt;" in out and "&amp;" in out


def test_document_report_escapes_everything_and_highlights():
    page = document_report(document())
    parsed = parse(page)
    assert not parsed.errors, parsed.errors
    tags = [t for t, _ in parsed.tags]
    assert "script" not in tags and "img" not in tags and "i" not in tags
    assert "&lt;script&gt;" in page and html.escape('Ivan <i>Roe</i>') in page
    assert 'href="javascript' not in page  # non-http links are shown as text only
    classes = " ".join(a.get("class", "") for _, a in parsed.tags)
    for css in ("voice-official", "voice-commentary", "cue-hedge", "cue-booster", "cue-positive", "cue-negative",
                "quote", "fig"):
        assert css in classes
    assert "overstated" in page and "target_missed" in page and "minister" in page
    assert "<svg" in page and "Content-Security-Policy" in page
    assert "http://" not in page.split("<main>")[0].replace("http://www.w3.org", "")  # nothing fetched


def test_document_report_without_tone_or_attribution():
    a = build_analysis("plain", {}, [("Nothing scored here.", "commentary", None, None)])
    a.summary = {"by_voice": {"commentary": {"n": 1, "optimism": None, "hedging": None, "uncertain": None}},
                    "by_speaker": {}, "gap": None}
    page = document_report(a)
    assert "no verdict" in page and "No tone scores" in page and "No quotes" in page
    assert not parse(page).errors


def test_document_text_is_rebuilt_when_not_stored():
    a = document()
    text, a.text = a.text, ""
    assert text_of(a) == text  # sentences joined by single spaces, as build_analysis made them
    assert "cue-hedge" in document_report(a)


def test_corpus_report_has_comparisons_time_series_and_escaped_groups():
    docs = two_group_corpus(0.4)
    docs[0].meta["outlet"] = "<script>alert(1)</script>"
    page = corpus_report(docs, corpus_stats(docs, ["outlet", "voice"], **FAST), by=["outlet", "voice"], seed=1)
    parsed = parse(page)
    assert not parsed.errors, parsed.errors
    assert "script" not in [t for t, _ in parsed.tags]
    assert "&lt;script&gt;" in page
    for anchor in ('id="overview"', 'id="time"', 'id="by-outlet"', 'id="by-voice"', 'id="documents"'):
        assert anchor in page
    assert page.count("<svg") >= 4 and "Cliff" in page and "holm" in page


def test_templates_ship_as_package_data():
    assert (HERE / "page.html").is_file() and (HERE / "report.css").is_file()


@pytest.fixture
def results_jsonl(tmp_path):
    path = tmp_path / "results.jsonl"
    docs = two_group_corpus(0.4) + [document()]
    path.write_text("".join(d.to_json(include_text=True) + "\n" for d in docs), encoding="utf-8")
    return path


def test_cli_report_corpus_and_one_document(results_jsonl, tmp_path):
    runner = CliRunner()
    out_file = tmp_path / "corpus.html"
    result = runner.invoke(main, ["report", str(results_jsonl), "--out", str(out_file), "--by", "outlet",
                                  "--indicator", "trade turnover", "--bootstrap", "200", "--permutations", "200"])
    assert result.exit_code == 0, result.output
    page = out_file.read_text(encoding="utf-8")
    assert "By outlet" in page and 'id="indicator"' in page and "Framing against trade turnover" in page
    doc_file = tmp_path / "doc.html"
    result = runner.invoke(main, ["report", str(results_jsonl), "--doc", "doc<1>", "--out", str(doc_file)])
    assert result.exit_code == 0, result.output
    assert "cue-hedge" in doc_file.read_text(encoding="utf-8")
    result = runner.invoke(main, ["report", str(results_jsonl), "--doc", "nope", "--out", str(doc_file)])
    assert result.exit_code == 2 and "nope" in result.output
