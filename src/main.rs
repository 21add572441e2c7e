//! The `lacuna` command: a thin layer over the library (see `src/cli`).

mod cli;

// mimalloc: batch runs allocate and free millions of small values; glibc's allocator spent a
// third of the time in malloc/free there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(error) => {
            // A closed pipe (e.g. `lacuna graph ... | head`) is not a failure.
            if error
                .chain()
                .filter_map(|cause| cause.downcast_ref::<std::io::Error>())
                .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
