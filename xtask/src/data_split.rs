//! The data of the split wasm (issue 14): `wasm-split` moves functions, but every data segment
//! stays in the primary. This moves the data objects only the rest uses (the host check's texts,
//! error messages, the tables core prints with, the panels' texts once the panels are the rest's:
//! 361 objects, 16,190 B raw; alone, before the panels moved, 220 objects, 8,676 B, primary
//! 198,143 -> 192,965 B gzip -9) into the rest, after the split.
//!
//! The objects are wasm-ld's input data sections (link_map.rs); `select.rs` decides which move:
//! those the rest's code reaches and the primary's cannot, by the addresses each module's code
//! holds and the pointers in the data. A moved object's bytes are zeroed in the primary's
//! segments (addresses and sizes unchanged; the zeros gzip to almost nothing) and written by an
//! active data segment of the rest at the same address. The rest imports the primary's memory,
//! and it is instantiated at the first call of one of its functions (www/vmk-path-split.js),
//! so the bytes are there before any code that uses them runs; the primary's code holds no
//! address of them. Before the rest is linked they read as zeros, which the end-to-end tests would see as
//! NULs in a widget's texts (tests/e2e/split.test.mjs).
//!
//! Safe only as long as every way to an object's address is one we see: a constant, a memory
//! offset or a global in the code, or a pointer in data. wasm-opt's `--low-memory-unused` folds
//! small additions into offsets, so a constant may point up to that offset before the object it
//! reads (`select::Reference::reach`), and LLVM writes `table[i - 1]` as a base below the table;
//! when unsure, an object stays.

mod module;
mod select;
#[cfg(test)]
mod tests;

use crate::{link_map, Result};
use std::path::Path;

/// What moved: objects (with bytes in a segment), their bytes, and the rest's segments that
/// write them (one per run of adjacent objects).
#[derive(Debug)]
pub struct Moved {
    pub objects: usize,
    pub bytes: usize,
    pub segments: usize,
}

/// Move the data only `rest` uses from `primary` into `rest` (both rewritten), with the objects
/// of the linker's `map`.
pub fn split_data(map: &Path, primary: &Path, rest: &Path) -> Result<Moved> {
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    let text = std::fs::read_to_string(map).map_err(|e| format!("{}: {e}", map.display()))?;
    let objects = link_map::data_objects(&text).map_err(|e| format!("{}: {e}", map.display()))?;
    let (primary_bytes, rest_bytes) = (read(primary)?, read(rest)?);
    let in_primary = |e: String| format!("{}: {e}", primary.display());
    let in_rest = |e: String| format!("{}: {e}", rest.display());
    let primary_module = module::read(&primary_bytes).map_err(in_primary)?;
    let rest_module = module::read(&rest_bytes).map_err(in_rest)?;
    if !rest_module.segments.is_empty() || rest_module.data_count {
        return Err(in_rest(
            "data of its own; data_split.rs expects none".into(),
        ));
    }
    if rest_module.memories != 1 {
        return Err(in_rest("not the one memory of the primary".into()));
    }
    check_map_fits(&objects, &primary_module.segments, &primary_bytes)
        .map_err(|e| format!("{}: {e}; is the map of another build?", map.display()))?;

    let memory = select::Memory::new(
        primary_module
            .segments
            .iter()
            .map(|(address, at)| (*address, &primary_bytes[at.clone()]))
            .collect(),
    );
    let moves = select::moved(
        &objects,
        &memory,
        &primary_module.references,
        &rest_module.references,
    );
    let pieces = moved_pieces(&objects, &moves, &primary_module.segments);

    let mut new_primary = primary_bytes.clone();
    let mut rest_segments: Vec<(u32, Vec<u8>)> = Vec::new();
    for piece in &pieces {
        let bytes = &mut new_primary[piece.at.clone()];
        match rest_segments.last_mut() {
            Some((start, run)) if *start + run.len() as u32 == piece.address => {
                run.extend_from_slice(bytes);
            }
            _ => rest_segments.push((piece.address, bytes.to_vec())),
        }
        bytes.fill(0);
    }
    let new_rest = module::with_data(&rest_bytes, &rest_segments).map_err(in_rest)?;
    let write =
        |p: &Path, b: &[u8]| std::fs::write(p, b).map_err(|e| format!("{}: {e}", p.display()));
    write(primary, &new_primary)?;
    write(rest, &new_rest)?;
    let mut objects_moved: Vec<usize> = pieces.iter().map(|p| p.object).collect();
    objects_moved.dedup();
    Ok(Moved {
        objects: objects_moved.len(),
        bytes: pieces.iter().map(|p| p.at.len()).sum(),
        segments: rest_segments.len(),
    })
}

/// A moved object's bytes that one primary segment holds: their address and place in the file.
struct Piece {
    object: usize,
    address: u32,
    at: std::ops::Range<usize>,
}

/// The moved objects' bytes in the segments, by address (a part the segments leave out, zeros
/// wasm-opt dropped, is zero anyway, and stays zero until the rest's code writes it).
fn moved_pieces(
    objects: &[link_map::DataObject],
    moves: &[bool],
    segments: &[(u32, std::ops::Range<usize>)],
) -> Vec<Piece> {
    let mut pieces = Vec::new();
    for (object, o) in objects.iter().enumerate().filter(|(i, _)| moves[*i]) {
        for (start, at) in segments {
            let end = start + at.len() as u32;
            let (from, to) = (o.address.max(*start), o.end().min(end));
            if from < to {
                let file = at.start + (from - start) as usize;
                pieces.push(Piece {
                    object,
                    address: from,
                    at: file..file + (to - from) as usize,
                });
            }
        }
    }
    pieces.sort_by_key(|p| p.address);
    pieces
}

/// Every segment byte lies within the map's objects' span, and all but a few of the bytes that
/// are not zero belong to an object:
/// a map of another build would not line up.
fn check_map_fits(
    objects: &[link_map::DataObject],
    segments: &[(u32, std::ops::Range<usize>)],
    bytes: &[u8],
) -> Result {
    let (Some(first), Some(last)) = (objects.first(), objects.last()) else {
        return Err("no data objects".into());
    };
    for (start, at) in segments {
        let end = *start as u64 + at.len() as u64;
        if *start < first.address || end > last.end() as u64 {
            return Err(format!(
                "a data segment at {start:#x}..{end:#x} outside the objects' {:#x}..{:#x}",
                first.address,
                last.end()
            ));
        }
    }
    let memory = select::Memory::new(
        segments
            .iter()
            .map(|(address, at)| (*address, &bytes[at.clone()]))
            .collect(),
    );
    let unowned = memory.unowned_bytes(objects);
    let total: usize = segments.iter().map(|s| s.1.len()).sum();
    if unowned * 20 > total {
        return Err(format!(
            "{unowned} of {total} bytes of data are not zero and belong to no object"
        ));
    }
    Ok(())
}
