//! The fuzz targets' checks (fuzz/fuzz_targets/checks.rs) replayed under stable Rust on every
//! input we keep: the regression inputs (fuzz/regressions/, one per defect found), the seeds
//! cargo fuzz starts from (the example dataset's files and the bad-input corpus), and a local
//! fuzz/corpus/ if a bounded run (fuzz/run.sh) left one. A panic fails the test and names the
//! input.

#[path = "../fuzz/fuzz_targets/checks.rs"]
mod checks;

use std::path::{Path, PathBuf};

/// The dataset files in the order the `dataset_loader` target's first byte picks them (the
/// loader's own order, as in fuzz/fuzz_targets/examples.rs).
const DATASET_FILES: [&str; 10] = lacuna::data::FILE_NAMES;

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

/// Every input of one target: (name, bytes).
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs = Vec::new();
    let add_dir = |dir: &Path, inputs: &mut Vec<(String, Vec<u8>)>| {
        for path in files_in(dir) {
            if path.file_name().is_some_and(|n| n == "README.md") {
                continue;
            }
            // A running fuzzer may remove a corpus file between listing and reading.
            if let Ok(bytes) = std::fs::read(&path) {
                inputs.push((path.display().to_string(), bytes));
            }
        }
    };
    add_dir(&root.join("fuzz/regressions").join(target), &mut inputs);
    add_dir(&root.join("fuzz/corpus").join(target), &mut inputs);
    match target {
        "dataset_loader" => {
            // Seeds as fuzz/run.sh makes them: each example file, and each bad-input file,
            // behind the byte that picks it.
            let seed = |name: &str, path: &Path, inputs: &mut Vec<(String, Vec<u8>)>| {
                if let Some(index) = DATASET_FILES.iter().position(|f| *f == name) {
                    let mut bytes = vec![index as u8];
                    bytes.extend(std::fs::read(path).unwrap());
                    inputs.push((path.display().to_string(), bytes));
                }
            };
            for name in DATASET_FILES {
                seed(
                    name,
                    &root.join("datasets/examples").join(name),
                    &mut inputs,
                );
            }
            let mut cases: Vec<PathBuf> = std::fs::read_dir(root.join("tests/bad_inputs/dataset"))
                .unwrap()
                .flatten()
                .map(|entry| entry.path())
                .filter(|path| path.is_dir())
                .collect();
            cases.sort();
            for dir in cases {
                for path in files_in(&dir) {
                    let name = path.file_name().unwrap().to_string_lossy().into_owned();
                    seed(&name, &path, &mut inputs);
                }
            }
        }
        "case_json" => add_dir(&root.join("tests/bad_inputs/case_json"), &mut inputs),
        "reform_file" => add_dir(&root.join("tests/bad_inputs/reform_file"), &mut inputs),
        _ => unreachable!("a fuzz target"),
    }
    inputs
}

fn replay(target: &str, check: fn(&[u8])) {
    let inputs = inputs(target);
    assert!(inputs.len() >= 5, "{target}: only {} inputs", inputs.len());
    for (name, bytes) in inputs {
        if let Err(panic) = std::panic::catch_unwind(|| check(&bytes)) {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("{target}: {name} panicked: {message}");
        }
    }
}

#[test]
fn the_dataset_loader_corpus_replays_without_a_panic() {
    replay("dataset_loader", checks::dataset_loader);
}

#[test]
fn the_case_json_corpus_replays_without_a_panic() {
    replay("case_json", checks::case_json);
}

#[test]
fn the_reform_file_corpus_replays_without_a_panic() {
    replay("reform_file", checks::reform_file);
}
