//! Reading one CSV file of a dataset into rows whose cells know their line and column.
//!
//! Structural problems (bad encoding, wrong field counts, unknown or missing columns) become
//! diagnostics; a row with the wrong number of fields is reported and not used, so its errors
//! never cascade into wrong references.

use super::diagnostic::Diagnostic;

/// A column the file may or must have.
pub(crate) struct Column {
    pub name: &'static str,
    pub required: bool,
}

pub(crate) const fn required(name: &'static str) -> Column {
    Column {
        name,
        required: true,
    }
}

pub(crate) const fn optional(name: &'static str) -> Column {
    Column {
        name,
        required: false,
    }
}

/// The first quoted cell that is not closed on the line where it opens, as (line, column in
/// characters, both 1-based). Every file lacuna reads holds one record per line, so such a
/// quote would swallow the lines after it (silently, for a CSV reader): it is an error.
/// Comment lines (`#` first) are skipped; a doubled quote inside a quoted cell is a quote.
pub(crate) fn open_quote(text: &str) -> Option<(u64, u64)> {
    let mut line = 1u64;
    let mut column = 0u64;
    let mut field_start = true;
    let mut line_start = true;
    let mut quoted: Option<u64> = None;
    // Only quotes that run past a line break are reported.
    let mut comment = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        column += 1;
        if c == '\n' {
            if let Some(opened) = quoted {
                return Some((line, opened));
            }
            line += 1;
            column = 0;
            field_start = true;
            line_start = true;
            comment = false;
            continue;
        }
        if line_start && c == '#' {
            comment = true;
        }
        line_start = false;
        if comment {
            continue;
        }
        match quoted {
            Some(_) if c == '"' => {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    column += 1;
                } else {
                    quoted = None;
                }
            }
            Some(_) => {}
            None => {
                if c == '"' && field_start {
                    quoted = Some(column);
                }
                field_start = c == ',';
            }
        }
    }
    // A quote still open at the end of the file swallowed no line: the last row is cut short,
    // which the field count reports with its own message.
    None
}

/// A parsed CSV file.
pub(crate) struct Table {
    pub file: String,
    /// Position of each expected column in the file's header, if present.
    positions: Vec<Option<usize>>,
    names: Vec<&'static str>,
    pub rows: Vec<Row>,
    /// First fields of rows that were reported and skipped (their ids, for most files), so
    /// that references to them are not reported a second time.
    pub skipped: Vec<String>,
}

pub(crate) struct Row {
    pub line: u64,
    fields: Vec<String>,
}

/// A cell's place, for diagnostics.
#[derive(Clone, Copy)]
pub(crate) struct Cell<'t> {
    pub table: &'t Table,
    pub line: u64,
    pub column: usize,
}

impl Cell<'_> {
    pub fn error(&self, message: impl Into<String>, hint: impl Into<String>) -> Diagnostic {
        let mut diagnostic = Diagnostic::error(&self.table.file, message, hint).at_line(self.line);
        if let Some(position) = self.table.positions[self.column] {
            diagnostic = diagnostic.at_column(position, self.table.names[self.column]);
        }
        diagnostic
    }
}

impl Table {
    /// Parses `text` (the content of `file`) against the expected columns. Lines starting
    /// with `#` are comments. Returns `None` when the file cannot be read as a table at all.
    pub fn parse(
        file: &str,
        text: &str,
        columns: &[Column],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Table> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if let Some((line, column)) = open_quote(text) {
            diagnostics.push(
                Diagnostic::error(
                    file,
                    format!("a quoted cell opened at column {column} is not closed on this line"),
                    "close the quote on the same line; a quote inside a quoted cell is written twice (\"\")",
                )
                .at_line(line),
            );
            return None;
        }
        if let Some(line) = text.lines().position(|l| l.contains('\0')) {
            diagnostics.push(
                Diagnostic::error(
                    file,
                    "the line holds a NUL byte",
                    "remove it: dataset files are UTF-8 text",
                )
                .at_line(line as u64 + 1),
            );
            return None;
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .comment(Some(b'#'))
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let header = match records.next() {
            None => {
                diagnostics.push(Diagnostic::error(
                    file,
                    "the file is empty",
                    format!(
                        "start it with the header line: {}",
                        columns.iter().map(|c| c.name).collect::<Vec<_>>().join(",")
                    ),
                ));
                return None;
            }
            Some(Err(error)) => {
                diagnostics.push(csv_error(file, &error));
                return None;
            }
            Some(Ok(header)) => header,
        };
        let lines = LineIndex::new(text);
        let header_line = lines.line_of(header.position());
        let names: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
        let mut ok = true;
        for (index, name) in names.iter().enumerate() {
            if !columns.iter().any(|c| c.name == name) {
                let hint = match closest(name, columns.iter().map(|c| c.name)) {
                    Some(near) => format!(
                        "did you mean `{near}`? Columns are documented in datasets/README.md"
                    ),
                    None => "remove it; columns are documented in datasets/README.md".to_string(),
                };
                diagnostics.push(
                    Diagnostic::error(file, format!("unknown column `{name}`"), hint)
                        .at_line(header_line)
                        .at_column(index, name),
                );
                ok = false;
            }
            if names[..index].contains(name) {
                diagnostics.push(
                    Diagnostic::error(file, format!("column `{name}` appears twice"), "keep one")
                        .at_line(header_line)
                        .at_column(index, name),
                );
                ok = false;
            }
        }
        for column in columns.iter().filter(|c| c.required) {
            if !names.iter().any(|n| n == column.name) {
                diagnostics.push(
                    Diagnostic::error(
                        file,
                        format!("the required column `{}` is missing", column.name),
                        "add it to the header line; columns are documented in datasets/README.md",
                    )
                    .at_line(header_line),
                );
                ok = false;
            }
        }
        let positions = columns
            .iter()
            .map(|c| names.iter().position(|n| n == c.name))
            .collect();
        let mut rows = Vec::new();
        let mut skipped = Vec::new();
        // Where the last line starts (trailing blank space aside): a short row that starts
        // there, in a file without a final line break, is a file cut short.
        let last_line_start = text.trim_end().rfind('\n').map_or(0, |i| i + 1);
        let cut_off_at_end = !text.ends_with('\n');
        for record in records {
            match record {
                Err(error) => {
                    diagnostics.push(csv_error(file, &error));
                    // The reader cannot be trusted past a structural error.
                    return None;
                }
                Ok(record) => {
                    let line = lines.line_of(record.position());
                    if record.len() == 1 && record.get(0).is_some_and(|f| f.trim().is_empty()) {
                        continue;
                    }
                    if record.len() != names.len() {
                        // A short last row in a file without a final line break: most likely
                        // the file was cut short (a failed download or copy).
                        let cut_short = record.len() < names.len()
                            && cut_off_at_end
                            && record
                                .position()
                                .is_some_and(|p| p.byte() as usize >= last_line_start);
                        let hint = if cut_short {
                            "the file ends in the middle of this row: it looks cut short; take a complete copy of the file"
                        } else {
                            "quote fields that contain commas, and give every column a value (unknown is a value, `unknown`)"
                        };
                        diagnostics.push(
                            Diagnostic::error(
                                file,
                                format!(
                                    "this row has {} fields but the header has {}",
                                    record.len(),
                                    names.len()
                                ),
                                hint,
                            )
                            .at_line(line),
                        );
                        skipped.push(record.get(0).unwrap_or_default().trim().to_string());
                        continue;
                    }
                    rows.push(Row {
                        line,
                        fields: record.iter().map(|f| f.trim().to_string()).collect(),
                    });
                }
            }
        }
        if !ok {
            return None;
        }
        Some(Table {
            file: file.to_string(),
            positions,
            names: columns.iter().map(|c| c.name).collect(),
            rows,
            skipped,
        })
    }

    fn column_index(&self, name: &str) -> usize {
        self.names
            .iter()
            .position(|n| *n == name)
            .unwrap_or_else(|| panic!("column `{name}` is not declared for {}", self.file))
    }

    /// The trimmed text of a cell; empty when the column is absent.
    pub fn get<'r>(&self, row: &'r Row, name: &str) -> &'r str {
        let column = self.column_index(name);
        match self.positions[column] {
            Some(position) => row.fields[position].as_str(),
            None => "",
        }
    }

    pub fn cell(&self, row: &Row, name: &str) -> Cell<'_> {
        Cell {
            table: self,
            line: row.line,
            column: self.column_index(name),
        }
    }
}

/// Maps byte offsets to line numbers. The csv reader reports a record's position at the
/// start of any blank or comment lines it skipped before it, so the record's own line is the
/// first line from there that is neither.
struct LineIndex {
    /// Byte offset where each line starts, and whether it is blank or a comment.
    starts: Vec<(u64, bool)>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = Vec::new();
        let mut offset = 0u64;
        for line in text.split_inclusive('\n') {
            let content = line.trim();
            starts.push((offset, content.is_empty() || content.starts_with('#')));
            offset += line.len() as u64;
        }
        LineIndex { starts }
    }

    fn line_of(&self, position: Option<&csv::Position>) -> u64 {
        let Some(position) = position else {
            return 0;
        };
        let byte = position.byte();
        let mut index = self
            .starts
            .partition_point(|(start, _)| *start <= byte)
            .saturating_sub(1);
        while index + 1 < self.starts.len() && self.starts[index].1 {
            index += 1;
        }
        index as u64 + 1
    }
}

fn csv_error(file: &str, error: &csv::Error) -> Diagnostic {
    let line = error.position().map(|p| p.line());
    let (message, hint) = match error.kind() {
        csv::ErrorKind::Utf8 { .. } => (
            "the file is not valid UTF-8".to_string(),
            "save it as UTF-8 (not Latin-1 or UTF-16)".to_string(),
        ),
        _ => (
            format!("the file cannot be read as CSV: {error}"),
            "check quoting on this line: a field with a comma or quote must be wrapped in double quotes, with inner quotes doubled".to_string(),
        ),
    };
    let diagnostic = Diagnostic::error(file, message, hint);
    match line {
        Some(line) => diagnostic.at_line(line),
        None => diagnostic,
    }
}

/// The candidate nearest to `text` by edit distance, if it is close enough to be a typo.
/// What to say about a jurisdiction code that is not in the dataset. `known` lists every
/// jurisdiction as (code, ISO alpha-2, name). Catches lower case (`aus`), alpha-2 codes
/// (`AU`), the common non-ISO `UK` and `EL`, country names, and typos.
pub(crate) fn jurisdiction_hint<'a>(
    code: &str,
    known: impl Iterator<Item = (&'a str, Option<&'a str>, &'a str)> + Clone,
) -> String {
    let upper = code.trim().to_uppercase();
    let alias = match upper.as_str() {
        "UK" => "GB",
        "EL" => "GR",
        other => other,
    };
    if let Some((found, _, name)) = known.clone().find(|(c, _, _)| *c == upper) {
        return format!("codes are upper case: use `{found}` ({name})");
    }
    if let Some((found, _, name)) = known.clone().find(|(_, a, _)| *a == Some(alias)) {
        return format!("`{code}` is not an alpha-3 code: use `{found}` ({name})");
    }
    if let Some((found, _, name)) = known
        .clone()
        .find(|(_, _, n)| n.eq_ignore_ascii_case(code.trim()))
    {
        return format!("use the code `{found}` for {name}");
    }
    match closest(&upper, known.map(|(c, _, _)| c)) {
        Some(near) => format!("did you mean `{near}`? Codes are ISO 3166-1 alpha-3 (or ISO 3166-2 for sub-national units) as listed in jurisdictions.csv"),
        None => "use an ISO 3166-1 alpha-3 code (or ISO 3166-2 for a sub-national unit) listed in jurisdictions.csv".to_string(),
    }
}

pub(crate) fn closest<'a>(
    text: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let length = text.chars().count();
    if length > 64 {
        // No code is this long: a suggestion would be noise, and the distances cost
        // length × candidate length each.
        return None;
    }
    let limit = (length / 3).max(1);
    candidates
        // The edit distance is at least the difference in length.
        .filter(|candidate| candidate.chars().count().abs_diff(length) <= limit)
        .map(|candidate| (edit_distance(text, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, candidate)| (*distance, *candidate))
        .map(|(_, candidate)| candidate)
}

/// Edit distance counting an adjacent transposition as one edit (optimal string alignment),
/// so `form` is one edit from `from`.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    let mut table = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in table.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in table[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (table[i - 1][j] + 1)
                .min(table[i][j - 1] + 1)
                .min(table[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(table[i - 2][j - 2] + 1);
            }
            table[i][j] = best;
        }
    }
    table[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_typos_only() {
        let names = ["jurisdiction", "offence", "status"];
        assert_eq!(closest("ofence", names.into_iter()), Some("offence"));
        assert_eq!(closest("colour", names.into_iter()), None);
        assert_eq!(closest("form", ["from", "until"].into_iter()), Some("from"));
    }
}
