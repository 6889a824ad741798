"""Write the README's terminal captures: the four everyday tasks in Danish at 80 and 160
columns, each the real output of the installed command on the bundled data.

    python scripts/terminal_captures.py          # rewrites the README between its markers
    python scripts/terminal_captures.py --check  # exit 1 if the README's captures are stale

The captures stand between ``<!-- captures:start -->`` and ``<!-- captures:end -->``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
START, END = "<!-- captures:start -->", "<!-- captures:end -->"
TASKS = [
    ("Hvilke mål mangler sikret finansiering, pr. forvaltning?", ["gaps", "unfunded", "--by", "admin"]),
    ("Hvad rammes, når Etnisk Erhvervsfremme udløber i 2013?",
     ["impact", "Etnisk Erhvervsfremme", "--year", "2013"]),
    ("Hvad foregår der i Mjølnerparken?", ["area", "Mjølnerparken"]),
    ("Hvad afhænger TMF af hos andre forvaltninger, og hvem afhænger af TMF?", ["deps", "--admin", "TMF"]),
]
WIDTHS = (80, 160)
SHOWN_WHOLE = 40  # captures up to this many lines are shown open; longer ones fold


def shell(args: list[str]) -> str:
    return " ".join(a if a.replace("-", "").replace("ø", "").isalnum() else f"'{a}'" for a in args)


def capture(args: list[str], width: int) -> str:
    env = {**os.environ, "COLUMNS": str(width), "INKLUSIONSGRAF_LANG": "da"}
    env.pop("INKLUSIONSGRAF_DATA", None)
    done = subprocess.run([sys.executable, "-m", "inklusionsgraf.cli", *args], env=env, capture_output=True,
                          text=True, check=True, cwd=REPO)
    return done.stdout


def section() -> str:
    out = [START, ""]
    for question, args in TASKS:
        out += [f"**{question}**", ""]
        for width in WIDTHS:
            text = capture(args, width)
            block = ["```", f"$ COLUMNS={width} inklusionsgraf {shell(args)}", *text.rstrip("\n").splitlines(), "```"]
            lines = text.count("\n")
            if lines > SHOWN_WHOLE:
                out += [f"<details><summary>{width} kolonner ({lines} linjer)</summary>", "", *block, "",
                        "</details>", ""]
            else:
                out += [f"{width} kolonner:", "", *block, ""]
    return "\n".join(out + [END])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="Only check that the captures are current.")
    options = parser.parse_args()
    text = README.read_text(encoding="utf-8")
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    new = before + section() + after
    if options.check:
        if new != text:
            print("README.md: the terminal captures are stale; run python scripts/terminal_captures.py",
                  file=sys.stderr)
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
