"""Helpers shared by the lacuna notebooks: find (or build) the `lacuna` binary and run it.

The notebooks drive the command-line tool exactly as a user would, then read its CSV and
Parquet outputs with polars. Set LACUNA_BIN to use a particular binary (CI uses the debug
build made by `cargo test`); otherwise the same build is made (or brought up to date) with
cargo on first use, which takes 3 to 4 minutes the very first time.
"""

import os
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
"""The repository."""

DATASET = ROOT / "datasets" / "world"
"""The shipped world dataset (the binary has the same files built in)."""

OUT = ROOT / "notebooks" / "out"
"""Where the notebooks write lacuna's outputs (ignored by git)."""

AS_OF = "2026-11-22"
"""The day the law is read as of: fixed, so that a re-run gives the same figures."""

OUT.mkdir(exist_ok=True)


def _binary() -> str:
    chosen = os.environ.get("LACUNA_BIN")
    if chosen:
        return chosen
    subprocess.run(["cargo", "build", "--locked", "--quiet"], cwd=ROOT, check=True)
    return str(ROOT / "target" / "debug" / "lacuna")


BIN = _binary()


def lacuna(*args, echo=True):
    """Runs `lacuna ARGS...` from the repository root and prints what it printed (or, with
    `echo=False`, returns it).

    Raises with lacuna's own message if it fails, so a notebook stops at the first problem.
    """
    result = subprocess.run(
        [BIN, *map(str, args)], cwd=ROOT, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"lacuna {' '.join(map(str, args))} failed ({result.returncode}):\n"
            f"{result.stdout}{result.stderr}"
        )
    if echo:
        print(result.stdout, end="")
        return None
    return result.stdout
