//! gzip -9 and brotli (quality 11): what a static host sends over the wire. Used by the size
//! budget (`size.rs`), `dist/`'s precompressed files and the server's on-the-fly compression
//! (`serve.rs`), so all three count the same bytes.
//!
//! gzip is GNU gzip itself (`gzip -9 -n`, on every Debian machine), the tool issue 14's figures
//! name: flate2's in-process deflate (miniz_oxide) wrote 0.3-0.5 % more for the wasm (primary
//! 136,166 B against gzip's 135,782, rest 101,817 against 101,353), C zlib 135,935 and 101,375.

use std::io::Write;
use std::process::{Command, Stdio};

/// `gzip -9 -n` of `bytes` (no name or time in the header: the same bytes every build).
pub fn gzip(bytes: &[u8]) -> crate::Result<Vec<u8>> {
    let mut child = Command::new("gzip")
        .args(["-9", "-n", "-c"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("gzip: cannot run `gzip -9` ({e}); it is in Debian's gzip package"))?;
    let mut stdin = child.stdin.take().ok_or("gzip: no stdin")?;
    // Written from a thread: gzip's output pipe would fill while its input is still being written.
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().map_err(|e| format!("gzip: {e}"))?;
    writer
        .join()
        .map_err(|_| "gzip: the writer thread panicked")?
        .map_err(|e| format!("gzip: {e}"))?;
    if !out.status.success() {
        return Err(format!("gzip -9 failed: {}", out.status));
    }
    Ok(out.stdout)
}

/// Brotli at its best quality (11) with a 4 MB window, as `brotli -q 11` does.
pub fn brotli(bytes: &[u8]) -> crate::Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)
        .map_err(|e| format!("brotli: {e}"))?;
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn both_round_trip_and_shrink_text() {
        let text = "vmk0 management 10.0.0.11/24\n".repeat(200).into_bytes();
        let gz = gzip(&text).unwrap();
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, text);
        let br = brotli(&text).unwrap();
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
        assert_eq!(back, text);
        assert!(gz.len() < text.len() / 10 && br.len() < text.len() / 10);
    }
}
