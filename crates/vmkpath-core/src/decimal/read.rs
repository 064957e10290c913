//! Decimal text to `f64` without core's float parser on the common path: `read(t)` is exactly
//! `t.parse::<f64>().ok()`.
//!
//! Why: core's parser (`dec2flt`: Eisel-Lemire with a table of 128-bit powers of five, 10,416 B
//! that gzip barely shrinks, and a big-decimal fallback) was the largest object in the widget's
//! module (`cargo xtask size`: with it gone, and the strings unmerged, the primary lost 14.6 KB
//! gzipped), and a widget drawing built-in
//! scenarios reads only short numbers: the scenarios' JSON (`2.5`, `16`), a control's speed and
//! its own path data (`412.5`). Those take Clinger's fast path: an integer significand of at most
//! 2^53 and a power of ten of at most 22 are both exact doubles, so one multiplication or
//! division rounds once, correctly (core takes the same path for them). Anything else (more
//! digits, larger exponents, `inf`, a malformed token) goes to `exact::parse` (big integers, no
//! tables), which the split then leaves in the wasm's rest; core's parser is in no build of it.

/// `text` as `str::parse::<f64>` reads it (`None` where that is an error).
pub fn read(text: &str) -> Option<f64> {
    fast(text.as_bytes()).or_else(|| exact(text))
}

#[inline(never)]
fn exact(text: &str) -> Option<f64> {
    super::exact::parse(text)
}

/// `[+-]digits[.digits][(e|E)[+-]digits]` with at least one digit before the exponent, when its
/// value is exactly a significand under 2^53 times a power of ten between 10^-22 and 10^22.
pub(super) fn fast(s: &[u8]) -> Option<f64> {
    let (negative, mut i) = match s.first() {
        Some(b'-') => (true, 1),
        Some(b'+') => (false, 1),
        _ => (false, 0),
    };
    let mut significand: u64 = 0;
    let mut digits = 0;
    let mut scale: i32 = 0;
    let mut point = false;
    while let Some(&c) = s.get(i) {
        match c {
            b'0'..=b'9' => {
                significand = significand
                    .checked_mul(10)?
                    .checked_add(u64::from(c - b'0'))?;
                digits += 1;
                if point {
                    scale -= 1;
                }
            }
            b'.' if !point => point = true,
            _ => break,
        }
        i += 1;
    }
    if digits == 0 {
        return None;
    }
    let (exp, i) = exponent(s, i)?;
    scale = scale.checked_add(i32::try_from(exp).ok()?)?;
    if i != s.len() || significand > 1 << 53 || !(-22..=22).contains(&scale) {
        return None;
    }
    let mut power = 1.0_f64;
    for _ in 0..scale.unsigned_abs() {
        power *= 10.0;
    }
    let magnitude = significand as f64;
    let value = if scale < 0 {
        magnitude / power
    } else {
        magnitude * power
    };
    Some(if negative { -value } else { value })
}

/// The exponent at `s[i..]`, `(e|E)[+-]digits` (0 when there is none), and where it ends;
/// `None` for an `e` without digits. Saturates at 2^40: a decimal's value is 0 or infinite long
/// before that, whatever its digits.
pub(super) fn exponent(s: &[u8], mut i: usize) -> Option<(i64, usize)> {
    if !matches!(s.get(i), Some(b'e' | b'E')) {
        return Some((0, i));
    }
    i += 1;
    let sign = match s.get(i) {
        Some(b'-') => {
            i += 1;
            -1
        }
        Some(b'+') => {
            i += 1;
            1
        }
        _ => 1,
    };
    let start = i;
    let mut e: i64 = 0;
    while let Some(&c @ b'0'..=b'9') = s.get(i) {
        e = (e * 10 + i64::from(c - b'0')).min(1 << 40);
        i += 1;
    }
    (i > start).then_some((sign * e, i))
}

#[cfg(test)]
mod tests {
    use super::{fast, read};
    use proptest::prelude::*;

    fn same(text: &str) {
        let want = text.parse::<f64>().ok();
        let got = read(text);
        assert_eq!(got.map(f64::to_bits), want.map(f64::to_bits), "{text:?}");
    }

    #[test]
    fn reads_as_the_standard_parser() {
        for t in [
            "0",
            "-0",
            "+0",
            "0.0",
            "-0.0",
            "1",
            "16",
            "2.5",
            "0.1",
            "0.3",
            "412.5",
            "-3.25",
            "1.",
            ".5",
            "-.5",
            "1e3",
            "1E-3",
            "2.5e+2",
            "9007199254740992",
            "9007199254740993",
            "123456789012345678901234567890",
            "1e22",
            "1e23",
            "1e-22",
            "1e-23",
            "1.7976931348623157e308",
            "1e309",
            "5e-324",
            "1e-400",
            "inf",
            "-infinity",
            "NaN",
            "",
            "-",
            ".",
            "e5",
            "1e",
            "1e+",
            "1..2",
            "1.2.3",
            "1-2",
            "--1",
            "1 ",
            " 1",
            "0x10",
            "00012.5000",
            "1_000",
            "0.000000000000000000001",
            "4.35",
            "0.25e1",
            "99999999999999999999",
        ] {
            same(t);
        }
    }

    #[test]
    fn short_numbers_take_the_fast_path() {
        for t in ["16", "2.5", "-412.75", "0.1", "1e3", "10.000"] {
            assert!(fast(t.as_bytes()).is_some(), "{t}");
        }
        for t in ["9007199254740993", "1e23", "inf", "1e-23"] {
            assert!(fast(t.as_bytes()).is_none(), "{t}");
        }
    }

    proptest! {
        #[test]
        fn decimals_read_as_the_standard_parser(
            int in "[+-]?[0-9]{0,17}",
            frac in proptest::option::of("[0-9]{0,17}"),
            exp in proptest::option::of("[eE][+-]?[0-9]{1,3}"),
        ) {
            let text = format!("{int}{}{}", frac.map(|f| format!(".{f}")).unwrap_or_default(), exp.unwrap_or_default());
            same(&text);
        }

        #[test]
        fn every_float_written_reads_back(bits in any::<u64>()) {
            let v = f64::from_bits(bits);
            same(&format!("{v}"));
            same(&format!("{v:e}"));
            same(&format!("{v:.3}"));
        }
    }
}
