//! End-to-end tests of `caucus batch`: input formats, bad rows, names, existing files,
//! the report, and a batch killed midway.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod support;
use support::*;

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write fixture");
    path
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read out dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn bad_rows_are_reported_and_the_good_ones_written() {
    let tmp = temp();
    let dir = tmp.path();
    let cases = write(
        dir,
        "cases.csv",
        "case.reference,parties.0.name,recording.policy,breakout_rooms.enabled,# note\n\
         R1,Acme,prohibited,true,first\n\
         R2,Bolt,sometimes,false,bad choice\n\
         R3,\"Cole, Ltd\",consent-of-all,no,comma in a cell\n\
         R4,Dane,prohibited\n\
         R5,Eve,,maybe,bad yes/no\n\
         R6,Fay,settlement-terms-only,,\n",
    );
    let out_dir = dir.join("out");
    let report = dir.join("report.json");
    let out = caucus(&[
        "batch",
        p(&cases),
        "--out-dir",
        p(&out_dir),
        "--name",
        "{case.reference}-{document}",
        "--report",
        p(&report),
        "--clauses",
        PACK,
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("row 2 (line 3): error[invalid-choice] recording.policy"),
        "{err}"
    );
    assert!(err.contains("row 4 (line 5): error[invalid-case]"), "{err}");
    assert!(
        err.contains("row 5 (line 6): error[invalid-value] breakout_rooms.enabled"),
        "{err}"
    );
    assert!(err.contains("6 cases: 3 written"), "{err}");
    assert!(err.contains("3 failed"), "{err}");
    assert_eq!(
        files(&out_dir),
        ["R1-agreement.md", "R3-agreement.md", "R6-agreement.md"]
    );
    let r3 = std::fs::read_to_string(out_dir.join("R3-agreement.md")).expect("R3");
    assert!(r3.contains("between Cole, Ltd and Party B"), "{r3}");
    assert!(r3.contains("Recording policy: consent-of-all."), "{r3}");
    assert!(!r3.contains("Breakout rooms"), "{r3}");

    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).expect("report")).expect("JSON");
    assert_eq!(report["summary"]["cases"], 6);
    assert_eq!(report["summary"]["failed"], 3);
    let cases = report["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), 6);
    assert_eq!(cases[1]["row"], 2);
    assert_eq!(cases[1]["line"], 3);
    assert_eq!(cases[1]["status"], "failed");
    assert_eq!(cases[1]["errors"][0]["path"], "recording.policy");
    assert_eq!(cases[2]["files"][0], "R3-agreement.md");
    assert_no_temporaries(&out_dir);
    assert_no_temporaries(dir);
}

#[test]
fn json_lines_and_json_arrays_merge_over_the_base() {
    let tmp = temp();
    let dir = tmp.path();
    let base = write(
        dir,
        "base.toml",
        "[recording]\npolicy = \"consent-of-all\"\n[[parties]]\nname = \"Base A\"\n[[parties]]\nname = \"Base B\"\n",
    );
    let jsonl = write(
        dir,
        "cases.jsonl",
        "{\"case\": {\"reference\": \"J1\"}}\n\n{\"case\": {\"reference\": \"J2\"}, \"recording\": {\"policy\": \"prohibited\"}}\n{oops\n",
    );
    let out_dir = dir.join("jsonl");
    let out = caucus(&[
        "batch",
        p(&jsonl),
        "--base",
        p(&base),
        "--out-dir",
        p(&out_dir),
        "--name",
        "{case.reference}",
        "--format",
        "txt",
        "--clauses",
        PACK,
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("line 4: error[invalid-case]"),
        "{}",
        stderr(&out)
    );
    assert_eq!(files(&out_dir), ["J1.txt", "J2.txt"]);
    let j1 = std::fs::read_to_string(out_dir.join("J1.txt")).expect("J1");
    assert!(
        j1.contains("consent-of-all") && j1.contains("Base A"),
        "{j1}"
    );
    let j2 = std::fs::read_to_string(out_dir.join("J2.txt")).expect("J2");
    assert!(j2.contains("Recording policy: prohibited"), "{j2}");

    // A JSON array from stdin, every document, names from the template.
    let out_dir = dir.join("array");
    let out = caucus_stdin(
        &[
            "batch",
            "-",
            "--out-dir",
            p(&out_dir),
            "--document",
            "all",
            "--format",
            "json",
            "--name",
            "{number}-{document}",
            "--jobs",
            "1",
            "--clauses",
            PACK,
        ],
        r#"[{"case": {"reference": "A1"}}, {"consent": {"express_risk_consent": true, "law_firm": "F"}}]"#,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        files(&out_dir),
        [
            "1-agreement.json",
            "1-guide.json",
            "1-invitation.json",
            "2-agreement.json",
            "2-consent.json",
            "2-guide.json",
            "2-invitation.json"
        ]
    );
    let guide: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out_dir.join("1-guide.json")).expect("guide"),
    )
    .expect("JSON");
    assert_eq!(guide["kind"], "guide");
}

#[test]
fn docx_and_html_batches() {
    let tmp = temp();
    let dir = tmp.path();
    let cases = write(dir, "c.csv", "case.reference\nW1\nW2\n");
    for format in ["docx", "html"] {
        let out_dir = dir.join(format);
        let out = caucus(&[
            "batch",
            p(&cases),
            "--out-dir",
            p(&out_dir),
            "--format",
            format,
            "--clauses",
            PACK,
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let first = out_dir.join(format!("1-agreement.{format}"));
        let bytes = std::fs::read(&first).expect("written");
        match format {
            "docx" => assert!(bytes.starts_with(b"PK")),
            _ => assert!(String::from_utf8_lossy(&bytes).contains("<html")),
        }
    }
}

#[test]
fn names_are_sanitised_and_collisions_reported() {
    let tmp = temp();
    let dir = tmp.path();
    let cases = write(
        dir,
        "c.csv",
        "case.reference\n../../etc/passwd\nMED:1\nmed:1\n\n",
    );
    let out_dir = dir.join("out");
    let out = caucus(&[
        "batch",
        p(&cases),
        "--out-dir",
        p(&out_dir),
        "--name",
        "{case.reference}",
        "--clauses",
        PACK,
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("row 3 (line 4): error[name-collision]: the file name med_1.md is already used by row 2 (line 3)"),
        "{err}"
    );
    assert_eq!(files(&out_dir), ["MED_1.md", "_.._etc_passwd.md"]);
    assert!(!dir.join("etc").exists());

    // --document all needs {document} in the name.
    let out = caucus(&[
        "batch",
        p(&cases),
        "--out-dir",
        p(&out_dir),
        "--document",
        "all",
        "--name",
        "{case.reference}",
        "--clauses",
        PACK,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("{document}"), "{}", stderr(&out));
}

#[test]
fn existing_files_are_kept_without_force() {
    let tmp = temp();
    let dir = tmp.path();
    let cases = write(dir, "c.csv", "case.reference\nX1\nX2\n");
    let out_dir = dir.join("out");
    std::fs::create_dir(&out_dir).expect("mkdir");
    write(&out_dir, "2-agreement.md", "mine\n");
    let args = [
        "batch",
        p(&cases),
        "--out-dir",
        p(&out_dir),
        "--clauses",
        PACK,
    ];
    let out = caucus(&args);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("row 2 (line 3): error[file-exists]"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(out_dir.join("2-agreement.md")).expect("kept"),
        "mine\n"
    );
    let mut forced = args.to_vec();
    forced.push("--force");
    let out = caucus(&forced);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        std::fs::read_to_string(out_dir.join("2-agreement.md"))
            .expect("overwritten")
            .starts_with("# Test Terms")
    );
}

#[test]
fn an_unknown_column_stops_the_batch_before_writing() {
    let tmp = temp();
    let dir = tmp.path();
    let cases = write(
        dir,
        "c.csv",
        "case.reference,recording.polcy\nX1,prohibited\n",
    );
    let out_dir = dir.join("out");
    let out = caucus(&[
        "batch",
        p(&cases),
        "--out-dir",
        p(&out_dir),
        "--clauses",
        PACK,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("column 2 `recording.polcy`"), "{err}");
    assert!(err.contains("did you mean `recording.policy`"), "{err}");
    assert!(files(&out_dir).is_empty());
}

#[test]
fn no_progress_bar_when_piped() {
    let tmp = temp();
    let dir = tmp.path();
    let cases = write(dir, "c.csv", "case.reference\nP1\n");
    let out = caucus(&[
        "batch",
        p(&cases),
        "--out-dir",
        p(&dir.join("out")),
        "--clauses",
        PACK,
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!stderr(&out).contains('\r'), "{:?}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "caucus: 1 case: 1 written (1 file in {}), 0 failed; 2 warnings (see --report)\n",
            dir.join("out").display()
        )
    );
}

/// A CSV big enough that a batch is still running when we stop it.
fn big_csv(dir: &Path, rows: usize) -> std::path::PathBuf {
    let mut text = String::from("case.reference,parties.0.name,recording.policy\n");
    for i in 0..rows {
        text.push_str(&format!("K{i},Party {i},consent-of-all\n"));
    }
    write(dir, "big.csv", &text)
}

/// Starts a batch and waits until it has written at least `files` files.
fn start_and_wait(cases: &Path, out_dir: &Path, files_wanted: usize) -> std::process::Child {
    let child = Command::new(BIN)
        .args([
            "batch",
            p(cases),
            "--out-dir",
            p(out_dir),
            "--jobs",
            "2",
            "--clauses",
            PACK,
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn caucus");
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        let written = std::fs::read_dir(out_dir)
            .map(|d| {
                d.flatten()
                    .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                    .count()
            })
            .unwrap_or(0);
        if written >= files_wanted {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    child
}

/// Every visible file is a whole document; anything else is one of our hidden
/// temporaries.
fn assert_only_complete_files(out_dir: &Path) -> usize {
    let mut complete = 0;
    for entry in std::fs::read_dir(out_dir).expect("out dir").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            assert!(name.contains(".caucus-tmp-"), "unexpected {name}");
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("read");
        assert!(
            text.starts_with("# Test Terms")
                && text.ends_with("The mediator may hold private sessions.\n"),
            "{name} is truncated: {text:?}"
        );
        complete += 1;
    }
    complete
}

#[test]
fn a_killed_batch_leaves_no_partial_file() {
    let tmp = temp();
    let dir = tmp.path();
    let cases = big_csv(dir, 200_000);
    let out_dir = dir.join("out");
    let mut child = start_and_wait(&cases, &out_dir, 50);
    child.kill().expect("kill");
    let _ = child.wait();
    let complete = assert_only_complete_files(&out_dir);
    assert!(complete >= 50, "{complete}");
    assert!(
        complete < 200_000,
        "the batch finished before it was killed"
    );

    // The next batch in that folder removes what the killed one left behind.
    let small = write(dir, "small.csv", "case.reference\nS1\n");
    let out = caucus(&[
        "batch",
        p(&small),
        "--out-dir",
        p(&out_dir),
        "--name",
        "small-{number}",
        "--clauses",
        PACK,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_no_temporaries(&out_dir);
}

#[test]
fn an_interrupted_batch_cleans_up_and_says_so() {
    let tmp = temp();
    let dir = tmp.path();
    let cases = big_csv(dir, 200_000);
    let out_dir = dir.join("out");
    let child = start_and_wait(&cases, &out_dir, 50);
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill -TERM");
    assert!(status.success());
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    assert!(stderr(&out).contains("interrupted"), "{}", stderr(&out));
    assert_no_temporaries(&out_dir);
    assert_only_complete_files(&out_dir);
}

#[test]
fn a_batch_writes_what_generate_prints() {
    let tmp = temp();
    let dir = tmp.path();
    let options = r#"{"case": {"reference": "G1"}, "recording": {"policy": "consent-of-all"}, "consent": {"express_risk_consent": true, "law_firm": "F"}}"#;
    let cases = write(dir, "c.jsonl", &format!("{options}\n"));
    let single = write(dir, "g1.json", options);
    for kind in ["agreement", "guide", "invitation", "consent"] {
        let out_dir = dir.join(kind);
        let out = caucus(&[
            "batch",
            p(&cases),
            "--out-dir",
            p(&out_dir),
            "--document",
            kind,
            "--clauses",
            PACK,
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let written =
            std::fs::read_to_string(out_dir.join(format!("1-{kind}.md"))).expect("written");
        let printed = stdout(&caucus(&[
            "generate",
            p(&single),
            "--document",
            kind,
            "--clauses",
            PACK,
        ]));
        assert_eq!(written, printed, "{kind}");
    }
}

#[test]
fn with_the_built_in_pack_a_batch_writes_what_generate_prints() {
    // The built-in pack must load: a broken one fails here rather than skipping the test.
    let clauses = caucus(&["clauses"]);
    assert_eq!(clauses.status.code(), Some(0), "{}", stderr(&clauses));
    let tmp = temp();
    let dir = tmp.path();
    let options = r#"{"case": {"reference": "B1"}, "breakout_rooms": {"enabled": false}, "consent": {"express_risk_consent": true, "law_firm": "F"}}"#;
    let cases = write(dir, "c.jsonl", &format!("{options}\n"));
    let single = write(dir, "b1.json", options);
    for kind in ["agreement", "consent"] {
        let out_dir = dir.join(kind);
        let out = caucus(&[
            "batch",
            p(&cases),
            "--out-dir",
            p(&out_dir),
            "--document",
            kind,
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let written =
            std::fs::read_to_string(out_dir.join(format!("1-{kind}.md"))).expect("written");
        let printed = stdout(&caucus(&["generate", p(&single), "--document", kind]));
        assert_eq!(written, printed, "{kind}");
    }
}

#[test]
fn a_batch_writes_a_custom_pack_s_own_document() {
    let tmp = temp();
    let dir = tmp.path();
    let cases = write(
        dir,
        "cases.csv",
        "case.reference,recording.policy\nR1,prohibited\nR2,consent-of-all\n",
    );
    let out_dir = dir.join("out");
    let out = caucus(&[
        "batch",
        p(&cases),
        "--out-dir",
        p(&out_dir),
        "--clauses",
        MINUTES,
        "--document",
        "minutes",
        "--name",
        "{case.reference}-{document}",
        "--no-progress",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let second = std::fs::read_to_string(out_dir.join("R2-minutes.md")).expect("R2-minutes.md");
    assert!(second.contains("A recording was made"), "{second}");
    assert!(out_dir.join("R1-minutes.md").is_file());

    let out = caucus(&[
        "batch",
        p(&cases),
        "--out-dir",
        p(&out_dir),
        "--document",
        "minutes",
        "--no-progress",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("has no `minutes` document"),
        "{}",
        stderr(&out)
    );
}
