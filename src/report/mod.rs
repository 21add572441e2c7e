//! Outputs: tables and text built from analyses, and the one way files are written.
//!
//! **Invariant:** every file lacuna writes goes through [`write_atomic`] (or, for files
//! streamed chunk by chunk, a [`temp_file_beside`] renamed into place when complete), so a
//! failed run never leaves a torn file behind.

pub mod batch_output;
pub mod brief;
pub mod chart_data;
pub mod charts;
pub mod compare;
pub mod coverage;
pub mod escape;
pub mod gaps_table;
pub mod graph_export;
pub mod priorities_table;
pub mod reforms_table;
pub mod site;
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
    temp_file_beside_ending(path, "")
}

/// [`temp_file_beside`] whose name ends with `suffix` (e.g. `.png`, for writers that choose
/// the format by the file's extension).
pub fn temp_file_beside_ending(
    path: &Path,
    suffix: &str,
) -> std::io::Result<(std::fs::File, tempfile::TempPath)> {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.partial-");
    remove_stale_partials(dir, &prefix);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix);
    builder.suffix(suffix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    Ok(builder.tempfile_in(dir)?.into_parts())
}

/// The files of one run, each written to a temporary file beside its target as soon as it is
/// ready and all moved into place together by [`OutputSet::commit`]. A run that fails or is
/// killed before the commit changes none of its outputs (so a new gaps CSV never stands beside
/// the previous run's Parquet); only the renames themselves, back to back, are not one step.
#[derive(Default)]
pub struct OutputSet {
    staged: Vec<(std::path::PathBuf, tempfile::TempPath)>,
}

impl OutputSet {
    /// Writes `bytes` to a temporary file for `path`.
    pub fn stage(&mut self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        self.stage_with(path, |file| file.write_all(bytes))
    }

    /// Streams a temporary file for `path` through `write` (buffered), so a large output is
    /// never held in memory whole. An error leaves nothing staged for `path`.
    pub fn stage_with<E: From<std::io::Error>>(
        &mut self,
        path: &Path,
        write: impl FnOnce(&mut std::io::BufWriter<&std::fs::File>) -> Result<(), E>,
    ) -> Result<(), E> {
        let file = StagedFile::write(path, write)?;
        self.add(file);
        Ok(())
    }

    /// Adds a file written on its own (e.g. on another thread) to the set.
    pub fn add(&mut self, file: StagedFile) {
        self.staged.push((file.path, file.temporary));
    }

    /// Moves every staged file into place; returns their paths.
    pub fn commit(self) -> std::io::Result<Vec<std::path::PathBuf>> {
        let mut done = Vec::with_capacity(self.staged.len());
        for (path, temporary) in self.staged {
            temporary.persist(&path).map_err(|error| error.error)?;
            done.push(path);
        }
        Ok(done)
    }
}

/// A file written in full to a temporary file beside its target, waiting to be added to an
/// [`OutputSet`] and moved into place; deleted if dropped before.
pub struct StagedFile {
    path: std::path::PathBuf,
    temporary: tempfile::TempPath,
}

impl StagedFile {
    /// Streams a temporary file for `path` through `write` (buffered) and syncs it.
    pub fn write<E: From<std::io::Error>>(
        path: &Path,
        write: impl FnOnce(&mut std::io::BufWriter<&std::fs::File>) -> Result<(), E>,
    ) -> Result<StagedFile, E> {
        let (file, temporary) = temp_file_beside(path)?;
        let mut buffered = std::io::BufWriter::with_capacity(1 << 20, &file);
        write(&mut buffered)?;
        buffered.flush()?;
        drop(buffered);
        file.sync_all()?;
        Ok(StagedFile {
            path: path.to_path_buf(),
            temporary,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Removes what a killed run left for the same target: `.NAME.partial-*` files untouched for a
/// day (a live run rewrites its own within seconds, so only leftovers are that old).
fn remove_stale_partials(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let day = std::time::Duration::from_secs(24 * 3600);
    for entry in entries.flatten() {
        let stale = entry.file_name().to_string_lossy().starts_with(prefix)
            && entry
                .metadata()
                .ok()
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > day);
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let (mut file, temporary) = temp_file_beside(path)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    temporary.persist(path).map_err(|error| error.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A run that stops before its commit changes none of its outputs and leaves nothing
    /// behind; a committed run moves every file into place.
    #[test]
    fn an_output_set_moves_all_files_or_none() {
        let dir = tempfile::tempdir().unwrap();
        let (csv, parquet) = (dir.path().join("a.csv"), dir.path().join("a.parquet"));
        std::fs::write(&csv, "old").unwrap();
        std::fs::write(&parquet, "old").unwrap();
        {
            let mut outputs = OutputSet::default();
            outputs.stage(&csv, b"new").unwrap();
            // The run fails here, before staging the Parquet and committing.
        }
        assert_eq!(std::fs::read_to_string(&csv).unwrap(), "old");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            2,
            "a partial file was left"
        );
        let mut outputs = OutputSet::default();
        outputs.stage(&csv, b"new").unwrap();
        outputs.stage(&parquet, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&parquet).unwrap(), "old");
        outputs.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&csv).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(&parquet).unwrap(), "new");
    }

    /// What a killed run left for a target (a day old) is removed by the next write to it.
    #[test]
    fn stale_partial_files_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".a.csv.partial-abc123");
        let file = std::fs::File::create(&stale).unwrap();
        let two_days = std::time::Duration::from_secs(2 * 24 * 3600);
        file.set_modified(std::time::SystemTime::now() - two_days)
            .unwrap();
        drop(file);
        let fresh = dir.path().join(".a.csv.partial-def456");
        std::fs::write(&fresh, "another run, still writing").unwrap();
        write_atomic(&dir.path().join("a.csv"), b"x").unwrap();
        assert!(!stale.exists());
        assert!(fresh.exists());
    }
}
