//! The command line tool against hostile packs, concurrent batches and unbounded input
//! (issue 15): nothing crashes, hangs, escapes its folder or is lost. Large inputs are
//! generated here, not committed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

mod support;
use support::*;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write fixture");
    path
}

/// A copy of the fixture pack in `dir/pack`, to break.
fn copy_pack(dir: &Path) -> PathBuf {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).expect("create folder");
        for entry in std::fs::read_dir(from).expect("read fixture").flatten() {
            let target = to.join(entry.file_name());
            if entry.path().is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), &target).expect("copy fixture");
            }
        }
    }
    let pack = dir.join("pack");
    copy(Path::new(PACK), &pack);
    pack
}

/// Runs caucus in `cwd`, failing the test if it has not finished after `limit`: a guard
/// against a hang (reading a FIFO), not a measure of speed.
fn caucus_in(cwd: &Path, args: &[&str], limit: Duration) -> Output {
    let child = Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn caucus");
    wait_for(child, limit)
}

/// The output of `child`, read as it comes (so that a full pipe never stops it), or a
/// failed test if it runs longer than `limit`.
fn wait_for(child: Child, limit: Duration) -> Output {
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(output) => output.expect("output"),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("caucus was still running after {limit:?}: it hangs");
        }
    }
}

const PATIENCE: Duration = Duration::from_secs(120);

/// What caucus printed, on both streams (`check` prints its findings on stdout).
fn said(out: &Output) -> String {
    format!("{}{}", stdout(out), stderr(out))
}

/// Every file under `dir`, relative to it.
fn all_files(dir: &Path) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).expect("read").flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).expect("inside");
                found.insert(relative.to_string_lossy().into_owned());
            }
        }
    }
    found
}

// Item 3: a pack's document id cannot write outside the output folder.

#[test]
fn a_document_id_that_leads_out_of_the_folder_is_refused_and_nothing_is_written() {
    for id in ["../../PWNED", "/tmp/caucus-PWNED", "x/../../PWNED"] {
        let tmp = temp();
        let dir = tmp.path();
        let pack = copy_pack(dir);
        let toml = std::fs::read_to_string(pack.join("pack.toml")).expect("pack.toml");
        std::fs::write(
            pack.join("pack.toml"),
            toml.replacen("id = \"agreement\"", &format!("id = \"{id}\""), 1),
        )
        .expect("write pack.toml");
        let work = dir.join("a/b");
        std::fs::create_dir_all(&work).expect("work folder");
        let before = all_files(dir);
        for output in ["out/", "dir/{document}.txt"] {
            let out = caucus_in(
                &work,
                &[
                    "generate",
                    "--document",
                    "all",
                    "-o",
                    output,
                    "--force",
                    "--clauses",
                    p(&pack),
                ],
                PATIENCE,
            );
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(1), "{id} {output}: {err}");
            assert!(
                err.contains("pack.toml:7:6: error[document-id]"),
                "{id} {output}: {err}"
            );
            assert_eq!(all_files(dir), before, "{id} {output}: a file was written");
        }
        assert!(!Path::new("/tmp/caucus-PWNED.md").exists());
    }
}

// Item 4: two batches into one folder never overwrite each other without --force.

#[test]
fn two_batches_into_one_folder_never_overwrite_each_other() {
    let tmp = temp();
    let dir = tmp.path();
    let out_dir = dir.join("out");
    let rows = 3000;
    let start = |name: &str| -> Child {
        let mut text = String::from("parties.0.name\n");
        for i in 0..rows {
            text.push_str(&format!("{name} {i}\n"));
        }
        let cases = write(dir, &format!("{name}.csv"), &text);
        Command::new(BIN)
            .args([
                "batch",
                p(&cases),
                "--out-dir",
                p(&out_dir),
                "--jobs",
                "2",
                "--no-progress",
                "--report",
                p(&dir.join(format!("{name}.json"))),
                "--clauses",
                PACK,
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn caucus")
    };
    let (alpha, beta) = (start("Alpha"), start("Beta"));
    let outputs = [wait_for(alpha, PATIENCE), wait_for(beta, PATIENCE)];
    let mut claimed = BTreeSet::new();
    for (name, out) in ["Alpha", "Beta"].iter().zip(&outputs) {
        let err = stderr(out);
        assert!(matches!(out.status.code(), Some(0..=2)), "{name}: {err}");
        let report: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{name}.json"))).expect("report"),
        )
        .expect("JSON report");
        for case in report["cases"].as_array().expect("cases") {
            if case["status"] == "written" {
                for file in case["files"].as_array().expect("files") {
                    let file = file.as_str().expect("a name");
                    // Reported written by one batch only, and holding that batch's text.
                    assert!(claimed.insert(file.to_owned()), "{file} reported twice");
                    let text = std::fs::read_to_string(out_dir.join(file)).expect("written");
                    assert!(
                        text.contains(&format!("between {name} ")),
                        "{file}, reported by {name}, holds: {text}"
                    );
                }
            } else {
                assert_eq!(case["errors"][0]["code"], "file-exists", "{case}");
            }
        }
    }
    // Every name was written exactly once, by one of the two.
    assert_eq!(claimed.len(), rows);
    assert_eq!(all_files(&out_dir), claimed);
}

// Item 5: a pack folder is read warily.

#[cfg(unix)]
#[test]
fn a_pack_folder_holds_only_regular_files_inside_it() {
    use std::os::unix::fs::symlink;
    /// What the pack holds (made in the pack folder, with a folder outside it), and what
    /// the refusal says.
    type Case = (&'static str, fn(&Path, &Path), &'static str);
    let cases: [Case; 5] = [
        (
            "a link to /dev/zero",
            |pack, _| symlink("/dev/zero", pack.join("agreement/zero.md")).expect("link"),
            "outside the pack",
        ),
        (
            "a link to /dev/urandom",
            |pack, _| symlink("/dev/urandom", pack.join("terms.toml.d.toml")).expect("link"),
            "outside the pack",
        ),
        (
            "a FIFO",
            |pack, _| {
                let status = Command::new("mkfifo")
                    .arg(pack.join("agreement/fifo.md"))
                    .status()
                    .expect("mkfifo");
                assert!(status.success());
            },
            "not a regular file",
        ),
        (
            "two links to the folder itself",
            |pack, _| {
                symlink(".", pack.join("loop1")).expect("link");
                symlink(".", pack.join("loop2")).expect("link");
            },
            "is a link to a folder",
        ),
        (
            "a link to a file outside",
            |pack, outside| {
                std::fs::write(outside.join("secret.md"), "+++\nsecret").expect("write");
                symlink(outside.join("secret.md"), pack.join("agreement/secret.md")).expect("link");
            },
            "outside the pack",
        ),
    ];
    for (what, make, said) in cases {
        let tmp = temp();
        let pack = copy_pack(tmp.path());
        let outside = tmp.path().join("outside");
        std::fs::create_dir(&outside).expect("folder");
        make(&pack, &outside);
        let out = caucus_in(tmp.path(), &["clauses", "--clauses", p(&pack)], PATIENCE);
        assert_eq!(out.status.code(), Some(1), "{what}: {}", stderr(&out));
        assert!(stderr(&out).contains(said), "{what}: {}", stderr(&out));
    }
}

#[cfg(unix)]
#[test]
fn a_link_to_a_file_inside_the_pack_is_followed() {
    let tmp = temp();
    let pack = copy_pack(tmp.path());
    std::fs::create_dir(pack.join("shared")).expect("folder");
    std::fs::rename(pack.join("terms.toml"), pack.join("shared/terms.txt")).expect("move");
    std::os::unix::fs::symlink("shared/terms.txt", pack.join("terms.toml")).expect("link");
    let out = caucus(&["generate", "--clauses", p(&pack)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(out.stdout, caucus(&["generate", "--clauses", PACK]).stdout);
}

#[test]
fn pack_files_and_packs_have_a_size_limit() {
    let tmp = temp();
    let pack = copy_pack(tmp.path());
    let big = format!("+++\n{}\n", "x".repeat(2 << 20));
    write(&pack.join("agreement"), "big.md", &big);
    let out = caucus(&["clauses", "--clauses", p(&pack)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("at most 1048576 (1 MB)"),
        "{}",
        stderr(&out)
    );

    let tmp = temp();
    let pack = copy_pack(tmp.path());
    for i in 0..5 {
        write(
            &pack.join("guide"),
            &format!("big-{i}.md"),
            &"x".repeat(900_000),
        );
    }
    let out = caucus(&["clauses", "--clauses", p(&pack)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("the clause pack is larger than 4194304 bytes"),
        "{}",
        stderr(&out)
    );
}

// Item 6: deeply nested YAML is refused before the YAML parser sees it.

#[test]
fn deeply_nested_yaml_is_refused_at_its_place() {
    let tmp = temp();
    let dir = tmp.path();
    let levels = 100_000;
    for (name, text, line) in [
        (
            "flow.yaml",
            format!("case: {}{}\n", "[".repeat(levels), "]".repeat(levels)),
            1,
        ),
        (
            "dashes.yaml",
            format!("mediator:\n  name: M\nparties:\n{}x\n", "- ".repeat(levels)),
            4,
        ),
        (
            "blocks.yaml",
            (0..200)
                .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
                .collect(),
            65,
        ),
    ] {
        let file = write(dir, name, &text);
        let out = caucus_in(dir, &["check", p(&file)], PATIENCE);
        let err = said(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(
            err.contains(&format!("{name}:{line}:"))
                && err.contains("nested more than 64 levels deep here"),
            "{name}: {err}"
        );
    }
}

// Item 7: options files and values have sizes no real agreement exceeds.

#[test]
fn oversized_options_files_and_values_are_refused_with_the_option_named() {
    let tmp = temp();
    let dir = tmp.path();
    let big = write(
        dir,
        "big.toml",
        &format!("[mediator]\nname = \"{}\"\n", "x".repeat(2 << 20)),
    );
    let out = caucus(&["generate", p(&big), "--clauses", PACK]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is larger than 1 MB"),
        "{}",
        stderr(&out)
    );

    let long = write(
        dir,
        "long.toml",
        &format!(
            "[case]\nreference = \"R\"\n\n[mediator]\nname = \"{}\"\n",
            "*x* ".repeat(5000)
        ),
    );
    let out = caucus(&["generate", p(&long), "--clauses", PACK]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("long.toml:5:1: error[text-too-long] mediator.name: the text is 20000 characters long; at most 10000"),
        "{err}"
    );

    let list = write(
        dir,
        "list.json",
        &format!(
            "{{\"platform\": {{\"data_regions\": [{}]}}}}",
            vec!["\"EU\""; 2000].join(",")
        ),
    );
    let err = said(&caucus(&["check", p(&list), "--clauses", PACK]));
    assert!(
        err.contains("error[list-too-long] platform.data_regions"),
        "{err}"
    );
}

// Item 8: CSV rows of CRLF files are numbered by their line.

#[test]
fn crlf_csv_rows_are_reported_at_their_line() {
    let tmp = temp();
    let dir = tmp.path();
    let cases = write(
        dir,
        "cases.csv",
        "case.reference,recording.policy\r\nR1,prohibited\r\nR2,sometimes\r\n\"R\r\n3\",never\r\n",
    );
    let out = caucus(&[
        "batch",
        p(&cases),
        "--out-dir",
        p(&dir.join("out")),
        "--clauses",
        PACK,
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("row 2 (line 3): error[invalid-choice] recording.policy"),
        "{err}"
    );
    assert!(
        err.contains("row 3 (line 4): error[invalid-choice] recording.policy"),
        "{err}"
    );
}

// Item 9: invisible characters in names and file names.

#[test]
fn invisible_characters_are_refused_in_options_and_file_names() {
    let tmp = temp();
    let dir = tmp.path();
    let cases = write(
        dir,
        "cases.csv",
        "case.reference,parties.0.name\nR1,Acme\nR2\u{202E},Bolt\nR3,Co\u{200B}le\n",
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
        err.contains("row 2 (line 3): error[invisible-character] case.reference: the text holds U+202E (right-to-left override)"),
        "{err}"
    );
    assert!(
        err.contains("row 3 (line 4): error[invisible-character] parties.0.name"),
        "{err}"
    );
    assert_eq!(all_files(&out_dir), BTreeSet::from(["R1.md".to_owned()]));

    let out = caucus(&[
        "batch",
        p(&cases),
        "--out-dir",
        p(&out_dir),
        "--name",
        "{number}\u{202E}dm",
        "--clauses",
        PACK,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("U+202E"), "{}", stderr(&out));

    let options = write(
        dir,
        "bidi.json",
        "{\"mediator\": {\"name\": \"Dana\u{2066}\"}}",
    );
    let err = stderr(&caucus(&["generate", p(&options), "--clauses", PACK]));
    assert!(
        err.contains("bidi.json:1:15: error[invisible-character] mediator.name"),
        "{err}"
    );
}

// Item 10: one rule for all three formats.

#[test]
fn json_toml_and_yaml_alike_take_a_bom_and_refuse_keys_given_twice() {
    let tmp = temp();
    let dir = tmp.path();
    let plain = write(
        dir,
        "plain.json",
        "{\"parties\": [{\"name\": \"Ann\"}, {\"name\": \"Bo\"}]}",
    );
    let expected = stdout(&caucus(&["generate", p(&plain), "--clauses", PACK]));
    assert!(expected.contains("between Ann and Bo"), "{expected}");
    let with_bom = [
        (
            "bom.json",
            "\u{FEFF}{\"parties\": [{\"name\": \"Ann\"}, {\"name\": \"Bo\"}]}",
        ),
        (
            "bom.toml",
            "\u{FEFF}[[parties]]\nname = \"Ann\"\n[[parties]]\nname = \"Bo\"\n",
        ),
        (
            "bom.yaml",
            "\u{FEFF}parties:\n  - name: Ann\n  - name: Bo\n",
        ),
    ];
    for (name, text) in with_bom {
        let file = write(dir, name, text);
        let out = caucus(&["generate", p(&file), "--clauses", PACK]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        assert_eq!(stdout(&out), expected, "{name}");
    }
    let twice = [
        (
            "twice.json",
            "{\"parties\": [{\"name\": \"A\",\n \"name\": \"B\"}, {\"name\": \"C\"}]}",
            "twice.json:2:7: error[duplicate-key] parties.0.name: `name` is given twice in `parties.0`",
        ),
        (
            "twice.yaml",
            "parties:\n  - name: A\n    name: B\n  - name: C\n",
            "error[duplicate-key] parties.0.name: `name` is given twice in `parties.0`",
        ),
        (
            "twice.toml",
            "[mediator]\nname = \"A\"\nname = \"B\"\n",
            "twice.toml:3:1: error[options-syntax]",
        ),
    ];
    for (name, text, expected) in twice {
        let file = write(dir, name, text);
        let out = caucus(&["check", p(&file), "--clauses", PACK]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert!(said(&out).contains(expected), "{name}: {}", said(&out));
    }
}

#[test]
fn impossible_years_are_refused_in_every_format() {
    let tmp = temp();
    let dir = tmp.path();
    for (name, text) in [
        ("year.json", "{\"case\": {\"date\": \"0000-01-01\"}}"),
        ("year.toml", "[case]\ndate = 0000-01-01\n"),
        ("year.yaml", "case:\n  date: \"0000-01-01\"\n"),
    ] {
        let file = write(dir, name, text);
        let out = caucus(&["generate", p(&file), "--clauses", PACK]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert!(
            stderr(&out).contains("case.date: 0000-01-01 is not a possible date: the year must be between 1900 and 9999"),
            "{name}: {}",
            stderr(&out)
        );
    }
}

// Item 11: what killed processes leave behind is cleaned; a live process's is not.

#[test]
fn temporaries_of_dead_processes_are_removed_and_those_of_live_ones_kept() {
    let mut dead = Command::new("true").spawn().expect("spawn true");
    let dead_pid = dead.id();
    dead.wait().expect("wait");
    let mut live = Command::new("sleep")
        .arg("60")
        .spawn()
        .expect("spawn sleep");
    let live_pid = live.id();

    let tmp = temp();
    let out_dir = tmp.path().join("out");
    let leave = |name: &str| {
        let folder = out_dir.join(name);
        std::fs::create_dir_all(&folder).expect("folder");
        std::fs::write(folder.join("1-0"), "").expect("empty file");
    };
    let dead_names = [
        format!(".caucus-tmp-{dead_pid}"),
        format!(".a.md.caucus-tmp-{dead_pid}"),
    ];
    let live_name = format!(".caucus-tmp-{live_pid}");
    for command in ["generate", "batch"] {
        leave(&dead_names[0]);
        std::fs::write(out_dir.join(&dead_names[1]), "").expect("a file");
        leave(&live_name);
        let out = if command == "generate" {
            caucus(&[
                "generate",
                "-o",
                p(&out_dir.join("a.md")),
                "--force",
                "--clauses",
                PACK,
            ])
        } else {
            let cases = write(tmp.path(), "c.csv", "case.reference\nR\n");
            caucus(&[
                "batch",
                p(&cases),
                "--out-dir",
                p(&out_dir),
                "--force",
                "--clauses",
                PACK,
            ])
        };
        assert_eq!(out.status.code(), Some(0), "{command}: {}", stderr(&out));
        let left = all_files(&out_dir);
        for name in &dead_names {
            assert!(
                !left.iter().any(|f| f.starts_with(name.as_str())),
                "{command} left {name}: {left:?}"
            );
        }
        assert!(
            left.contains(&format!("{live_name}/1-0")),
            "{command} removed a live process's temporary: {left:?}"
        );
    }
    let _ = live.kill();
    let _ = live.wait();
}
