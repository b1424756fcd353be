//! The batch benchmark: 10,000 cases from a CSV to Markdown and to Word, through the real
//! `caucus` binary, on every core; then 50,000 cases to show that memory stays flat.
//!
//! Targets: Markdown over 20,000 documents per second, Word over 2,000, and a peak
//! resident set under 200 MB whatever the number of cases. Peak memory, and the processor
//! time a document took, are read from `/usr/bin/time -v` when it is installed.
//!
//! `cargo bench -p caucus` (or `cargo xtask bench`) runs it. Arguments: a filter
//! (`md`, `docx`, `memory`) selects runs by name. Environment: `CAUCUS_BENCH_CASES`
//! changes the number of cases (default 10000); `CAUCUS_BENCH_DIR` the folder written
//! into (default: the system's temporary folder); `CAUCUS_BENCH_RUNS` how many times
//! each run is repeated, the best counting (default 3).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_caucus");
const FIXTURE_PACK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pack");

fn main() {
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let wanted = |name: &str| filter.is_empty() || filter.iter().any(|f| name.contains(f));
    let cases: usize = env_number("CAUCUS_BENCH_CASES", 10_000);
    let runs: usize = env_number("CAUCUS_BENCH_RUNS", 3).max(1);
    let root = std::env::var_os("CAUCUS_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir)
        .join(format!("caucus-bench-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&root) {
        eprintln!("batch bench: cannot create {}: {e}", root.display());
        std::process::exit(1);
    }

    // The built-in pack when it is valid; the test pack otherwise, so the bench runs
    // while the built-in clauses are being written.
    let builtin_ok = Command::new(BIN)
        .arg("clauses")
        .output()
        .is_ok_and(|o| o.status.success());
    let pack_args: Vec<String> = if builtin_ok {
        Vec::new()
    } else {
        vec!["--clauses".into(), FIXTURE_PACK.into()]
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "batch bench: {} pack, {cores} cores, writing in {}",
        if builtin_ok {
            "built-in"
        } else {
            "test (the built-in pack is invalid)"
        },
        root.display()
    );

    let csv = root.join(format!("cases-{cases}.csv"));
    write_cases(&csv, cases);
    for (name, format, target) in [("md", "md", 20_000.0), ("docx", "docx", 2_000.0)] {
        if !wanted(name) {
            continue;
        }
        let mut best: Option<Measure> = None;
        for run in 0..runs {
            let out_dir = root.join(format!("out-{name}-{run}"));
            let m = measure(&csv, &out_dir, format, &pack_args);
            let _ = std::fs::remove_dir_all(&out_dir);
            if best.as_ref().is_none_or(|b| m.elapsed < b.elapsed) {
                best = Some(m);
            }
        }
        if let Some(m) = best {
            let rate = cases as f64 / m.elapsed.as_secs_f64();
            println!(
                "batch/csv-to-{name}: {cases} documents in {:.2} s = {:.0} documents/s (target {:.0}: {}), peak memory {}{}",
                m.elapsed.as_secs_f64(),
                rate,
                target,
                if rate >= target { "met" } else { "not met" },
                m.peak(),
                m.cpu_per_document(cases, cores)
            );
        }
    }
    if wanted("memory") {
        let big = cases * 5;
        let csv_big = root.join(format!("cases-{big}.csv"));
        write_cases(&csv_big, big);
        for n in [cases, big] {
            let csv = if n == cases { &csv } else { &csv_big };
            let out_dir = root.join(format!("out-memory-{n}"));
            let m = measure(csv, &out_dir, "md", &pack_args);
            let _ = std::fs::remove_dir_all(&out_dir);
            println!(
                "batch/memory: {n} cases to Markdown in {:.2} s, peak memory {} (target under 200 MB)",
                m.elapsed.as_secs_f64(),
                m.peak()
            );
        }
    }
    let _ = std::fs::remove_dir_all(&root);
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A CSV of `n` cases that vary every choice the clauses depend on most.
fn write_cases(path: &Path, n: usize) {
    const POLICIES: [&str; 3] = ["prohibited", "consent-of-all", "settlement-terms-only"];
    const PLATFORMS: [&str; 4] = ["zoom", "microsoft-teams", "webex", "google-meet"];
    const LOCALES: [&str; 3] = ["en-GB", "en-CA", "en-US"];
    let mut text = String::with_capacity(n * 160);
    text.push_str(
        "case.reference,case.date,case.locale,mediator.name,parties.0.name,parties.0.role,\
         parties.1.name,parties.1.role,platform.kind,platform.client,recording.policy,\
         breakout_rooms.enabled,attendance.disclose_in_advance\n",
    );
    for i in 0..n {
        text.push_str(&format!(
            "MED-2026-{i:06},2026-12-{:02},{},Mediator {},Claimant {i} Ltd,Claimant,\
             Respondent {i} plc,Respondent,{},{},{},{},false\n",
            1 + i % 28,
            LOCALES[i % 3],
            i % 17,
            PLATFORMS[i % 4],
            // Google Meet has no desktop application (platforms.toml).
            if PLATFORMS[i % 4] == "google-meet" {
                "browser"
            } else {
                "desktop-app"
            },
            POLICIES[i % 3],
            i % 2 == 0,
        ));
    }
    if let Err(e) = std::fs::write(path, text) {
        eprintln!("batch bench: cannot write {}: {e}", path.display());
        std::process::exit(1);
    }
}

struct Measure {
    elapsed: Duration,
    peak_kb: Option<u64>,
    /// User and system time of the run, in seconds, from `/usr/bin/time -v`.
    cpu: Option<(f64, f64)>,
}

impl Measure {
    /// The processor time a document took, and the rate that makes on every core: on a
    /// machine whose cores are shared (a cloud VM), wall-clock time moves by half from one
    /// run to the next while the processor time a document takes moves far less.
    fn cpu_per_document(&self, documents: usize, cores: usize) -> String {
        self.cpu.map_or_else(String::new, |(user, system)| {
            let per = (user + system) / documents as f64;
            format!(
                ", processor time {:.0} µs a document ({:.0} user, {:.0} system) = {:.0} documents/s on {cores} cores kept busy",
                per * 1e6,
                user / documents as f64 * 1e6,
                system / documents as f64 * 1e6,
                cores as f64 / per
            )
        })
    }

    fn peak(&self) -> String {
        self.peak_kb.map_or_else(
            || "unknown (install GNU time: /usr/bin/time)".to_owned(),
            |kb| format!("{:.1} MB", kb as f64 / 1024.0),
        )
    }
}

/// Runs one batch, under `/usr/bin/time -v` when it exists.
fn measure(csv: &Path, out_dir: &Path, format: &str, pack_args: &[String]) -> Measure {
    let time = Path::new("/usr/bin/time");
    let mut command = if time.exists() {
        let mut c = Command::new(time);
        c.arg("-v").arg(BIN);
        c
    } else {
        Command::new(BIN)
    };
    command
        .arg("batch")
        .arg(csv)
        .arg("--out-dir")
        .arg(out_dir)
        .args(["--format", format, "--no-progress"])
        .args(pack_args);
    let start = Instant::now();
    let output = match command.output() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("batch bench: cannot run caucus: {e}");
            std::process::exit(1);
        }
    };
    let elapsed = start.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        eprintln!("batch bench: the batch failed:\n{stderr}");
        std::process::exit(1);
    }
    let field = |name: &str| {
        stderr
            .lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .map(str::trim)
    };
    let peak_kb = field("Maximum resident set size (kbytes):").and_then(|v| v.parse().ok());
    let seconds = |name: &str| field(name).and_then(|v| v.parse::<f64>().ok());
    let cpu = seconds("User time (seconds):").zip(seconds("System time (seconds):"));
    Measure {
        elapsed,
        peak_kb,
        cpu,
    }
}
