//! wasm-ld's map of the release module (`--Map`, written when crates/vmkpath-wasm/build.rs is
//! told to): where each input data section lies in linear memory. Those sections are the data
//! objects the data split moves or keeps (data_split.rs): a string constant, a vtable, a static.
//!
//! A line is `address offset size` in hex (`-` for no address), three columns of eight, then
//! the name, indented by level: an output section (`.rodata`, `.data`, `.bss`) one space after
//! the size, an input section (`file.o:(.rodata.<symbol>)`) nine, a symbol seventeen. Only input sections with an
//! address, in an output section with one, are data; code sections have none.

use crate::Result;

/// One input data section: `size` bytes at `address`, named by its section (`.rodata..Lanon.N`,
/// `.data.<symbol>`; `.rodata` alone for the linker's merged constants).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataObject {
    pub address: u32,
    pub size: u32,
    pub name: String,
}

impl DataObject {
    pub fn end(&self) -> u32 {
        self.address + self.size
    }
}

const COLUMNS: usize = 26;
const OUTPUT_INDENT: usize = 1;
const INPUT_INDENT: usize = 9;

/// The data objects of a map, by address; empty ones are left out (they hold no bytes).
pub fn data_objects(map: &str) -> Result<Vec<DataObject>> {
    let (mut objects, mut in_memory) = (Vec::new(), false);
    for (number, line) in map.lines().enumerate().skip(1) {
        let bad = || format!("link map line {}: {line:?}", number + 1);
        // Three right-aligned columns of eight, each followed by a space; then the indent.
        let (Some(columns), Some(rest)) = (line.get(..COLUMNS), line.get(COLUMNS..)) else {
            return Err(bad());
        };
        let mut fields = columns.split_whitespace();
        let (Some(address), Some(_offset), Some(size), None) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return Err(bad());
        };
        let indent = rest.len() - rest.trim_start().len();
        if indent == OUTPUT_INDENT {
            // A section of the module; those of memory have an address (`GLOBAL` lists the
            // stack pointer as an input, with no address of its own).
            in_memory = address != "-";
        }
        if !in_memory || indent != INPUT_INDENT {
            continue;
        }
        let hex = |field: &str| u32::from_str_radix(field, 16).map_err(|_| bad());
        let (address, size) = (hex(address)?, hex(size)?);
        // `path/file.o:(section)`, `lib.rlib(member.o):(section)`, `<internal>:(section)`.
        let name = rest
            .rsplit_once(":(")
            .and_then(|(_, section)| section.strip_suffix(')'))
            .ok_or_else(bad)?;
        if size > 0 {
            address.checked_add(size).ok_or_else(bad)?;
            objects.push(DataObject {
                address,
                size,
                name: name.to_string(),
            });
        }
    }
    objects.sort_by_key(|o| o.address);
    if let Some(w) = objects.windows(2).find(|w| w[0].end() > w[1].address) {
        return Err(format!("link map: {} overlaps {}", w[0].name, w[1].name));
    }
    Ok(objects)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Lines of the map of a real build, trimmed: each output section, some of its inputs.
    const EXCERPT: &str = include_str!("../tests/link-map-excerpt.map");

    #[test]
    fn input_data_sections_of_a_real_map_are_the_objects() {
        let objects = data_objects(EXCERPT).unwrap();
        let shown: Vec<(u32, u32, &str)> = objects
            .iter()
            .map(|o| (o.address, o.size, o.name.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                (0x100000, 0x7d5d, ".rodata"),
                (0x107d60, 0x10, ".rodata..Lanon.76735e851246c2091b8e16cd82e6e8d4.1"),
                (0x107d70, 0x3f, ".rodata..Lanon.76735e851246c2091b8e16cd82e6e8d4.2"),
                (0x107daf, 0x1b, ".rodata..Lanon.76735e851246c2091b8e16cd82e6e8d4.3"),
                (0x107dca, 0x4f, ".rodata..Lanon.76735e851246c2091b8e16cd82e6e8d4.4"),
                (0x11ec56, 0x22, ".rodata..Lanon.c73abf5c3c97c3a21a5bd474e2f338a0.164"),
                (0x11ec78, 0x5, ".rodata..Lanon.c73abf5c3c97c3a21a5bd474e2f338a0.171"),
                (0x11ec7d, 0x4, ".rodata..Lanon.c73abf5c3c97c3a21a5bd474e2f338a0.172"),
                (0x11ecb4, 0x8, ".data._RNvNvCslCAVvPzj8TM_6js_sys6global6GLOBAL"),
                (
                    0x11ecbc,
                    0x8,
                    ".data._RNvNvNvNvCslCAVvPzj8TM_6js_sys6global17get_global_object11GLOBAL_THIS4__VAL"
                ),
                (
                    0x11ecc4,
                    0x8,
                    ".data._RNvNvNvNvCslCAVvPzj8TM_6js_sys6global17get_global_object4SELF4__VAL"
                ),
                (
                    0x11ecf8,
                    0x1,
                    ".bss._RNvNvCshTxUYoyPwvF_24console_error_panic_hook8set_once8SET_HOOK"
                ),
                (
                    0x11ecfc,
                    0x4,
                    ".bss._RNvNtCsdX4888uS3AH_12wasm_bindgen4___rt13JSPI_REJECTED"
                ),
            ]
        );
    }

    const HEADER: &str = "    Addr      Off     Size Out     In      Symbol\n  \
                          100000        0       20 .rodata\n";

    #[test]
    fn a_line_without_fields_or_section_is_an_error() {
        let err = data_objects(&format!("{HEADER}  100000\n")).unwrap_err();
        assert!(err.contains("line 3"), "{err}");
        let no_section = format!("{HEADER}  100000        0       10         file.o\n");
        assert!(data_objects(&no_section).unwrap_err().contains("line 3"));
    }

    #[test]
    fn overlapping_objects_are_an_error() {
        let map = format!(
            "{HEADER}  100000        0       10         a.o:(.rodata.a)\n  \
             100008        0        4         b.o:(.rodata.b)\n"
        );
        assert!(data_objects(&map).unwrap_err().contains("overlaps"));
    }
}
