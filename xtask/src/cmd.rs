//! Running external programs as named steps, and finding the repository and its tools.
//!
//! Every command xtask runs goes through [`run`], which prints it as `==> program args`
//! before it starts and, when it fails, returns an error that names the same command line,
//! so the last `==>` line of a failed run and the error message agree.

use std::ffi::OsStr;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, bail};

/// The repository root: the parent of this crate's folder.
pub fn repo_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map_or_else(|| manifest_dir.to_path_buf(), Path::to_path_buf)
}

/// The target folder cargo builds into (honours `CARGO_TARGET_DIR`).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                repo_root().join(dir)
            }
        }
        _ => repo_root().join("target"),
    }
}

/// A command for `program`, run from the repository root, with colours off when the
/// output is not a terminal (CI logs stay readable).
pub fn command(program: impl AsRef<OsStr>) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(repo_root());
    if !std::io::stdout().is_terminal() {
        cmd.env("CARGO_TERM_COLOR", "never");
    }
    cmd
}

/// A `cargo` command using the same cargo that runs xtask.
pub fn cargo() -> Command {
    command(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Runs `cmd` as a step: prints `==> cmd`, inherits stdout and stderr, and fails with an
/// error naming the command when it cannot start or exits unsuccessfully.
pub fn run(cmd: &mut Command) -> Result<()> {
    let line = display(cmd);
    announce(&line);
    let status = cmd
        .status()
        .with_context(|| format!("step `{line}` could not start"))?;
    if !status.success() {
        bail!("step `{line}` failed ({status})");
    }
    Ok(())
}

/// Runs `commands` side by side, each printed as a step first; waits for all of them and
/// fails naming the first that failed.
pub fn run_all(commands: Vec<Command>) -> Result<()> {
    let mut running = Vec::new();
    for mut command in commands {
        let line = display(&command);
        announce(&line);
        let child = command
            .spawn()
            .with_context(|| format!("step `{line}` could not start"))?;
        running.push((line, child));
    }
    let mut failure = None;
    for (line, mut child) in running {
        let status = child
            .wait()
            .with_context(|| format!("step `{line}` could not be waited for"))?;
        if !status.success() && failure.is_none() {
            failure = Some(format!("step `{line}` failed ({status})"));
        }
    }
    match failure {
        Some(message) => bail!(message),
        None => Ok(()),
    }
}

/// Runs `cmd` quietly and returns its standard output, or `None` when the program is
/// missing or fails. Used for probes such as `wasm-bindgen --version`.
pub fn probe(cmd: &mut Command) -> Option<String> {
    let output = cmd
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Prints a step header (`==> what`) and flushes, so it appears before the step's output.
pub fn announce(what: &str) {
    println!("==> {what}");
    // A closed stdout is not worth failing a build over; the step itself still runs.
    let _ = std::io::stdout().flush();
}

/// Prints an indented note: a skipped step, an installed tool already present.
pub fn note(what: &str) {
    println!("    {what}");
    let _ = std::io::stdout().flush();
}

/// The command line of `cmd` as a person would type it from the repository root.
pub fn display(cmd: &Command) -> String {
    let root = repo_root();
    let program = Path::new(cmd.get_program());
    let program = if std::env::var_os("CARGO").is_some_and(|c| Path::new(&c) == program) {
        "cargo".to_owned()
    } else if let Ok(relative) = program.strip_prefix(&root) {
        relative.display().to_string()
    } else if program.is_absolute() && program.starts_with(cargo_home()) {
        program
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    } else {
        program.display().to_string()
    };
    let mut line = program;
    for arg in cmd.get_args() {
        let arg = arg.to_string_lossy();
        let arg = match Path::new(arg.as_ref()).strip_prefix(&root) {
            Ok(relative) if Path::new(arg.as_ref()).is_absolute() => relative.display().to_string(),
            _ => arg.into_owned(),
        };
        line.push(' ');
        let plain = |c: char| c.is_ascii_alphanumeric() || "_./:=@%+,-".contains(c);
        if arg.is_empty() || !arg.chars().all(plain) {
            line.push('\'');
            line.push_str(&arg);
            line.push('\'');
        } else {
            line.push_str(&arg);
        }
    }
    line
}

/// Cargo's home, where `cargo install` puts binaries (`$CARGO_HOME`, else `~/.cargo`).
pub fn cargo_home() -> PathBuf {
    match std::env::var_os("CARGO_HOME") {
        Some(home) if !home.is_empty() => PathBuf::from(home),
        _ => std::env::var_os("HOME").map_or_else(
            || PathBuf::from(".cargo"),
            |h| PathBuf::from(h).join(".cargo"),
        ),
    }
}

/// The first executable called `name` on `PATH`.
pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

/// `1m 05s`, `12.3s`: short enough for a summary line.
pub fn format_duration(duration: Duration) -> String {
    let secs = duration.as_secs_f64();
    if secs < 60.0 {
        format!("{secs:.1}s")
    } else {
        let whole = duration.as_secs();
        format!("{}m {:02}s", whole / 60, whole % 60)
    }
}

/// The members of the cargo workspace, by package name (from `cargo metadata`).
#[derive(Debug)]
pub struct Workspace {
    members: Vec<String>,
}

impl Workspace {
    /// Reads the workspace members without resolving dependencies (no network, fast).
    pub fn load() -> Result<Self> {
        let mut cmd = cargo();
        cmd.args([
            "metadata",
            "--no-deps",
            "--format-version",
            "1",
            "--offline",
        ]);
        let output = cmd
            .stderr(Stdio::inherit())
            .output()
            .with_context(|| format!("`{}` could not start", display(&cmd)))?;
        if !output.status.success() {
            bail!(
                "`{}` failed ({}): fix Cargo.toml first",
                display(&cmd),
                output.status
            );
        }
        let json = String::from_utf8_lossy(&output.stdout);
        Ok(Self {
            members: parse_workspace_members(&json),
        })
    }

    /// Whether a package of that name is a member of the workspace.
    pub fn has(&self, package: &str) -> bool {
        self.members.iter().any(|m| m == package)
    }
}

/// Package names from the `workspace_members` array of `cargo metadata` output, whose
/// entries are package ids such as `path+file:///repo/core#caucus-core@0.1.0` or, when
/// the folder carries the package name, `path+file:///repo/xtask#0.1.0`.
fn parse_workspace_members(json: &str) -> Vec<String> {
    let Some(start) = json.find("\"workspace_members\":[") else {
        return Vec::new();
    };
    let rest = &json[start + "\"workspace_members\":[".len()..];
    let list = rest.split(']').next().unwrap_or_default();
    list.split(',')
        .map(|id| id.trim().trim_matches('"'))
        .filter_map(|id| {
            let (path, fragment) = id.rsplit_once('#')?;
            let name = match fragment.split_once('@') {
                Some((name, _version)) => name,
                None => path.rsplit('/').next()?,
            };
            (!name.is_empty()).then(|| name.to_owned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workspace_members_are_read_from_package_ids() {
        let json = r#"{"packages":[{"name":"not-this"}],"workspace_members":["path+file:///w/main#caucus@0.1.0","path+file:///w/main/core#caucus-core@0.1.0","path+file:///w/main/xtask#0.1.0"],"workspace_default_members":[]}"#;
        assert_eq!(
            parse_workspace_members(json),
            ["caucus", "caucus-core", "xtask"]
        );
    }

    #[test]
    fn missing_member_list_gives_no_members() {
        assert!(parse_workspace_members("{}").is_empty());
    }

    #[test]
    fn durations_are_short() {
        assert_eq!(format_duration(Duration::from_millis(12_340)), "12.3s");
        assert_eq!(format_duration(Duration::from_secs(65)), "1m 05s");
    }
}
