//! The linker's map of the release module, for the data split (`xtask/src/data_split.rs`).
//!
//! With `VMKPATH_LINK_MAP=<path>` set (only `cargo xtask build` sets it), wasm-ld writes its map
//! there: every input data section (`.rodata.<symbol>`, `.data.<symbol>`) with its address and
//! size, which is what tells the split which data a function's constants point into. Only for
//! the wasm cdylib: a native linker knows no `--Map`, and no other build needs the map.

fn main() {
    println!("cargo:rerun-if-env-changed=VMKPATH_LINK_MAP");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if let Some(map) = std::env::var_os("VMKPATH_LINK_MAP").filter(|_| wasm) {
        let map = map.to_string_lossy();
        println!("cargo:rustc-link-arg-cdylib=--Map={map}");
    }
}
