//! Helpers: copy the example dataset into a temporary folder and seed problems in it.

use lacuna::data::{self, Diagnostic, LoadError, Loaded};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/examples")
}

pub fn load_examples() -> Loaded {
    data::load_dir(&examples_dir()).expect("the example dataset loads")
}

/// A copy of the example dataset that tests may break.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Scratch {
    /// The example dataset with hostile strings: a source address that is a script, a source
    /// title with markup, and a state name that is an HTML tag (for escaping tests).
    pub fn hostile() -> Scratch {
        let scratch = Scratch::new();
        scratch.replace(
            "sources.csv",
            "https://example.org/dunmark/act",
            "javascript:alert(document.cookie)",
        );
        scratch.replace(
            "sources.csv",
            "Dunmark Child Protection Act (fictional)",
            "<script>alert('x')</script> & \"Act\"",
        );
        scratch.replace(
            "jurisdictions.csv",
            "XDU,Dunmark,",
            "XDU,<img src=x onerror=alert(1)>,",
        );
        scratch
    }

    pub fn new() -> Scratch {
        let dir = tempfile::tempdir().expect("temp dir");
        for entry in std::fs::read_dir(examples_dir()).expect("examples exist") {
            let entry = entry.expect("entry");
            std::fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy");
        }
        Scratch { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.path().join(file)).expect("read")
    }

    pub fn write(&self, file: &str, text: &str) {
        std::fs::write(self.path().join(file), text).expect("write");
    }

    /// Appends a row and returns its 1-based line number.
    pub fn append(&self, file: &str, row: &str) -> u64 {
        let mut text = self.read(file);
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(row);
        text.push('\n');
        self.write(file, &text);
        text.lines().count() as u64
    }

    /// Replaces the one occurrence of `from` and returns the line it is on.
    pub fn replace(&self, file: &str, from: &str, to: &str) -> u64 {
        let text = self.read(file);
        assert_eq!(
            text.matches(from).count(),
            1,
            "`{from}` must occur once in {file}"
        );
        let offset = text.find(from).expect("found");
        let line = text[..offset].matches('\n').count() as u64 + 1;
        self.write(file, &text.replacen(from, to, 1));
        line
    }

    pub fn load(&self) -> Result<Loaded, LoadError> {
        data::load_dir(self.path())
    }

    pub fn errors(&self) -> Vec<Diagnostic> {
        match self.load() {
            Ok(_) => panic!("the seeded dataset should not load"),
            Err(error) => error.errors().cloned().collect(),
        }
    }
}

/// Asserts that exactly one error was reported, at `file:line` and the named column, and
/// that its message contains `needle`; returns it.
pub fn single_error(
    errors: &[Diagnostic],
    file: &str,
    line: u64,
    column: Option<&str>,
    needle: &str,
) -> Diagnostic {
    assert_eq!(errors.len(), 1, "expected one error, got: {errors:#?}");
    let error = errors[0].clone();
    assert!(error.file.ends_with(file), "file: {}", error.file);
    assert_eq!(error.line, Some(line), "line of {error}");
    assert_eq!(
        error.column.as_ref().map(|(_, name)| name.as_str()),
        column,
        "column of {error}"
    );
    assert!(
        error.message.contains(needle),
        "message `{}` lacks `{needle}`",
        error.message
    );
    assert!(!error.hint.is_empty(), "every error carries a fix hint");
    error
}

pub fn lacuna(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lacuna"))
        .args(args)
        .current_dir(std::env::temp_dir())
        .output()
        .expect("run lacuna")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Compares `actual` with `tests/golden/NAME`; with UPDATE_EXPECT=1 set, rewrites the file
/// first (read the new output before committing it).
pub fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, actual).expect("write golden file");
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(expected == actual, "{name} differs from its golden file: read the new output, then refresh with UPDATE_EXPECT=1 cargo test");
}
