"""The documentation says what the code does: set-up commands, CI, the data format."""

from __future__ import annotations

from conftest import REPO

from inklusionsgraf.tables import SPECS


def readme_commands() -> list[str]:
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines[:10] if line.startswith("    ")]


def test_readme_opens_with_the_main_job_and_the_test_command():
    main, tests = readme_commands()
    assert "pip install" in main and "inklusionsgraf gaps unfunded" in main
    assert "pip install" in tests and "pytest" in tests


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert readme_commands()[1] in ci


def test_data_readme_documents_every_table_and_column():
    text = (REPO / "data" / "README.md").read_text(encoding="utf-8")
    for spec in SPECS:
        section = text[text.index(f"### {spec.file}"):]
        section = section[: section.find("\n### ", 1) if "\n### " in section[1:] else None]
        for column in spec.column_names:
            assert column in section, f"{spec.file}: column {column} is not documented"
