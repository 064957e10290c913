//! Where the wasm bytes go: reads a module's function body sizes, data section and "name" custom
//! section (the WebAssembly binary format, no tool needed) and adds the bytes up per owner: our
//! crates per module (`vmkpath_core::scene`), other crates by name, std/core/alloc, the
//! wasm-bindgen family, and the data segment (its bytes that are not zero). Names are rustc's: legacy `_ZN` mangling for what
//! our build compiles (generic std code included, without its type arguments), v0 `_R` for the
//! precompiled standard library, or already demangled.

use crate::Result;
use std::collections::BTreeMap;

/// Bytes per owner, largest first. `originals`: where a function's name is a number, the
/// name it stands for (a split part of a module named by `likeness::with_index_names`).
pub fn owners(wasm: &[u8], originals: &[Option<String>]) -> Result<Vec<(String, u64)>> {
    let module = read(wasm)?;
    let mut by_owner: BTreeMap<String, u64> = BTreeMap::new();
    for (index, size) in module.bodies.iter().enumerate() {
        let name = module.names.get(&(module.imported + index as u32));
        let name = name.map(|n| match n.parse::<usize>() {
            Ok(i) => originals.get(i).cloned().flatten().unwrap_or_default(),
            Err(_) => n.clone(),
        });
        let name = name.map(|n| demangle(&n)).unwrap_or_default();
        // wasm-bindgen runs and removes its describe functions: they never ship.
        if name.contains("__wbindgen_describe") {
            continue;
        }
        *by_owner.entry(owner(&name)).or_default() += *size as u64;
    }
    if module.data > 0 {
        *by_owner.entry("data segment".into()).or_default() += module.data;
    }
    let mut rows: Vec<(String, u64)> = by_owner.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(rows)
}

/// The name section's name of each defined function, by its index among the defined ones
/// (None where it has none).
pub fn defined_names(wasm: &[u8]) -> Result<Vec<Option<String>>> {
    let module = read(wasm)?;
    let names = (0..module.bodies.len() as u32)
        .map(|i| module.names.get(&(module.imported + i)).cloned())
        .collect();
    Ok(names)
}

struct Module {
    /// Imported functions come first in the function index space.
    imported: u32,
    bodies: Vec<u32>,
    data: u64,
    names: BTreeMap<u32, String>,
}

struct Bytes<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Bytes<'a> {
    fn byte(&mut self) -> Result<u8> {
        let b = *self.b.get(self.at).ok_or("wasm: unexpected end")?;
        self.at += 1;
        Ok(b)
    }
    fn leb(&mut self) -> Result<u32> {
        let (mut value, mut shift) = (0u64, 0);
        loop {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return u32::try_from(value).map_err(|_| "wasm: LEB too large".into());
            }
            shift += 7;
            if shift > 35 {
                return Err("wasm: LEB too long".into());
            }
        }
    }
    fn take(&mut self, n: u32) -> Result<&'a [u8]> {
        let end = self.at + n as usize;
        let s = self.b.get(self.at..end).ok_or("wasm: unexpected end")?;
        self.at = end;
        Ok(s)
    }
    fn name(&mut self) -> Result<String> {
        let n = self.leb()?;
        Ok(String::from_utf8_lossy(self.take(n)?).into_owned())
    }
    fn limits(&mut self) -> Result {
        let flags = self.byte()?;
        self.leb()?;
        if flags & 1 != 0 {
            self.leb()?;
        }
        Ok(())
    }
}

fn read(wasm: &[u8]) -> Result<Module> {
    if wasm.get(..4) != Some(b"\0asm") {
        return Err("not a wasm module".into());
    }
    let mut m = Module {
        imported: 0,
        bodies: Vec::new(),
        data: 0,
        names: BTreeMap::new(),
    };
    let mut r = Bytes { b: wasm, at: 8 };
    while r.at < wasm.len() {
        let id = r.byte()?;
        let size = r.leb()?;
        let mut s = Bytes {
            b: r.take(size)?,
            at: 0,
        };
        match id {
            2 => {
                for _ in 0..s.leb()? {
                    s.name()?;
                    s.name()?;
                    match s.byte()? {
                        0 => {
                            s.leb()?;
                            m.imported += 1;
                        }
                        1 => {
                            s.byte()?;
                            s.limits()?;
                        }
                        2 => s.limits()?,
                        3 => {
                            s.take(2)?;
                        }
                        4 => {
                            s.byte()?;
                            s.leb()?;
                        }
                        k => return Err(format!("wasm: unknown import kind {k}")),
                    }
                }
            }
            10 => {
                for _ in 0..s.leb()? {
                    let n = s.leb()?;
                    s.take(n)?;
                    m.bodies.push(n);
                }
            }
            // Zeros gzip to almost nothing: padding, and the bytes the data split moved to the
            // rest (data_split.rs zeroes them in the primary) are left out.
            11 => m.data = s.b.iter().filter(|&&b| b != 0).count() as u64,
            0 if s.name()? == "name" => {
                while s.at < s.b.len() {
                    let sub = s.byte()?;
                    let n = s.leb()?;
                    let mut c = Bytes {
                        b: s.take(n)?,
                        at: 0,
                    };
                    if sub == 1 {
                        for _ in 0..c.leb()? {
                            let index = c.leb()?;
                            m.names.insert(index, c.name()?);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    Ok(m)
}

/// rustc's legacy mangling (`_ZN` + length-prefixed segments + `E`), hash segment dropped;
/// other names as they are.
fn demangle(name: &str) -> String {
    let Some(mut rest) = name.strip_prefix("_ZN") else {
        return name.to_string();
    };
    let mut segments = Vec::new();
    while let Some(digits) = rest.find(|c: char| !c.is_ascii_digit()).filter(|&d| d > 0) {
        let Ok(len) = rest[..digits].parse::<usize>() else {
            break;
        };
        let Some(segment) = rest.get(digits..digits + len) else {
            break;
        };
        rest = &rest[digits + len..];
        let is_hash = segment.len() == 17
            && segment.starts_with('h')
            && segment[1..].chars().all(|c| c.is_ascii_hexdigit());
        if !is_hash {
            segments.push(unescape(
                segment
                    .strip_prefix('_')
                    .filter(|s| s.starts_with('$'))
                    .unwrap_or(segment),
            ));
        }
    }
    segments.join("::")
}

fn unescape(segment: &str) -> String {
    let mut out = String::new();
    let mut rest = segment;
    while let Some(i) = rest.find(['$', '.']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if let Some(r) = rest.strip_prefix("..") {
            out.push_str("::");
            rest = r;
            continue;
        }
        let code = rest[1..].find('$').map(|end| (&rest[1..end + 1], end + 2));
        let decoded = code.and_then(|(code, len)| {
            let c = match code {
                "LT" => '<',
                "GT" => '>',
                "C" => ',',
                "RF" => '&',
                "BP" => '*',
                "SP" => '@',
                "LP" => '(',
                "RP" => ')',
                _ => char::from_u32(u32::from_str_radix(code.strip_prefix('u')?, 16).ok()?)?,
            };
            Some((c, len))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push_str(&rest[..1]);
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The owner of a function: the crate of the first path in its name (the type of a
/// `<T as Trait>` impl, the function otherwise); std code instantiated for another crate's type
/// (`drop_in_place<vmkpath_core::plan::Plan>`, `Vec<T>::clone`) belongs to that crate. Our
/// crates are split by top-level module.
fn owner(name: &str) -> String {
    if name.starts_with("__wbindgen") || name.starts_with("__wasm_bindgen") {
        return "wasm-bindgen/js-sys/web-sys".into();
    }
    if let Some(krate) = v0_crate(name) {
        let std = [
            "core",
            "alloc",
            "std",
            "compiler_builtins",
            "dlmalloc",
            "hashbrown",
        ];
        return match std.contains(&krate) {
            true => STD.into(),
            false => crate_owner(&[krate]),
        };
    }
    if let Some(plain) = without_disambiguators(name) {
        // Demangled v0 (`vmkpath_core[a2da…]::scene::layout`): every crate's names are, when
        // std is compiled in our build (web.rs), and they name their type arguments, so std
        // code belongs to the first of our crates in the name, else to the library.
        return paths(&plain)
            .map(|p| crate_owner(&p))
            .find(|o| o != STD && !o.ends_with(GENERIC) && !o.is_empty())
            .unwrap_or_else(|| STD.to_string());
    }
    let mut owners = paths(name).map(|p| crate_owner(&p));
    let first = owners.next().unwrap_or_else(|| STD.to_string());
    if first.ends_with(GENERIC) {
        owners
            .find(|o| o != STD && !o.ends_with(GENERIC))
            .unwrap_or(first)
    } else {
        first
    }
}

/// The standard library as shipped, precompiled (its names use the v0 mangling, `_R`).
const STD: &str = "std/core/alloc (library)";
/// Generic std code (iterators, Vec, sorting, BTreeMap) compiled in our build for some type
/// the name does not say (legacy mangling drops type arguments): `core::iter (generic)`.
const GENERIC: &str = " (generic)";

/// `name` without its v0 crate disambiguators (`core[c5930c85a12de822]` -> `core`), or `None`
/// when it has none.
fn without_disambiguators(name: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = name;
    let mut found = false;
    while let Some(i) = rest.find('[') {
        let hash = rest[i + 1..].find(']').map(|end| &rest[i + 1..i + 1 + end]);
        match hash.filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit())) {
            Some(h) => {
                out.push_str(&rest[..i]);
                rest = &rest[i + h.len() + 2..];
                found = true;
            }
            None => {
                out.push_str(&rest[..=i]);
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    found.then_some(out)
}

/// The first crate of a v0-mangled name (`_R…C[s<hash>_]<len><crate>…`).
fn v0_crate(name: &str) -> Option<&str> {
    let rest = name.strip_prefix("_R")?;
    let b = rest.as_bytes();
    (0..b.len()).find_map(|i| {
        let mut at = i + 1;
        if b[i] != b'C' {
            return None;
        }
        if b.get(at) == Some(&b's') {
            at += rest[at..].find('_')? + 1;
        }
        let digits = rest[at..].find(|c: char| !c.is_ascii_digit())?;
        let len: usize = rest[at..at + digits].parse().ok()?;
        rest.get(at + digits..at + digits + len)
    })
}

fn paths(name: &str) -> impl Iterator<Item = Vec<&str>> {
    name.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .filter(|p| p.contains("::") && !p.starts_with("::"))
        .map(|p| p.split("::").filter(|s| !s.is_empty()).collect::<Vec<_>>())
}

fn crate_owner(path: &[&str]) -> String {
    let krate_full = path.first().copied().unwrap_or_default();
    let krate = krate_full.split('[').next().unwrap_or(krate_full);
    match krate {
        "vmkpath_core" | "vmkpath_wasm" => match path.get(1) {
            // crate::module::item; crate::item and crate::Type::method are the crate root.
            Some(m) if path.len() > 2 && m.starts_with(|c: char| c.is_ascii_lowercase()) => {
                format!("{krate}::{m}")
            }
            _ => krate.to_string(),
        },
        // `core[c5930c85a12de822]`: demangled v0, the precompiled library.
        "core" | "alloc" | "std" if krate_full.contains('[') => STD.into(),
        "core" | "alloc" | "std" => match path.get(1) {
            Some(m) if path.len() > 2 => format!("{krate}::{m}{GENERIC}"),
            _ => format!("{krate}{GENERIC}"),
        },
        "compiler_builtins" | "dlmalloc" | "hashbrown" => STD.into(),
        "wasm_bindgen" | "js_sys" | "web_sys" | "console_error_panic_hook" => {
            "wasm-bindgen/js-sys/web-sys".into()
        }
        "serde" | "serde_core" => "serde".into(),
        other => other.into(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn leb(mut n: usize) -> Vec<u8> {
        let mut v = Vec::new();
        loop {
            let low = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                v.push(low);
                return v;
            }
            v.push(low | 0x80);
        }
    }

    fn section(id: u8, payload: &[u8]) -> Vec<u8> {
        let mut s = vec![id];
        s.extend(leb(payload.len()));
        s.extend_from_slice(payload);
        s
    }

    fn name(s: &str) -> Vec<u8> {
        let mut v = leb(s.len());
        v.extend_from_slice(s.as_bytes());
        v
    }

    #[test]
    fn adds_up_bodies_and_data_per_owner() {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        // One imported function (index 0), so the bodies are functions 1, 2 and 3.
        let mut import = vec![1];
        import.extend(name("wbg"));
        import.extend(name("f"));
        import.extend([0, 0]);
        wasm.extend(section(2, &import));
        // Bodies of 4, 2 and 3 bytes.
        wasm.extend(section(
            10,
            &[3, 4, 0, 1, 1, 0x0b, 2, 0, 0x0b, 3, 0, 1, 0x0b],
        ));
        // A segment of "hi": its 8 bytes less the two zeros.
        wasm.extend(section(11, &[1, 0, 0x41, 0, 0x0b, 2, b'h', b'i']));
        let mut names = name("name");
        let mut sub = vec![3];
        for (i, n) in [
            (1, "_ZN12vmkpath_core5scene3svg6to_svg17h0123456789abcdefE"),
            (
                2,
                "core::ptr::drop_in_place<vmkpath_core::scene::Scene>::h0123456789abcdef",
            ),
            (3, "_ZN4core3fmt9Formatter3pad17h0123456789abcdefE"),
        ] {
            sub.push(i);
            sub.extend(name(n));
        }
        names.push(1);
        names.extend(leb(sub.len()));
        names.extend(sub);
        wasm.extend(section(0, &names));
        let rows = owners(&wasm, &[]).unwrap();
        assert_eq!(
            rows,
            [
                ("data segment".to_string(), 6),
                ("vmkpath_core::scene".to_string(), 6),
                ("core::fmt (generic)".to_string(), 3),
            ]
        );
    }

    #[test]
    fn demangles_and_finds_owners() {
        let d = demangle("_ZN84_$LT$serde_path_to_error..wrap..Wrap$LT$X$GT$$u20$as$u20$serde_core..de..Visitor$GT$9visit_map17h83f7ebe041035d37E");
        assert_eq!(
            d,
            "<serde_path_to_error::wrap::Wrap<X> as serde_core::de::Visitor>::visit_map"
        );
        assert_eq!(owner(&d), "serde_path_to_error");
        let cases = [
            ("vmkpath_wasm::widget::events::<impl vmkpath_wasm::widget::Widget>::handle", "vmkpath_wasm::widget"),
            ("vmkpath_wasm::mount", "vmkpath_wasm"),
            ("vmkpath_wasm::Handle::new", "vmkpath_wasm"),
            ("<core::iter::adapters::map::Map<I,F> as core::iter::traits::iterator::Iterator>::fold", "core::iter (generic)"),
            ("_RNvNtNtNtNtCs9ryEPlYsnQc_4core3num7flt2dec8strategy6dragon15format_shortest", STD),
            ("_RNvMs_NtCsdWd6jvDjKwh_8dlmalloc8dlmallocINtB4_8DlmallocNtNtB4_3sys6SystemE6malloc", STD),
            ("core[c5930c85a12de822]::num::flt2dec::strategy::dragon::format_shortest", STD),
            // Every crate demangled v0 (std compiled in our build): type arguments name owners.
            ("vmkpath_core[a2da79b587bc5efc]::scene::layout::layout", "vmkpath_core::scene"),
            ("<vmkpath_wasm[349b3d5eab2f3c01]::widget::Widget>::handle", "vmkpath_wasm::widget"),
            ("<alloc[2505b2eafb3ee1e2]::vec::Vec<vmkpath_core[a2da79b587bc5efc]::model::host::Vmknic> as core[27cd0353e63fa9bc]::clone::Clone>::clone", "vmkpath_core::model"),
            ("alloc[2505b2eafb3ee1e2]::str::join_generic_copy::<[u8], u8, &str>", STD),
            ("<dlmalloc[d28a5915e6ecf995]::dlmalloc::Dlmalloc<dlmalloc[d28a5915e6ecf995]::sys::System>>::malloc", STD),
            ("<alloc::vec::Vec<T> as serde_core::ser::Serialize>::serialize", "serde"),
            ("js_sys::Array<T>::push", "wasm-bindgen/js-sys/web-sys"),
            ("memcpy", STD),
        ];
        for (name, expected) in cases {
            assert_eq!(owner(name), expected, "{name}");
        }
    }
}
