//! Reading a split module's references and data segments (wasmparser), and writing the rest
//! with data segments of its own (wasm-encoder; every other section is copied as it was).

use super::select::Reference;
use crate::Result;
use std::ops::Range;
use wasmparser::{DataKind, FunctionBody, Operator, Parser, Payload, TypeRef};

/// Offsets below this are field offsets that `--low-memory-unused` may have folded out of an
/// address (binaryen's low-memory bound); offsets at or above it are addresses themselves (LLVM
/// writes `i32.const 0` and the global's address as the offset).
const LOW_MEMORY: u32 = 1024;

/// Every address reaches this far at least: LLVM folds `table[i - 1]` into a base one element
/// below the table (`table - size`), which may be the start of the object before it.
const MIN_REACH: u32 = 16;

pub struct Module {
    /// Active data segments of memory 0: start address, and where the bytes are in the module.
    pub segments: Vec<(u32, Range<usize>)>,
    /// Every address the code and the globals hold.
    pub references: Vec<Reference>,
    /// Memories defined or imported (the rest imports the primary's).
    pub memories: u32,
    /// A data count section (it must agree with the data section's count).
    pub data_count: bool,
}

fn err(e: wasmparser::BinaryReaderError) -> String {
    format!("reading the wasm: {e}")
}

pub fn read(bytes: &[u8]) -> Result<Module> {
    let mut module = Module {
        segments: Vec::new(),
        references: Vec::new(),
        memories: 0,
        data_count: false,
    };
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(err)? {
            Payload::ImportSection(imports) => {
                for import in imports.into_imports() {
                    if matches!(import.map_err(err)?.ty, TypeRef::Memory(_)) {
                        module.memories += 1;
                    }
                }
            }
            Payload::MemorySection(memories) => module.memories += memories.count(),
            Payload::GlobalSection(globals) => {
                for global in globals {
                    let mut ops = global.map_err(err)?.init_expr.get_operators_reader();
                    while !ops.eof() {
                        if let Operator::I32Const { value } = ops.read().map_err(err)? {
                            module.references.push(Reference {
                                address: value as u32,
                                reach: 0,
                            });
                        }
                    }
                }
            }
            Payload::CodeSectionEntry(body) => body_references(&body, &mut module.references)?,
            Payload::DataCountSection { .. } => module.data_count = true,
            Payload::DataSection(segments) => {
                for segment in segments {
                    let segment = segment.map_err(err)?;
                    let DataKind::Active {
                        memory_index: 0,
                        offset_expr,
                    } = segment.kind
                    else {
                        return Err(
                            "a passive data segment, or one of another memory: data_split.rs \
                             knows only active segments of memory 0"
                                .into(),
                        );
                    };
                    let mut ops = offset_expr.get_operators_reader();
                    let (Operator::I32Const { value }, Operator::End) =
                        (ops.read().map_err(err)?, ops.read().map_err(err)?)
                    else {
                        return Err("a data segment whose address is no constant".into());
                    };
                    let end = segment.range.end;
                    module
                        .segments
                        .push((value as u32, end - segment.data.len()..end));
                }
            }
            _ => {}
        }
    }
    Ok(module)
}

/// A function's constants (an `i64.const` may be two 32-bit values stored at once) and large
/// memory offsets (addresses themselves), each with its reach: the largest small offset of the
/// loads and stores in the same expression after it (in the order wasm runs them: an address
/// is computed right before its load, or before the value its store writes). A constant that
/// goes into a local or a global first may be a base used anywhere in the function: its reach
/// is the function's largest small offset.
fn body_references(body: &FunctionBody, out: &mut Vec<Reference>) -> Result {
    // `open`: constants whose expression goes on; `hoisted`: those kept in a local or global.
    let (mut open, mut hoisted, mut function_reach) = (Vec::new(), Vec::new(), 0);
    let mut ops = body.get_operators_reader().map_err(err)?;
    while !ops.eof() {
        let op = ops.read().map_err(err)?;
        let constants: &[u32] = match op {
            Operator::I32Const { value } => &[value as u32],
            Operator::I64Const { value } => &[value as u32, (value >> 32) as u32],
            _ => &[],
        };
        for &address in constants {
            open.push(out.len());
            out.push(Reference {
                address,
                reach: MIN_REACH,
            });
        }
        if let Some(offset) = memory_offset(&op) {
            let offset = u32::try_from(offset).map_err(|_| "a 64-bit memory offset")?;
            if offset < LOW_MEMORY {
                function_reach = function_reach.max(offset);
                for &i in &open {
                    let r: &mut Reference = &mut out[i];
                    r.reach = r.reach.max(offset);
                }
            } else {
                out.push(Reference {
                    address: offset,
                    reach: MIN_REACH,
                });
            }
            continue;
        }
        match op {
            Operator::MemoryInit { .. } | Operator::DataDrop { .. } => {
                return Err(
                    "memory.init or data.drop: data_split.rs knows only active segments, \
                     written once at instantiation"
                        .into(),
                );
            }
            Operator::LocalSet { .. } | Operator::LocalTee { .. } | Operator::GlobalSet { .. } => {
                hoisted.append(&mut open);
            }
            // The expression ends: a call's arguments, a branch's values, a block's results.
            Operator::Call { .. }
            | Operator::CallIndirect { .. }
            | Operator::ReturnCall { .. }
            | Operator::ReturnCallIndirect { .. }
            | Operator::Block { .. }
            | Operator::Loop { .. }
            | Operator::If { .. }
            | Operator::Else
            | Operator::End
            | Operator::Br { .. }
            | Operator::BrIf { .. }
            | Operator::BrTable { .. }
            | Operator::Return
            | Operator::Drop => open.clear(),
            _ => {}
        }
    }
    for i in hoisted {
        out[i].reach = out[i].reach.max(function_reach);
    }
    Ok(())
}

/// The offset of a load or store (the features the build enables: no SIMD, no atomics).
fn memory_offset(op: &Operator) -> Option<u64> {
    use Operator::*;
    match op {
        I32Load { memarg }
        | I64Load { memarg }
        | F32Load { memarg }
        | F64Load { memarg }
        | I32Load8S { memarg }
        | I32Load8U { memarg }
        | I32Load16S { memarg }
        | I32Load16U { memarg }
        | I64Load8S { memarg }
        | I64Load8U { memarg }
        | I64Load16S { memarg }
        | I64Load16U { memarg }
        | I64Load32S { memarg }
        | I64Load32U { memarg }
        | I32Store { memarg }
        | I64Store { memarg }
        | F32Store { memarg }
        | F64Store { memarg }
        | I32Store8 { memarg }
        | I32Store16 { memarg }
        | I64Store8 { memarg }
        | I64Store16 { memarg }
        | I64Store32 { memarg } => Some(memarg.offset),
        _ => None,
    }
}

/// `bytes` (a module with no data of its own) with active segments of memory 0 added after
/// its code section.
pub fn with_data(bytes: &[u8], segments: &[(u32, Vec<u8>)]) -> Result<Vec<u8>> {
    let mut data = wasm_encoder::DataSection::new();
    for (address, bytes) in segments {
        let at = wasm_encoder::ConstExpr::i32_const(*address as i32);
        data.active(0, &at, bytes.iter().copied());
    }
    let mut out = wasm_encoder::Module::new();
    let mut added = false;
    for payload in Parser::new(0).parse_all(bytes) {
        let payload = payload.map_err(err)?;
        if matches!(
            payload,
            Payload::DataSection(_) | Payload::DataCountSection { .. }
        ) {
            return Err(
                "the rest has data of its own (wasm-split kept all data in the primary \
                 until now); data_split.rs would have to merge it"
                    .into(),
            );
        }
        if let Some((id, range)) = payload.as_section() {
            out.section(&wasm_encoder::RawSection {
                id,
                data: &bytes[range],
            });
            if id == wasm_encoder::SectionId::Code as u8 {
                out.section(&data);
                added = true;
            }
        }
    }
    if !added {
        return Err("the rest has no code section".into());
    }
    Ok(out.finish())
}
