#!/usr/bin/env python3
"""Writes datasets/world/{criminalisation,jurisdiction_rules,sources}.csv from build/law/.

The per-country law of the world dataset is kept in batches, one folder per batch under
datasets/world/build/law/ (`base` first, then the others in name order). Each batch folder has
the three dataset files in the dataset's own format (datasets/README.md) plus:
  ledger.csv  one line per claim checked: where it came from, what the source was found to say,
              and what became of it (verified, corrected, contested, dropped, not_checked, added);
  NOTES.md    the batch's method, gaps and conflicts, in prose.
It concatenates the batches, refusing a batch file whose columns differ from the dataset's and
two sources with the same id but different content. Two batches may state the same fact (a
regional batch and the rules batch both read a state's code); such pairs are reconciled, and
every reconciliation is written to build/law/reconciled.csv:
  merged     same value, one period within the other: one row is kept (the one certainly in
             force over the longer span), with both rows' sources and citations;
  contested  different values over days both may cover: both rows kept, marked contested=yes
             (analyses then treat the fact as unknown where they overlap).
Everything else (dates, codes, duplicates within a batch) is checked by `lacuna validate`.

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


def bounds(text, end):
    """(earliest, latest) day a date of the dataset may denote, as ISO strings; an empty `from`
    is the beginning of time and an empty `until` the end of time."""
    if not text:
        return ("0000-00-00", "0000-00-00") if not end else ("9999-99-99", "9999-99-99")
    if ".." in text:
        low, high = text.split("..")
        return (bounds(low, end)[0] if low else "0000-00-00", bounds(high, end)[1])
    if len(text) == 4:
        return (text + "-01-01", text + "-12-31")
    if len(text) == 7:
        return (text + "-01", text + "-31")
    return (text, text)


def may_overlap(a, b):
    """Whether two rows' periods may share a day."""
    a_from, a_until = bounds(a["from"], False), bounds(a["until"], True)
    b_from, b_until = bounds(b["from"], False), bounds(b["until"], True)
    return a_from[0] < b_until[1] and b_from[0] < a_until[1]


def covers(a, b):
    """Whether a is certainly in force from no later than b is, and until no earlier than b may
    end: a's certain span contains b's."""
    return (bounds(a["from"], False)[1] <= bounds(b["from"], False)[1]
            and bounds(a["until"], True)[0] >= bounds(b["until"], True)[0])


def reconcile(file, rows, log):
    """Merges or contests facts that two different batches state for the same question."""
    key_columns = ["jurisdiction", "offence", "rule"] if file == "jurisdiction_rules.csv" else ["jurisdiction", "offence"]
    value_columns = ["value", "instruments"] if file == "jurisdiction_rules.csv" else ["status", "child_age", "condition", "condition_from_age"]
    groups = {}
    for row in rows:
        groups.setdefault(tuple(row[1][c] for c in key_columns), []).append(row)
    dropped = set()
    for key, group in groups.items():
        for i, (batch_a, a) in enumerate(group):
            for batch_b, b in group[i + 1:]:
                if batch_a == batch_b or id(a) in dropped or id(b) in dropped or not may_overlap(a, b):
                    continue
                if [a[c] for c in value_columns] == [b[c] for c in value_columns]:
                    keep, other, other_batch = (a, b, batch_b) if covers(a, b) else (b, a, batch_a)
                    if not covers(keep, other):
                        continue  # left for `lacuna validate` to report
                    for source in other["sources"].split(";"):
                        if source not in keep["sources"].split(";"):
                            keep["sources"] += ";" + source
                    if other["citation"] and other["citation"] not in keep["citation"]:
                        keep["citation"] = "; ".join(filter(None, [keep["citation"], other["citation"]]))
                    dropped.add(id(other))
                    log.append([file, *key, "merged", f"kept the {batch_a if keep is a else batch_b} row (from {keep['from'] or 'always'}), "
                                f"added the sources of the {other_batch} row (from {other['from'] or 'always'})"])
                else:
                    for row, other_batch in ((a, batch_b), (b, batch_a)):
                        row["contested"] = "yes"
                        if "sources disagree" not in row["note"]:
                            row["note"] = "; ".join(filter(None, [row["note"], f"sources disagree (see the {other_batch} batch)"]))
                    log.append([file, *key, "contested", f"{batch_a}: {' '.join(a[c] for c in value_columns).strip()} (from {a['from'] or 'always'}) / "
                                f"{batch_b}: {' '.join(b[c] for c in value_columns).strip()} (from {b['from'] or 'always'})"])
    return [(batch, row) for batch, row in rows if id(row) not in dropped]


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
    log = []
    for file, columns in COLUMNS.items():
        expected = columns.split(",")
        merged = []
        seen_sources = {}
        paths = [os.path.join(LAW, name, file) for name in names]
        if file == "sources.csv" and not args.only:
            # The sources of instrument and party facts (build/instruments/*/sources.csv).
            root = os.path.join(HERE, "instruments")
            paths += [os.path.join(root, name, file) for name in sorted(os.listdir(root))]
        for path in paths:
            name = os.path.basename(os.path.dirname(path))
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
                merged.append((name, dict(zip(expected, row))))
        if file != "sources.csv":
            merged = reconcile(file, merged, log)
        buffer = io.StringIO()
        for comment in HEADERS[file]:
            buffer.write(comment + "\n")
        buffer.write(f"# Generated by build/merge_law.py from build/law/ (batches: {', '.join(names)}); edit the batch files, not this one.\n")
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(expected)
        writer.writerows([row[c] for c in expected] for _, row in merged)
        if not problems:
            target = os.path.join(out, file)
            temporary = target + ".tmp"
            with open(temporary, "w", encoding="utf-8", newline="") as handle:
                handle.write(buffer.getvalue())
            os.replace(temporary, target)
    if problems:
        sys.exit("\n".join(problems))
    if out == WORLD and not args.only:
        with open(os.path.join(LAW, "reconciled.csv"), "w", encoding="utf-8", newline="") as handle:
            handle.write("# Written by build/merge_law.py: facts two batches both stated, and what the merge did with them.\n")
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["file", "jurisdiction", "offence", "rule", "action", "detail"])
            writer.writerows(entry if len(entry) == 6 else entry[:3] + [""] + entry[3:] for entry in log)
    print(f"merged {len(names)} batches; {sum(1 for e in log if 'merged' in e)} facts merged, {sum(1 for e in log if 'contested' in e)} marked contested")


if __name__ == "__main__":
    main()
