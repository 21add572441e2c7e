//! The files of one dataset folder, read from disk or compiled into the binary.

use super::diagnostic::Diagnostic;
use std::collections::BTreeMap;
use std::path::Path;

/// The files every dataset folder holds, in load order.
pub const FILE_NAMES: [&str; 10] = [
    "manifest.json",
    "sources.csv",
    "jurisdictions.csv",
    "offences.csv",
    "instruments.csv",
    "obligations.csv",
    "parties.csv",
    "reservations.csv",
    "criminalisation.csv",
    "jurisdiction_rules.csv",
];

/// The text of a dataset's files, and the problems met while reading them.
#[derive(Clone, Debug)]
pub struct DatasetFiles {
    /// How the folder is named in messages (a path, or `datasets/world` for the built-in copy).
    pub label: String,
    texts: BTreeMap<&'static str, String>,
    pub(crate) problems: Vec<Diagnostic>,
}

impl DatasetFiles {
    /// Reads a dataset folder. Missing or unreadable files become diagnostics, not errors, so
    /// that one load reports everything.
    pub fn from_dir(dir: &Path) -> DatasetFiles {
        let label = dir.display().to_string();
        let mut texts = BTreeMap::new();
        let mut problems = Vec::new();
        if !dir.is_dir() {
            problems.push(Diagnostic::error(
                &label,
                "this is not a dataset folder",
                format!(
                    "give the path of a folder holding {}",
                    FILE_NAMES.join(", ")
                ),
            ));
        } else {
            for name in FILE_NAMES {
                let path = dir.join(name);
                let file = path.display().to_string();
                match read_regular_file(&path) {
                    Err(error) => problems.push(Diagnostic::error(
                        &file,
                        format!("cannot read the file: {error}"),
                        "every dataset folder needs this file (it may hold only its header line); see datasets/README.md",
                    )),
                    Ok(bytes) => match decode_utf8(&file, bytes) {
                        Ok(text) => {
                            texts.insert(name, text);
                        }
                        Err(problem) => problems.push(*problem),
                    },
                }
            }
        }
        DatasetFiles {
            label,
            texts,
            problems,
        }
    }

    /// A dataset from in-memory texts (the built-in world dataset, or tests).
    pub fn from_texts(label: &str, files: &[(&'static str, &str)]) -> DatasetFiles {
        let mut texts = BTreeMap::new();
        let mut problems = Vec::new();
        for name in FILE_NAMES {
            match files.iter().find(|(n, _)| *n == name) {
                Some((_, text)) => {
                    texts.insert(name, (*text).to_string());
                }
                None => problems.push(Diagnostic::error(
                    &format!("{label}/{name}"),
                    "the file is missing",
                    "every dataset folder needs this file; see datasets/README.md",
                )),
            }
        }
        DatasetFiles {
            label: label.to_string(),
            texts,
            problems,
        }
    }

    /// The path of a file as shown in messages.
    pub fn path_of(&self, name: &str) -> String {
        format!("{}/{name}", self.label.trim_end_matches('/'))
    }

    pub fn text(&self, name: &str) -> Option<&str> {
        self.texts.get(name).map(String::as_str)
    }
}

/// The text of a file that must be UTF-8, or a diagnostic naming the line of the first bad
/// byte (and saying so when the file is UTF-16, as some spreadsheet exports are).
/// Reads a whole input file, refusing what is not a regular file (a FIFO, a device or a
/// folder), which could block forever or never end.
pub fn read_regular_file(path: &Path) -> std::io::Result<Vec<u8>> {
    std::fs::read(check_regular_file(path)?)
}

/// Checks that `path` names a regular file (following links) before it is opened.
pub fn check_regular_file(path: &Path) -> std::io::Result<&Path> {
    let metadata = std::fs::metadata(path)?;
    if metadata.is_file() {
        Ok(path)
    } else {
        Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a folder, FIFO or device); give the path of a file",
        ))
    }
}

pub(crate) fn decode_utf8(file: &str, bytes: Vec<u8>) -> Result<String, Box<Diagnostic>> {
    String::from_utf8(bytes).map_err(|error| {
        let bytes = error.as_bytes();
        let valid = &bytes[..error.utf8_error().valid_up_to()];
        let line = 1 + valid.iter().filter(|b| **b == b'\n').count() as u64;
        let utf16 = bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]);
        let message = if utf16 {
            "the file is UTF-16, not UTF-8".to_string()
        } else {
            format!(
                "the file is not valid UTF-8 (byte 0x{:02x} on this line)",
                bytes[valid.len()]
            )
        };
        Box::new(
            Diagnostic::error(
                file,
                message,
                "save it as UTF-8 (not Latin-1, Windows-1252 or UTF-16)",
            )
            .at_line(line),
        )
    })
}
