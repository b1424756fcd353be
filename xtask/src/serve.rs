//! `cargo xtask serve`: a small static file server for `web/app/dist`.
//!
//! It listens on 127.0.0.1 only, answers GET and HEAD, one thread per connection, one
//! request per connection (`Connection: close`). Paths are percent-decoded and then
//! checked segment by segment: `..`, dot-files, backslashes and NUL bytes are refused
//! before the file system is touched, and the resolved file must still lie under the
//! served folder after symlinks are followed. It makes no outgoing connection.
//!
//! Text and WebAssembly are sent gzipped to a client that accepts it, and every response
//! carries the strict Content-Security-Policy the app works under ([`CSP`]), so that
//! what is served here is what an institution would serve. The browser tests run
//! against this server (`serve --built`).

use std::collections::HashMap;
use std::fs;
use std::io::{BufWriter, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread;
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};

/// The Content-Security-Policy of every response: only this origin's scripts, styles,
/// images and WebAssembly; no inline script or style, no eval, no request elsewhere,
/// no framing. The app keeps to it: its styles are a file and constructed stylesheets.
pub const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; \
                       style-src 'self'; img-src 'self' data:; connect-src 'self'; \
                       base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The port used when `--port` is not given.
pub const DEFAULT_PORT: u16 = 8080;

/// The longest request head accepted (request line plus headers).
const MAX_HEAD: usize = 16 * 1024;

/// How long a connection may stay silent before it is closed.
const IO_TIMEOUT: Duration = Duration::from_secs(15);

/// Serves `dir` on http://127.0.0.1:`port` until the process is stopped.
pub fn serve(dir: &Path, port: u16) -> Result<()> {
    let listener = TcpListener::bind(("127.0.0.1", port)).with_context(|| {
        format!("cannot listen on 127.0.0.1:{port} (in use?): pass another port with --port N")
    })?;
    let address = listener.local_addr()?;
    warm(dir);
    println!("==> serving {} on http://{address}/", dir.display());
    println!("    press Ctrl-C to stop");
    serve_on(listener, dir)
}

/// Gzips the folder's files before the first request, so that the first page load
/// (and the browser tests' start-up figures) measure the app, not the server.
fn warm(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        if compressible(content_type(&path))
            && let Ok(body) = fs::read(&path)
        {
            let _ = gzipped(&path, &body);
        }
    }
}

/// Accepts connections on `listener` forever, each on its own thread.
pub fn serve_on(listener: TcpListener, dir: &Path) -> Result<()> {
    let root = Arc::new(
        dir.canonicalize()
            .with_context(|| format!("cannot serve {}: it does not exist", dir.display()))?,
    );
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                let root = Arc::clone(&root);
                thread::spawn(move || {
                    if let Err(error) = handle(stream, &root) {
                        eprintln!("    connection error: {error}");
                    }
                });
            }
            Err(error) => eprintln!("    accept failed: {error}"),
        }
    }
    Ok(())
}

/// Why a request gets no file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// 400: not an origin-form path, or bad percent-encoding.
    BadRequest,
    /// 403: a path that tries to leave the served folder or reach a hidden file.
    Forbidden,
    /// 404: no such file.
    NotFound,
}

impl Refusal {
    fn status(self) -> (u16, &'static str) {
        match self {
            Refusal::BadRequest => (400, "Bad Request"),
            Refusal::Forbidden => (403, "Forbidden"),
            Refusal::NotFound => (404, "Not Found"),
        }
    }
}

/// The file that `target` (the request-target of the request line) names under `root`
/// (which must be canonical). A folder means its `index.html`.
pub fn resolve(root: &Path, target: &str) -> Result<PathBuf, Refusal> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/') {
        return Err(Refusal::BadRequest);
    }
    let decoded = percent_decode(path).ok_or(Refusal::BadRequest)?;
    let mut file = root.to_path_buf();
    for segment in decoded.split('/') {
        if segment.is_empty() || segment == "." {
            continue;
        }
        if segment.starts_with('.') || segment.contains(['\\', '\0']) {
            return Err(Refusal::Forbidden);
        }
        file.push(segment);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    let file = file.canonicalize().map_err(|_| Refusal::NotFound)?;
    if !file.starts_with(root) {
        return Err(Refusal::Forbidden);
    }
    if !file.is_file() {
        return Err(Refusal::NotFound);
    }
    Ok(file)
}

/// Decodes `%XX` escapes; `None` when an escape is malformed or the result is not UTF-8.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type for a file, by extension.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json" | "map") => "application/json",
        Some("webmanifest") => "application/manifest+json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("txt" | "md" | "ts") => "text/plain; charset=utf-8",
        Some("toml") => "application/toml",
        Some("pdf") => "application/pdf",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    }
}

fn handle(mut stream: TcpStream, root: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    let Some(head) = read_head(&mut stream)? else {
        return respond_error(&mut stream, 400, "Bad Request", false);
    };
    let gzip = accepts_gzip(&head);
    let mut parts = head.lines().next().unwrap_or_default().split_whitespace();
    let (method, target) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        println!("    {method} {target} -> 405");
        return respond_error(&mut stream, 405, "Method Not Allowed", false);
    }
    match resolve(root, target) {
        Ok(file) => match fs::read(&file) {
            Ok(body) => {
                let kind = content_type(&file);
                let body = if gzip && compressible(kind) {
                    Body::Gzip(gzipped(&file, &body)?)
                } else {
                    Body::Plain(body)
                };
                println!(
                    "    {method} {target} -> 200{}",
                    match body {
                        Body::Gzip(_) => " (gzip)",
                        Body::Plain(_) => "",
                    }
                );
                respond(&mut stream, 200, "OK", kind, &body, head_only)
            }
            Err(_) => {
                println!("    {method} {target} -> 404");
                respond_error(&mut stream, 404, "Not Found", head_only)
            }
        },
        Err(refusal) => {
            let (code, reason) = refusal.status();
            println!("    {method} {target} -> {code}");
            respond_error(&mut stream, code, reason, head_only)
        }
    }
}

/// A response body, as sent.
enum Body {
    Plain(Vec<u8>),
    Gzip(Vec<u8>),
}

impl Body {
    fn bytes(&self) -> &[u8] {
        match self {
            Body::Plain(b) | Body::Gzip(b) => b,
        }
    }
}

/// Whether the request's `Accept-Encoding` accepts gzip (and does not refuse it with
/// `q=0`).
fn accepts_gzip(head: &str) -> bool {
    head.lines().skip(1).any(|line| {
        let Some((name, value)) = line.split_once(':') else {
            return false;
        };
        name.trim().eq_ignore_ascii_case("accept-encoding")
            && value.split(',').any(|coding| {
                let mut parts = coding.split(';').map(str::trim);
                let name = parts.next().unwrap_or_default();
                let refused = parts.any(|p| {
                    p.strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                        .is_some_and(|q| q == 0.0)
                });
                (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
            })
    })
}

/// Whether a file of this type shrinks when gzipped (text and WebAssembly; images and
/// fonts are compressed already).
fn compressible(content_type: &str) -> bool {
    content_type.starts_with("text/")
        || matches!(
            content_type,
            "application/wasm"
                | "application/json"
                | "application/manifest+json"
                | "image/svg+xml"
                | "application/toml"
        )
}

/// `body`, the contents of `file`, gzipped at the highest level (what a production
/// server sends, so that the browser tests measure the real sizes). Each file is
/// compressed once while it is unchanged: at the highest level the 1.7 MB module took
/// about 2 s, which every page load of the app and every browser test paid.
fn gzipped(file: &Path, body: &[u8]) -> std::io::Result<Vec<u8>> {
    /// (file, its modification time and length) → its gzipped contents.
    type Cache = HashMap<PathBuf, (Option<SystemTime>, usize, Vec<u8>)>;
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    let cache = CACHE.get_or_init(Mutex::default);
    let file = &fs::canonicalize(file).unwrap_or_else(|_| file.to_owned());
    let modified = fs::metadata(file).and_then(|m| m.modified()).ok();
    let cached = cache
        .lock()
        .ok()
        .and_then(|c| c.get(file).cloned())
        .filter(|(time, len, _)| modified.is_some() && *time == modified && *len == body.len());
    if let Some((_, _, gz)) = cached {
        return Ok(gz);
    }
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(body)?;
    let gz = encoder.finish()?;
    if let Ok(mut c) = cache.lock() {
        c.insert(file.to_owned(), (modified, body.len(), gz.clone()));
    }
    Ok(gz)
}

/// Reads up to the blank line that ends the request head; `None` when the head is too
/// long, not UTF-8, or the peer closed early.
fn read_head(stream: &mut TcpStream) -> std::io::Result<Option<String>> {
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 1024];
    loop {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        head.extend_from_slice(&buf[..n]);
        if let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") {
            head.truncate(end);
            return Ok(String::from_utf8(head).ok());
        }
        if head.len() > MAX_HEAD {
            return Ok(None);
        }
    }
}

fn respond_error(
    stream: &mut TcpStream,
    code: u16,
    reason: &str,
    head_only: bool,
) -> std::io::Result<()> {
    let body = format!("{code} {reason}\n");
    respond(
        stream,
        code,
        reason,
        "text/plain; charset=utf-8",
        &Body::Plain(body.into_bytes()),
        head_only,
    )
}

fn respond(
    stream: &mut TcpStream,
    code: u16,
    reason: &str,
    content_type: &str,
    body: &Body,
    head_only: bool,
) -> std::io::Result<()> {
    let mut out = BufWriter::new(stream);
    write!(
        out,
        "HTTP/1.1 {code} {reason}\r\n\
         Content-Type: {content_type}\r\n\
         Content-Length: {}\r\n\
         Cache-Control: no-cache\r\n\
         X-Content-Type-Options: nosniff\r\n\
         Content-Security-Policy: {CSP}\r\n\
         Referrer-Policy: no-referrer\r\n\
         Vary: Accept-Encoding\r\n\
         Connection: close\r\n",
        body.bytes().len()
    )?;
    if let Body::Gzip(_) = body {
        out.write_all(b"Content-Encoding: gzip\r\n")?;
    }
    if code == 405 {
        out.write_all(b"Allow: GET, HEAD\r\n")?;
    }
    out.write_all(b"\r\n")?;
    if !head_only {
        out.write_all(body.bytes())?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A served folder with an index, a nested folder, a hidden file, and a secret
    /// beside (not inside) the served folder.
    struct Site {
        base: PathBuf,
        root: PathBuf,
    }

    impl Site {
        fn new(name: &str) -> Site {
            let base =
                std::env::temp_dir().join(format!("xtask-serve-{name}-{}", std::process::id()));
            let _ = fs::remove_dir_all(&base);
            let root = base.join("dist");
            fs::create_dir_all(root.join("sub")).expect("create test folder");
            fs::write(root.join("index.html"), "<h1>home</h1>").expect("write");
            fs::write(root.join("app.js"), "export {}").expect("write");
            fs::write(root.join("app_bg.wasm"), b"\0asm\x01\0\0\0").expect("write");
            fs::write(root.join("a b.txt"), "space").expect("write");
            fs::write(root.join("sub/index.html"), "sub").expect("write");
            fs::write(root.join(".env"), "hidden").expect("write");
            fs::write(base.join("secret.txt"), "secret").expect("write");
            let root = root.canonicalize().expect("canonical root");
            Site { base, root }
        }

        fn resolve(&self, target: &str) -> Result<PathBuf, Refusal> {
            resolve(&self.root, target)
        }
    }

    impl Drop for Site {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.base);
        }
    }

    #[test]
    fn root_and_folders_serve_their_index() {
        let site = Site::new("index");
        assert_eq!(site.resolve("/"), Ok(site.root.join("index.html")));
        assert_eq!(site.resolve("/sub/"), Ok(site.root.join("sub/index.html")));
        assert_eq!(site.resolve("/sub"), Ok(site.root.join("sub/index.html")));
    }

    #[test]
    fn files_are_found_with_queries_fragments_and_escapes() {
        let site = Site::new("files");
        assert_eq!(site.resolve("/app.js?v=3"), Ok(site.root.join("app.js")));
        assert_eq!(site.resolve("/app.js#top"), Ok(site.root.join("app.js")));
        assert_eq!(site.resolve("/a%20b.txt"), Ok(site.root.join("a b.txt")));
        assert_eq!(site.resolve("//app.js"), Ok(site.root.join("app.js")));
        assert_eq!(site.resolve("/./app.js"), Ok(site.root.join("app.js")));
    }

    #[test]
    fn traversal_is_refused_in_every_spelling() {
        let site = Site::new("traversal");
        for target in [
            "/../secret.txt",
            "/sub/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/..%2fsecret.txt",
            "/sub/..%5c..%5csecret.txt",
            "/..\\secret.txt",
            "/.env",
            "/sub/%2e%65nv",
            "/app.js%00.html",
        ] {
            assert_eq!(site.resolve(target), Err(Refusal::Forbidden), "{target}");
        }
    }

    #[test]
    fn malformed_targets_are_bad_requests() {
        let site = Site::new("malformed");
        for target in [
            "",
            "app.js",
            "http://example.com/app.js",
            "/%zz",
            "/%4",
            "/%ff%fe",
        ] {
            assert_eq!(site.resolve(target), Err(Refusal::BadRequest), "{target}");
        }
    }

    #[test]
    fn missing_files_are_not_found() {
        let site = Site::new("missing");
        assert_eq!(site.resolve("/nope.js"), Err(Refusal::NotFound));
        assert_eq!(site.resolve("/sub/nope/"), Err(Refusal::NotFound));
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_folder_are_refused() {
        let site = Site::new("symlink");
        std::os::unix::fs::symlink(site.base.join("secret.txt"), site.root.join("link.txt"))
            .expect("symlink");
        assert_eq!(site.resolve("/link.txt"), Err(Refusal::Forbidden));
    }

    #[test]
    fn content_types_cover_the_app() {
        assert_eq!(content_type(Path::new("x/app_bg.wasm")), "application/wasm");
        assert_eq!(
            content_type(Path::new("app.js")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("element.mjs")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("style.CSS")),
            "text/css; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("LICENSE")),
            "application/octet-stream"
        );
    }

    fn request(address: std::net::SocketAddr, head: &str) -> String {
        let mut stream = TcpStream::connect(address).expect("connect");
        stream.write_all(head.as_bytes()).expect("send");
        let mut response = Vec::new();
        stream.read_to_end(&mut response).expect("receive");
        String::from_utf8_lossy(&response).into_owned()
    }

    #[test]
    fn serves_over_tcp_while_another_connection_is_idle() {
        let site = Site::new("tcp");
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let address = listener.local_addr().expect("address");
        let root = site.root.clone();
        thread::spawn(move || serve_on(listener, &root));

        // A client that connects and says nothing must not hold up the others.
        let _idle = TcpStream::connect(address).expect("connect idle client");

        let wasm = request(address, "GET /app_bg.wasm HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(wasm.starts_with("HTTP/1.1 200 OK\r\n"), "{wasm}");
        assert!(
            wasm.contains("Content-Type: application/wasm\r\n"),
            "{wasm}"
        );
        assert!(wasm.contains("Content-Length: 8\r\n"), "{wasm}");

        let index = request(address, "GET / HTTP/1.1\r\n\r\n");
        assert!(index.ends_with("\r\n\r\n<h1>home</h1>"), "{index}");

        let head = request(address, "HEAD /app.js HTTP/1.1\r\n\r\n");
        assert!(head.contains("Content-Length: 9\r\n"), "{head}");
        assert!(head.ends_with("\r\n\r\n"), "{head}");

        let traversal = request(address, "GET /../secret.txt HTTP/1.1\r\n\r\n");
        assert!(traversal.starts_with("HTTP/1.1 403 "), "{traversal}");

        let csp = format!("Content-Security-Policy: {CSP}\r\n");
        assert!(index.contains(&csp), "{index}");
        assert!(!index.contains("Content-Encoding"), "{index}");

        // Asked for gzip, text and WebAssembly come gzipped and inflate to the file.
        let mut stream = TcpStream::connect(address).expect("connect");
        stream
            .write_all(b"GET /app.js HTTP/1.1\r\nAccept-Encoding: br, gzip;q=0.8\r\n\r\n")
            .expect("send");
        let mut response = Vec::new();
        stream.read_to_end(&mut response).expect("receive");
        let end = response
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a head")
            + 4;
        let head = String::from_utf8_lossy(&response[..end]);
        assert!(head.contains("Content-Encoding: gzip\r\n"), "{head}");
        assert!(head.contains(&csp), "{head}");
        let mut body = String::new();
        flate2::read::GzDecoder::new(&response[end..])
            .read_to_string(&mut body)
            .expect("gzip");
        assert_eq!(body, "export {}");
        let refused = request(
            address,
            "GET /app.js HTTP/1.1\r\nAccept-Encoding: gzip;q=0\r\n\r\n",
        );
        assert!(refused.ends_with("\r\n\r\nexport {}"), "{refused}");

        let post = request(address, "POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        assert!(post.starts_with("HTTP/1.1 405 "), "{post}");
        assert!(post.contains("Allow: GET, HEAD\r\n"), "{post}");
    }
}
