//! Which functions the primary keeps besides the profile's (issue 14): those that the reading
//! profile never called but that gzip far smaller beside their twins in the primary than among
//! the rest's functions.
//!
//! Each part is gzipped on its own, and gzip only finds repeats it has seen. A function whose
//! like (another instance of the same generic code, an export wrapper of the same shape) sits
//! in the primary costs nearly nothing there and its full price in the rest. For each function
//! the profile leaves to the rest, the three functions most like it in each part (likeness.rs's
//! measure: shared distinct 4-byte strings) are tried as the text before it, and the cheapest
//! of each part taken as its cost there (bytes added to a raw deflate of the twin). A function
//! that costs at least `GAIN` bytes less in the primary, and at most half, stays in it.
//!
//! Measured (`cargo xtask build`, both parts gzip -9, against 239,260 with the profile alone):
//! GAIN 40, half: 12 functions, 238,553 (primary +104); GAIN 10, half: 38, 238,527 (+639);
//! GAIN 10, a third: 21, 238,725. Without the "at most half", GAIN 20 kept 42 functions, big ones
//! among them (a 12 KB trace builder saving 20 B), and the primary grew 17 KB: 239,142.

use crate::Result;
use flate2::write::DeflateEncoder;
use flate2::Compression;
use std::collections::HashMap;
use std::io::Write;

/// Keep a function when the primary's twins save at least this many bytes of deflate.
const GAIN: usize = 40;
const GRAM: usize = 4;
/// A 4-byte string in more functions than this says nothing about likeness.
const COMMON: usize = 300;
/// Twins tried in each part.
const TRIED: usize = 3;
/// gzip's window: no more of a twin than this can help.
const WINDOW: usize = 32 * 1024;

/// The defined functions to keep in the primary: those the profile called, and the twins'.
/// `called[f]`: the profile called function `f`; `bodies[f]`: its code.
pub fn keep(bodies: &[&[u8]], called: &[bool]) -> Vec<usize> {
    let grams: Vec<Vec<u32>> = bodies.iter().map(|b| distinct_grams(b)).collect();
    let mut holders: HashMap<u32, Vec<usize>> = HashMap::new();
    for (f, gs) in grams.iter().enumerate() {
        for g in gs {
            holders.entry(*g).or_default().push(f);
        }
    }
    let mut alone: HashMap<usize, usize> = HashMap::new();
    let mut deflated = |f: usize| {
        *alone
            .entry(f)
            .or_insert_with(|| deflate(&[tail(bodies[f])]))
    };
    let mut keep: Vec<usize> = (0..bodies.len()).filter(|f| called[*f]).collect();
    for f in (0..bodies.len()).filter(|f| !called[*f]) {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for g in &grams[f] {
            let fs = &holders[g];
            if fs.len() <= COMMON {
                for &o in fs.iter().filter(|o| **o != f) {
                    *shared.entry(o).or_default() += 1;
                }
            }
        }
        let mut likes: Vec<(usize, usize)> = shared.into_iter().collect();
        likes.sort_by_key(|(o, n)| (std::cmp::Reverse(*n), *o));
        let cost = |in_primary: bool, deflated: &mut dyn FnMut(usize) -> usize| {
            let twins = likes.iter().filter(|(o, _)| called[*o] == in_primary);
            let costs = twins
                .take(TRIED)
                .map(|(o, _)| deflate(&[tail(bodies[*o]), bodies[f]]).saturating_sub(deflated(*o)));
            costs.min().unwrap_or_else(|| deflate(&[bodies[f]]))
        };
        let (in_rest, in_primary) = (cost(false, &mut deflated), cost(true, &mut deflated));
        if in_rest >= in_primary + GAIN && in_rest >= 2 * in_primary {
            keep.push(f);
        }
    }
    keep.sort_unstable();
    keep
}

/// The part of a twin that gzip can still see from the next function.
fn tail(body: &[u8]) -> &[u8] {
    &body[body.len().saturating_sub(WINDOW)..]
}

fn deflate(parts: &[&[u8]]) -> usize {
    let mut e = DeflateEncoder::new(Vec::new(), Compression::best());
    for p in parts {
        // Writing to a Vec cannot fail.
        let _ = e.write_all(p);
    }
    e.finish().map_or(usize::MAX, |v| v.len())
}

fn distinct_grams(body: &[u8]) -> Vec<u32> {
    let mut gs: Vec<u32> = body
        .windows(GRAM)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
        .collect();
    gs.sort_unstable();
    gs.dedup();
    gs
}

/// wasm-split's profile: 8 bytes of module hash, then a little-endian u32 per defined function
/// (the time of its first call, 0 if never called).
pub fn called(profile: &[u8], functions: usize) -> Result<Vec<bool>> {
    if profile.len() != 8 + 4 * functions {
        return Err(format!(
            "the profile has {} bytes; {functions} functions need {}",
            profile.len(),
            8 + 4 * functions
        ));
    }
    Ok(profile[8..]
        .chunks_exact(4)
        .map(|c| c != [0, 0, 0, 0])
        .collect())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_twin_of_a_primary_function_stays_in_the_primary() {
        let shape: Vec<u8> = (0u8..200).map(|i| i.wrapping_mul(37) ^ 0x5a).collect();
        let mut twin = shape.clone();
        twin[100] ^= 1;
        let other: Vec<u8> = (0u8..200).map(|i| i.wrapping_mul(101) ^ 0x33).collect();
        let bodies: Vec<&[u8]> = vec![&shape, &twin, &other];
        // 0 called; 1 is 0's twin; 2 is like nothing.
        assert_eq!(keep(&bodies, &[true, false, false]), vec![0, 1]);
        // A twin of a rest function stays in the rest.
        assert_eq!(keep(&bodies, &[false, false, true]), vec![2]);
    }

    #[test]
    fn the_profile_is_read_per_function() {
        let p = [[0u8; 8].as_slice(), &[0, 0, 0, 0, 5, 0, 0, 0]].concat();
        assert_eq!(called(&p, 2).unwrap(), vec![false, true]);
        assert!(called(&p, 3).is_err());
    }
}
