#!/usr/bin/env python3
"""Writes datasets/world/{criminalisation,jurisdiction_rules,sources}.csv from build/law/.

The per-country law of the world dataset is kept in batches, one folder per batch under
datasets/world/build/law/ (`base` first, then the others in name order). Each batch folder has
the three dataset files in the dataset's own format (datasets/README.md) plus:
  ledger.csv  one line per claim checked: where it came from, what the source was found to say,
              and what became of it (verified, corrected, contested, dropped, not_checked, added);
  NOTES.md    the batch's method, gaps and conflicts, in prose.
This script only concatenates: it never changes a fact. It refuses a batch file whose columns
differ from the dataset's, and two sources with the same id but different content. Everything
else (dates, codes, duplicate or overlapping facts) is checked by `lacuna validate`.

Usage, from the repository root:
    python3 datasets/world/build/merge_law.py                 # rewrite datasets/world
    python3 datasets/world/build/merge_law.py --only base,eu1 --out /tmp/w   # a checked copy
    lacuna validate /tmp/w
"""

import argparse
import csv
import io
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
WORLD = os.path.dirname(HERE)
LAW = os.path.join(HERE, "law")

COLUMNS = {
    "criminalisation.csv": "jurisdiction,offence,status,child_age,condition,condition_from_age,"
    "from,until,evidence,citation,contested,sources,note",
    "jurisdiction_rules.csv": "jurisdiction,offence,rule,value,instruments,from,until,evidence,"
    "citation,contested,sources,note",
    "sources.csv": "id,title,publisher,url,read_on,verified_on,note",
}
HEADERS = {
    "criminalisation.csv": [
        "# Direct criminalisation facts (statute or assessment). Everything not listed is inferred from treaty obligations or unknown.",
        "# from = ..DATE: the fact held by DATE at the latest (its commencement is not in the source).",
    ],
    "jurisdiction_rules.csv": [
        "# Jurisdiction rules (statute or assessment). An empty offence = the rule for all offences; an offence-specific row wins over it.",
        "# from = ..DATE: the fact held by DATE at the latest (its commencement is not in the source).",
    ],
    "sources.csv": [
        "# Every source a fact of the world dataset rests on. read_on: the day lacuna's maintainers read it (a stored copy of the page at that address).",
        "# verified_on: the last day the facts citing it were checked against it.",
    ],
}


def read_rows(path):
    """Rows of a dataset CSV (comments skipped), each with its line number."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        text = handle.read()
    lines = text.splitlines(keepends=True)
    body = [(number, line) for number, line in enumerate(lines, 1) if not line.startswith("#") and line.strip()]
    if not body:
        return None, []
    header_line, header = body[0]
    reader = csv.reader(io.StringIO("".join(line for _, line in body)))
    rows = list(reader)
    return rows[0], rows[1:]


def batches(only):
    names = sorted(name for name in os.listdir(LAW) if os.path.isdir(os.path.join(LAW, name)))
    names = ["base"] + [name for name in names if name != "base"]
    if only:
        wanted = set(only.split(","))
        unknown = wanted - set(names)
        if unknown:
            sys.exit(f"no batch folder named {', '.join(sorted(unknown))} under {LAW}")
        names = [name for name in names if name in wanted]
    return names


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated batch names (default: every batch)")
    parser.add_argument("--out", default=WORLD, help="dataset folder to write (default: datasets/world)")
    args = parser.parse_args()
    names = batches(args.only)
    out = os.path.abspath(args.out)
    if out != WORLD:
        shutil.copytree(WORLD, out, dirs_exist_ok=True, ignore=shutil.ignore_patterns("build"))
    problems = []
    for file, columns in COLUMNS.items():
        expected = columns.split(",")
        merged = []
        seen_sources = {}
        for name in names:
            path = os.path.join(LAW, name, file)
            if not os.path.exists(path):
                continue
            header, rows = read_rows(path)
            if header is None:
                continue
            if header != expected:
                problems.append(f"{path}: columns are {','.join(header)}; expected {columns}")
                continue
            for line, row in enumerate(rows, 2):
                if len(row) != len(expected):
                    problems.append(f"{path}: a row has {len(row)} cells, expected {len(expected)}: {row[:3]}")
                    continue
                if file == "sources.csv":
                    previous = seen_sources.get(row[0])
                    if previous is not None:
                        if previous[1] != row:
                            problems.append(f"{path}: source id {row[0]} is also defined, differently, in {previous[0]}")
                        continue
                    seen_sources[row[0]] = (path, row)
                merged.append(row)
        buffer = io.StringIO()
        for comment in HEADERS[file]:
            buffer.write(comment + "\n")
        buffer.write(f"# Generated by build/merge_law.py from build/law/ (batches: {', '.join(names)}); edit the batch files, not this one.\n")
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(expected)
        writer.writerows(merged)
        if not problems:
            target = os.path.join(out, file)
            temporary = target + ".tmp"
            with open(temporary, "w", encoding="utf-8", newline="") as handle:
                handle.write(buffer.getvalue())
            os.replace(temporary, target)
    if problems:
        sys.exit("\n".join(problems))


if __name__ == "__main__":
    main()
