"""Document dates (metadata, --date, datelines, HTML) and periods resolved against them."""
import logging

import pytest
from click.testing import CliRunner

from rhetoric.api import analyze_text
from rhetoric.cli import main
from rhetoric.errors import RhetoricError
from rhetoric.knowledge.dates import dateline, document_date, parse_date, require_date
from rhetoric.nlp.quantities.periods import all_mentions, relative_mentions


@pytest.mark.parametrize("raw, value", [
    ("2019-04-02", "2019-04-02"), ("2 April 2019", "2019-04-02"), ("April 2, 2019", "2019-04-02"),
    ("2019", "2019"), ("2019-04", "2019-04"), ("April 2019", "2019-04"),
    ("not a day", None), ("2019-13", None), ("", None), (None, None),
])
def test_parse_date_keeps_the_precision_given(raw, value):
    assert parse_date(raw) == value


@pytest.mark.parametrize("text, hint, value", [
    ("KAZAN, April 2. /Agency/. The mayor said", "2019", "2019-04-02"),
    ("HANOI, Feb. 7 (Wire) -- Exports rose", "2018", "2018-02-07"),
    ("OSLO, May 30, 2016 -- The fund", None, "2016-05-30"),
    ("March 3, 2021\n\nThe minister said", None, "2021-03-03"),
    ("KAZAN, April 2. /Agency/. The mayor said", None, None),  # no year anywhere
    ("The minister said on April 2 that", "2019", None),        # not at the top: no dateline
])
def test_datelines(text, hint, value):
    assert dateline(text, hint) == value


def test_metadata_day_dates_roles_by_the_first_day_of_what_is_given():
    from datetime import date

    from rhetoric.knowledge.dates import metadata_day

    assert metadata_day({"date": "2019-05"}) == date(2019, 5, 1)
    assert metadata_day({"date": 2019}) == date(2019, 1, 1)
    assert metadata_day({"date": "20 September 2023"}) == date(2023, 9, 20)
    assert metadata_day({"date": "5 March"}) is None  # no year: not a day we can place
    assert metadata_day({"date": "soon"}) is None and metadata_day(None) is None


def test_document_date_sources_in_order():
    assert document_date("x", {"date": "2020-01-05"}, "2021-02-03") == ("2021-02-03", "option")
    assert document_date("OSLO, May 30, 2016 -- x", {"date": "2020-01-05"}) == ("2020-01-05", "metadata")
    # a year from metadata is refined by a dateline of that year
    assert document_date("KAZAN, April 2. /Agency/. x", {"date": "2019"}) == ("2019-04-02", "dateline")
    assert document_date("x", {"html_date": "2017-06-01"}) == ("2017-06-01", "html")
    assert document_date("x", {}) == (None, None)


def test_bad_metadata_date_warns_once_naming_the_record():
    said = []
    assert document_date("x", {"date": "soon", "id": "r9"}, warn=said.append) == (None, None)
    assert len(said) == 1 and "r9" in said[0] and "soon" in said[0]


def test_bad_option_date_is_a_user_error():
    with pytest.raises(RhetoricError):
        require_date("yesterday-ish")


def test_cli_bad_date_exits_2(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Exports rose 5% this year.", encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(path), "--date", "2019-02-31x"])
    assert result.exit_code == 2 and "--date" in result.output


@pytest.mark.parametrize("text, date, label", [
    ("Exports rose this year.", "2019-06-01", "2019"),
    ("Exports rose last year.", "2019-06-01", "2018"),
    ("Exports will rise next year.", "2019-06-01", "2020"),
    ("Exports rose in the first half.", "2019-09-01", "2019-H1"),
    ("Exports rose in the third quarter.", "2019-11-01", "2019-Q3"),
    ("Exports rose in the third quarter.", "2019-03-01", "2018-Q3"),  # not begun yet: last year's
    ("Exports rose in January-August.", "2019-09-10", "2019-01/2019-08"),
    ("Exports rose in the first eight months.", "2019-09-10", "2019-01/2019-08"),
    ("Exports rose in March.", "2019-09-10", "2019-03"),
    ("Exports rose in November.", "2019-09-10", "2018-11"),
    ("Exports doubled over the past five years.", "2019-09-10", "2014/2018"),
    ("Exports rose from 2001 to 2005.", None, "2001/2005"),
])
def test_relative_periods(text, date, label):
    assert label in [m[2] for m in all_mentions(text, date)]


def test_no_date_no_relative_years():
    assert relative_mentions("Exports rose last year.", None) == []


def figures(nlp, text, date=None, meta=None):
    return analyze_text(text, "t", meta or {}, nlp=nlp, date=date).quantities


def test_periods_and_bases_in_the_pipeline(nlp):
    q = figures(nlp, "Exports rose 12% compared with 2016.", "2018-03-01")[0]
    assert q.period is None and q.base_period == "2016"
    q = figures(nlp, "Last year, after a long and difficult winter, exports of grain reached $3 billion.", "2018-03-01")[0]
    assert q.period == "2017"
    q = figures(nlp, "In January-May, exports rose 4 percent.", "2018-07-01")[0]
    assert q.period == "2018-01/2018-05"


def test_present_tense_figure_takes_the_document_year(nlp):
    q = figures(nlp, "Our country has a population of 45 million.", "2011-09-20")[0]
    assert q.period == "2011" and q.unit == "people"
    past = figures(nlp, "The harvest was 45 million tonnes.", "2011-09-20")[0]
    assert past.period is None


def test_analysis_records_its_date(nlp):
    a = analyze_text("HANOI, Feb. 7, 2018 (Wire) -- Exports rose 5% this year.", "d1", {}, nlp=nlp)
    assert a.date == {"value": "2018-02-07", "from": "dateline"}
    assert a.to_dict()["date"]["from"] == "dateline" and a.quantities[0].period == "2018"


def test_unreadable_metadata_date_is_a_warning_not_a_crash(nlp, caplog):
    with caplog.at_level(logging.WARNING, logger="rhetoric"):
        a = analyze_text("Exports rose 5% this year.", "rec-7", {"date": "whenever"}, nlp=nlp)
    assert a.date is None
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 1 and "rec-7" in lines[0] and "whenever" in lines[0]


def test_an_html_page_gives_its_own_date(tmp_path, nlp):
    from rhetoric.api import analyze_path

    page = tmp_path / "p.html"
    page.write_text('<html><head><meta property="article:published_time" content="2016-05-04T08:00:00Z">'
                    "<title>t</title></head><body><article><p>Grain exports rose 6% this year, the ministry said "
                    "in a statement on farm trade.</p><p>Officials expect more of the same in the autumn months "
                    "ahead, the statement added.</p></article></body></html>", encoding="utf-8")
    a = analyze_path(str(page), nlp=nlp)
    assert a.date == {"value": "2016-05-04", "from": "html"} and a.quantities[0].period == "2016"


def test_same_period_last_year_and_fiscal_months(nlp):
    qs = figures(nlp, "The deficit in April-June this fiscal year fell to $5 billion as compared to $9 billion "
                      "in the same period last year.", "2021-09-10")
    assert [(q.period, q.base_period) for q in qs] == [("2021-04/2021-06", "2020-04/2020-06"),
                                                       ("2020-04/2020-06", None)]
    assert "2021-04/2021-06" in [m[2] for m in all_mentions("in the first three months of 2021-22", None)]


def test_a_paragraphs_period_carries_to_undated_figures(nlp):
    qs = figures(nlp, "In January-April, exports were $40 billion. Imports were $30 billion.\n\n"
                      "Officials met.", "2019-05-20")
    assert [q.period for q in qs] == ["2019-01/2019-04", "2019-01/2019-04"]


def test_a_half_written_across_a_line_break_resolves(nlp):
    text = "Our exports grew 6 percent in the first\nhalf of this year, the minister said."
    analysis = analyze_text(text, "t", {"date": "2019-10-02"}, nlp=nlp)
    [q] = [q for q in analysis.quantities if q.unit == "percent"]
    assert q.period == "2019-H1"
