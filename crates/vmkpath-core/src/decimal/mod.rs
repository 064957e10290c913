//! Floats as fixed-point decimal text without core's exact float formatter: `fixed(v, 1)` is
//! exactly the text of `format!("{v:.1}")`, worked out with decimal digits as small integers.
//!
//! Why: `{:.N}` runs core's exact float printing (`flt2dec`'s Grisu `format_exact` with its
//! Dragon4 fallback, bignums: ~7 KB of code) for a few messages ("at about 120 MB/s",
//! "4.0 GiB") and one CSS scale the widget writes; with this, a widget drawing built-in
//! scenarios never calls it, so the split leaves it in the wasm's rest. `shortest` does the same
//! for `{}` of an f64 (core's shortest printer), from `fixed`; drawing coordinates have their
//! own faster writer, `scene::geometry::num`. Slow next to Grisu (microseconds a number), which
//! is nothing at the few numbers a message has.

mod exact;
mod read;
pub use read::read;

/// `v` as `v.to_string()` (`{}`) writes it: the shortest digits that read back as `v`, in plain
/// notation. Why: `{}` of an f64 runs core's shortest printer (`flt2dec`'s Grisu with its table
/// of cached powers of ten, ~4 KB), and the widget wrote only a link speed (`2.5`, `10`) with it.
/// Worked out as the fewest decimals `n` whose text reads back exactly: the `n`-decimal text
/// nearest `v` (`fixed(v, n)`) reads back when any text of `n` decimals does, and it is the
/// shortest printer's, which is the nearest too, but for a tie (`v` exactly halfway between two:
/// `fixed` rounds it to even, the printer up, away from zero). Checked by the fast path alone
/// (`read::fast`: up to 15 digits), so a number needing more, or one outside 1e-5..1e15, goes
/// to `exact::shortest_digits` (big integers, no tables) in a cold function the split leaves
/// in the wasm's rest: core's printer is in no build of the wasm.
pub fn shortest(v: f64) -> String {
    let a = v.abs();
    if a == 0.0 || (1e-5..1e15).contains(&a) {
        let mut here = fixed(v, 0);
        for n in 0..=20 {
            let longer = fixed(v, n + 1);
            let text = match longer.ends_with('5') && exact_at(v, n + 1) {
                true => away(&longer),
                false => here,
            };
            match read::fast(text.as_bytes()) {
                Some(back) if back == v => return text,
                Some(_) => here = longer,
                None => break,
            }
        }
    }
    crate::error::cold(|| plain(v))
}

/// `{}` of any `f64`, from its shortest digits: `NaN`, `inf`, `-0`, `0.00012`, `1e300` as a 1
/// and 300 zeros.
fn plain(v: f64) -> String {
    let sign = if v.is_sign_negative() && !v.is_nan() {
        "-"
    } else {
        ""
    };
    if v.is_nan() || v.is_infinite() || v == 0.0 {
        let word = match v {
            v if v.is_nan() => "NaN",
            v if v.is_infinite() => "inf",
            _ => "0",
        };
        return format!("{sign}{word}");
    }
    let (digits, point) = exact::shortest_digits(v.abs());
    let digits = String::from_utf8(digits).unwrap_or_default();
    let n = digits.len() as i32;
    let zeros = |k: i32| "0".repeat(k.max(0) as usize);
    match point {
        p if p <= 0 => format!("{sign}0.{}{digits}", zeros(-p)),
        p if p >= n => format!("{sign}{digits}{}", zeros(p - n)),
        p => format!("{sign}{}.{}", &digits[..p as usize], &digits[p as usize..]),
    }
}

/// `v` with `decimals` digits after the point, rounded as `format!("{v:.decimals$}")` rounds:
/// the exact binary value, ties to even; `-` for every negative value and -0 ("-0.0"), and
/// `NaN`, `inf`, `-inf` for the values that are not finite.
pub fn fixed(v: f64, decimals: usize) -> String {
    if v.is_nan() {
        return "NaN".to_string();
    }
    let mut out = String::new();
    if v.is_sign_negative() {
        out.push('-');
    }
    if v.is_infinite() {
        out.push_str("inf");
        return out;
    }
    let (mantissa, exp) = parts(v);
    // |v| * 10^decimals as decimal digits, least significant first, then times 2^exp in steps
    // of at most STEP bits.
    let mut digits = vec![0u32; decimals];
    let mut m = mantissa;
    while m > 0 {
        digits.push((m % 10) as u32);
        m /= 10;
    }
    let mut left = exp.unsigned_abs();
    // When dividing: whether the bits shifted out were a half, more than a half, or less.
    let (mut half, mut below) = (false, false);
    while left > 0 {
        let k = left.min(STEP);
        left -= k;
        if exp > 0 {
            times(&mut digits, 1 << k);
        } else {
            let rest = shift_right(&mut digits, k);
            let top = 1 << (k - 1);
            below |= half || rest & (top - 1) != 0;
            half = rest & top != 0;
        }
    }
    if half && (below || digits.first().is_some_and(|d| d % 2 == 1)) {
        increment(&mut digits);
    }
    while digits.len() > decimals + 1 && digits.last() == Some(&0) {
        digits.pop();
    }
    digits.resize(digits.len().max(decimals + 1), 0);
    for (i, d) in digits.iter().enumerate().rev() {
        out.push(char::from(b'0' + *d as u8));
        if i == decimals && i > 0 {
            out.push('.');
        }
    }
    out
}

/// Whether `v` has at most `decimals` decimals (`v * 10^decimals` is an integer): with
/// |v| = m * 2^e, whether m * 2^(decimals + e) is.
fn exact_at(v: f64, decimals: usize) -> bool {
    let (m, e) = parts(v);
    m == 0 || e + decimals as i32 + m.trailing_zeros() as i32 >= 0
}

/// A tie's text (`d…d5`, exact) with its last digit dropped, rounded away from zero.
fn away(tie: &str) -> String {
    let mut digits: Vec<u8> = tie.as_bytes()[..tie.len() - 1].to_vec();
    if digits.last() == Some(&b'.') {
        digits.pop();
    }
    for j in (0..digits.len()).rev() {
        match digits[j] {
            b'9' => digits[j] = b'0',
            b'.' => {}
            b'-' => {
                // Every digit carried (`-9.95` -> `-10.0`): a new leading 1, after the sign.
                digits.insert(j + 1, b'1');
                return String::from_utf8(digits).unwrap_or_default();
            }
            d => {
                digits[j] = d + 1;
                return String::from_utf8(digits).unwrap_or_default();
            }
        }
    }
    digits.insert(0, b'1');
    String::from_utf8(digits).unwrap_or_default()
}

/// |v| = mantissa * 2^exp exactly.
fn parts(v: f64) -> (u64, i32) {
    let bits = v.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    match biased {
        0 => (fraction, -1074),
        _ => (fraction | 1 << 52, biased - 1075),
    }
}

/// Bits shifted per pass: a digit times 2^STEP plus a carry stays well inside a u32.
const STEP: u32 = 24;

/// Times `factor` (at most 2^STEP).
fn times(digits: &mut Vec<u32>, factor: u32) {
    let mut carry = 0;
    for d in digits.iter_mut() {
        let x = *d * factor + carry;
        *d = x % 10;
        carry = x / 10;
    }
    while carry > 0 {
        digits.push(carry % 10);
        carry /= 10;
    }
}

/// Divided by 2^k; returns the remainder (the k bits shifted out).
fn shift_right(digits: &mut Vec<u32>, k: u32) -> u32 {
    let mut carry = 0;
    for d in digits.iter_mut().rev() {
        let x = carry * 10 + *d;
        *d = x >> k;
        carry = x & ((1 << k) - 1);
    }
    while digits.last() == Some(&0) {
        digits.pop();
    }
    carry
}

fn increment(digits: &mut Vec<u32>) {
    for d in digits.iter_mut() {
        if *d < 9 {
            *d += 1;
            return;
        }
        *d = 0;
    }
    digits.push(1);
}

#[cfg(test)]
mod tests {
    use super::{fixed, shortest};

    #[test]
    fn shortest_is_the_float_formatters_text() {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            // xorshift64*: a fixed sequence, the same on every run.
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            state.wrapping_mul(0x2545_f491_4f6c_dd1d)
        };
        let mut checked = 0;
        for _ in 0..60_000 {
            let bits = next();
            // Every bit pattern, and one with a random exponent near the widget's numbers.
            let near =
                f64::from_bits((bits & 0x800f_ffff_ffff_ffff) | ((0x3e0 + bits % 0x80) << 52));
            for v in [f64::from_bits(bits), near, (bits % 100_000) as f64 / 100.0] {
                assert_eq!(shortest(v), v.to_string(), "{v:e} ({:#x})", v.to_bits());
                checked += 1;
            }
        }
        for v in [
            0.0,
            -0.0,
            2.5,
            10.0,
            0.1,
            0.3,
            0.1 + 0.2,
            1e-5,
            9.99e-6,
            1e15,
            1e15 - 0.5,
            25.0,
            f64::NAN,
            f64::INFINITY,
            -f64::INFINITY,
            f64::MAX,
            5e-324,
        ] {
            assert_eq!(shortest(v), v.to_string(), "{v:e}");
        }
        assert_eq!(checked, 180_000);
    }

    fn same(v: f64) {
        for decimals in 0..=6 {
            assert_eq!(
                fixed(v, decimals),
                format!("{v:.decimals$}"),
                "{v:e} to {decimals} decimals"
            );
        }
    }

    #[test]
    fn the_same_text_as_the_float_formatter() {
        for v in [
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            -0.5,
            -2.5,
            0.25,
            0.125,
            0.375,
            -0.3,
            0.05,
            0.15,
            0.35,
            9.5,
            99.95,
            999.9999999,
            1e-7,
            -1e-7,
            5e-324,
            -5e-324,
            2.2250738585072014e-308,
            f64::MIN_POSITIVE / 3.0,
            1e15,
            1e16 + 2.0,
            9007199254740993.0,
            123456789012345680000.0,
            1e22,
            1e23,
            1.7976931348623157e308,
            -1.7976931348623157e308,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            same(v);
        }
    }

    #[test]
    fn the_same_text_over_a_sweep() {
        // Ties of every kind (k/2, k/4, ... k/64 are exact), rates and ratios as the widget has them.
        for i in -5000..5000 {
            let i = f64::from(i);
            same(i / 64.0);
            same(i * 0.0371);
            same(i * 12_345.678_9);
            same(i / 7.0);
            same(i * 1e9 / 3.0);
            same(1.0 / (i + 0.5));
            same(562_949_953_421_312.0 + i / 4.0);
        }
        // Every power of two and of ten the format can hold.
        let mut p = 1.0f64;
        while p.is_finite() {
            same(p);
            same(-p * 3.0);
            p *= 2.0;
        }
        let mut p = 1.0f64;
        while p > 0.0 {
            same(p);
            p /= 2.0;
        }
        for e in -320..=308 {
            same(format!("1e{e}").parse().unwrap_or(0.0));
            same(format!("4.35e{e}").parse().unwrap_or(0.0));
        }
    }

    #[test]
    fn the_same_text_for_random_bits() {
        // A fixed xorshift: arbitrary doubles of every exponent.
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..5_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            same(f64::from_bits(x));
            // and values of everyday size
            same(f64::from_bits(x >> 12 | 0x4000_0000_0000_0000) - 3.0);
        }
    }
}
