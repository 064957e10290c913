//! A small static file server for `www/` (and `dist/`): GET/HEAD only, the right MIME types
//! (application/wasm above all), loopback only. Real enough to show that the widget needs
//! nothing but static hosting. Compressed as a real static host does: a precompressed `.br` or
//! `.gz` beside the file when the request's `Accept-Encoding` allows it (`dist/` has them), else
//! gzip -9 made on the fly for text and wasm (cached per file), with `Vary: Accept-Encoding`.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "png" => "image/png",
        "toml" | "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Serve `root` on `addr` until the process ends.
pub fn serve(root: &Path, addr: &str) -> crate::Result {
    let listener = TcpListener::bind(addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    eprintln!(
        "serving {} on http://{addr}/ (Ctrl-C to stop)",
        root.display()
    );
    for stream in listener.incoming().flatten() {
        let root = root.to_path_buf();
        std::thread::spawn(move || {
            let _ = handle(stream, &root);
        });
    }
    Ok(())
}

fn handle(mut stream: TcpStream, root: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    // Only Accept-Encoding changes the answer.
    let mut accepts = String::new();
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("accept-encoding") {
                accepts = value.trim().to_ascii_lowercase();
            }
        }
        line.clear();
    }
    let mut parts = request.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"method not allowed",
            true,
        );
    }
    match resolve(root, target) {
        Some(path) => match encoded(&path, &accepts) {
            Ok((body, encoding)) => respond(
                &mut stream,
                "200 OK",
                &with_encoding(content_type(&path), encoding),
                &body,
                method == "GET",
            ),
            Err(_) => respond(
                &mut stream,
                "404 Not Found",
                "text/plain",
                b"not found",
                true,
            ),
        },
        None => respond(
            &mut stream,
            "404 Not Found",
            "text/plain",
            b"not found",
            true,
        ),
    }
}

/// The body to send for `path` and its content coding (None: as stored).
fn encoded(path: &Path, accepts: &str) -> std::io::Result<(Vec<u8>, Option<&'static str>)> {
    let stored = |ext: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(ext);
        PathBuf::from(name)
    };
    for (coding, ext) in [("br", ".br"), ("gzip", ".gz")] {
        let file = stored(ext);
        if accepts_coding(accepts, coding) && fresh(&file, path) {
            return Ok((std::fs::read(file)?, Some(coding)));
        }
    }
    let body = std::fs::read(path)?;
    if accepts_coding(accepts, "gzip") && compressible(path) {
        return Ok((gzip_cached(path, body)?, Some("gzip")));
    }
    Ok((body, None))
}

/// Whether an `Accept-Encoding` value allows `coding` (a q of 0 refuses it).
pub fn accepts_coding(accepts: &str, coding: &str) -> bool {
    accepts.split(',').any(|item| {
        let mut parts = item.split(';').map(str::trim);
        let name = parts.next().unwrap_or("");
        let refused = parts.any(|p| {
            p.strip_prefix("q=")
                .and_then(|q| q.parse::<f32>().ok())
                .is_some_and(|q| q <= 0.0)
        });
        (name == coding || name == "*") && !refused
    })
}

/// A precompressed file counts when it is at least as new as the file it was made from.
fn fresh(compressed: &Path, original: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(compressed), modified(original)) {
        (Some(c), Some(o)) => c >= o,
        _ => false,
    }
}

fn compressible(path: &Path) -> bool {
    let kind = content_type(path);
    kind.starts_with("text/")
        || kind.ends_with("wasm")
        || kind.ends_with("json")
        || kind.ends_with("svg+xml")
}

type GzipCache = std::collections::HashMap<PathBuf, (std::time::SystemTime, Vec<u8>)>;
static GZIP_CACHE: std::sync::Mutex<Option<GzipCache>> = std::sync::Mutex::new(None);

/// gzip -9 of a file, made once per version of it (the wasm takes ~0.1 s).
fn gzip_cached(path: &Path, body: Vec<u8>) -> std::io::Result<Vec<u8>> {
    let modified = std::fs::metadata(path)?.modified()?;
    let mut cache = GZIP_CACHE.lock().unwrap_or_else(|e| e.into_inner());
    let cache = cache.get_or_insert_with(Default::default);
    if let Some((at, gz)) = cache.get(path) {
        if *at == modified {
            return Ok(gz.clone());
        }
    }
    let gz = crate::compress::gzip(&body).map_err(std::io::Error::other)?;
    cache.insert(path.to_path_buf(), (modified, gz.clone()));
    Ok(gz)
}

fn with_encoding(kind: &str, encoding: Option<&str>) -> String {
    match encoding {
        Some(coding) => format!("{kind}\r\nContent-Encoding: {coding}"),
        None => kind.to_string(),
    }
}

/// Map a request target to a file under `root`; `None` for anything that escapes it.
fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut out = root.to_path_buf();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        if segment == ".." || segment.contains('\\') || segment.starts_with('.') {
            return None;
        }
        out.push(segment.replace("%20", " "));
    }
    if out.is_dir() {
        out.push("index.html");
    }
    out.is_file().then_some(out)
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    kind: &str,
    body: &[u8],
    with_body: bool,
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nVary: Accept-Encoding\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if with_body {
        stream.write_all(body)?;
    }
    stream.flush()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::io::Read;

    /// One request to a server on a free port; the response's headers (lower-case) and body.
    fn get(root: &Path, file: &str, accepts: &str) -> (String, Vec<u8>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let root = root.to_path_buf();
        let server = std::thread::spawn(move || {
            let (stream, _) = listener.accept().unwrap();
            handle(stream, &root).unwrap();
        });
        let mut client = TcpStream::connect(addr).unwrap();
        let request =
            format!("GET /{file} HTTP/1.1\r\nHost: x\r\nAccept-Encoding: {accepts}\r\n\r\n");
        client.write_all(request.as_bytes()).unwrap();
        let mut response = Vec::new();
        client.read_to_end(&mut response).unwrap();
        server.join().unwrap();
        let split = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8_lossy(&response[..split]).to_ascii_lowercase();
        (head, response[split + 4..].to_vec())
    }

    fn gunzip(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn serves_precompressed_files_by_accept_encoding_and_gzips_the_rest() {
        let dir = std::env::temp_dir().join(format!("vmkpath-serve-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let js = "export const hosts = ['esx-a', 'esx-b'];\n".repeat(50);
        std::fs::write(dir.join("a.js"), &js).unwrap();
        crate::dist::precompress(&dir).unwrap();
        std::fs::write(dir.join("b.css"), "p { margin: 0 }\n".repeat(50)).unwrap();

        let (head, body) = get(&dir, "a.js", "gzip, deflate, br");
        assert!(head.contains("content-encoding: br"), "{head}");
        assert!(head.contains("content-type: text/javascript"), "{head}");
        let mut plain = Vec::new();
        brotli::BrotliDecompress(&mut &body[..], &mut plain).unwrap();
        assert_eq!(plain, js.as_bytes());

        let (head, body) = get(&dir, "a.js", "gzip;q=1.0, br;q=0");
        assert!(head.contains("content-encoding: gzip"), "{head}");
        assert_eq!(gunzip(&body), js.as_bytes());

        let (head, body) = get(&dir, "a.js", "identity");
        assert!(!head.contains("content-encoding"), "{head}");
        assert_eq!(body, js.as_bytes());
        assert!(head.contains("vary: accept-encoding"), "{head}");

        // No precompressed file: gzip -9 on the fly.
        let (head, body) = get(&dir, "b.css", "br, gzip");
        assert!(head.contains("content-encoding: gzip"), "{head}");
        assert_eq!(gunzip(&body), "p { margin: 0 }\n".repeat(50).as_bytes());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn reads_accept_encoding_like_a_host() {
        assert!(accepts_coding("gzip, deflate, br, zstd", "br"));
        assert!(accepts_coding("*", "gzip"));
        assert!(!accepts_coding("gzip;q=0", "gzip"));
        assert!(!accepts_coding("", "gzip"));
        assert!(!accepts_coding("gzipx", "gzip"));
    }
}
