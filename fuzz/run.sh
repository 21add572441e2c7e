#!/usr/bin/env bash
# Fuzzes lacuna's input readers for a bounded time: every target for SECONDS (default 60).
#   fuzz/run.sh [SECONDS] [TARGET...]
# Targets: dataset_loader, case_json, reform_file (see fuzz/README.md). Not part of CI.
# Crashes are saved under fuzz/artifacts/TARGET/ and make this script fail.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(dataset_loader case_json reform_file)

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
# The machine has a stable toolchain only; cargo fuzz passes nightly flags, which
# RUSTC_BOOTSTRAP allows on stable. Without AddressSanitizer (needs nightly's std): Rust's own
# checks (bounds, overflow in debug assertions, panics) are what is caught.
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/../target/fuzz}"

# Seed corpora: the example dataset's files (first byte: which file), the bad-input corpus.
examples=../datasets/examples
files=(manifest.json sources.csv jurisdictions.csv offences.csv instruments.csv obligations.csv
       parties.csv reservations.csv criminalisation.csv jurisdiction_rules.csv)
mkdir -p corpus/dataset_loader corpus/case_json corpus/reform_file
for i in "${!files[@]}"; do
  { printf "\\x$(printf %02x "$i")"; cat "$examples/${files[$i]}"; } > "corpus/dataset_loader/seed_${files[$i]}"
done
for dir in ../tests/bad_inputs/dataset/*/; do
  for file in "$dir"*; do
    name=$(basename "$file")
    for i in "${!files[@]}"; do
      if [ "${files[$i]}" = "$name" ]; then
        { printf "\\x$(printf %02x "$i")"; cat "$file"; } > "corpus/dataset_loader/bad_$(basename "$dir")_$name"
      fi
    done
  done
done
cp ../tests/bad_inputs/case_json/*.json corpus/case_json/
cp ../tests/cases/worked_cases.json corpus/case_json/ 2>/dev/null || true
cp ../tests/bad_inputs/reform_file/*.csv corpus/reform_file/

for target in "${targets[@]}"; do
  echo "== $target: ${seconds} s"
  cargo fuzz run --sanitizer none -O "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -max_len=65536 -print_final_stats=1
done
