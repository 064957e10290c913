//! Exact decimal <-> `f64` for the numbers the fast paths leave: `parse(t)` is exactly
//! `t.parse::<f64>().ok()` and `shortest_digits(v)` the digits `{}` of an `f64` writes, for every
//! input, with one small big-integer type and no tables.
//!
//! Why: core's parser (`dec2flt`: Eisel-Lemire with a table of 128-bit powers of five, 10,416 B
//! that gzip barely shrinks, and a big-decimal fallback) and its shortest printer (`flt2dec`'s
//! Grisu with its cached powers of ten, Dragon4 with its bignums) were ~23 KB of the wasm for
//! numbers no built-in scenario has (more than 15 digits, exponents past 22, values past 1e15):
//! a pasted file's `1e300`, a long mantissa. Here both are comparisons of exact integers, slow
//! (up to a few hundred microseconds for a 700-digit mantissa) and small.
//!
//! Both rest on one question, [`compare`]: is the decimal `D * 10^E` below, at or above the
//! binary `H * 2^j`? A decimal reads as the double nearest it (ties to the even mantissa), so it
//! reads as `v` exactly when it lies between the two midpoints around `v` (on them when `v`'s
//! mantissa is even: the tie goes to `v`).

use std::cmp::Ordering;

/// A natural number, 32-bit limbs, least significant first, no zero limbs on top.
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    fn from_u64(n: u64) -> Big {
        let mut b = Big(vec![n as u32, (n >> 32) as u32]);
        b.trim();
        b
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    /// `self * m + add`.
    fn mul_add(&mut self, m: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in self.0.iter_mut() {
            let x = u64::from(*limb) * u64::from(m) + carry;
            *limb = x as u32;
            carry = x >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
        self.trim();
    }

    /// `self * 5^n`, in steps of 5^13 (the largest power of five in a u32).
    fn mul_pow5(&mut self, mut n: u32) {
        while n > 0 {
            let k = n.min(13);
            self.mul_add(5u32.pow(k), 0);
            n -= k;
        }
    }

    /// `self * 2^n`.
    fn shl(&mut self, n: u32) {
        let (limbs, bits) = ((n / 32) as usize, n % 32);
        if bits > 0 {
            let mut carry = 0;
            for limb in self.0.iter_mut() {
                let x = (*limb << bits) | carry;
                carry = *limb >> (32 - bits);
                *limb = x;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        if !self.0.is_empty() {
            self.0.splice(0..0, std::iter::repeat_n(0, limbs));
        }
    }

    fn cmp(&self, other: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }

    /// `self / d` in place, returning the remainder.
    fn div_rem(&mut self, d: u32) -> u32 {
        let mut rem = 0u64;
        for limb in self.0.iter_mut().rev() {
            let x = (rem << 32) | u64::from(*limb);
            *limb = (x / u64::from(d)) as u32;
            rem = x % u64::from(d);
        }
        self.trim();
        rem as u32
    }
}

/// A decimal `significand * 10^exp`, with its digits as ASCII (most significant first, no
/// leading zeros). The significand is worked out once: parsing compares it ~64 times.
struct Decimal {
    digits: Vec<u8>,
    significand: Big,
    exp: i32,
}

impl Decimal {
    fn new(digits: Vec<u8>, exp: i32) -> Decimal {
        let mut significand = Big(Vec::new());
        for d in &digits {
            significand.mul_add(10, u32::from(d - b'0'));
        }
        Decimal {
            digits,
            significand,
            exp,
        }
    }
}

/// `d` against `h * 2^j`.
fn compare(d: &Decimal, h: u64, j: i32) -> Ordering {
    // d * 10^E = d * 5^E * 2^E: both sides times 5^-E when E < 0, then only powers of two left.
    let (mut left, mut right) = (d.significand.clone(), Big::from_u64(h));
    if d.exp >= 0 {
        left.mul_pow5(d.exp.unsigned_abs());
    } else {
        right.mul_pow5(d.exp.unsigned_abs());
    }
    let shift = j - d.exp;
    if shift >= 0 {
        right.shl(shift.unsigned_abs());
    } else {
        left.shl(shift.unsigned_abs());
    }
    left.cmp(&right)
}

/// |v| = m * 2^e exactly, for the finite double with these bits.
fn parts(bits: u64) -> (u64, i32) {
    super::parts(f64::from_bits(bits))
}

/// Whether `d` reads as the positive finite double with these bits.
fn reads_as(d: &Decimal, bits: u64) -> bool {
    let (m, e) = parts(bits);
    // The midpoints: halfway to the next double up is (2m + 1) * 2^(e-1); halfway down, the
    // same a step lower, or a quarter step where the binade's gap halves below m = 2^52.
    // Core's printer takes the quarter step for every m = 2^52, the least normal double too
    // (whose neighbour below is a whole step away), and its digits are the ones to match.
    let up = compare(d, 2 * m + 1, e - 1);
    let down = match m {
        0 => Ordering::Greater,
        m if m == 1 << 52 => compare(d, 4 * m - 1, e - 2),
        m => compare(d, 2 * m - 1, e - 1),
    };
    let even = m % 2 == 0;
    let below_up = up == Ordering::Less || (even && up == Ordering::Equal);
    let above_down = down == Ordering::Greater || (even && down == Ordering::Equal);
    below_up && above_down
}

/// The double nearest `d` (ties to even), as bits: the largest double at or below it, then up
/// one when `d` is past the midpoint.
fn nearest(d: &Decimal) -> u64 {
    const INF: u64 = 0x7ff0_0000_0000_0000;
    let (mut low, mut high) = (0u64, INF);
    // Invariant: value(low) <= d < value(high) (infinity above all).
    while high - low > 1 {
        let mid = low + (high - low) / 2;
        let (m, e) = parts(mid);
        match compare(d, m, e) {
            Ordering::Less => high = mid,
            _ => low = mid,
        }
    }
    let (m, e) = parts(low);
    match compare(d, 2 * m + 1, e - 1) {
        Ordering::Less => low,
        Ordering::Equal if m % 2 == 0 => low,
        // Past MAX's midpoint is infinity (`high` then is INF).
        _ => high,
    }
}

/// `text` as `str::parse::<f64>` reads it (`None` where that is an error): `[+-]`, then `inf`,
/// `infinity` or `nan` in any case, or digits with at most one point and at least one digit,
/// then `e`/`E`, a sign and digits.
pub fn parse(text: &str) -> Option<f64> {
    let s = text.as_bytes();
    let (negative, s) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let magnitude = match s.to_ascii_lowercase().as_slice() {
        b"inf" | b"infinity" => f64::INFINITY,
        b"nan" => f64::NAN,
        _ => f64::from_bits(nearest(&number(s)?)),
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// Significant digits kept: a double's midpoint has at most 767, so a longer mantissa compares
/// with every midpoint as its first 780 digits and a nonzero one after them.
const KEPT: usize = 780;

fn number(s: &[u8]) -> Option<Decimal> {
    let mut digits = Vec::new();
    let (mut exp, mut seen, mut point, mut sticky) = (0i64, false, false, false);
    let mut i = 0;
    while let Some(&c) = s.get(i) {
        match c {
            b'0'..=b'9' => {
                seen = true;
                if c == b'0' && digits.is_empty() {
                    // A leading zero: only its place counts.
                } else if digits.len() < KEPT {
                    digits.push(c);
                } else {
                    sticky |= c != b'0';
                    exp += 1;
                }
                if point {
                    exp -= 1;
                }
            }
            b'.' if !point => point = true,
            _ => break,
        }
        i += 1;
    }
    if !seen {
        return None;
    }
    let (e, i) = super::read::exponent(s, i)?;
    exp += e;
    if i != s.len() {
        return None;
    }
    if sticky {
        digits.push(b'1');
        exp -= 1;
    }
    while digits.last() == Some(&b'0') {
        digits.pop();
        exp += 1;
    }
    // Past these the value is 0 or infinity whatever its digits (below 10^-325 is under half
    // the least double; at or above 10^310, over the largest), and the integers stay small.
    let magnitude = exp + digits.len() as i64;
    if digits.is_empty() || magnitude < -325 {
        return Some(Decimal::new(Vec::new(), 0));
    }
    Some(Decimal::new(digits, exp.min(310) as i32))
}

/// The digits `{}` writes for the positive finite `v` and the place of its point (`0.d1d2… *
/// 10^point`): the fewest significant digits that read back as `v`, the nearer of the two
/// candidates when both do (they are never equally near: Steele and White's shortest, which
/// core's Grisu and Dragon4 print).
pub fn shortest_digits(v: f64) -> (Vec<u8>, i32) {
    let bits = v.to_bits();
    let (digits, point) = expansion(bits);
    for n in 1..=digits.len() {
        let down = Decimal::new(digits[..n].to_vec(), point - n as i32);
        let tail = &digits[n..];
        let up = round_up(&digits[..n], point);
        let down_ok = reads_as(&down, bits);
        let up_ok = !tail.is_empty() && reads_as(&up, bits);
        // Both: the nearer, up from one half on (as core's Dragon4 rounds; an exact half
        // cannot have both read back).
        let chosen = match (down_ok, up_ok) {
            (true, true) if tail[0] >= b'5' => up,
            (true, _) => down,
            (false, true) => up,
            (false, false) => continue,
        };
        let mut digits = chosen.digits;
        let point = chosen.exp + digits.len() as i32;
        while digits.len() > 1 && digits.last() == Some(&b'0') {
            digits.pop();
        }
        return (digits, point);
    }
    (digits, point)
}

/// The first digits plus one in their last place, as a decimal.
fn round_up(first: &[u8], point: i32) -> Decimal {
    let mut digits = first.to_vec();
    let mut exp = point - digits.len() as i32;
    match digits.iter().rposition(|&d| d != b'9') {
        Some(k) => {
            digits[k] += 1;
            digits.truncate(k + 1);
            exp += (first.len() - k - 1) as i32;
        }
        None => {
            exp += digits.len() as i32;
            digits = vec![b'1'];
        }
    }
    Decimal::new(digits, exp)
}

/// Every digit of the positive finite double with these bits, and the place of its point.
fn expansion(bits: u64) -> (Vec<u8>, i32) {
    let (m, e) = parts(bits);
    // m * 2^e = m * 5^-e / 10^-e when e < 0.
    let mut n = Big::from_u64(m);
    if e >= 0 {
        n.shl(e.unsigned_abs());
    } else {
        n.mul_pow5(e.unsigned_abs());
    }
    let mut digits = Vec::new();
    while !n.0.is_empty() {
        let chunk = n.div_rem(1_000_000_000);
        for k in 0..9 {
            digits.push(b'0' + (chunk / 10u32.pow(k) % 10) as u8);
        }
    }
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    digits.reverse();
    let point = digits.len() as i32 + e.min(0);
    let significant = digits.len() - digits.iter().rev().take_while(|&&d| d == b'0').count();
    digits.truncate(significant.max(1));
    (digits, point)
}

#[cfg(test)]
mod tests {
    use super::{parse, shortest_digits};

    fn same(text: &str) {
        let want = text.parse::<f64>().ok().map(f64::to_bits);
        assert_eq!(parse(text).map(f64::to_bits), want, "{text:?}");
    }

    /// A fixed xorshift: the same sequence on every run.
    fn numbers(mut x: u64) -> impl FnMut() -> u64 {
        move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        }
    }

    #[test]
    fn midpoints_and_their_neighbours_read_as_the_standard_parser() {
        // The hardest decimals: exactly halfway between two doubles (ties to even), and the
        // smallest step either side of one, written out in full. (2m + 1) * 2^k is one for
        // every double m * 2^(k+1); u128 holds it exactly for k in -31..=73.
        let mut next = numbers(0x2545_f491_4f6c_dd1d);
        for i in 0..2_000 {
            let r = next();
            let m = (r >> 11) | 1 << 52;
            let k = (r % 105) as i32 - 31;
            let odd = u128::from(2 * m + 1);
            let (digits, point) = match k {
                k if k >= 0 => ((odd << k).to_string(), 0),
                k => (
                    (odd * 5u128.pow(k.unsigned_abs())).to_string(),
                    k.unsigned_abs() as usize,
                ),
            };
            let at = |d: &str| match point {
                0 => d.to_string(),
                p if p >= d.len() => format!("0.{}{d}", "0".repeat(p - d.len())),
                p => format!("{}.{}", &d[..d.len() - p], &d[d.len() - p..]),
            };
            same(&at(&digits));
            // Just above and just below the midpoint: one more digit, then ...01 or a 9 step down.
            same(&format!(
                "{}1",
                at(&digits) + if point == 0 { "." } else { "" }
            ));
            let below = (digits.parse::<u128>().unwrap_or(1) - 1).to_string();
            same(&format!(
                "{}99999",
                at(&below) + if point == 0 { "." } else { "" }
            ));
            // The same value with a long tail of zeros, and past the digits kept (780): the
            // tail's one nonzero digit decides.
            if i % 20 == 0 {
                let long = at(&digits) + if point == 0 { "." } else { "" };
                same(&format!("{long}{}", "0".repeat(900)));
                same(&format!("{long}{}1", "0".repeat(900)));
            }
            same(&format!("{}e-3", digits));
        }
    }

    #[test]
    fn any_digits_and_exponent_read_as_the_standard_parser() {
        let mut next = numbers(0x9e37_79b9_7f4a_7c15);
        for _ in 0..5_000 {
            let r = next();
            let len = 1 + (r % 40) as usize;
            let digits: String = (0..len)
                .map(|i| char::from(b'0' + ((next() >> (i % 8)) % 10) as u8))
                .collect();
            let exp = (next() % 700) as i32 - 350;
            let point = (r >> 8) as usize % (len + 1);
            same(&format!("{digits}e{exp}"));
            same(&format!("-{}.{}E{exp}", &digits[..point], &digits[point..]));
        }
        for t in [
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791",
            "9007199254740993",
            "0.1",
            "1e-400",
            "1e400",
            "1e99999999999999999999",
            "1e-99999999999999999999",
            "0e999999",
            "-0.0",
            "+inf",
            "-Infinity",
            "INFINITY",
            "nan",
            "-NaN",
            "infinit",
            "nan1",
            "",
            "+",
            ".",
            "1e",
            "1e+",
            "e5",
            ".e5",
            "1.e5",
            ".5e-5",
            "1..",
            " 1",
            "1 ",
        ] {
            same(t);
        }
    }

    #[test]
    fn shortest_digits_are_the_printers() {
        // `{:e}` prints exactly the shortest digits too, with the place of the point.
        let check = |v: f64| {
            let (digits, point) = shortest_digits(v);
            let want = format!("{v:e}");
            let (mantissa, exp) = want.split_once('e').unwrap_or((&want, "0"));
            let want_digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
            let want_point = exp.parse::<i32>().unwrap_or(0) + 1;
            assert_eq!(
                (String::from_utf8(digits).unwrap_or_default(), point),
                (want_digits, want_point),
                "{v:e} ({:#x})",
                v.to_bits()
            );
        };
        let mut next = numbers(0x1234_5678_9abc_def1);
        for _ in 0..20_000 {
            let v = f64::from_bits(next() & 0x7fff_ffff_ffff_ffff);
            if v.is_finite() && v > 0.0 {
                check(v);
            }
        }
        // Powers of two (an uneven gap below), the least normal and subnormal, the largest.
        let mut p = f64::MIN_POSITIVE;
        while p.is_finite() {
            check(p);
            check(f64::from_bits(p.to_bits() - 1));
            check(f64::from_bits(p.to_bits() + 1));
            p *= 2.0;
        }
        for v in [
            5e-324,
            1e-323,
            f64::MIN_POSITIVE,
            f64::MAX,
            1e23,
            9007199254740993.0,
        ] {
            check(v);
        }
    }
}
