//! The linker's map of the release module, for the data split (`xtask/src/data_split.rs`).
//!
//! With `VMKPATH_LINK_MAP=<path>` set (only `cargo xtask build` sets it), wasm-ld writes its map
//! there: every input data section (`.rodata.<symbol>`, `.data.<symbol>`) with its address and
//! size, which is what tells the split which data a function's constants point into. Only for
//! the wasm cdylib: a native linker knows no `--Map`, and no other build needs the map.
//!
//! The same build links with `-O0`: wasm-ld then keeps each string constant an input section
//! of its own instead of merging them all into one (`<internal>:(.rodata)`, ~32 KB raw, which
//! the split could only keep whole in the primary), so the strings only the rest's code reaches
//! (host check, traces, error messages) move there. `-O0` changes nothing else of the link here:
//! the code was optimised by rustc's LTO before the linker runs, and by wasm-opt after.

fn main() {
    println!("cargo:rerun-if-env-changed=VMKPATH_LINK_MAP");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if let Some(map) = std::env::var_os("VMKPATH_LINK_MAP").filter(|_| wasm) {
        let map = map.to_string_lossy();
        println!("cargo:rustc-link-arg-cdylib=--Map={map}");
        println!("cargo:rustc-link-arg-cdylib=-O0");
    }
}
