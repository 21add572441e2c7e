//! The streaming batch job behind `lacuna batch`: a reader thread cuts the case file into
//! chunks, worker threads parse, evaluate and encode them, and the calling thread writes the
//! results in file order. Every stage runs at once, so reading, evaluating and writing overlap
//! on all cores.
//!
//! **Invariants:** rows come out in the order they came in; at most `threads + 2` chunks are
//! in flight (a chunk's buffers go back to the reader only once its results are written), so
//! memory is bounded by the chunk size, not the file size; a failure in any stage stops the
//! others without leaving them blocked.

use crate::analysis::batch::{Aggregate, BatchCache, Laws};
use crate::data::{CaseFileError, CaseParser, CaseReader, RawChunk, Reject};
use crate::model::Dataset;
use crate::report::batch_output::{
    BatchOutputError, EncodedChunk, RejectWriter, ResultEncoder, ResultWriter,
};
use std::collections::BTreeMap;
use std::sync::mpsc::{channel, sync_channel};
use std::sync::{Arc, Mutex};

/// How the job is cut up.
#[derive(Clone, Copy, Debug)]
pub struct BatchOptions {
    /// Rows per chunk (memory grows with it, not with the file).
    pub chunk_rows: usize,
    /// Worker threads (parse, evaluate, encode); the reader and the writer come on top.
    pub threads: usize,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            chunk_rows: 100_000,
            threads: std::thread::available_parallelism().map_or(2, |n| n.get()),
        }
    }
}

/// What a finished job found.
#[derive(Debug)]
pub struct BatchSummary {
    /// Counts per offence, victim state, verdict and barrier (and the number of rejects).
    pub aggregate: Aggregate,
    /// Cases evaluated in full rather than answered from a cache.
    pub evaluated_in_full: u64,
    /// Epochs of the law that were resolved.
    pub epochs: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error(transparent)]
    Input(#[from] CaseFileError),
    #[error(transparent)]
    Output(#[from] BatchOutputError),
    #[error("cannot encode results: {0}")]
    Encode(String),
}

/// One chunk done by a worker.
struct Done {
    sequence: u64,
    chunk: RawChunk,
    /// The reader's (work done, total work) after this chunk.
    progress: (u64, u64),
    encoded: Result<EncodedChunk, String>,
    aggregate: Aggregate,
    rejects: Vec<Reject>,
}

/// Evaluates every case of `reader`, writing results to `results` and bad rows to `rejects`
/// (both completed and moved into place on success), and calls `progress` with (work done,
/// total work) after each chunk is written.
#[allow(clippy::too_many_arguments)]
pub fn run_batch(
    dataset: &Dataset,
    laws: &Laws<'_>,
    parser: &CaseParser<'_>,
    mut reader: CaseReader,
    mut results: ResultWriter,
    mut rejects: RejectWriter,
    options: BatchOptions,
    mut progress: impl FnMut(u64, u64),
) -> Result<BatchSummary, BatchError> {
    let threads = options.threads.max(1);
    let chunk_rows = options.chunk_rows.max(1);
    let format = results.format();
    let mut aggregate = Aggregate::default();
    let (written, read, evaluated) = std::thread::scope(|scope| {
        let (work_sender, work_receiver) = sync_channel::<(u64, RawChunk, (u64, u64))>(threads);
        let work_receiver = Arc::new(Mutex::new(work_receiver));
        let (done_sender, done_receiver) = sync_channel::<Done>(threads);
        let (pool_sender, pool_receiver) = channel::<RawChunk>();

        let reader_thread = scope.spawn(move || -> Result<(), CaseFileError> {
            let mut made = 0;
            for sequence in 0.. {
                let mut chunk = match pool_receiver.try_recv() {
                    Ok(chunk) => chunk,
                    Err(_) if made < threads + 2 => {
                        made += 1;
                        RawChunk::default()
                    }
                    Err(_) => match pool_receiver.recv() {
                        Ok(chunk) => chunk,
                        // The writer stopped.
                        Err(_) => return Ok(()),
                    },
                };
                if !reader.next_raw(chunk_rows, &mut chunk)? {
                    return Ok(());
                }
                if work_sender
                    .send((sequence, chunk, reader.progress()))
                    .is_err()
                {
                    return Ok(());
                }
            }
            Ok(())
        });

        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let work_receiver = Arc::clone(&work_receiver);
                let done_sender = done_sender.clone();
                scope.spawn(move || {
                    let mut cache = BatchCache::default();
                    let mut encoder = ResultEncoder::new(dataset, format);
                    loop {
                        let job = match work_receiver.lock() {
                            Ok(receiver) => receiver.recv(),
                            Err(_) => break,
                        };
                        let Ok((sequence, chunk, progress)) = job else {
                            break;
                        };
                        let mut aggregate = Aggregate::default();
                        let mut rejects = Vec::new();
                        chunk.parse_each(parser, |row, parsed| match parsed {
                            Ok((id, case)) => {
                                let result = cache.evaluate(laws, &case);
                                aggregate.add(&case, &result);
                                encoder.push(row, id, &case, &result);
                            }
                            Err(reject) => rejects.push(reject),
                        });
                        let encoded = encoder.take_chunk().map_err(|e| e.to_string());
                        let done = Done {
                            sequence,
                            chunk,
                            progress,
                            encoded,
                            aggregate,
                            rejects,
                        };
                        if done_sender.send(done).is_err() {
                            break;
                        }
                    }
                    cache.evaluated
                })
            })
            .collect();
        // Only the workers hold these now: when they stop, the reader and the writer see it.
        drop(work_receiver);
        drop(done_sender);

        let mut write_all = || -> Result<(), BatchError> {
            let mut waiting: BTreeMap<u64, Done> = BTreeMap::new();
            let mut next = 0;
            for done in done_receiver.iter() {
                waiting.insert(done.sequence, done);
                while let Some(done) = waiting.remove(&next) {
                    let encoded = done.encoded.map_err(BatchError::Encode)?;
                    results.write(&encoded)?;
                    rejects.write(&done.rejects)?;
                    aggregate.merge(done.aggregate);
                    progress(done.progress.0, done.progress.1);
                    // The reader may have stopped already; then the buffers are not needed.
                    let _ = pool_sender.send(done.chunk);
                    next += 1;
                }
            }
            Ok(())
        };
        let written = write_all();
        // Stop the other stages if writing failed.
        drop(done_receiver);
        drop(pool_sender);
        let read = reader_thread
            .join()
            .expect("the reader thread does not panic");
        let evaluated: u64 = workers
            .into_iter()
            .map(|w| w.join().expect("worker threads do not panic"))
            .sum();
        (written, read, evaluated)
    });
    read?;
    written?;
    aggregate.rejected = rejects.count;
    results.finish()?;
    rejects.finish()?;
    Ok(BatchSummary {
        aggregate,
        evaluated_in_full: evaluated,
        epochs: laws.len(),
    })
}
