#!/usr/bin/env python3
"""Rebuilds the generated files of the world dataset: generate.py (jurisdictions, instruments,
parties, reservations from build/inputs and build/instruments) then merge_law.py (per-country
law and every source, from build/law and build/instruments).

Usage, from the repository root:
    python3 datasets/world/build/build.py               # rewrite datasets/world
    python3 datasets/world/build/build.py --out /tmp/w  # a copy to check: lacuna validate /tmp/w
"""

import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--out", help="dataset folder to write instead of datasets/world")
args = parser.parse_args()
out = ["--out", os.path.abspath(args.out)] if args.out else []
for script in ("merge_law.py", "generate.py"):
    subprocess.run([sys.executable, os.path.join(HERE, script)] + out, check=True)
