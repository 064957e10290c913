//! The rest reaches the primary's functions through their shared function table, not through
//! exports (issue 14: the primary -1,298 B gzip -9, the rest +25; in base 36 the
//! names gzip 6 B worse).
//!
//! wasm-split exports every primary function the rest calls (466 of them) under a short name, and
//! the rest imports each by that name. An export is a name, a kind and a function index; the
//! indices are scattered over the primary's 1,300 functions, so the section gzips to 5.4 B an
//! entry. Here those exports go; the functions are appended to the function table instead, as
//! one element segment (an index each), and the rest imports each under its table slot's number
//! in decimal (`p."1234"`), in the order of its imports, so that the names run in sequence.
//! `www/vmk-path-split.js` answers such a name with `table.get(slot)`: the very function, so the
//! engine still calls it directly.
//!
//! Exports the glue uses (wasm-bindgen's own, those of the module before the split) stay.

use crate::wasm_bytes::{put_leb, put_name, Reader};
use crate::Result;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Move the rest's function imports from the primary's exports to its table. `keep`: export
/// names the glue needs. Returns how many functions now go through the table.
pub fn link(primary: &Path, rest: &Path, keep: &HashSet<Vec<u8>>) -> Result<usize> {
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    let (p, r) = (read(primary)?, read(rest)?);
    let (p, r, moved) = relink(&p, &r, keep)?;
    let write = |path: &Path, b: &[u8]| {
        std::fs::write(path, b).map_err(|e| format!("{}: {e}", path.display()))
    };
    write(primary, &p)?;
    write(rest, &r)?;
    Ok(moved)
}

/// The export names of a module (for `keep`).
pub fn export_names(path: &Path) -> Result<HashSet<Vec<u8>>> {
    let b = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut names = HashSet::new();
    for (id, body) in sections(&b)? {
        if id == 7 {
            let mut r = Reader {
                b: &b,
                at: body.start,
            };
            for _ in 0..r.leb()? {
                names.insert(r.name()?);
                r.byte()?;
                r.leb()?;
            }
        }
    }
    Ok(names)
}

const FUNC: u8 = 0;
const TABLE: u8 = 1;

fn sections(b: &[u8]) -> Result<Vec<(u8, std::ops::Range<usize>)>> {
    if b.len() < 8 || &b[..4] != b"\0asm" {
        return Err("not a wasm module".into());
    }
    let mut r = Reader { b, at: 8 };
    let mut out = Vec::new();
    while r.at < b.len() {
        out.push(r.section()?);
    }
    Ok(out)
}

fn relink(p: &[u8], r: &[u8], keep: &HashSet<Vec<u8>>) -> Result<(Vec<u8>, Vec<u8>, usize)> {
    // The primary's exports: functions by name, and the function table's index.
    let psec = sections(p)?;
    let mut funcs: HashMap<Vec<u8>, u32> = HashMap::new();
    let mut table = None;
    for (id, body) in &psec {
        if *id == 7 {
            let mut rd = Reader {
                b: p,
                at: body.start,
            };
            for _ in 0..rd.leb()? {
                let name = rd.name()?;
                let kind = rd.byte()?;
                let index = rd.leb()?;
                match kind {
                    FUNC => drop(funcs.insert(name, index)),
                    TABLE if name == b"table" => table = Some(index),
                    _ => {}
                }
            }
        }
    }
    let table = table.ok_or("the primary exports no `table`")?;
    let size = table_size(p, &psec, table)?;

    // The rest's function imports of primary exports the glue does not need, in import order.
    let mut order: Vec<Vec<u8>> = Vec::new();
    let rsec = sections(r)?;
    for (id, body) in &rsec {
        if *id == 2 {
            let mut rd = Reader {
                b: r,
                at: body.start,
            };
            for _ in 0..rd.leb()? {
                let module = rd.name()?;
                let name = rd.name()?;
                let kind_at = rd.at;
                rd.import_desc()?;
                if module == b"p" && r[kind_at] == FUNC && !keep.contains(&name) {
                    if !funcs.contains_key(&name) {
                        return Err(format!(
                            "the rest imports p.{}, which the primary does not export",
                            String::from_utf8_lossy(&name)
                        ));
                    }
                    if !order.contains(&name) {
                        order.push(name);
                    }
                }
            }
        }
    }
    let n = order.len();
    let slot: HashMap<&[u8], usize> = order
        .iter()
        .enumerate()
        .map(|(j, name)| (name.as_slice(), size as usize + j))
        .collect();

    // The primary: those exports gone, the table longer by n, one segment more.
    let mut segment = vec![2u8]; // active, explicit table index, element kind
    put_leb(&mut segment, table as usize);
    segment.push(0x41); // i32.const
    put_sleb(&mut segment, i64::from(size));
    segment.extend([0x0b, 0x00]);
    put_leb(&mut segment, n);
    for name in &order {
        put_leb(&mut segment, funcs[name] as usize);
    }
    let primary = rewrite(p, &psec, &mut |id, body| match id {
        4 => grow_tables(body, table, n).map(Some),
        7 => {
            let mut rd = Reader { b: body, at: 0 };
            let mut out = Vec::new();
            let count = rd.leb()?;
            let mut kept = 0;
            let mut entries = Vec::new();
            for _ in 0..count {
                let start = rd.at;
                let name = rd.name()?;
                let kind = rd.byte()?;
                rd.leb()?;
                if kind == FUNC && slot.contains_key(name.as_slice()) {
                    continue;
                }
                kept += 1;
                entries.extend_from_slice(&body[start..rd.at]);
            }
            put_leb(&mut out, kept);
            out.extend(entries);
            Ok(Some(out))
        }
        9 => {
            let mut rd = Reader { b: body, at: 0 };
            let count = rd.leb()? as usize;
            let mut out = Vec::new();
            put_leb(&mut out, count + 1);
            out.extend_from_slice(&body[rd.at..]);
            out.extend_from_slice(&segment);
            Ok(Some(out))
        }
        _ => Ok(None),
    })?;
    if !psec.iter().any(|(id, _)| *id == 9) {
        return Err("the primary has no element section".into());
    }

    // The rest: each of those imports named by its slot; its table import longer by n.
    let rest = rewrite(r, &rsec, &mut |id, body| {
        if id != 2 {
            return Ok(None);
        }
        let mut rd = Reader { b: body, at: 0 };
        let mut out = Vec::new();
        let count = rd.leb()?;
        put_leb(&mut out, count as usize);
        for _ in 0..count {
            let module = rd.name()?;
            let name = rd.name()?;
            let desc = rd.at;
            let element = rd.import_desc()?;
            put_name(&mut out, &module);
            match (body[desc], slot.get(name.as_slice())) {
                (FUNC, Some(s)) if module == b"p" => put_name(&mut out, s.to_string().as_bytes()),
                _ => put_name(&mut out, &name),
            }
            if body[desc] == TABLE && module == b"p" && name == b"table" {
                out.extend([TABLE, element.ok_or("a table without its type")?]);
                let mut lim = Reader {
                    b: body,
                    at: desc + 2,
                };
                put_limits(&mut out, &mut lim, n)?;
                if lim.at != rd.at {
                    return Err("the rest's table import reads two ways".into());
                }
            } else {
                out.extend_from_slice(&body[desc..rd.at]);
            }
        }
        Ok(Some(out))
    })?;
    Ok((primary, rest, n))
}

/// The current size (minimum) of table `table`, defined in the primary.
fn table_size(b: &[u8], secs: &[(u8, std::ops::Range<usize>)], table: u32) -> Result<u32> {
    let mut imported = 0;
    for (id, body) in secs {
        let mut rd = Reader { b, at: body.start };
        match id {
            2 => {
                for _ in 0..rd.leb()? {
                    rd.name()?;
                    rd.name()?;
                    if rd.import_desc()?.is_some() {
                        imported += 1;
                    }
                }
            }
            4 => {
                for i in 0..rd.leb()? {
                    rd.byte()?;
                    let flags = rd.byte()?;
                    let min = rd.leb()?;
                    let max = if flags & 1 == 1 {
                        Some(rd.leb()?)
                    } else {
                        None
                    };
                    if imported + i == table {
                        if max.is_some_and(|m| m != min) {
                            return Err("the function table has room beyond its size".into());
                        }
                        return Ok(min);
                    }
                }
            }
            _ => {}
        }
    }
    Err("the primary's function table is not defined in it".into())
}

/// The table section with table `table` (counting imported tables: none here) longer by `n`.
fn grow_tables(body: &[u8], table: u32, n: usize) -> Result<Vec<u8>> {
    let mut rd = Reader { b: body, at: 0 };
    let mut out = Vec::new();
    let count = rd.leb()?;
    put_leb(&mut out, count as usize);
    for i in 0..count {
        let element = rd.byte()?;
        out.push(element);
        if i == table {
            put_limits(&mut out, &mut rd, n)?;
        } else {
            let start = rd.at;
            rd.limits()?;
            out.extend_from_slice(&body[start..rd.at]);
        }
    }
    out.extend_from_slice(&body[rd.at..]);
    Ok(out)
}

/// Limits read from `rd`, both bounds raised by `n`.
fn put_limits(out: &mut Vec<u8>, rd: &mut Reader, n: usize) -> Result {
    let flags = rd.byte()?;
    out.push(flags);
    put_leb(out, rd.leb()? as usize + n);
    if flags & 1 == 1 {
        put_leb(out, rd.leb()? as usize + n);
    }
    Ok(())
}

fn put_sleb(out: &mut Vec<u8>, mut v: i64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        let done = (v == 0 && byte & 0x40 == 0) || (v == -1 && byte & 0x40 != 0);
        out.push(if done { byte } else { byte | 0x80 });
        if done {
            return;
        }
    }
}

type Patch<'a> = dyn FnMut(u8, &[u8]) -> Result<Option<Vec<u8>>> + 'a;

/// The module with the bodies of some sections replaced (`patch` returns `Some`).
fn rewrite(b: &[u8], secs: &[(u8, std::ops::Range<usize>)], patch: &mut Patch) -> Result<Vec<u8>> {
    let mut out = b[..8].to_vec();
    for (id, body) in secs {
        match patch(*id, &b[body.clone()])? {
            Some(new) => {
                out.push(*id);
                put_leb(&mut out, new.len());
                out.extend(new);
            }
            None => {
                out.push(*id);
                put_leb(&mut out, body.len());
                out.extend_from_slice(&b[body.clone()]);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn section(out: &mut Vec<u8>, id: u8, body: &[u8]) {
        out.push(id);
        put_leb(out, body.len());
        out.extend_from_slice(body);
    }

    /// A primary with two functions exported as `a` and `b` (b also the glue's), a 3-slot
    /// function table and one element segment; a rest importing p.a, p.b and the table.
    fn modules() -> (Vec<u8>, Vec<u8>) {
        let mut p = b"\0asm\x01\0\0\0".to_vec();
        section(&mut p, 1, &[1, 0x60, 0, 0]);
        section(&mut p, 3, &[2, 0, 0]);
        section(&mut p, 4, &[1, 0x70, 1, 3, 3]);
        section(
            &mut p,
            7,
            b"\x03\x01a\x00\x00\x01b\x00\x01\x05table\x01\x00",
        );
        section(&mut p, 9, &[1, 0, 0x41, 1, 0x0b, 1, 0]);
        section(&mut p, 10, &[2, 2, 0, 0x0b, 2, 0, 0x0b]);
        let mut r = b"\0asm\x01\0\0\0".to_vec();
        section(&mut r, 1, &[1, 0x60, 0, 0]);
        section(
            &mut r,
            2,
            b"\x03\x01p\x05table\x01\x70\x01\x03\x03\x01p\x01a\x00\x00\x01p\x01b\x00\x00",
        );
        (p, r)
    }

    #[test]
    fn imports_not_kept_go_through_the_table() {
        let (p, r) = modules();
        let keep = HashSet::from([b"b".to_vec()]);
        let (p2, r2, n) = relink(&p, &r, &keep).unwrap();
        assert_eq!(n, 1);
        // `a` is no export any more; `b` and the table are.
        let exports = b"\x02\x01b\x00\x01\x05table\x01\x00";
        assert!(p2.windows(exports.len()).any(|w| w == exports));
        // The table has 4 slots, and slot 3 holds function 0.
        assert!(p2.windows(5).any(|w| w == [1, 0x70, 1, 4, 4]));
        let segment = [2, 0, 0x41, 3, 0x0b, 0, 1, 0];
        assert!(p2.windows(segment.len()).any(|w| w == segment));
        // The rest imports p."3" (and p.b by name), and a 4-slot table.
        assert!(r2.windows(5).any(|w| w == b"\x01p\x013\x00"));
        assert!(r2.windows(5).any(|w| w == b"\x01p\x01b\x00"));
        assert!(r2.windows(5).any(|w| w == [0x70, 1, 4, 4, 1]));
    }

    #[test]
    fn an_import_the_primary_does_not_export_is_an_error() {
        let (p, r) = modules();
        let r = [&r[..], b"junk"].concat();
        assert!(relink(&p, &r, &HashSet::new()).is_err());
        let mut r = modules().1;
        let at = r.windows(3).position(|w| w == b"\x01a\x00").unwrap();
        r[at + 1] = b'z';
        assert!(relink(&p, &r, &HashSet::new()).is_err());
    }

    #[test]
    fn signed_lebs() {
        let mut out = Vec::new();
        put_sleb(&mut out, 447);
        assert_eq!(out, [0xbf, 0x03]);
        out.clear();
        put_sleb(&mut out, 64);
        assert_eq!(out, [0xc0, 0x00]);
    }
}
