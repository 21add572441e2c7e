"""Executes every notebook top to bottom (in memory: the committed files stay free of
outputs) and fails on the first error. CI runs this after the tests:

    LACUNA_BIN=target/debug/lacuna python3 notebooks/run_all.py
"""

import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient

HERE = pathlib.Path(__file__).resolve().parent


def main() -> int:
    notebooks = sorted(HERE.glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        print("no notebooks found", file=sys.stderr)
        return 1
    for path in notebooks:
        start = time.monotonic()
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(
            notebook,
            timeout=900,
            kernel_name="python3",
            resources={"metadata": {"path": str(HERE)}},
        )
        client.execute()
        print(f"{path.name}: ran {len(notebook.cells)} cells in {time.monotonic() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
