//! End-to-end tests of the `caucus` binary: every command, every input and output format,
//! and the failure modes a user meets (bad options, broken packs, existing files).
//!
//! Most tests use the small pack in tests/fixtures/pack (`--clauses`), so they do not
//! depend on the wording of the built-in clauses; the tests of the built-in pack only
//! check what holds whatever its clauses say.

use std::path::{Path, PathBuf};

mod support;
use support::*;

#[test]
fn every_command_has_help_with_examples_and_exit_codes() {
    for command in ["generate", "batch", "check", "clauses", "init"] {
        let out = caucus(&[command, "--help"]);
        assert_eq!(out.status.code(), Some(0), "{command} --help");
        let text = stdout(&out);
        assert!(text.contains("Examples:"), "{command}: {text}");
        assert!(text.contains("Exit codes:"), "{command}: {text}");
    }
    let text = stdout(&caucus(&["--help"]));
    assert!(text.contains("Exit codes: 0 success, 1 error, 2"), "{text}");
    assert!(stdout(&caucus(&["schema", "--help"])).contains("Examples:"));
}

#[test]
fn generate_uses_the_defaults_without_a_file() {
    let out = caucus(&["generate", "--clauses", PACK]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("# Test Terms\n"), "{text}");
    assert!(text.contains("## 3. Recording\n\nRecording policy: prohibited. See clause 1."));
    assert!(text.contains("between Party A and Party B"));
}

#[test]
fn generate_reads_toml_json_and_yaml_alike() {
    let tmp = temp();
    let dir = tmp.path();
    let toml = write(
        dir,
        "case.toml",
        "[case]\nreference = \"R-1\"\n[recording]\npolicy = \"consent-of-all\"\n[[parties]]\nname = \"Acme\"\n[[parties]]\nname = \"Bolt\"\n",
    );
    let json = write(
        dir,
        "case.json",
        r#"{"case": {"reference": "R-1"}, "recording": {"policy": "consent-of-all"}, "parties": [{"name": "Acme"}, {"name": "Bolt"}]}"#,
    );
    let yaml = write(
        dir,
        "case.yml",
        "case:\n  reference: R-1\nrecording:\n  policy: consent-of-all\nparties:\n  - name: Acme\n  - name: Bolt\n",
    );
    let expected = stdout(&caucus(&["generate", p(&toml), "--clauses", PACK]));
    assert!(
        expected.contains("Recording policy: consent-of-all."),
        "{expected}"
    );
    assert!(expected.contains("between Acme and Bolt"), "{expected}");
    assert_eq!(
        stdout(&caucus(&["generate", p(&json), "--clauses", PACK])),
        expected
    );
    assert_eq!(
        stdout(&caucus(&["generate", p(&yaml), "--clauses", PACK])),
        expected
    );

    // stdin, with and without --input-format
    let text = std::fs::read_to_string(&yaml).expect("yaml");
    let out = caucus_stdin(
        &["generate", "-", "--input-format", "yaml", "--clauses", PACK],
        &text,
    );
    assert_eq!(stdout(&out), expected);
    let text = std::fs::read_to_string(&json).expect("json");
    let out = caucus_stdin(&["generate", "-", "--clauses", PACK], &text);
    assert_eq!(stdout(&out), expected);
}

#[test]
fn generate_writes_every_format() {
    let tmp = temp();
    let dir = tmp.path();
    for (format, check) in [
        ("md", "## 1. Introduction"),
        ("html", "<html"),
        ("txt", "Introduction"),
        ("json", "\"kind\": \"agreement\""),
    ] {
        let out = caucus(&["generate", "--format", format, "--clauses", PACK]);
        assert_eq!(out.status.code(), Some(0), "{format}: {}", stderr(&out));
        assert!(stdout(&out).contains(check), "{format}: {}", stdout(&out));
    }
    // JSON without --document: every document and the diagnostics.
    let json: serde_json::Value = serde_json::from_slice(
        &caucus(&["generate", "--format", "json", "--clauses", PACK]).stdout,
    )
    .expect("JSON");
    assert_eq!(json["documents"].as_array().map(Vec::len), Some(3));
    assert!(json["diagnostics"].is_array());

    // Word needs -o, and writes a zip.
    let out = caucus(&["generate", "--format", "docx", "--clauses", PACK]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("caucus: "), "{}", stderr(&out));
    assert!(stderr(&out).contains("-o"), "{}", stderr(&out));
    let docx = dir.join("terms.docx");
    let out = caucus(&[
        "generate",
        "--format",
        "docx",
        "-o",
        p(&docx),
        "--clauses",
        PACK,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let bytes = std::fs::read(&docx).expect("docx written");
    assert!(bytes.starts_with(b"PK"), "not a zip");
    // -o - sends even Word to stdout; a folder gets the document's name.
    let out = caucus(&["generate", "--format", "docx", "-o", "-", "--clauses", PACK]);
    assert_eq!(out.stdout, bytes, "the same options give the same bytes");
    let folder = format!("{}/word/", dir.display());
    let out = caucus(&[
        "generate",
        "--format",
        "docx",
        "-o",
        &folder,
        "--clauses",
        PACK,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(dir.join("word/agreement.docx").is_file());
    assert_no_temporaries(dir);
}

#[test]
fn generate_all_documents_into_a_folder_or_a_template() {
    let tmp = temp();
    let dir = tmp.path();
    let options = write(
        dir,
        "c.toml",
        "[consent]\nexpress_risk_consent = true\nlaw_firm = \"Firm LLP\"\n",
    );
    let out_dir = dir.join("out");
    let out = caucus(&[
        "generate",
        p(&options),
        "--document",
        "all",
        "--format",
        "html",
        "-o",
        &format!("{}/", out_dir.display()),
        "--clauses",
        PACK,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for kind in ["agreement", "guide", "invitation", "consent"] {
        assert!(out_dir.join(format!("{kind}.html")).is_file(), "{kind}");
    }
    let template = dir.join("R7-{document}.md");
    let out = caucus(&[
        "generate",
        "--document",
        "all",
        "-o",
        p(&template),
        "--clauses",
        PACK,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(dir.join("R7-guide.md").is_file());
    assert!(!dir.join("R7-consent.md").exists(), "no consent by default");

    // A document that the options do not call for is an error that says why.
    let out = caucus(&["generate", "--document", "consent", "--clauses", PACK]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("consent.express_risk_consent"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_custom_pack_s_own_document_is_generated() {
    let out = caucus(&["generate", "--clauses", MINUTES, "--document", "minutes"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "# Minutes of the Mediation on Zoom\n\n## 1. Present\n\nPresent: the Mediator, and for the parties Party A and Party B.\n\n## 2. Recording\n\nNobody recorded the session.\n"
    );

    // Every document of the pack, into a folder.
    let tmp = temp();
    let dir = tmp.path();
    let options = write(
        dir,
        "case.toml",
        "[recording]\npolicy = \"consent-of-all\"\n",
    );
    let out_dir = dir.join("out");
    let target = format!("{}/", out_dir.display());
    let out = caucus(&[
        "generate",
        p(&options),
        "--clauses",
        MINUTES,
        "--document",
        "all",
        "-o",
        &target,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let minutes = std::fs::read_to_string(out_dir.join("minutes.md")).expect("minutes.md");
    assert!(minutes.contains("A recording was made"), "{minutes}");
    assert!(out_dir.join("agreement.md").is_file());

    // An id the pack does not have: the error lists the ones it has.
    let out = caucus(&["generate", "--clauses", MINUTES, "--document", "memo"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "--document memo: the clause pack \"minutes fixture\" has no `memo` document; choose one of: agreement, minutes, or all"
        ),
        "{}",
        stderr(&out)
    );
    let out = caucus(&["generate", "--document", "minutes"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .contains("choose one of: agreement, guide, invitation, consent, checklist, or all"),
        "{}",
        stderr(&out)
    );

    // The listing shows what the folder's pack is made of: not the README, the notes or
    // the hidden draft.
    let listing = stdout(&caucus(&["clauses", "--clauses", MINUTES]));
    assert!(
        listing.contains("minutes: \"Minutes of the Mediation on {{derived.platform_name}}\""),
        "{listing}"
    );
    assert!(listing.contains("2 documents, 4 clauses"), "{listing}");
}

#[test]
fn an_existing_output_is_kept_without_force() {
    let tmp = temp();
    let dir = tmp.path();
    let target = write(dir, "terms.md", "mine\n");
    let out = caucus(&["generate", "-o", p(&target), "--clauses", PACK]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&target).expect("kept"), "mine\n");
    let out = caucus(&["generate", "-o", p(&target), "--force", "--clauses", PACK]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        std::fs::read_to_string(&target)
            .expect("written")
            .starts_with("# Test Terms")
    );
    assert_no_temporaries(dir);
}

#[test]
fn a_malformed_options_file_names_the_line_and_the_field() {
    let tmp = temp();
    let dir = tmp.path();
    let toml = write(
        dir,
        "bad.toml",
        "[case]\nreference = \"R1\"\n\n[[parties]]\nname = \"A\"\n[[parties]]\nname = \"B\"\ncolour = 3\n\n[recording]\npolicy = \"often\"\n",
    );
    let out = caucus(&["generate", p(&toml), "--clauses", PACK]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("caucus: "), "{err}");
    assert!(
        err.contains("bad.toml:8:1: error[unknown-option] parties.1.colour"),
        "{err}"
    );
    assert!(
        err.contains("bad.toml:11:1: error[invalid-choice] recording.policy"),
        "{err}"
    );
    assert!(err.contains("hint: use one of"), "{err}");

    let json = write(
        dir,
        "bad.json",
        "{\n  \"parties\": [{\"name\": \"A\"}, {\"name\": \"B\", \"role\": 5}]\n}\n",
    );
    let err = stderr(&caucus(&["generate", p(&json), "--clauses", PACK]));
    assert!(
        err.contains("bad.json:2:44: error[invalid-value] parties.1.role"),
        "{err}"
    );

    let yaml = write(
        dir,
        "bad.yaml",
        "attendance:\n  disclosure_deadline_hours: soon\n",
    );
    let err = stderr(&caucus(&["generate", p(&yaml), "--clauses", PACK]));
    assert!(
        err.contains("bad.yaml:2:3: error[invalid-value] attendance.disclosure_deadline_hours"),
        "{err}"
    );

    let syntax = write(
        dir,
        "syntax.toml",
        "[case]\nreference = \"R1\nlocale = \"en-GB\"\n",
    );
    let err = stderr(&caucus(&["generate", p(&syntax), "--clauses", PACK]));
    assert!(err.contains("syntax.toml:2:"), "{err}");
    assert!(err.contains("not valid TOML at line 2"), "{err}");
}

#[test]
fn check_prints_diagnostics_only() {
    let tmp = temp();
    let dir = tmp.path();
    let good = write(dir, "good.toml", "[case]\nreference = \"R1\"\n");
    let out = caucus(&["check", p(&good), "--clauses", PACK]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("good.toml: 0 errors"),
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains("# Test Terms"));

    let bad = write(
        dir,
        "bad.toml",
        "[costs]\nallocation = \"stated-shares\"\nshares = [60, 30]\n[recording]\npolicy = 1\n",
    );
    let out = caucus(&["check", p(&bad), "--clauses", PACK]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("bad.toml:5:1: error[invalid-value] recording.policy"));

    let out = caucus(&["check", p(&bad), "--json", "--clauses", PACK]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json[0]["path"], "recording.policy");
    assert_eq!(json[0]["line"], 5);
}

#[test]
fn schema_is_the_json_schema() {
    let out = caucus(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(json["properties"]["recording"].is_object());
    assert!(stdout(&out).contains("\n  \""), "pretty-printed");
}

#[test]
fn clauses_lists_and_validates_a_pack() {
    let out = caucus(&["clauses", "--clauses", PACK]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("recording-prohibited  \"Recording\"  agreement/recording-prohibited.md  when recording.policy = \"prohibited\""), "{text}");
    assert!(
        text.contains("breakout-rooms  when breakout_rooms.enabled = true"),
        "{text}"
    );
    assert!(text.contains(": valid"), "{text}");
}

#[test]
fn a_broken_clause_folder_is_reported_with_file_line_and_column() {
    let tmp = temp();
    let dir = tmp.path();
    let pack = dir.join("pack");
    copy_dir(Path::new(PACK), &pack);
    std::fs::write(
        pack.join("agreement/breakout-rooms.md"),
        "+++\nid = \"breakout-rooms\"\ntitle = \"Breakout rooms\"\ntopic = \"breakout-rooms\"\nrationale = \"x\"\nsources = [\"Test (2026)\"]\n+++\nRooms for {{mediator.nmae}}.\n",
    )
    .expect("write");
    std::fs::remove_file(pack.join("agreement/recording-consent-of-all.md")).expect("remove");
    let out = caucus(&["clauses", "--clauses", p(&pack)]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let prefix = format!("{}/agreement/breakout-rooms.md:8:", pack.display());
    assert!(err.contains(&prefix), "{err}");
    assert!(err.contains("mediator.nmae"), "{err}");
    assert!(
        err.contains("problems found") || err.contains("problem found"),
        "{err}"
    );

    // generate refuses it too, writing nothing.
    let out = caucus(&["generate", "--clauses", p(&pack)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
    assert!(stderr(&out).contains(&prefix));
}

#[test]
fn init_writes_a_commented_file_that_gives_the_defaults() {
    let tmp = temp();
    let dir = tmp.path();
    let path = dir.join("case.toml");
    let out = caucus(&["init", p(&path)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&path).expect("written");
    assert!(
        text.contains("# Whether, and what, anyone may record."),
        "{text}"
    );
    assert!(text.contains("policy = \"prohibited\""), "{text}");
    let out = caucus(&["check", p(&path), "--clauses", PACK]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));

    let out = caucus(&["init", p(&path)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--force"));
    assert_eq!(
        caucus(&["init", p(&path), "--force"]).status.code(),
        Some(0)
    );
    assert_eq!(stdout(&caucus(&["init", "-"])), text);
}

#[test]
fn the_built_in_pack_generates_or_says_it_is_invalid() {
    let out = caucus(&["generate"]);
    match out.status.code() {
        Some(0) => assert!(stdout(&out).starts_with("# "), "{}", stdout(&out)),
        _ => assert!(
            stderr(&out).contains("the built-in clause pack is invalid"),
            "{}",
            stderr(&out)
        ),
    }
    let out = caucus(&["clauses"]);
    match out.status.code() {
        Some(0) => assert!(stdout(&out).contains("agreement: ")),
        _ => assert!(stderr(&out).contains("pack.toml") || stderr(&out).contains(".md:")),
    }
}

#[test]
fn the_host_s_checklist_is_a_document_of_the_built_in_pack() {
    let tmp = temp();
    let options = write(
        tmp.path(),
        "teams.toml",
        "[platform]\nkind = \"microsoft-teams\"\n",
    );
    let out = caucus(&["generate", p(&options), "--document", "checklist"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("# Host's Checklist: Microsoft Teams"),
        "{text}"
    );
    // Each setting by its name on Teams, with where it is.
    assert!(text.contains("**Who can bypass the lobby?**"), "{text}");
    assert!(text.contains("**Copilot**: Off"), "{text}");
    let out = caucus(&[
        "generate",
        p(&options),
        "--document",
        "checklist",
        "--format",
        "docx",
        "-o",
        p(&tmp.path().join("checklist.docx")),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(tmp.path().join("checklist.docx").is_file());
}

/// Writes `text` into `dir/name`.
fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write fixture");
    path
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read fixture").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}
