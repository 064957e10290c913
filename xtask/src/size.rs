//! `cargo xtask size`: what a reader downloads, part by part (raw, gzip -9, brotli), against the
//! committed budget `xtask/size-budget.toml`; fails when a part is over its budget. Then where
//! the wasm bytes go (`wasm_owners.rs`). `cargo xtask test` runs the same check on the release
//! build its end-to-end step already made (no second build).

use crate::{compress, workspace_root, Result};
use std::collections::BTreeMap;

const BUDGET_FILE: &str = "xtask/size-budget.toml";

/// The parts, by their key in the budget file, with the file under `dist/` that holds each.
/// The wasm is two (split.rs): what a widget needs, and the rest, loaded on first use.
const PARTS: [(&str, &str, &str); 6] = [
    ("wasm", "wasm: widget (primary)", crate::split::PRIMARY),
    ("wasm_rest", "wasm: rest (first use)", crate::split::REST),
    ("glue", "JS glue + rest loader", "pkg/vmkpath_wasm.js"),
    ("shell", "JS element shell", "vmk-path.js"),
    ("css", "CSS", "vmk-path.css"),
    ("poster_css", "poster CSS", "vmkpath-poster.css"),
];

/// Sums with budgets of their own: both wasm parts, and everything.
const SUMS: [(&str, &str, &[&str]); 2] = [
    ("wasm_sum", "wasm, both parts", &["wasm", "wasm_rest"]),
    ("total", "total", &[]),
];

/// Build `dist/`, then the report and the budget check.
pub fn run() -> Result {
    crate::dist::run()?;
    // The breakdown also when a part is over budget: it says where to cut.
    let checked = check();
    where_the_wasm_bytes_go()?;
    checked
}

/// The report and the budget check on what `dist/` holds now (the last release build).
pub fn check() -> Result {
    let root = workspace_root();
    let text = std::fs::read_to_string(root.join(BUDGET_FILE))
        .map_err(|e| format!("{BUDGET_FILE}: {e}"))?;
    let budget = parse_budget(&text).map_err(|e| format!("{BUDGET_FILE}: {e}"))?;
    let mut measured = Vec::new();
    for (key, name, file) in PARTS {
        let path = root.join("dist").join(file);
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let (gz, br) = (
            compress::gzip(&bytes)?.len(),
            compress::brotli(&bytes)?.len(),
        );
        measured.push((key, name, bytes.len(), gz as u64, br));
    }
    println!(
        "{:<24} {:>9} {:>9} {:>9} {:>9} {:>6}",
        "part", "raw", "gzip -9", "brotli", "budget", "used"
    );
    let mut over = Vec::new();
    let mut row = |key: &str, name: &str, raw: String, gz: u64, br: String| {
        let limit = budget.get(key).copied();
        let used = limit.map_or("n/a".into(), |l| {
            format!("{:.0}%", gz as f64 / l as f64 * 100.0)
        });
        let shown = limit.map_or("none".into(), |l| l.to_string());
        println!("{name:<24} {raw:>9} {gz:>9} {br:>9} {shown:>9} {used:>6}");
        match limit {
            Some(l) if gz > l => over.push(format!("{name} is {gz} B gzipped, budget {l} B")),
            None => over.push(format!("{name} has no budget (key `{key}`)")),
            _ => {}
        }
    };
    for &(key, name, raw, gz, br) in &measured {
        row(key, name, raw.to_string(), gz, br.to_string());
    }
    for (key, name, of) in SUMS {
        let sum = measured
            .iter()
            .filter(|m| of.is_empty() || of.contains(&m.0))
            .map(|m| m.3)
            .sum();
        row(key, name, String::new(), sum, String::new());
    }
    if let Some(unknown) = budget.keys().find(|k| {
        !PARTS.iter().any(|p| p.0 == k.as_str()) && !SUMS.iter().any(|p| p.0 == k.as_str())
    }) {
        over.push(format!("budget for `{unknown}`, which is no part"));
    }
    if over.is_empty() {
        println!("every part within its budget ({BUDGET_FILE})");
        Ok(())
    } else {
        Err(format!(
            "size budget ({BUDGET_FILE}): {}; make it smaller, or raise the budget in a commit that says why",
            over.join("; ")
        ))
    }
}

/// `[gzip]` of the budget file: part key -> bytes.
fn parse_budget(text: &str) -> Result<BTreeMap<String, u64>> {
    let value: toml::Table = text.parse().map_err(|e| format!("{e}"))?;
    let table = value
        .get("gzip")
        .and_then(|t| t.as_table())
        .ok_or("no [gzip] table")?;
    table
        .iter()
        .map(|(k, v)| match v.as_integer() {
            Some(n) if n > 0 => Ok((k.clone(), n as u64)),
            _ => Err(format!(
                "gzip.{k}: expected a positive number of bytes, got {v}"
            )),
        })
        .collect()
}

/// The shipped modules have no names, and binaryen optimises a module with names a little
/// differently, so the shares come from a second build of the same wasm-bindgen output with its
/// name section kept, split by its own profile run: each owner's function bodies (and the data
/// segment, all in the primary) over their sum, scaled to the shipped part's raw and gzipped
/// sizes. Estimates: gzip does not shrink every owner alike.
fn where_the_wasm_bytes_go() -> Result {
    let root = workspace_root();
    let work = root.join("target/split/named");
    crate::split::mkdir(&work)?;
    let whole = work.join("whole.wasm");
    let bindgen = root.join(crate::split::BINDGEN);
    crate::web::optimise(&bindgen, &whole, true)?;
    let names = crate::import_names::names(&bindgen)?;
    let exports = crate::import_names::exports(&bindgen)?;
    crate::import_names::rename_wasm(&whole, &names, &exports)?;
    // The split's keep list names functions by index (split.rs): so does this module, and the
    // owners read their real names back from `originals`.
    let bytes = std::fs::read(&whole).map_err(|e| format!("{}: {e}", whole.display()))?;
    let originals = crate::wasm_owners::defined_names(&bytes)?;
    let indexed = crate::likeness::with_index_names(&bytes)?;
    std::fs::write(&whole, indexed).map_err(|e| format!("{}: {e}", whole.display()))?;
    let (primary, rest) = (work.join("primary.wasm"), work.join("rest.wasm"));
    crate::split::split(&whole, &work, &primary, &rest, false)?;
    for (named, index) in [(&primary, 0), (&rest, 1)] {
        let shipped = root.join("dist").join(PARTS[index].2);
        let wasm = std::fs::read(&shipped).map_err(|e| format!("{}: {e}", shipped.display()))?;
        let (raw, gz) = (wasm.len() as u64, compress::gzip(&wasm)?.len() as u64);
        let bytes = std::fs::read(named).map_err(|e| format!("{}: {e}", named.display()))?;
        owners_table(
            PARTS[index].1,
            &crate::wasm_owners::owners(&bytes, &originals)?,
            raw,
            gz,
        );
    }
    Ok(())
}

fn owners_table(part: &str, rows: &[(String, u64)], raw: u64, gz: u64) {
    let sum: u64 = rows.iter().map(|r| r.1).sum::<u64>().max(1);
    let shown = 15;
    println!();
    println!("where the bytes of the {part} go (shares of its code + data, scaled to it)");
    println!(
        "{:<34} {:>6} {:>10} {:>10}",
        "owner", "share", "~raw", "~gzip"
    );
    let line = |name: &str, bytes: u64| {
        let share = bytes as f64 / sum as f64;
        println!(
            "{name:<34} {:>5.1}% {:>10.0} {:>10.0}",
            share * 100.0,
            share * raw as f64,
            share * gz as f64
        );
    };
    for (name, bytes) in rows.iter().take(shown) {
        line(name, *bytes);
    }
    if rows.len() > shown {
        let rest: u64 = rows[shown..].iter().map(|r| r.1).sum();
        line(&format!("rest ({} owners)", rows.len() - shown), rest);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_budget_names_every_part_and_the_total() {
        let text = std::fs::read_to_string(workspace_root().join(BUDGET_FILE)).unwrap();
        let budget = parse_budget(&text).unwrap();
        for (key, ..) in PARTS {
            assert!(budget.contains_key(key), "no budget for {key}");
        }
        for (key, ..) in SUMS {
            assert!(budget.contains_key(key), "no budget for {key}");
        }
    }

    #[test]
    fn a_bad_budget_says_which_entry() {
        let err = parse_budget("[gzip]\nwasm = \"big\"\n").unwrap_err();
        assert!(err.contains("gzip.wasm"), "{err}");
        assert!(parse_budget("wasm = 1\n").unwrap_err().contains("[gzip]"));
    }
}
