//! A minimal zip writer for the WordPress plugin's zip (stored entries, no compression): the
//! format WordPress's plugin upload reads (ZipArchive or its bundled PclZip), with no tool or
//! crate to install. Entries are written in the order given with a fixed timestamp, so the same
//! files give the same bytes.

/// CRC-32 (IEEE 802.3, reflected), as zip requires.
fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, slot) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *slot = c;
    }
    !data.iter().fold(!0u32, |c, &b| {
        table[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8)
    })
}

/// 1 January 2026, 00:00, in MS-DOS date and time.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = ((2026 - 1980) << 9) | (1 << 5) | 1;

/// The zip archive of `entries` (path inside the archive with `/` separators, contents).
pub fn write(entries: &[(String, Vec<u8>)]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let (size, offset, name_len) = (
            u32::try_from(data.len()).map_err(|_| format!("{name}: too big for zip"))?,
            u32::try_from(out.len()).map_err(|_| "zip over 4 GiB".to_string())?,
            u16::try_from(name.len()).map_err(|_| format!("{name}: name too long"))?,
        );
        let crc = crc32(data);
        // Local file header: version 1.0, no flags, stored.
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        for v in [10u16, 0, 0, DOS_TIME, DOS_DATE] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc, size, size] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        // Central directory entry: made by Unix (3), regular file 0644.
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        for v in [0x031Eu16, 10, 0, 0, DOS_TIME, DOS_DATE] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc, size, size] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        for v in [name_len, 0, 0, 0, 0] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        central.extend_from_slice(&(0o100644u32 << 16).to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let count = u16::try_from(entries.len()).map_err(|_| "too many zip entries".to_string())?;
    let (central_len, central_at) = (
        u32::try_from(central.len()).map_err(|_| "zip directory too big".to_string())?,
        u32::try_from(out.len()).map_err(|_| "zip over 4 GiB".to_string())?,
    );
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for v in [0u16, 0, count, count] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&central_len.to_le_bytes());
    out.extend_from_slice(&central_at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn crc32_of_the_check_string() {
        // The standard check value of CRC-32/ISO-HDLC.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn unzip_reads_it_back() {
        let entries = vec![
            ("a/b.txt".to_string(), b"hello".to_vec()),
            ("a/c.bin".to_string(), vec![0, 1, 2, 255]),
        ];
        let bytes = write(&entries).unwrap();
        let dir = std::env::temp_dir().join(format!("xtask-zip-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("t.zip");
        std::fs::write(&file, &bytes).unwrap();
        // Python's zipfile checks the CRCs on read (testzip); Debian's python3 is on this kind
        // of machine.
        let out = std::process::Command::new("python3")
            .args([
                "-c",
                "import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(','.join(n+'='+z.read(n).hex() for n in z.namelist()))",
            ])
            .arg(&file)
            .output()
            .expect("python3 reads the zip");
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            "a/b.txt=68656c6c6f,a/c.bin=000102ff"
        );
    }
}
