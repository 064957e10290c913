//! Which data objects move to the rest: the ones only the rest can reach.
//!
//! A reference is an address the code holds (a constant, an offset of a load or store, a global's
//! value) or a 4-byte aligned word of data that points into an object. Anything the primary can
//! reach without the rest (its code's references, then every word of the data it reaches, and
//! every word of bytes no object owns) stays; so does any object the rest cannot reach either
//! (nobody refers to it by a constant, so it may be reached by address arithmetic we cannot
//! see). What the rest reaches and the primary cannot moves.

use crate::link_map::DataObject;

/// An address the code holds, and how far past it the code may read through it: wasm-opt's
/// `--low-memory-unused` folds the addition of a small constant into a load's or store's
/// offset, so `const + offset` is the real address. module.rs sets it: the offsets of the
/// constant's expression, or of its whole function when it is kept in a local, and at least 16.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    pub address: u32,
    pub reach: u32,
}

/// The bytes of the primary's active data segments, by address (what memory holds at start).
pub struct Memory<'a> {
    segments: Vec<(u32, &'a [u8])>,
}

impl<'a> Memory<'a> {
    pub fn new(mut segments: Vec<(u32, &'a [u8])>) -> Self {
        segments.sort_by_key(|s| s.0);
        Memory { segments }
    }

    /// The byte at `address` when the module starts (zero where no segment writes).
    fn byte(&self, address: u32) -> u8 {
        let i = self.segments.partition_point(|s| s.0 <= address);
        i.checked_sub(1)
            .and_then(|i| {
                let (start, bytes) = self.segments[i];
                bytes.get((address - start) as usize).copied()
            })
            .unwrap_or(0)
    }

    /// The little-endian words at 4-byte aligned addresses that lie wholly in `start..end`.
    fn words(&self, start: u32, end: u32) -> impl Iterator<Item = u32> + '_ {
        let first = start.div_ceil(4) * 4;
        (first..end.saturating_sub(3)).step_by(4).map(|at| {
            u32::from_le_bytes([
                self.byte(at),
                self.byte(at + 1),
                self.byte(at + 2),
                self.byte(at + 3),
            ])
        })
    }

    /// The bytes of data, other than zeros, that no object owns (a map of another build would
    /// leave many).
    pub fn unowned_bytes(&self, objects: &[DataObject]) -> usize {
        self.unowned(objects)
            .into_iter()
            .flat_map(|(start, end)| start..end)
            .filter(|&at| self.byte(at) != 0)
            .count()
    }

    /// The runs of segment bytes no object owns (padding, or data the map does not name).
    fn unowned(&self, objects: &[DataObject]) -> Vec<(u32, u32)> {
        let mut runs = Vec::new();
        for &(start, bytes) in &self.segments {
            let end = start + bytes.len() as u32;
            let mut at = start;
            let first = objects.partition_point(|o| o.end() <= start);
            for o in objects[first..].iter().take_while(|o| o.address < end) {
                if o.address > at {
                    runs.push((at, o.address));
                }
                at = at.max(o.end());
            }
            if at < end {
                runs.push((at, end));
            }
        }
        runs
    }
}

/// The objects a reference may touch: every object in `address..=address + reach`, and when the
/// address lies in the data but at no object's start (a pointer into padding, or a base folded
/// below an array, as `array[i - 1]` compiles to), the next object too. Addresses below the
/// first object are small numbers, not pointers (the first object, the linker's merged
/// constants, is the primary's in any case).
fn touched(objects: &[DataObject], r: Reference) -> Vec<usize> {
    let last = r.address.saturating_add(r.reach);
    let first = objects.partition_point(|o| o.end() <= r.address);
    let mut hit: Vec<usize> = (first..objects.len())
        .take_while(|&i| objects[i].address <= last)
        .collect();
    let in_data = objects.first().is_some_and(|o| o.address <= r.address);
    let next = objects.partition_point(|o| o.address <= r.address);
    let at_start = next > 0 && objects[next - 1].address == r.address;
    if in_data && !at_start && next < objects.len() && !hit.contains(&next) {
        hit.push(next);
    }
    hit
}

/// Every object reachable from `roots` through the words of the objects reached.
fn closure(roots: impl IntoIterator<Item = usize>, points_to: &[Vec<usize>]) -> Vec<bool> {
    let mut reached = vec![false; points_to.len()];
    let mut stack: Vec<usize> = roots.into_iter().collect();
    while let Some(i) = stack.pop() {
        if !std::mem::replace(&mut reached[i], true) {
            stack.extend(&points_to[i]);
        }
    }
    reached
}

/// For each object (sorted by address, not overlapping), whether it moves to the rest.
pub fn moved(
    objects: &[DataObject],
    memory: &Memory,
    primary: &[Reference],
    rest: &[Reference],
) -> Vec<bool> {
    let word = |address: u32| touched(objects, Reference { address, reach: 0 });
    let points_to: Vec<Vec<usize>> = objects
        .iter()
        .map(|o| memory.words(o.address, o.end()).flat_map(word).collect())
        .collect();
    let from_rest = closure(rest.iter().flat_map(|&r| touched(objects, r)), &points_to);
    let unowned_words = memory
        .unowned(objects)
        .into_iter()
        .flat_map(|(start, end)| memory.words(start, end).collect::<Vec<_>>())
        .flat_map(word);
    let roots = primary
        .iter()
        .flat_map(|&r| touched(objects, r))
        .chain(unowned_words)
        .chain((0..objects.len()).filter(|&i| !from_rest[i]));
    let kept = closure(roots, &points_to);
    from_rest.iter().zip(&kept).map(|(r, k)| *r && !k).collect()
}
