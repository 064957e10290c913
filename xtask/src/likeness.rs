//! The optimised module's functions in an order that gzips better (issue 14): each function
//! followed by the unplaced one most like it. gzip finds repeats only within its last 32 KB, so
//! like code side by side compresses better than code far apart; sorting by name (rustc's paths)
//! put a module's functions together, this puts together the ones whose bytes are alike (the
//! same iterator shapes, drops, formatting calls, whatever their module).
//!
//! Likeness is the number of distinct 4-byte strings two function bodies share, not counting
//! strings found in more than `COMMON` functions (they are everywhere and say nothing). From the
//! largest function, the chain goes on to the most alike unplaced function, or the largest left
//! when none shares anything. The order is given to binaryen as names (`f00000`, `f00001`, …)
//! and applied by `wasm-opt --reorder-functions-by-name`, which renumbers every call, export and
//! table element; no other pass runs, so the code is what it was.

use crate::split::path_str;
use crate::wasm_bytes::Reader;
use crate::{run, Result};
use std::collections::HashMap;
use std::path::Path;
use wasmparser::{Parser, Payload, TypeRef};

/// A 4-byte string in more functions than this does not count towards likeness.
const COMMON: usize = 1000;
const GRAM: usize = 4;

/// Reorder the functions of the module at `path` in place (its name section is replaced, then
/// dropped: the module is the shipped, stripped one).
pub fn reorder(path: &Path, features: &[&str]) -> Result {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (imported, bodies) = bodies(&bytes)?;
    let order = chain(&bodies);
    let named = with_names(&bytes, imported, &order)?;
    let ranked = path.with_extension("ranked.wasm");
    std::fs::write(&ranked, named).map_err(|e| format!("{}: {e}", ranked.display()))?;
    let (ranked_s, out_s) = (path_str(&ranked)?, path_str(path)?);
    let mut args = vec!["--reorder-functions-by-name", "--strip-debug"];
    args.extend(features);
    args.extend([ranked_s, "-o", out_s]);
    run("tests/node_modules/.bin/wasm-opt", &args)?;
    std::fs::remove_file(&ranked).map_err(|e| format!("{}: {e}", ranked.display()))
}

/// The number of imported functions (they come first in the index space) and each defined
/// function's body, in index order.
pub fn bodies(bytes: &[u8]) -> Result<(u32, Vec<&[u8]>)> {
    let err = |e: wasmparser::BinaryReaderError| format!("reading the wasm: {e}");
    let (mut imported, mut bodies) = (0, Vec::new());
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(err)? {
            Payload::ImportSection(imports) => {
                for import in imports.into_imports() {
                    if matches!(import.map_err(err)?.ty, TypeRef::Func(_)) {
                        imported += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => bodies.push(&bytes[body.range()]),
            _ => {}
        }
    }
    Ok((imported, bodies))
}

/// The order: position -> function (index among the defined functions).
fn chain(bodies: &[&[u8]]) -> Vec<usize> {
    let grams: Vec<Vec<u32>> = bodies.iter().map(|b| distinct_grams(b)).collect();
    let mut holders: HashMap<u32, Vec<u32>> = HashMap::new();
    for (f, gs) in grams.iter().enumerate() {
        for g in gs {
            holders.entry(*g).or_default().push(f as u32);
        }
    }
    let n = bodies.len();
    let largest_left = |placed: &[bool]| {
        (0..n)
            .filter(|f| !placed[*f])
            .max_by_key(|f| (bodies[*f].len(), std::cmp::Reverse(*f)))
    };
    let (mut placed, mut order) = (vec![false; n], Vec::with_capacity(n));
    let mut shared = vec![0u32; n];
    let mut touched = Vec::new();
    let mut next = largest_left(&placed);
    while let Some(f) = next {
        placed[f] = true;
        order.push(f);
        for g in &grams[f] {
            let fs = &holders[g];
            if fs.len() > COMMON {
                continue;
            }
            for &other in fs {
                let other = other as usize;
                if !placed[other] {
                    if shared[other] == 0 {
                        touched.push(other);
                    }
                    shared[other] += 1;
                }
            }
        }
        // The most alike, the lowest index among equals (the order is reproducible).
        next = touched
            .iter()
            .copied()
            .max_by_key(|o| (shared[*o], std::cmp::Reverse(*o)));
        for o in touched.drain(..) {
            shared[o] = 0;
        }
        if next.is_none() {
            next = largest_left(&placed);
        }
    }
    order
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

/// The module with a name section naming each defined function by its place in `order`
/// (any name section it had is replaced).
fn with_names(bytes: &[u8], imported: u32, order: &[usize]) -> Result<Vec<u8>> {
    let mut place = vec![0usize; order.len()];
    for (p, f) in order.iter().enumerate() {
        place[*f] = p;
    }
    let mut names = wasm_encoder::NameMap::new();
    for (f, p) in place.iter().enumerate() {
        names.append(imported + f as u32, &format!("f{p:05}"));
    }
    with_name_map(bytes, &names)
}

/// The module with each defined function named by its index among the defined ones, the name
/// wasm-split gives it in a module without names, so that one keep list (split.rs) fits both.
pub fn with_index_names(bytes: &[u8]) -> Result<Vec<u8>> {
    let (imported, bodies) = bodies(bytes)?;
    let mut names = wasm_encoder::NameMap::new();
    for f in 0..bodies.len() {
        names.append(imported + f as u32, &f.to_string());
    }
    with_name_map(bytes, &names)
}

fn with_name_map(bytes: &[u8], names: &wasm_encoder::NameMap) -> Result<Vec<u8>> {
    let mut section = wasm_encoder::NameSection::new();
    section.functions(names);
    let mut out = without_name_section(bytes)?;
    wasm_encoder::Section::append_to(&section, &mut out);
    Ok(out)
}

/// The module's sections as they are, less a custom section called `name`.
fn without_name_section(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = bytes.get(..8).ok_or("not a wasm module")?.to_vec();
    let mut r = Reader { b: bytes, at: 8 };
    while r.at < bytes.len() {
        let start = r.at;
        let (id, body) = r.section()?;
        let is_names = id == 0
            && Reader {
                b: &bytes[body],
                at: 0,
            }
            .name()?
                == b"name";
        if !is_names {
            out.extend_from_slice(&bytes[start..r.at]);
        }
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn like_bodies_end_up_side_by_side() {
        let a: &[u8] = b"\x00\x41\x01\x41\x02\x6a\x1a\x0b\x99\x98\x97";
        let b: &[u8] = b"\x00\x10\x20\x30\x40\x50\x60\x70\x80\x0b";
        let a2: &[u8] = b"\x00\x41\x01\x41\x02\x6a\x1a\x0b";
        let b2: &[u8] = b"\x00\x10\x20\x30\x40\x50\x60\x0b";
        // The largest first (a), then its like (a2), then the largest left (b), then b2.
        assert_eq!(chain(&[a, b, a2, b2]), vec![0, 2, 1, 3]);
    }

    #[test]
    fn names_replace_a_name_section() {
        let mut module = b"\0asm\x01\0\0\0".to_vec();
        module.extend(b"\x00\x07\x04name\x01\x00"); // an (empty) name section
        let named = with_names(&module, 2, &[1, 0]).unwrap();
        assert_eq!(named.windows(4).filter(|w| w == b"name").count(), 1);
        // function 2 (the first defined) is placed second: f00001
        assert!(named.windows(6).any(|w| w == b"f00001"));
    }
}
