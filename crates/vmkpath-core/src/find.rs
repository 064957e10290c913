//! Substring search for the few short needles vmkpath looks for (`", "`, `"Port Group"`, a host
//! name). std's `str::find(&str)` and everything built on it (`contains`, `replace`,
//! `split_once` with a `&str`) run the Two-Way searcher, about 2 KB of wasm with its reverse
//! variants (issue 14); a plain byte comparison at each position is plenty for text this short.
//! `str::contains(char)` reaches it too, for a char that is not ASCII, so the ASCII chars looked
//! for are looked for as bytes (`text.as_bytes().contains(&b':')`).

/// Where `needle` first occurs in `hay`, in bytes. A match starts and ends on char boundaries:
/// UTF-8 `needle` starts with a leading byte and ends with a whole char.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..=h.len().checked_sub(n.len())?).find(|&i| &h[i..i + n.len()] == n)
}

/// Whether `needle` occurs in `hay`.
pub fn has(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

/// `hay` with every `from` (left to right, not overlapping) as `to`.
pub fn replace(hay: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(hay.len());
    let mut rest = hay;
    while let Some(i) = find(rest, from).filter(|_| !from.is_empty()) {
        out.push_str(&rest[..i]);
        out.push_str(to);
        rest = &rest[i + from.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_as_std_does() {
        for (hay, needle) in [
            ("vmk0, vmk1", ", "),
            ("abc", ""),
            ("", "a"),
            ("ab", "abc"),
            ("Interface  Port Group", "Port Group"),
            ("aaab", "aab"),
            ("héllo wörld", "wö"),
            ("x", "x"),
        ] {
            assert_eq!(find(hay, needle), hay.find(needle), "{hay:?} {needle:?}");
            assert_eq!(has(hay, needle), hay.contains(needle));
        }
    }

    #[test]
    fn replaces_as_std_does() {
        for (hay, from, to) in [
            ("a\r\nb\r\n", "\r\n", "\n"),
            ("esx01 and esx01", "esx01", "esx02"),
            ("aaaa", "aa", "b"),
            ("none here", "xyz", "q"),
            ("", "a", "b"),
        ] {
            assert_eq!(replace(hay, from, to), hay.replace(from, to));
        }
        assert_eq!(replace("abc", "", "-"), "abc");
    }
}
