//! Floats as fixed-point decimal text without core's exact float formatter: `fixed(v, 1)` is
//! exactly the text of `format!("{v:.1}")`, worked out with decimal digits as small integers.
//!
//! Why: `{:.N}` runs core's exact float printing (`flt2dec`'s Grisu `format_exact` with its
//! Dragon4 fallback, bignums: ~7 KB of code) for a few messages ("at about 120 MB/s",
//! "4.0 GiB") and one CSS scale the widget writes; with this, a widget drawing built-in
//! scenarios never calls it, so the split leaves it in the wasm's rest. (The shortest float
//! text, `{}` of an f64, is a different path the widget still runs; drawing coordinates have
//! their own faster writer, `scene::geometry::num`.) Slow next to Grisu (microseconds a
//! number), which is nothing at the few numbers a message has.

mod read;
pub use read::read;

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
    use super::fixed;

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
