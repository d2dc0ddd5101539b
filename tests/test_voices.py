"""Voices on official texts: transcripts, label resolution, inverted cues, dated and title roles,
identity merging across a corpus, junk speakers, the actors gazetteer and its CLI checks.

Every text here was written for these tests.
"""
import json

import pytest
from click.testing import CliRunner

from rhetoric.api import analyze_text
from rhetoric.cli import main
from rhetoric.errors import RhetoricError
from rhetoric.knowledge import actors as actors_module
from rhetoric.knowledge.actors import load_gazetteer, read_actors
from rhetoric.knowledge.dates import metadata_day
from test_attribution import quote_with, run, sentence_with


@pytest.fixture
def no_user_actors():
    """Tests that add --actors files leave the process as they found it."""
    saved = list(actors_module._user_files)
    yield
    actors_module._user_files[:] = saved


# --- transcripts ----------------------------------------------------------------------------
def test_turn_runs_over_paragraphs_until_the_next_label(nlp):
    text = ("Vladimir Putin: Good afternoon, colleagues.\n\n"
            "Our exports of grain grew this year, and we expect more next year.\n\n"
            "Question: Will the new port be ready on time?\n\n"
            "Putin: The port will open in the spring.\n")
    doc = run(nlp, text)
    assert sentence_with(doc, "exports of grain")._.speaker == "Vladimir Putin"
    assert sentence_with(doc, "new port be ready")._.voice == "press"
    # a short label resolves to the full name the transcript introduced
    assert quote_with(doc, "open in the spring").speaker.name == "Vladimir Putin"
    assert sentence_with(doc, "open in the spring")._.voice == "official"


def test_label_alone_on_its_line_and_unlabelled_question(nlp):
    text = ("How do you see the outlook for prices this year?\n\n"
            "Governor Asha Menon:\n"
            "We expect inflation to ease slowly. Our projections show a gradual decline.\n\n"
            "Should borrowers expect lower rates soon?\n\n"
            "Deputy Governor Ravi Kulkarni:\n"
            "We will watch the data for a few more months.\n")
    doc = run(nlp, text, meta={"title": "Transcript of the central bank's press conference"})
    assert sentence_with(doc, "inflation to ease")._.speaker == "Asha Menon"
    assert sentence_with(doc, "inflation to ease")._.role == "central_banker"
    assert sentence_with(doc, "few more months")._.speaker == "Ravi Kulkarni"
    assert sentence_with(doc, "lower rates soon")._.voice == "press"
    assert sentence_with(doc, "outlook for prices")._.voice == "press"


def test_question_labels_name_the_outlet_or_the_journalist(nlp):
    text = ("Q (Harbour Herald): What is your comment on the tariffs?\n"
            "A: We oppose them firmly.\n"
            "Maya Lind, Coast Daily: Will exports recover?\n"
            "A: Exports will recover in the second half.\n")
    doc = run(nlp, text, meta={"title": "Foreign Ministry Spokesperson Tomas Berg's Regular Press Conference"})
    asked = quote_with(doc, "comment on the tariffs").speaker
    assert (asked.name, asked.role, asked.official) == ("Harbour Herald", "journalist", False)
    assert quote_with(doc, "Will exports recover").speaker.name == "Maya Lind"
    answer = quote_with(doc, "oppose them firmly").speaker
    assert (answer.name, answer.role, answer.official) == ("Tomas Berg", "spokesperson", True)
    assert sentence_with(doc, "recover in the second half")._.voice == "official"


def test_answers_set_off_by_dashes(nlp):
    text = ("— Minister, will the new pipeline be finished this year?\n\n"
            "— The pipeline will be finished by December. We have already laid most of it.\n\n"
            "— And what about the price?\n\n"
            "— The price is agreed for ten years.\n")
    doc = run(nlp, text, meta={"title": "Interview by Energy Minister Oleg Marin to the Northern Courier"})
    assert sentence_with(doc, "finished by December")._.speaker == "Oleg Marin"
    assert sentence_with(doc, "finished by December")._.voice == "official"
    assert sentence_with(doc, "what about the price")._.voice == "press"


def test_no_transcript_override(nlp):
    text = "Jane Roe: We will win.\nJohn Doe: We will see.\nJane Roe: Trust me.\n"
    assert [q for q in run(nlp, text)._.quotes if q.speaker and q.speaker.name == "Jane Roe"]
    assert not [q for q in run(nlp, text, meta={"transcript": False})._.quotes if q.speaker]


def test_stage_direction_is_nobodys(nlp):
    text = ("Q: Do you have details on the sanctions?\n"
            "A: (The spokesperson smiled.) We have nothing to add today.\n"
            "Q: And on trade?\n"
            "A: Trade is growing.\n")
    doc = run(nlp, text, meta={"title": "Spokesperson Mira Holm's Regular Press Conference"})
    assert sentence_with(doc, "spokesperson smiled")._.voice == "commentary"
    assert sentence_with(doc, "nothing to add")._.speaker == "Mira Holm"


# --- who said it ----------------------------------------------------------------------------
@pytest.mark.parametrize("text, fragment, name", [
    ("Trade will double by 2030, Dmitry Peskov said at a meeting with the visiting delegation.",
     "Trade will double", "Dmitry Peskov"),
    ("Sergey Lavrov told the envoys that talks would resume in May.", "talks would resume", "Sergey Lavrov"),
    ("\u201cWe welcome payments in yuan,\u201d the Harbour Herald quoted Vladimir Putin as saying.",
     "payments in yuan", "Vladimir Putin"),
])
def test_who_said_it(nlp, text, fragment, name):
    speaker = quote_with(run(nlp, text), fragment).speaker
    assert name in (speaker.name or speaker.text)


def test_outlet_reporting_a_named_speaker(nlp):
    doc = run(nlp, "The farm minister pledged to double grain exports, Reuters reported.")
    s = sentence_with(doc, "double grain exports")
    assert (s._.voice, s._.role) == ("official", "minister")


def test_quoted_as_saying_passive_keeps_the_speaker(nlp):
    text = ("Mikhail Petrov, head of Rosneft, met the delegation on Monday.\n\n"
            "\u201cSupplies will grow next year,\u201d he was quoted as saying in a company statement.")
    q = quote_with(run(nlp, text), "Supplies will grow")
    assert q.speaker.name == "Mikhail Petrov" and q.speaker.role == "business"


def test_negated_cue_leaves_the_voice_to_the_author(nlp):
    doc = run(nlp, "The president praised the deal. He did not say that exports had fallen by half.")
    assert sentence_with(doc, "did not say")._.voice == "commentary"


# --- roles ------------------------------------------------------------------------------------
@pytest.mark.parametrize("date, role", [("2009-06-01", "head_of_government"), ("2015-06-01", "head_of_state"),
                                        ("2001-03-01", "head_of_state")])
def test_dated_roles_from_the_gazetteer(nlp, date, role):
    doc = run(nlp, "Vladimir Putin said that the harvest was the best in years.", meta={"date": date})
    assert quote_with(doc, "harvest").speaker.role == role


def test_after_the_last_tenure_no_office(nlp):
    doc = run(nlp, "Alexei Kudrin said that the budget rule must stay.", meta={"date": "2014-05-01"})
    speaker = quote_with(doc, "budget rule").speaker
    assert (speaker.role, speaker.official) == ("other", False)
    doc = run(nlp, "Former finance minister Alexei Kudrin said that the budget rule must stay.",
              meta={"date": "2010-05-01"})
    assert quote_with(doc, "budget rule").speaker.official is False


def test_a_title_names_its_holder_on_the_date(nlp):
    text = "The Russian president said that the two economies were complementary."
    assert quote_with(run(nlp, text, meta={"date": "2010-03-01"}), "complementary").speaker.name == "Dmitry Medvedev"
    assert quote_with(run(nlp, text, meta={"date": "2016-03-01"}), "complementary").speaker.name == "Vladimir Putin"


# Title roles of people outside the gazetteer: see test_attribution.test_roles_from_titles_and_gazetteer.


def test_a_title_elsewhere_in_the_text_gives_the_role(nlp):
    text = ("Han Weiming, director of the foreign trade department of the ministry, opened the session.\n\n"
            "Han Weiming said that exports fell in the first two months.")
    assert quote_with(run(nlp, text), "exports fell").speaker.role == "government"


def test_voices_press_and_other(nlp):
    doc = run(nlp, "The Coast Daily reported that ports were full. Carl Brandt, chief executive of the Norrland "
                   "Timber Company, said that orders had doubled.")
    assert sentence_with(doc, "ports were full")._.voice == "press"
    assert sentence_with(doc, "orders had doubled")._.voice == "other"


# --- identity ---------------------------------------------------------------------------------
def test_one_person_one_speaker_within_a_document(nlp):
    text = ("Vladimir Putin said that trade would grow. Putin added that the rouble was stable. "
            "The Russian president noted that energy exports would rise.")
    doc = run(nlp, text, meta={"date": "2019-05-01"})
    keys = {quote_with(doc, f).speaker.key for f in ("trade would grow", "rouble was stable", "energy exports")}
    assert keys == {"gz:vladimir-putin"}
    analysis = analyze_text(text, "d", {"date": "2019-05-01"}, nlp=nlp)
    assert list(analysis.summary["by_speaker"]) == ["Vladimir Putin"]
    assert analysis.summary["by_speaker"]["Vladimir Putin"]["official"] is True


def test_compare_by_speaker_merges_one_person_and_keeps_namesakes_apart(tmp_path):
    records = [
        {"id": "a", "date": "2019-05-01", "text": "Vladimir Putin said that the harvest was excellent."},
        {"id": "b", "date": "2019-06-01", "text": "Putin said that the new bridge was a great success."},
        {"id": "c", "date": "2019-07-01", "text": "The Russian president said that the economy was strong."},
        {"id": "d", "date": "2019-07-01", "text": "Li Wenhai, an economist, said that growth was weak."},
        {"id": "e", "date": "2019-07-01", "text": "Li Meiling, an analyst, said that growth was fragile."},
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(path), "--by", "speaker", "--format", "json",
                                       "--bootstrap", "200", "--permutations", "200"])
    assert result.exit_code == 0, result.output
    groups = {g["group"]: g for g in json.loads(result.stdout)["comparison"]["groups"]}
    assert groups["Vladimir Putin"]["documents"] == 3
    assert "Li Wenhai" in groups and "Li Meiling" in groups


# --- junk speakers ----------------------------------------------------------------------------
def test_junk_mentions_are_nobody(nlp):
    doc = run(nlp, "There is reason to expect that prices will fall. The survey shows that exports fell.")
    names = [q.speaker.name for q in doc._.quotes if q.speaker]
    assert not any(names), names
    assert sentence_with(doc, "survey shows")._.voice == "commentary"


def test_question_letter_is_never_a_name(nlp):
    text = "Q: Is the deal done?\nA: Not yet.\nQ: When then?\nA: Soon.\n"
    names = {q.speaker.name for q in run(nlp, text)._.quotes if q.speaker}
    assert "Q" not in names and "A" not in names


# --- the gazetteer and --actors ---------------------------------------------------------------
def test_shipped_gazetteer_is_valid_and_dated():
    g = load_gazetteer()
    assert g.at("Vladimir Putin", metadata_day({"date": "2009-01-01"})).role == "head_of_government"
    assert g.holder("premier", "China", metadata_day({"date": "2020-01-01"})).name == "Li Keqiang"
    assert metadata_day({"date": "2019-05"}).month == 5 and metadata_day({"date": "soon"}) is None


@pytest.mark.parametrize("body, message", [
    ("name,aliases,country,role,to\nJane Roe,,Norland,minister,\n", "actors.csv:1: missing column 'from'"),
    ("name,aliases,country,role,from,to\nJane Roe,,Norland,minister,2020-13-01,\n", "actors.csv:2: column 'from'"),
    ("name,aliases,country,role,from,to\nJane Roe,,Norland,minister,2020-01-01,\n"
     "Jane Roe,,Norland,expert,2021-01-01,\n", "actors.csv:3: 'Jane Roe' is already minister"),
    ("name,aliases,country,role,from,to\nJane Roe,,Norland,queen_bee,,\n", "actors.csv:2: unknown role"),
])
def test_bad_actors_files(tmp_path, body, message, no_user_actors):
    path = tmp_path / "actors.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(RhetoricError, match=message.replace("(", r"\(")):
        read_actors(str(path))
    text = tmp_path / "t.txt"
    text.write_text("Jane Roe said that it rained.", encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(text), "--actors", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]


def test_actors_file_adds_a_person(tmp_path, no_user_actors):
    path = tmp_path / "mine.csv"
    path.write_text("name,aliases,country,role,office,from,to\n"
                    "Jane Roe,Roe,Norland,central_banker,central bank governor,2018-01-01,\n", encoding="utf-8")
    text = tmp_path / "t.txt"
    text.write_text("Jane Roe said that rates would stay high.", encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(text), "--actors", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    speaker = json.loads(result.stdout)["quotes"][0]["speaker"]
    assert (speaker["role"], speaker["official"], speaker["key"]) == ("central_banker", True, "gz:jane-roe")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_reads_actors_files_in_every_worker(tmp_path, jobs, no_user_actors):
    path = tmp_path / "mine.csv"
    path.write_text("name,aliases,country,role,office,from,to\n"
                    "Jane Roe,Roe,Norland,central_banker,central bank governor,2018-01-01,\n", encoding="utf-8")
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"d{i}", "text": f"Jane Roe said that rates would stay at {i}%."}) + "\n"
                              for i in range(4)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = ["batch", str(source), "--out", str(out), "--jobs", jobs, "--quiet"]

    def roles() -> set:
        return {json.loads(line)["quotes"][0]["speaker"]["role"] for line in out.open(encoding="utf-8")}

    assert CliRunner().invoke(main, args + ["--actors", str(path)]).exit_code == 0
    assert roles() == {"central_banker"}
    # the store keys results by the actors files' contents: without them, or edited, all re-score
    rerun = CliRunner().invoke(main, args[:-1])
    assert rerun.exit_code == 0 and "4 ok, 0 skipped" in rerun.stderr and roles() != {"central_banker"}
    path.write_text(path.read_text(encoding="utf-8").replace("central_banker,central bank governor", "minister,"),
                    encoding="utf-8")
    edited = CliRunner().invoke(main, args + ["--actors", str(path)])
    assert edited.exit_code == 0 and roles() == {"minister"}


def test_actors_file_not_in_utf8_is_one_line(tmp_path, no_user_actors):
    path = tmp_path / "actors.csv"
    path.write_bytes("name,aliases,country,role,from,to\nJos\u00e9 Roe,,Norland,minister,,\n".encode("cp1252"))
    text = tmp_path / "t.txt"
    text.write_text("Jose Roe said so.", encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(text), "--actors", str(path)])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "not UTF-8" in result.stderr and "actors.csv" in result.stderr


def test_batch_refuses_a_bad_actors_file_before_scoring(tmp_path, no_user_actors):
    path = tmp_path / "actors.csv"
    path.write_text("name,aliases,country,role,from,to\nJane Roe,,Norland,queen_bee,,\n", encoding="utf-8")
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "Jane Roe said so."}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(source), "--out", str(tmp_path / "o.jsonl"), "--actors", str(path)])
    assert result.exit_code == 2 and "actors.csv:2: unknown role" in result.stderr
    assert not (tmp_path / "o.jsonl").exists()


# --- end to end ---------------------------------------------------------------------------------
def test_cli_transcript_end_to_end(tmp_path):
    text = tmp_path / "briefing.txt"
    text.write_text(
        "Regular Press Conference of the Norland Ministry of Trade\n\n"
        "Question (Coast Daily): Exports fell last month. What is the ministry's view?\n\n"
        "Spokesperson Eva Strand:\n"
        "The fall was expected after a strong winter season.\n\n"
        "We expect exports to recover in the second quarter as new contracts start.\n\n"
        "Question (Coast Daily): Thank you.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(text), "--format", "json", "--transcript"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "rhetoric.analysis/2"
    by_text = {s["text"]: s for s in data["sentences"]}
    question = next(s for t, s in by_text.items() if "ministry's view" in t)
    assert question["voice"] == "press"
    for fragment in ("strong winter season", "recover in the second quarter"):
        s = next(s for t, s in by_text.items() if fragment in t)
        assert (s["voice"], s["speaker"]) == ("official", "Eva Strand"), s
        assert s["because"].startswith("turn")
    report = CliRunner().invoke(main, ["analyze", str(text), "--explain"])
    assert "Eva Strand" in report.stdout and "voice because: turn" in report.stdout


def test_named_third_party_inside_a_turn_keeps_their_voice(nlp):
    text = ("Spokesperson Eva Strand: Exports will recover in the spring.\n\n"
            "Carl Brandt, chief executive of the Norrland Timber Company, said last week that orders had doubled.\n\n"
            "Question: Thank you.\n")
    doc = run(nlp, text, meta={"transcript": True})
    assert sentence_with(doc, "recover in the spring")._.speaker == "Eva Strand"
    s = sentence_with(doc, "orders had doubled")
    assert (s._.speaker, s._.voice) == ("Carl Brandt", "other")


def test_speech_under_section_headings(nlp):
    text = ("Trade\n\nOur exports grew strongly last year.\n\n"
            "Energy\n\nWe will build two new pipelines by 2030.\n")
    doc = run(nlp, text, meta={"title": "Speech by Prime Minister Lena Berg at the Economic Forum", "date": "2024-05-01"})
    for fragment in ("exports grew strongly", "two new pipelines"):
        s = sentence_with(doc, fragment)
        assert (s._.speaker, s._.role, s._.voice) == ("Lena Berg", "head_of_government", "official")
    assert sentence_with(doc, "Energy")._.voice == "boilerplate"
    assert {q.speaker.name for q in doc._.quotes} == {"Lena Berg"}


def test_absolute_with_clause_is_reported_speech(nlp):
    doc = run(nlp, "The leaders met in Minsk on Monday, with Lukas Varga saying that trade would double by 2030.")
    assert quote_with(doc, "trade would double").speaker.name == "Lukas Varga"


def test_a_generic_title_refers_back_to_the_last_official(nlp):
    text = ("Ambassador Wu Tianhe said that relations were at their best. "
            "The official added that trade had tripled in ten years.")
    assert quote_with(run(nlp, text), "trade had tripled").speaker.name == "Wu Tianhe"


def test_a_news_site_named_by_its_domain(nlp):
    doc = run(nlp, "Exports rose 12 percent, news site globaltimes.cn reported on Monday.")
    s = sentence_with(doc, "Exports rose")
    assert (s._.speaker, s._.role, s._.voice) == ("globaltimes.cn", "state_media", "official")


def test_apposition_gives_the_role_when_the_model_misses_the_name(nlp):
    doc = run(nlp, "Trade will slow, Qiu Wen, a research fellow at the Academy of Trade, told the Harbour Herald.")
    assert quote_with(doc, "Trade will slow").speaker.role == "expert"


def test_coordinated_speakers_stay_in_the_mention(nlp):
    doc = run(nlp, "Trade Minister Anna Kovacs and Finance Minister Peter Lind, who met in Vienna, said that "
                   "the agreement would be signed in May.")
    speaker = quote_with(doc, "agreement would be signed").speaker
    assert "Anna Kovacs" in speaker.text and "Peter Lind" in speaker.text and speaker.official


def test_a_heading_glued_to_the_next_line_is_not_the_speaker(nlp):
    text = "Trade Unbalanced: Partners Compared\nCommodities Glut, Weak Rouble\nMarta Kos, an economist at the Harbour Institute, says exports will fall."
    speaker = quote_with(run(nlp, text), "exports will fall").speaker
    assert speaker.text.startswith("Marta Kos") and speaker.role == "expert"
