//! gzip -9 and brotli (quality 11), in process: what a static host sends over the wire. Used by
//! the size budget (`size.rs`), `dist/`'s precompressed files and the server's on-the-fly
//! compression (`serve.rs`), so all three count the same bytes.

use std::io::Write;

/// gzip at level 9, as `gzip -9` does.
pub fn gzip(bytes: &[u8]) -> crate::Result<Vec<u8>> {
    let mut out = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    out.write_all(bytes)
        .and_then(|()| out.finish())
        .map_err(|e| format!("gzip: {e}"))
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
