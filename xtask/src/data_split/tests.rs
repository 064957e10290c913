#![allow(clippy::unwrap_used)]

use super::select::{moved, Memory, Reference};
use super::*;
use crate::link_map::DataObject;

const BASE: u32 = 0x10_0000;

/// Objects `(offset from BASE, size)`, named by their place.
fn objects(spans: &[(u32, u32)]) -> Vec<DataObject> {
    spans
        .iter()
        .enumerate()
        .map(|(i, &(at, size))| DataObject {
            address: BASE + at,
            size,
            name: format!(".rodata.o{i}"),
        })
        .collect()
}

fn at(offset: u32) -> Reference {
    Reference {
        address: BASE + offset,
        reach: 0,
    }
}

/// Little-endian words written at byte offsets of a zeroed image of `len` bytes.
fn image(len: usize, words: &[(u32, u32)]) -> Vec<u8> {
    let mut bytes = vec![0; len];
    for &(offset, word) in words {
        let o = offset as usize;
        bytes[o..o + 4].copy_from_slice(&word.to_le_bytes());
    }
    bytes
}

fn which(flags: &[bool]) -> Vec<usize> {
    (0..flags.len()).filter(|&i| flags[i]).collect()
}

#[test]
fn an_object_only_the_rest_refers_to_moves() {
    let objects = objects(&[(0, 8), (8, 8), (16, 8), (24, 8)]);
    let bytes = image(32, &[]);
    let memory = Memory::new(vec![(BASE, &bytes)]);
    // 0: primary only, 1: rest only, 2: both, 3: nobody (stays: reached some way we cannot see).
    let primary = [at(0), at(16)];
    let rest = [at(8), at(16)];
    assert_eq!(which(&moved(&objects, &memory, &primary, &rest)), [1]);
}

#[test]
fn what_a_moved_object_points_to_moves_with_it_unless_kept_data_points_there_too() {
    // 0 -> 1 -> 2 (pointers in data), 3 -> 4; the rest refers to 0 and 3.
    let objects = objects(&[(0, 8), (8, 8), (16, 8), (24, 8), (32, 8)]);
    let bytes = image(
        40,
        &[
            (0, BASE + 8),
            (12, BASE + 16),
            (24, BASE + 32),
            (28, BASE + 8),
        ],
    );
    let memory = Memory::new(vec![(BASE, &bytes)]);
    let rest = [at(0), at(24)];
    assert_eq!(
        which(&moved(&objects, &memory, &[], &rest)),
        [0, 1, 2, 3, 4]
    );
    // The primary keeps 3: what 3 points to (4, and 1, hence 2) stays with it.
    assert_eq!(which(&moved(&objects, &memory, &[at(24)], &rest)), [0]);
    // An object nobody refers to (5) stays, and so does what it points to (1, hence 2).
    let objects = self::objects(&[(0, 8), (8, 8), (16, 8), (24, 8), (32, 8), (40, 8)]);
    let bytes = image(48, &[(0, BASE + 8), (12, BASE + 16), (40, BASE + 8)]);
    let memory = Memory::new(vec![(BASE, &bytes)]);
    assert_eq!(which(&moved(&objects, &memory, &[], &[at(0)])), [0]);
}

#[test]
fn a_pointer_in_bytes_no_object_owns_keeps_its_object() {
    // Bytes 8..12 belong to no object (the map does not name them) and point to 2.
    let objects = objects(&[(0, 8), (12, 4), (16, 8)]);
    let bytes = image(24, &[(8, BASE + 16)]);
    let memory = Memory::new(vec![(BASE, &bytes)]);
    assert_eq!(which(&moved(&objects, &memory, &[], &[at(0), at(16)])), [0]);
    assert_eq!(memory.unowned_bytes(&objects), 2);
}

#[test]
fn a_constant_folded_below_an_object_keeps_the_object_its_offset_reaches() {
    // wasm-opt's --low-memory-unused: `load offset=12 (const base - 8)` reads object 1.
    let objects = objects(&[(0, 16), (16, 16), (32, 16)]);
    let bytes = image(48, &[]);
    let memory = Memory::new(vec![(BASE, &bytes)]);
    let rest = [at(0), at(16), at(32)];
    let folded = Reference {
        address: BASE + 8,
        reach: 12,
    };
    assert_eq!(which(&moved(&objects, &memory, &[folded], &rest)), [2]);
    // A constant at an object's start with no offset in its function keeps that object only.
    assert_eq!(which(&moved(&objects, &memory, &[at(16)], &rest)), [0, 2]);
    // Inside an object, or in padding, its next object stays too (`array[i - 1]`'s base).
    assert_eq!(which(&moved(&objects, &memory, &[at(12)], &rest)), [2]);
}

#[test]
fn pointers_are_read_as_aligned_words_even_across_segments() {
    // A pointer whose bytes two segments hold (wasm-opt cut a run of zeros between them).
    let objects = objects(&[(0, 64), (64, 8)]);
    let word = (BASE + 64).to_le_bytes();
    let (first, second) = (vec![0, 0, word[0], word[1]], vec![word[2], word[3]]);
    let memory = Memory::new(vec![(BASE + 58, &second[..]), (BASE + 54, &first[..])]);
    assert_eq!(which(&moved(&objects, &memory, &[], &[at(0)])), [0, 1]);
    // Unaligned, the same bytes are no pointer.
    let odd = [word[0], word[1], word[2], word[3]];
    let memory = Memory::new(vec![(BASE + 9, &odd[..])]);
    assert_eq!(which(&moved(&objects, &memory, &[], &[at(0)])), [0]);
}

/// A primary (memory, a data segment of two objects, a function holding the first's address,
/// which reaches 16 bytes: the second is past that)
/// and a rest (the memory imported, a function holding the second's).
fn modules() -> (Vec<u8>, Vec<u8>) {
    use wasm_encoder::*;
    let mut types = TypeSection::new();
    types.ty().function([], [ValType::I32]);
    let body = |address: u32| {
        let mut f = Function::new([]);
        f.instructions().i32_const(address as i32).end();
        f
    };
    let mut primary = Module::new();
    primary.section(&types);
    primary.section(&FunctionSection::new().function(0).to_owned());
    let mut memories = MemorySection::new();
    memories.memory(MemoryType {
        minimum: 17,
        maximum: None,
        memory64: false,
        shared: false,
        page_size_log2: None,
    });
    primary.section(&memories);
    primary.section(&CodeSection::new().function(&body(BASE)).to_owned());
    let mut data = DataSection::new();
    data.active(
        0,
        &ConstExpr::i32_const(BASE as i32),
        *b"the primary's own text.!rest-only",
    );
    primary.section(&data);

    let mut rest = Module::new();
    rest.section(&types);
    let mut imports = ImportSection::new();
    imports.import(
        "primary",
        "memory",
        MemoryType {
            minimum: 17,
            maximum: None,
            memory64: false,
            shared: false,
            page_size_log2: None,
        },
    );
    rest.section(&imports);
    rest.section(&FunctionSection::new().function(0).to_owned());
    rest.section(&CodeSection::new().function(&body(BASE + 24)).to_owned());
    rest.section(&CustomSection {
        name: "name".into(),
        data: b"".into(),
    });
    (primary.finish(), rest.finish())
}

#[test]
fn split_data_zeroes_the_bytes_in_the_primary_and_writes_them_from_the_rest() {
    let dir = std::env::temp_dir().join(format!("vmkpath-data-split-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (primary, rest) = modules();
    let (primary_path, rest_path, map_path) =
        (dir.join("p.wasm"), dir.join("r.wasm"), dir.join("link.map"));
    std::fs::write(&primary_path, &primary).unwrap();
    std::fs::write(&rest_path, &rest).unwrap();
    let map = "    Addr      Off     Size Out     In      Symbol\n  \
               100000       10       21 .rodata\n  \
               100000       10       18         a.o:(.rodata.shown)\n  \
               100018       28        9         a.o:(.rodata.checked)\n";
    std::fs::write(&map_path, map).unwrap();

    let moved = split_data(&map_path, &primary_path, &rest_path).unwrap();
    assert_eq!((moved.objects, moved.bytes, moved.segments), (1, 9, 1));
    let primary = std::fs::read(&primary_path).unwrap();
    let rest = std::fs::read(&rest_path).unwrap();
    let p = module::read(&primary).unwrap();
    let r = module::read(&rest).unwrap();
    assert_eq!(p.segments.len(), 1);
    assert_eq!(
        &primary[p.segments[0].1.clone()],
        b"the primary's own text.!\0\0\0\0\0\0\0\0\0"
    );
    assert_eq!(r.segments.len(), 1);
    assert_eq!(r.segments[0].0, BASE + 24);
    assert_eq!(&rest[r.segments[0].1.clone()], b"rest-only");
    // The rest's sections stay in order: data right after the code, then the custom section.
    let ids: Vec<u8> = wasmparser::Parser::new(0)
        .parse_all(&rest)
        .filter_map(|p| p.unwrap().as_section().map(|s| s.0))
        .collect();
    assert_eq!(ids, [1, 2, 3, 10, 11, 0]);
    // Twice: the rest has data now, which this refuses rather than guesses at.
    assert!(split_data(&map_path, &primary_path, &rest_path)
        .unwrap_err()
        .contains("data of its own"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_map_of_another_build_is_refused() {
    let objects = objects(&[(0, 4)]);
    let bytes = b"abcdefgh".to_vec();
    let segments = [(BASE, 0..8)];
    let err = check_map_fits(&objects, &segments, &bytes).unwrap_err();
    assert!(err.contains("outside"), "{err}");
    let objects = self::objects(&[(0, 4), (100, 4)]);
    let bytes = vec![b'x'; 104];
    let err = check_map_fits(&objects, &[(BASE, 0..104)], &bytes).unwrap_err();
    assert!(err.contains("belong to no object"), "{err}");
}

#[test]
fn a_constant_reaches_as_far_as_the_offsets_of_its_expression_or_its_function_when_kept() {
    use wasm_encoder::*;
    let mut types = TypeSection::new();
    types.ty().function([ValType::I32], []);
    let mut module = Module::new();
    module.section(&types);
    module.section(&FunctionSection::new().function(0).to_owned());
    let mut f = Function::new([]);
    let mem = |offset| MemArg {
        offset,
        align: 2,
        memory_index: 0,
    };
    f.instructions()
        // Read through at once: as far as the load's offset.
        .i32_const((BASE + 100) as i32)
        .i32_load(mem(40))
        .drop()
        // Kept in a local: as far as any offset of the function.
        .i32_const((BASE + 200) as i32)
        .local_set(0)
        .local_get(0)
        .i32_load(mem(100))
        .drop()
        // Used no further: the least reach.
        .i32_const(7)
        .drop()
        // An offset that is an address (LLVM's `i32.const 0` + the global's address).
        .local_get(0)
        .i32_load(mem(u64::from(BASE + 40)))
        .drop()
        // Two 32-bit values stored at once.
        .i64_const(((BASE as i64 + 4) << 32) | 8)
        .drop()
        .end();
    module.section(&CodeSection::new().function(&f).to_owned());
    let read = module::read(&module.finish()).unwrap();
    let r = |address, reach| Reference { address, reach };
    assert_eq!(
        read.references,
        [
            r(BASE + 100, 40),
            r(BASE + 200, 100),
            r(7, 16),
            r(BASE + 40, 16),
            r(8, 16),
            r(BASE + 4, 16)
        ]
    );
}
