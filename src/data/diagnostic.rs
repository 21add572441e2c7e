//! Problems found in a dataset, each pinned to a file, line and column with a hint to fix it.

use std::fmt;

/// How bad a problem is: errors stop the load, warnings are reported and the load goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem in one place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the user knows it (e.g. `datasets/world/parties.csv`).
    pub file: String,
    /// 1-based line, when the problem sits on a line.
    pub line: Option<u64>,
    /// 1-based column (the field's position in the CSV row) and the column's name.
    pub column: Option<(usize, String)>,
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

impl Diagnostic {
    /// An error; a message or hint that quotes a huge cell is shortened (see [`shorten`]).
    pub fn error(file: &str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            line: None,
            column: None,
            message: shorten(&message.into(), 400).into_owned(),
            hint: shorten(&hint.into(), 400).into_owned(),
        }
    }

    pub fn warning(file: &str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message, hint)
        }
    }

    pub fn at_line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    pub fn at_column(mut self, index: usize, name: &str) -> Self {
        self.column = Some((index + 1, name.to_string()));
        self
    }

    /// `file:line:column`, as far as known.
    pub fn location(&self) -> String {
        let mut location = self.file.clone();
        if let Some(line) = self.line {
            location.push_str(&format!(":{line}"));
            if let Some((column, _)) = &self.column {
                location.push_str(&format!(":{column}"));
            }
        }
        location
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}: {}", self.location())?;
        if let Some((_, name)) = &self.column {
            write!(f, " (column `{name}`)")?;
        }
        write!(f, ": {}", self.message)?;
        if !self.hint.is_empty() {
            write!(f, "\n  fix: {}", self.hint)?;
        }
        Ok(())
    }
}

/// Every problem that stopped a dataset from loading, in file order.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct LoadError {
    /// What failed to load, for the first line: "the dataset", "the reform file", ...
    pub subject: &'static str,
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.errors().count();
        writeln!(
            f,
            "{} has {errors} error{}",
            self.subject,
            if errors == 1 { "" } else { "s" }
        )?;
        for diagnostic in &self.diagnostics {
            writeln!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

/// `text`, or, when it is longer than `max` characters, its start and end with the number of
/// characters left out: messages quote the input, and the input may be a 3 MB cell.
pub fn shorten(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let count = text.chars().count();
    if count <= max {
        return std::borrow::Cow::Borrowed(text);
    }
    let keep = max / 2;
    let head: String = text.chars().take(keep).collect();
    let tail: String = text.chars().skip(count - keep / 2).collect();
    std::borrow::Cow::Owned(format!(
        "{head}… [{} characters left out] …{tail}",
        count - keep - keep / 2
    ))
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn shorten_keeps_short_text_and_cuts_long_text_on_character_boundaries() {
        assert_eq!(shorten("short", 10), "short");
        let long = "é".repeat(1000);
        let cut = shorten(&long, 20);
        assert!(cut.starts_with(&"é".repeat(10)), "{cut}");
        assert!(cut.ends_with(&"é".repeat(5)), "{cut}");
        assert!(cut.contains("[985 characters left out]"), "{cut}");
    }
}
