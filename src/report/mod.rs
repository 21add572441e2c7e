//! Outputs: tables and text built from analyses, and the one way files are written.
//!
//! **Invariant:** every file lacuna writes goes through [`write_atomic`] (or, for files
//! streamed chunk by chunk, a [`temp_file_beside`] renamed into place when complete), so a
//! failed run never leaves a torn file behind.

pub mod batch_output;
pub mod brief;
pub mod chart_data;
pub mod charts;
pub mod coverage;
pub mod escape;
pub mod gaps_table;
pub mod graph_export;
pub mod reforms_table;
pub mod table;
pub mod time_table;
pub mod zones_table;

use std::io::Write;
use std::path::Path;

/// A temporary file in `path`'s folder, to be persisted onto `path` once complete; deleted
/// if dropped before. It is named after its target (`.NAME.partial-XXXXXX`), so a file left
/// by a killed run says what it was, and created with mode 0666 less the umask, like any
/// file the user creates (a published folder stays readable).
pub fn temp_file_beside(path: &Path) -> std::io::Result<(std::fs::File, tempfile::TempPath)> {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.partial-");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    Ok(builder.tempfile_in(dir)?.into_parts())
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let (mut file, temporary) = temp_file_beside(path)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    temporary.persist(path).map_err(|error| error.error)?;
    Ok(())
}
