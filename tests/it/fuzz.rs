//! The mutation fuzzer: mutants of our own fixtures (`tests/fixtures/**`) and of `source/`, each run
//! in-process through parse → dedup → lint → every report and export (tests/it/common/fuzz/), checking
//! that nothing panics, JSON reports are JSON, every non-blank line is in a card or listed as
//! skipped, every exported note is importable, and output, time and memory stay linear in the input.
//!
//! Deterministic: input `n` of seed `s` is always the same bytes. `cargo test` runs it for a few
//! seconds with a fixed seed; for longer, and to print progress:
//!
//! ```sh
//! PREP_FUZZ_SECONDS=600 cargo test --release --test it fuzz:: -- --nocapture
//! ```
//!
//! `PREP_FUZZ_SEED` picks another seed, `PREP_FUZZ_INPUTS` stops after that many inputs. Each
//! failing input is written to `target/fuzz-failures/` with a `.why.txt` beside it; copied into
//! `tests/fixtures/fuzz/`, it is replayed by every `cargo test` (see that folder's README).

use crate::common;

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};
use std::time::{Duration, Instant};

use crate::common::fuzz::alloc;
use crate::common::fuzz::mutate::mutate;
use crate::common::fuzz::pipeline::{self, Sizes};
use crate::common::fuzz::rng::Rng;
use prep::{ParseContext, SourceKind};

/// The seed `cargo test` uses: fixed, so a failure in CI is the same failure on a laptop.
const DEFAULT_SEED: u64 = 14;

/// How long `cargo test` fuzzes, in seconds.
const DEFAULT_SECONDS: f64 = 3.0;

/// One input's time may be at most this, plus [`TIME_PER_KIB`] per KiB of input. Generous: a debug
/// build on a loaded machine is slow; this catches work that grows with the square of the input.
const TIME_FIXED: Duration = Duration::from_secs(if cfg!(debug_assertions) { 10 } else { 2 });
const TIME_PER_KIB: Duration = Duration::from_millis(if cfg!(debug_assertions) { 200 } else { 20 });

/// One input's peak memory may be at most this, plus [`MEMORY_PER_BYTE`] per input byte.
const MEMORY_FIXED: usize = 64 << 20;
const MEMORY_PER_BYTE: usize = 2_000;

/// The two tests measure memory through one global counter: one at a time.
static MEASURING: Mutex<()> = Mutex::new(());

/// A document the mutants start from.
struct Seed {
    path: PathBuf,
    kind: SourceKind,
    bytes: Vec<u8>,
}

/// How long to fuzz, from the environment.
struct Budget {
    seed: u64,
    time: Duration,
    inputs: u64,
}

impl Budget {
    fn from_env() -> Self {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let seconds: f64 = var("PREP_FUZZ_SECONDS").map_or(DEFAULT_SECONDS, |v| {
            v.trim()
                .parse()
                .unwrap_or_else(|_| panic!("PREP_FUZZ_SECONDS={v}: not a number"))
        });
        let number = |name: &str, default: u64| {
            var(name).map_or(default, |v| {
                v.trim()
                    .parse()
                    .unwrap_or_else(|_| panic!("{name}={v}: not a whole number"))
            })
        };
        Budget {
            seed: number("PREP_FUZZ_SEED", DEFAULT_SEED),
            time: Duration::from_secs_f64(seconds),
            inputs: number("PREP_FUZZ_INPUTS", u64::MAX),
        }
    }
}

fn kind_of(path: &Path) -> Option<SourceKind> {
    match path.extension()?.to_str()? {
        "md" | "markdown" => Some(SourceKind::Markdown),
        "txt" => Some(SourceKind::PlainText),
        _ => None,
    }
}

/// Every document under `tests/fixtures/` and `source/`, in sorted order.
fn corpus() -> Vec<Seed> {
    let repo = common::repo();
    let mut seeds = Vec::new();
    for root in ["tests/fixtures", "source"] {
        for entry in walkdir::WalkDir::new(repo.join(root)).sort_by_file_name() {
            let entry = entry.expect("the fixtures can be walked");
            let Some(kind) = kind_of(entry.path()) else {
                continue;
            };
            if entry.file_type().is_file() && skip_reason(entry.path()).is_none() {
                let bytes = std::fs::read(entry.path()).expect("a fixture can be read");
                let path = entry
                    .path()
                    .strip_prefix(&repo)
                    .unwrap_or(entry.path())
                    .to_owned();
                seeds.push(Seed { path, kind, bytes });
            }
        }
    }
    assert!(seeds.len() > 20, "found only {} fixtures", seeds.len());
    seeds
}

/// Why a kept failure is not run yet: the text of its `<name>.skip` file, if there is one.
fn skip_reason(case: &Path) -> Option<String> {
    std::fs::read_to_string(format!("{}.skip", case.display())).ok()
}

/// Failures already kept in tests/fixtures/fuzz/ and not fixed yet: each `.skip` file's lines
/// `known failure: <text>` give text that such a failure's message contains. Mutants failing that
/// way are counted and named, not failed on, so a long run shows only what is new.
fn known_failures() -> Vec<String> {
    let dir = common::repo().join("tests/fixtures/fuzz");
    let mut known = Vec::new();
    for entry in std::fs::read_dir(dir).expect("tests/fixtures/fuzz exists") {
        let path = entry.expect("tests/fixtures/fuzz can be listed").path();
        if path.extension().is_some_and(|e| e == "skip") {
            let text = std::fs::read_to_string(&path).expect("a .skip file can be read");
            known.extend(
                text.lines()
                    .filter_map(|l| l.strip_prefix("known failure: "))
                    .map(str::to_owned),
            );
        }
    }
    known.sort();
    known
}

/// Mutant `n` of the run seeded `seed`: its bytes, how it is read, and what it came from.
fn mutant(seeds: &[Seed], seed: u64, n: u64) -> (Vec<u8>, SourceKind, &Path) {
    let mut rng = Rng::for_input(seed, n);
    let base = rng.pick(seeds);
    let donor = rng.pick(seeds);
    let bytes = mutate(&mut rng, &base.bytes, &donor.bytes);
    // Now and then the other parser: a `.txt` page saved as `.md`, and the reverse.
    let kind = match (rng.one_in(5), base.kind) {
        (false, kind) => kind,
        (true, SourceKind::Markdown) => SourceKind::PlainText,
        (true, SourceKind::PlainText) => SourceKind::Markdown,
    };
    (bytes, kind, &base.path)
}

thread_local! {
    /// Whether this thread is running an input (its panics are recorded, not printed).
    static CATCHING: Cell<bool> = const { Cell::new(false) };
    /// The last panic of an input on this thread: message and place.
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs (once) a panic hook that records a panic of an input into [`PANIC`] instead of
/// printing it, so a long run prints one line per failing input rather than a backtrace each.
/// Other panics (a test's own assertions) go to the usual hook.
fn record_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let usual = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !CATCHING.get() {
                return usual(info);
            }
            let place = info
                .location()
                .map(|l| format!(" at {l}"))
                .unwrap_or_default();
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic without a message".to_owned());
            PANIC.with(|p| *p.borrow_mut() = Some(format!("panicked{place}: {message}")));
        }));
    });
}

/// One input through the pipeline with every check, plus the time and memory bounds.
fn check(name: &str, kind: SourceKind, bytes: &[u8], ctx: &ParseContext) -> Result<Sizes, String> {
    let start_memory = alloc::live();
    alloc::reset_peak();
    let started = Instant::now();
    CATCHING.set(true);
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| pipeline::run(name, kind, bytes, ctx)));
    CATCHING.set(false);
    let elapsed = started.elapsed();
    let peak = alloc::peak_since(start_memory);
    let sizes = outcome.map_err(|_| {
        PANIC
            .with(|p| p.borrow_mut().take())
            .unwrap_or_else(|| "panicked".to_owned())
    })??;
    let kib = u32::try_from(bytes.len().div_ceil(1024)).unwrap_or(u32::MAX);
    let time_limit = TIME_FIXED + TIME_PER_KIB * kib;
    if elapsed > time_limit {
        // Wall time: another build on the machine can stall one run, so a slow input is timed
        // again and fails only when it is slow both times.
        let again = Instant::now();
        let _ = pipeline::run(name, kind, bytes, ctx);
        let elapsed = elapsed.min(again.elapsed());
        if elapsed > time_limit {
            return Err(format!(
                "took {elapsed:.2?} for {} bytes (twice), over the bound of {time_limit:.2?}",
                bytes.len()
            ));
        }
    }
    let memory_limit = MEMORY_FIXED + MEMORY_PER_BYTE * bytes.len();
    if peak > memory_limit {
        return Err(format!(
            "used {} MiB at its peak for {} bytes, over the bound of {} MiB",
            peak >> 20,
            bytes.len(),
            memory_limit >> 20
        ));
    }
    Ok(sizes)
}

/// Where failing inputs go: `target/fuzz-failures/`.
fn failures_dir() -> PathBuf {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(&tmp).join("fuzz-failures")
}

/// Writes a failing input and why it failed under [`failures_dir`]; returns the input's path.
fn keep_failure(file_name: &str, bytes: &[u8], why: &str) -> PathBuf {
    let dir = failures_dir();
    std::fs::create_dir_all(&dir).expect("target/fuzz-failures can be created");
    let path = dir.join(file_name);
    std::fs::write(&path, bytes).expect("a failing input can be written");
    std::fs::write(dir.join(format!("{file_name}.why.txt")), format!("{why}\n"))
        .expect("a failure's reason can be written");
    path
}

fn extension(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Markdown => "md",
        SourceKind::PlainText => "txt",
    }
}

#[test]
fn mutants_of_the_fixtures_pass_every_check() {
    let _one_at_a_time = MEASURING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    record_panics();
    let budget = Budget::from_env();
    let seeds = corpus();
    let ctx = ParseContext::default();
    let started = Instant::now();
    let mut last_report = started;
    let known = known_failures();
    let mut known_seen = 0;
    let mut failures = Vec::new();
    let mut tried = 0u64;
    let mut largest_ratio = (0.0f64, String::new());
    while tried < budget.inputs && started.elapsed() < budget.time {
        let n = tried;
        tried += 1;
        let (bytes, kind, base) = mutant(&seeds, budget.seed, n);
        let file_name = format!("seed{}-input{n}.{}", budget.seed, extension(kind));
        match check(&file_name, kind, &bytes, &ctx) {
            Ok(sizes) => {
                for (output, size) in sizes {
                    let ratio = size as f64 / bytes.len().max(1) as f64;
                    if bytes.len() >= 1024 && ratio > largest_ratio.0 {
                        largest_ratio = (ratio, format!("{output} of input {n}"));
                    }
                }
            }
            Err(why) if known.iter().any(|k| why.contains(k.as_str())) => {
                known_seen += 1;
                eprintln!("known failure, input {n}: {why}");
            }
            Err(why) => {
                let why = format!(
                    "mutant of {} ({} bytes): {why}",
                    base.display(),
                    bytes.len()
                );
                let kept = keep_failure(&file_name, &bytes, &why);
                eprintln!("FAILED input {n}: {why}\n  kept as {}", kept.display());
                failures.push(kept.display().to_string());
            }
        }
        if last_report.elapsed() > Duration::from_secs(10) {
            last_report = Instant::now();
            eprintln!(
                "fuzz: {tried} inputs in {:.0?}, {} failure(s), {known_seen} known",
                started.elapsed(),
                failures.len()
            );
        }
    }
    eprintln!(
        "fuzz: seed {}, {tried} inputs in {:.1?} from {} fixtures, {} failure(s), {known_seen} \
         known (tests/fixtures/fuzz/*.skip); largest output per input byte {:.1} ({})",
        budget.seed,
        started.elapsed(),
        seeds.len(),
        failures.len(),
        largest_ratio.0,
        largest_ratio.1
    );
    assert!(tried > 0, "the budget allowed no input");
    assert!(
        failures.is_empty(),
        "{} of {tried} mutants failed (seed {}); the inputs and reasons are in {}:\n{}",
        failures.len(),
        budget.seed,
        failures_dir().display(),
        failures.join("\n")
    );
}

/// Inputs the fuzzer once failed on, kept in tests/fixtures/fuzz/ and replayed every run. A case
/// that cannot be fixed yet has a `<name>.skip` file beside it saying why; it is reported, not run.
#[test]
fn kept_failures_pass_every_check() {
    let _one_at_a_time = MEASURING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    record_panics();
    let dir = common::repo().join("tests/fixtures/fuzz");
    let ctx = ParseContext::default();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/fuzz exists")
        .map(|entry| entry.expect("tests/fixtures/fuzz can be listed").path())
        .filter(|path| kind_of(path).is_some() && !path.ends_with("README.md"))
        .collect();
    cases.sort();
    let mut failures = Vec::new();
    for path in &cases {
        if let Some(reason) = skip_reason(path) {
            let reason: Vec<&str> = reason
                .lines()
                .filter(|l| !l.starts_with("known failure: "))
                .collect();
            eprintln!("SKIPPED {}: {}", path.display(), reason.join(" ").trim());
            continue;
        }
        let kind = kind_of(path).expect("filtered above");
        let name = path.file_name().expect("a file").to_string_lossy();
        let bytes = std::fs::read(path).expect("a kept failure can be read");
        if let Err(why) = check(&name, kind, &bytes, &ctx) {
            failures.push(format!("{}: {why}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_mutant_depends_only_on_the_seed_and_its_number() {
    let seeds = corpus();
    for n in [0, 1, 977] {
        assert_eq!(mutant(&seeds, 7, n).0, mutant(&seeds, 7, n).0);
    }
    assert_ne!(mutant(&seeds, 7, 1).0, mutant(&seeds, 8, 1).0);
}
