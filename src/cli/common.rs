//! Arguments and steps shared by several commands: which dataset, which day, which evidence.

use anyhow::{bail, Context};
use chrono::NaiveDate;
use lacuna::analysis::gaps::PairQuestion;
use lacuna::analysis::weights::{WeightSide, Weights};
use lacuna::data::{self, Loaded};
use lacuna::model::{Dataset, EvidenceLevel, LegalDate, OffenceId, Precision, Reform};
use lacuna::report::OutputSet;
use lacuna::snapshot::Snapshot;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// The dataset to work on.
#[derive(clap::Args, Clone)]
pub struct DatasetArg {
    /// Dataset folder; defaults to the world dataset built into lacuna
    #[arg(value_name = "DATASET")]
    pub dataset: Option<PathBuf>,
}

/// Which scenario the pairwise analyses ask about (datasets/scenarios.csv).
#[derive(clap::Args, Clone)]
pub struct ScenarioArgs {
    /// The scenario every ordered pair (A, B) is asked about: remote (the offender acts from A
    /// against a child in B), travelling (he offends in B and is back in A) or fled (a national
    /// of B offends in B and is found in A); see datasets/scenarios.csv
    #[arg(long, value_name = "NAME", default_value = "remote")]
    pub scenario: String,
    /// For scenarios whose evidence is held in a chosen state E (remote): that state, e.g.
    /// USA for a US platform; default: the offender's state A
    #[arg(long, value_name = "CODE")]
    pub evidence_in: Option<String>,
}

impl ScenarioArgs {
    /// The question to ask of every pair.
    pub fn question(&self, dataset: &Dataset) -> anyhow::Result<PairQuestion> {
        let scenario = data::scenario_named(&self.scenario).context("--scenario")?;
        if self.evidence_in.is_some() && scenario.evidence_location != lacuna::model::Role::E {
            bail!(
                "--evidence-in: the scenario `{}` places the evidence itself ({}); it applies to scenarios whose evidence is in a chosen state E, such as remote",
                scenario.name,
                scenario.evidence_location.as_str()
            );
        }
        let evidence_in = match &self.evidence_in {
            None => None,
            Some(code) => Some(dataset.jurisdiction_id(code).with_context(|| {
                format!("--evidence-in: `{code}` is not a jurisdiction code of the dataset (ISO alpha-3, e.g. USA)")
            })?),
        };
        Ok(PairQuestion::new(scenario, evidence_in))
    }
}

/// The scope of a reform ranking or of research priorities: the offences asked for, every
/// state, and the scenario.
pub fn reform_scope(
    dataset: &Dataset,
    offence: &str,
    question: &PairQuestion,
) -> anyhow::Result<lacuna::analysis::reforms::Scope> {
    Ok(lacuna::analysis::reforms::Scope {
        question: question.clone(),
        offences: offences(dataset, offence)?,
        states: lacuna::analysis::gaps::scope_members(
            dataset,
            lacuna::analysis::gaps::Scope::States,
        ),
    })
}

impl WhenArgs {
    /// The name (without extension) of a pairwise analysis's output: `KIND_OFFENCE_DAY_SCENARIO`,
    /// plus `_with-FILE` when reforms are applied.
    pub fn output_stem(
        &self,
        kind: &str,
        offence: &str,
        day: NaiveDate,
        dataset: &Dataset,
        question: &PairQuestion,
    ) -> String {
        format!(
            "{kind}_{offence}_{day}_{}{}",
            question_label(dataset, question),
            self.reform_suffix()
        )
    }
}

/// What a pairwise output's file names and titles say about its question, e.g. `remote` or
/// `remote-evidence-USA`.
pub fn question_label(dataset: &Dataset, question: &PairQuestion) -> String {
    match question.evidence_in {
        Some(state) if question.scenario.evidence_location == lacuna::model::Role::E => format!(
            "{}-evidence-{}",
            question.scenario.name,
            dataset.jurisdiction(state).code
        ),
        _ => question.scenario.name.clone(),
    }
}

/// The day and the evidence to analyse with.
#[derive(clap::Args, Clone)]
pub struct WhenArgs {
    /// The day the law is read as of (YYYY-MM-DD); defaults to today
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Weakest evidence to use: treaty_obligation (all), assessment, or statute
    #[arg(long, value_name = "LEVEL", default_value = "treaty_obligation")]
    pub min_evidence: String,
    /// Apply the reforms of this file (docs/reforms.md) on top of the dataset; repeatable
    #[arg(long, value_name = "FILE")]
    pub reform: Vec<PathBuf>,
    /// The `--reform` files' text, read once: the day, the label and every snapshot of a run
    /// use the same reforms even if a file changes while it runs. `None` for a file that
    /// cannot be read as text (its error is reported where its reforms are needed).
    #[arg(skip)]
    reform_texts: std::sync::OnceLock<Vec<Option<String>>>,
}

impl WhenArgs {
    fn reform_texts(&self) -> &[Option<String>] {
        self.reform_texts.get_or_init(|| {
            self.reform
                .iter()
                .map(|path| {
                    data::read_regular_file(path)
                        .ok()
                        .and_then(|bytes| String::from_utf8(bytes).ok())
                })
                .collect()
        })
    }

    /// The day the law is read as of: `--as-of`, else the date a `--reform` plan was made
    /// for (`# as-of:` in the file), else today.
    pub fn day(&self) -> anyhow::Result<NaiveDate> {
        if let Some(text) = &self.as_of {
            return parse_day(text).context("--as-of");
        }
        let mut planned: Option<(NaiveDate, &Path)> = None;
        for (path, text) in self.reform.iter().zip(self.reform_texts()) {
            let Some(day) = text.as_deref().and_then(data::plan_date) else {
                continue;
            };
            match planned {
                Some((other, first)) if other != day => bail!(
                    "the reform files were made for different days ({} for {}, {} for {}): give --as-of",
                    other,
                    first.display(),
                    day,
                    path.display()
                ),
                _ => planned = Some((day, path)),
            }
        }
        match planned {
            Some((day, path)) => {
                eprintln!("note: the law is read as of {day}, the day the plan {} was made for (--as-of to change it)", path.display());
                Ok(day)
            }
            None => Ok(chrono::Local::now().date_naive()),
        }
    }

    /// What the `--reform` files add to output names: empty without reforms, else
    /// `_with-STEM` (the file stems joined with `+`).
    pub fn reform_suffix(&self) -> String {
        if self.reform.is_empty() {
            return String::new();
        }
        let stems: Vec<String> = self
            .reform
            .iter()
            .map(|path| {
                path.file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or("reforms")
                    .trim_end_matches(".csv")
                    .to_string()
            })
            .collect();
        format!("_with-{}", stems.join("+"))
    }

    /// Loads the dataset and names the `--reform` files in its label ([`Self::label_reforms`]).
    pub fn load(&self, dataset: &DatasetArg) -> anyhow::Result<Loaded> {
        let mut loaded = load(dataset)?;
        self.label_reforms(&mut loaded)?;
        Ok(loaded)
    }

    /// Names the reforms in the dataset's label, which every table column, summary, chart
    /// footer and brief shows: "world 0.2.0 with reforms from plan.reforms.csv (3 reforms)".
    pub fn label_reforms(&self, loaded: &mut Loaded) -> anyhow::Result<()> {
        if self.reform.is_empty() {
            return Ok(());
        }
        let count = self.reforms(&loaded.dataset)?.len();
        let files: Vec<String> = self
            .reform
            .iter()
            .map(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or("?")
                    .to_string()
            })
            .collect();
        let manifest = &mut loaded.dataset.manifest;
        manifest.version = format!(
            "{} with reforms from {} ({count} reform{})",
            manifest.version,
            files.join(", "),
            if count == 1 { "" } else { "s" }
        );
        Ok(())
    }

    pub fn evidence(&self) -> anyhow::Result<EvidenceLevel> {
        EvidenceLevel::parse(&self.min_evidence).with_context(|| {
            format!(
                "--min-evidence: `{}` is not an evidence level; use one of {}",
                self.min_evidence,
                EvidenceLevel::NAMES
            )
        })
    }
}

impl WhenArgs {
    /// The reforms of every `--reform` file, in order (each file read once per run).
    pub fn reforms(&self, dataset: &Dataset) -> anyhow::Result<Vec<Reform>> {
        let mut reforms = Vec::new();
        for (path, text) in self.reform.iter().zip(self.reform_texts()) {
            let parsed = match text {
                Some(text) => data::parse_reforms(&path.display().to_string(), text, dataset),
                // Unreadable or not UTF-8: the loader says which, with the fix.
                None => data::load_reforms(path, dataset),
            };
            match parsed {
                Ok(more) => reforms.extend(more),
                Err(error) => bail!("{error}"),
            }
        }
        Ok(reforms)
    }

    /// The dataset resolved as of `day`, with the evidence level and reforms asked for.
    pub fn snapshot<'d>(
        &self,
        dataset: &'d Dataset,
        day: NaiveDate,
    ) -> anyhow::Result<Snapshot<'d>> {
        Ok(Snapshot::with_reforms(
            dataset,
            day,
            self.evidence()?,
            self.reforms(dataset)?,
        ))
    }
}

/// Weights for weighted exposure and reform gains.
#[derive(clap::Args, Clone)]
pub struct WeightArgs {
    /// CSV with columns code,weight (e.g. child population or CyberTipline reports)
    #[arg(long, value_name = "FILE")]
    pub weights: Option<PathBuf>,
    /// Which state of a pair the weight belongs to
    #[arg(long, value_enum, default_value = "victim")]
    pub weight_side: Side,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Side {
    Victim,
    Offender,
}

impl WeightArgs {
    pub fn load(&self, dataset: &Dataset) -> anyhow::Result<Option<Weights>> {
        let side = match self.weight_side {
            Side::Victim => WeightSide::Victim,
            Side::Offender => WeightSide::Offender,
        };
        match &self.weights {
            None => Ok(None),
            Some(path) => match data::load_weights(path, dataset, side) {
                Ok(weights) => Ok(Some(weights)),
                Err(error) => bail!("{error}"),
            },
        }
    }
}

/// `all`, one offence code, or several separated by commas.
pub fn offences(dataset: &Dataset, text: &str) -> anyhow::Result<Vec<OffenceId>> {
    if text == "all" {
        return Ok(dataset.offence_ids().collect());
    }
    text.split(',')
        .map(|code| match dataset.offence_id(code.trim()) {
            Some(id) => Ok(id),
            None => bail!(
                "--offence: unknown offence `{code}`; use `all` or codes separated by commas from: {}",
                dataset.offences.iter().map(|o| o.code.as_str()).collect::<Vec<_>>().join(", ")
            ),
        })
        .collect()
}

/// A progress bar on stderr; hidden when stderr is not a terminal.
pub fn progress(length: usize, message: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(length as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta})")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_message(message.to_string());
    if !std::io::stderr().is_terminal() {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    bar
}

/// Research priorities (every unknown fact tried both ways) with a progress bar on stderr.
pub fn ranked_priorities(
    workspace: &mut lacuna::analysis::reforms::Workspace<'_>,
    scope: &lacuna::analysis::reforms::Scope,
    weights: Option<&Weights>,
) -> Vec<lacuna::analysis::priorities::Priority> {
    let bar = progress(0, "trying every unknown fact both ways");
    let ranked =
        lacuna::analysis::priorities::priorities(workspace, scope, weights, |done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        });
    bar.finish_and_clear();
    ranked
}

/// Creates the output folder.
pub fn out_dir(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))
}

/// One command's output folder: its files are staged here and reach their names together
/// when [`OutputFolder::commit`] moves them into place, so a failed run leaves none of them.
pub struct OutputFolder {
    dir: PathBuf,
    staged: OutputSet,
}

impl OutputFolder {
    /// Creates the folder (and its parents) if it does not exist.
    pub fn create(dir: &Path) -> anyhow::Result<Self> {
        out_dir(dir)?;
        Ok(OutputFolder {
            dir: dir.to_path_buf(),
            staged: OutputSet::default(),
        })
    }

    /// Stages a table as `DIR/STEM.csv` and `DIR/STEM.parquet`.
    pub fn table(
        &mut self,
        stem: &str,
        table: &lacuna::report::table::Table,
    ) -> anyhow::Result<()> {
        self.tables(&[(stem.to_string(), table)])
    }

    /// Stages each table as `DIR/STEM.csv` and `DIR/STEM.parquet`, the files written in
    /// parallel (one per core): the main job writes six files of 340,000 rows.
    pub fn tables(
        &mut self,
        tables: &[(String, &lacuna::report::table::Table)],
    ) -> anyhow::Result<()> {
        use lacuna::report::StagedFile;
        use std::sync::atomic::{AtomicUsize, Ordering};
        let jobs: Vec<(PathBuf, &lacuna::report::table::Table)> = tables
            .iter()
            .flat_map(|(stem, table)| {
                ["csv", "parquet"]
                    .map(|extension| (self.dir.join(format!("{stem}.{extension}")), *table))
            })
            .collect();
        let write = |(path, table): &(PathBuf, &lacuna::report::table::Table)| {
            StagedFile::write(path, |out| -> anyhow::Result<()> {
                match path.extension().and_then(|e| e.to_str()) {
                    Some("parquet") => table.write_parquet(out)?,
                    _ => table.write_csv(out)?,
                }
                Ok(())
            })
            .with_context(|| format!("cannot write {}", path.display()))
        };
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(jobs.len());
        let next = AtomicUsize::new(0);
        let mut done: Vec<(usize, anyhow::Result<StagedFile>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    scope.spawn(|| {
                        let mut mine = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(job) = jobs.get(i) else { break };
                            mine.push((i, write(job)));
                        }
                        mine
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|handle| handle.join().expect("a table writer panicked"))
                .collect()
        });
        done.sort_by_key(|(i, _)| *i);
        for (i, file) in done {
            self.staged.add(file?);
            eprintln!(
                "wrote {} ({} rows)",
                jobs[i].0.display(),
                jobs[i].1.height()
            );
        }
        Ok(())
    }

    /// Stages `DIR/NAME` with the given bytes and returns its final path.
    pub fn file(&mut self, name: &str, bytes: &[u8]) -> anyhow::Result<PathBuf> {
        let path = self.dir.join(name);
        self.staged
            .stage(&path, bytes)
            .with_context(|| format!("cannot write {}", path.display()))?;
        Ok(path)
    }

    /// Moves every staged file into place at once.
    pub fn commit(self) -> anyhow::Result<()> {
        self.staged
            .commit()
            .context("cannot move the outputs into place")?;
        Ok(())
    }
}

/// Prints the warning every terminal summary of an illustrative dataset carries.
pub fn warn_if_illustrative(dataset: &Dataset) {
    if dataset.manifest.illustrative {
        println!("ILLUSTRATIVE DATASET: fictional states, not real law.");
    }
}

/// Parses a full day (analyses need a day, not a year).
pub fn parse_day(text: &str) -> anyhow::Result<NaiveDate> {
    let date = LegalDate::parse(text)?;
    if date.precision() != Precision::Day {
        bail!(
            "`{text}` is not a single day: write YYYY-MM-DD (e.g. {}-01-01)",
            date.year()
        );
    }
    Ok(date.earliest())
}

/// Loads the chosen dataset, printing warnings to stderr; fails with every error listed.
pub fn load(arg: &DatasetArg) -> anyhow::Result<Loaded> {
    let result = match &arg.dataset {
        Some(dir) => data::load_dir(dir),
        None => data::load_world(),
    };
    match result {
        Ok(loaded) => {
            let warnings = loaded.warnings.len();
            if warnings > 0 {
                eprintln!(
                    "note: the dataset has {warnings} warning{} (e.g. contested facts, treated as unknown); `lacuna validate` lists them",
                    if warnings == 1 { "" } else { "s" }
                );
            }
            Ok(loaded)
        }
        Err(error) => bail!("{error}run `lacuna validate` on the dataset for the same list"),
    }
}

/// Writes output to a file (atomically) or to stdout.
pub fn emit(out: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    match out {
        Some(path) => lacuna::report::write_atomic(path, bytes)
            .with_context(|| format!("cannot write {}", path.display())),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(bytes)?;
            stdout.flush()?;
            Ok(())
        }
    }
}
