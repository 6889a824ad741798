"""Bad tables: every command prints FILE:LINE: what is wrong on stderr, exits 2, no traceback."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from inklusionsgraf.cli import cli


def run(data_dir, *args):
    return CliRunner().invoke(cli, ["--data", str(data_dir), *args])


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_rejected(result, file, line, words):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # a clean exit, not an uncaught error
    assert result.stdout == ""
    expected = re.compile(rf"{re.escape(file)}:{line}: .*{words}")
    assert any(expected.search(l) for l in result.stderr.splitlines()), result.stderr


BREAKAGES = {
    "missing column": ("goals.csv", lambda p: edit(p, "id,title,level", "id,level"), 1, "missing column 'title'"),
    "extra column": ("areas.csv", lambda p: edit(p, "id,title,type", "id,title,type,colour"), 1,
                     "unknown column 'colour'"),
    "duplicate id": ("activities.csv", lambda p: edit(p, "activity:w,", "activity:x,"), 5, "duplicate id 'activity:x'"),
    "edge to missing id": ("supports.csv", lambda p: edit(p, "activity:z,goal:sub-b", "activity:z,goal:sub-q"),
                           7, "target 'goal:sub-q' is not a known id"),
    "edge of wrong kind": ("supports.csv", lambda p: edit(p, "activity:z,goal:sub-b", "activity:z,area:park"),
                           7, "target 'area:park' is a area; expected goal"),
    "non-numeric amount": ("funds.csv", lambda p: edit(p, ",500000,500000,", ",\"1,8 mio\",500000,"), 3,
                           "min_dkk '1,8 mio' is not a whole number"),
    "non-numeric year": ("activities.csv", lambda p: edit(p, ",2012,", ",medio 2012,"), 3,
                         "start_year 'medio 2012' is not a whole number"),
    "end before start": ("activities.csv", lambda p: edit(p, ",2011,2014,", ",2011,2009,"), 4,
                         "end_year 2009 is before start_year 2011"),
    "unknown choice": ("goals.csv", lambda p: edit(p, "policy_goal,Mål 3", "policy-goal,Mål 3"), 4,
                       "did you mean 'policy_goal'"),
    "unknown administration": ("goals.csv", lambda p: edit(p, "admin:bbb", "admin:bbx"), 6,
                               "administration 'admin:bbx' is not a known admin id; did you mean 'admin:bbb'"),
    "truncated row": ("areas.csv", lambda p: p.write_text(p.read_text(encoding="utf-8")[:-40], encoding="utf-8"),
                      4, "truncated"),
    "open quote at end": ("areas.csv", lambda p: p.write_text(p.read_text(encoding="utf-8") + 'area:x,"Unfinished',
                                                              encoding="utf-8"), 5, "truncated file"),
    "empty file": ("goals.csv", lambda p: p.write_text("", encoding="utf-8"), 1, "file is empty"),
    "not UTF-8": ("areas.csv", lambda p: p.write_bytes(p.read_bytes().replace("Byen".encode(), "Bøen".encode("latin-1"))),
                  2, "not UTF-8"),
    "missing table": ("goals.csv", lambda p: p.unlink(), 1, "table is missing"),
    "long quote": ("areas.csv", lambda p: edit(p, "citat", "x" * 250), 2, "quote is 250 characters"),
    "identity across kinds": ("same_as.csv", lambda p: append(p, "activity:x,goal:sub-a,same name,,,"), 2,
                              "same-as joins a activity and a goal; both ends must be of one kind"),
    "identity without a why": ("part_of.csv", lambda p: append(p, "activity:y,activity:x,,,,"), 2,
                               "needs the line that says so"),
    "continues in a cycle": ("continues.csv", lambda p: append(p, "goal:sub-a,goal:sub-b,reworded,r,,,",
                                                               "goal:sub-b,goal:sub-a,reworded,r,,,"), 3,
                             "closes a cycle"),
}


def append(path, *lines):
    """Add rows as the tables end theirs (CRLF, as csv writes them)."""
    with open(path, "a", encoding="utf-8", newline="") as handle:
        handle.writelines(f"{line}\r\n" for line in lines)


@pytest.mark.parametrize("case", sorted(BREAKAGES))
@pytest.mark.parametrize("command", [["validate"], ["gaps", "unfunded"], ["impact", "EE"]])
def test_every_command_reports_file_line_and_exits_2(broken_copy, case, command):
    file, breakage, line, words = BREAKAGES[case]
    data = broken_copy()
    breakage(data / file)
    result = run(data, *command)
    assert_rejected(result, str(data / file), line, words)


def test_all_problems_are_reported_together(broken_copy):
    data = broken_copy()
    edit(data / "activities.csv", ",2012,", ",medio 2012,")
    edit(data / "supports.csv", "activity:z,goal:sub-b", "activity:z,goal:sub-q")
    result = run(data, "validate", "--lang", "en")
    assert result.exit_code == 2
    assert "activities.csv:3:" in result.stderr and "supports.csv:7:" in result.stderr
    assert "2 problem(s)" in result.stderr
    assert "2 problem(er) i data" in run(data, "validate").stderr  # Danish by default


def test_a_valid_dataset_validates(tiny_dir):
    result = run(tiny_dir, "validate")
    assert result.exit_code == 0, result.output


def test_unknown_and_ambiguous_names_exit_2_with_candidates(tiny_dir):
    unknown = run(tiny_dir, "impact", "Etnisk Erhvervsfremm3")
    assert unknown.exit_code == 2 and "funding:ee" in unknown.stderr and unknown.stdout == ""
    ambiguous = run(tiny_dir, "show", "Flere")
    assert ambiguous.exit_code == 2 and "goal:pol-1" in ambiguous.stderr


def test_missing_data_directory(tmp_path):
    result = run(tmp_path / "nowhere", "stats")
    assert result.exit_code == 2 and "not a directory" in result.stderr


def test_export_to_unwritable_place_is_one_line(tiny_dir, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run(tiny_dir, "export", "--lang", "en", "-o", str(blocker / "graph.json"))
    assert result.exit_code == 2 and result.stderr.startswith("error: cannot write")


def test_quotes_of_a_word_file_are_checked_against_its_text(tiny_dir, tmp_path):
    """A .docx among the sources is read through the text extract wrote beside it, and a
    source that is not UTF-8 text is a problem, not a traceback."""
    from inklusionsgraf.tables import check_quotes, read_dataset

    dataset = read_dataset(tiny_dir)
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "plan.txt").write_bytes(b"PK\x03\x04\xff\xfe binary")
    problems = check_quotes(dataset, sources)
    assert problems and all("not found" in p.message and "UTF-8" in p.message for p in problems)
    (sources / "plan.txt.txt").write_text("\n".join(["Handleplan"] + ["citat"] * 50), encoding="utf-8")
    assert check_quotes(dataset, sources) == []
