//! Integers read from text, exactly as `str::parse` and `from_str_radix` read them, by one small
//! loop: std compiles its `from_str_radix` once per integer type (`u8`, `u32`, `usize`, `i64`:
//! ~300-600 B of wasm each), where these are one function and a range check.

/// `text` as `from_str_radix(text, radix)` reads an unsigned integer: an optional `+`, then one
/// or more digits of `radix` (2..=16). `None` for anything else, or a value past `T`'s range.
pub fn parse<T: TryFrom<u64>>(text: &str, radix: u32) -> Option<T> {
    let digits = text.strip_prefix('+').unwrap_or(text);
    T::try_from(magnitude(digits, radix)?).ok()
}

/// `text` as `i64::from_str_radix(text, radix)` reads it: an optional `+` or `-`, then one or
/// more digits of `radix`; `None` for anything else or past `i64`'s range.
pub fn signed(text: &str, radix: u32) -> Option<i64> {
    match text.strip_prefix('-') {
        // -9223372036854775808 is in range, +9223372036854775808 is not.
        Some(digits) => {
            let m = magnitude(digits, radix)?;
            (m <= 1 << 63).then(|| (m as i64).wrapping_neg())
        }
        None => i64::try_from(magnitude(text.strip_prefix('+').unwrap_or(text), radix)?).ok(),
    }
}

/// One or more digits of `radix`, nothing else, as a `u64` that did not overflow.
fn magnitude(digits: &str, radix: u32) -> Option<u64> {
    if digits.is_empty() {
        return None;
    }
    let mut value: u64 = 0;
    for c in digits.chars() {
        let d = c.to_digit(radix)?;
        value = value
            .checked_mul(u64::from(radix))?
            .checked_add(u64::from(d))?;
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: &[&str] = &[
        "",
        "+",
        "-",
        "0",
        "+0",
        "-0",
        "7",
        "+7",
        "-7",
        "007",
        "255",
        "256",
        "-1",
        "4294967295",
        "4294967296",
        "18446744073709551615",
        "18446744073709551616",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "1_000",
        " 1",
        "1 ",
        "1.0",
        "1e3",
        "ff",
        "FF",
        "0x1f",
        "++1",
        "+-1",
        "-+1",
        "١",
        "12a",
        "a12",
        "z",
        "99999999999999999999999",
    ];

    #[test]
    fn reads_as_std_reads_for_every_type_and_radix() {
        for text in TEXTS {
            for radix in [2, 8, 10, 16] {
                assert_eq!(
                    parse::<u8>(text, radix),
                    u8::from_str_radix(text, radix).ok(),
                    "{text} {radix}"
                );
                assert_eq!(
                    parse::<u32>(text, radix),
                    u32::from_str_radix(text, radix).ok(),
                    "{text} {radix}"
                );
                assert_eq!(
                    parse::<u64>(text, radix),
                    u64::from_str_radix(text, radix).ok(),
                    "{text} {radix}"
                );
                assert_eq!(
                    parse::<usize>(text, radix),
                    usize::from_str_radix(text, radix).ok(),
                    "{text} {radix}"
                );
                assert_eq!(
                    signed(text, radix),
                    i64::from_str_radix(text, radix).ok(),
                    "{text} {radix}"
                );
            }
            assert_eq!(parse::<u32>(text, 10), text.parse::<u32>().ok(), "{text}");
        }
    }

    #[test]
    fn reads_every_small_number_and_its_neighbours() {
        for n in 0..=70_000u64 {
            let t = n.to_string();
            assert_eq!(parse::<u16>(&t, 10), t.parse::<u16>().ok());
            assert_eq!(signed(&format!("-{t}"), 10), Some(-(n as i64)));
            let h = format!("{n:x}");
            assert_eq!(parse::<u32>(&h, 16), Some(n as u32));
        }
    }
}
