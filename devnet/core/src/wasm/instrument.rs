//! Instruction metering as the replica does it (`rs/embedders/src/wasm_utils/instrumentation.rs`):
//! every basic block starts by subtracting the IC's cost of its instructions from a counter global;
//! blocks that can repeat (function bodies, loop bodies) also check the counter and trap once it
//! is negative; bulk memory operations subtract their size at run time. The host sets the counter
//! to the message's instruction limit before an execution and reads what is left after it, so the
//! counts match mainnet's (the injected code itself is not counted, as on the IC).
use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{BlockType, Function, Instruction, ValType};
use wasmparser::{FunctionBody, Operator};

/// What the metering code needs to know about the module.
pub struct Metering {
    /// Index of the injected i64 counter global.
    pub counter: u32,
    /// Whether the memory is 64-bit (its bulk operations take i64 sizes).
    pub memory64: bool,
}

/// The IC's cost of one instruction (the replica's `instruction_to_cost`, wasm32 values).
pub fn instruction_cost(op: &Operator, memory64: bool) -> u64 {
    use Operator::*;
    match op {
        Block { .. } | Else | End | Loop { .. } => 0,
        I32DivS | I32DivU | I32RemS | I32RemU | I64DivS | I64DivU | I64RemS | I64RemU => 10,
        F32Add | F32Sub | F32Mul | F32Ceil | F32Floor | F32Trunc | F32Nearest | F64Add | F64Sub | F64Mul | F64Ceil
        | F64Floor | F64Trunc | F64Nearest => 2,
        F32Div => 3,
        F64Div => 5,
        F32Min | F32Max | F64Min | F64Max => 18,
        F32Copysign => 2,
        F64Copysign => 3,
        F32Sqrt => 5,
        F64Sqrt => 8,
        F32Eq | F32Ne | F32Lt | F32Gt | F32Le | F32Ge | F64Eq | F64Ne | F64Lt | F64Gt | F64Le | F64Ge => 3,
        F32ConvertI32S | F64ConvertI64S | F32ConvertI64S | F64ConvertI32S => 3,
        F64ConvertI32U | F32ConvertI64U | F32ConvertI32U | F64ConvertI64U => 16,
        I64TruncSatF32S | I64TruncSatF32U | I64TruncSatF64S | I64TruncSatF64U | I32TruncSatF32S | I32TruncSatF32U
        | I32TruncSatF64S | I32TruncSatF64U => 20,
        I32TruncF32S | I32TruncF32U | I32TruncF64S | I32TruncF64U | I64TruncF32S | I64TruncF32U | I64TruncF64S
        | I64TruncF64U => 20,
        I32Load { .. } | I64Load { .. } | F32Load { .. } | F64Load { .. } | I32Load8S { .. } | I32Load8U { .. }
        | I32Load16S { .. } | I32Load16U { .. } | I64Load8S { .. } | I64Load8U { .. } | I64Load16S { .. }
        | I64Load16U { .. } | I64Load32S { .. } | I64Load32U { .. } | I32Store { .. } | I64Store { .. }
        | F32Store { .. } | F64Store { .. } | I32Store8 { .. } | I32Store16 { .. } | I64Store8 { .. }
        | I64Store16 { .. } | I64Store32 { .. } => {
            if memory64 {
                2
            } else {
                1
            }
        }
        GlobalGet { .. } | GlobalSet { .. } => 2,
        TableGet { .. } | TableSet { .. } => 5,
        TableGrow { .. } | MemoryGrow { .. } => 300,
        MemorySize { .. } => 20,
        TableSize { .. } => 100,
        MemoryFill { .. } | MemoryCopy { .. } | TableFill { .. } | TableCopy { .. } | MemoryInit { .. } | TableInit { .. } => 100,
        DataDrop { .. } | ElemDrop { .. } => 300,
        Call { .. } => 5,
        CallIndirect { .. } => 10,
        ReturnCall { .. } => 3,
        ReturnCallIndirect { .. } => 60,
        If { .. } | Br { .. } | BrIf { .. } | BrTable { .. } => 2,
        RefIsNull => 5,
        RefFunc { .. } => 130,
        V128Load { .. } | V128Load8x8S { .. } | V128Load8x8U { .. } | V128Load16x4S { .. } | V128Load16x4U { .. }
        | V128Load32x2S { .. } | V128Load32x2U { .. } | V128Load8Splat { .. } | V128Load16Splat { .. }
        | V128Load32Splat { .. } | V128Load64Splat { .. } | V128Load32Zero { .. } | V128Load64Zero { .. }
        | V128Store { .. } | V128Load8Lane { .. } | V128Load16Lane { .. } | V128Load32Lane { .. }
        | V128Load64Lane { .. } | V128Store8Lane { .. } | V128Store16Lane { .. } | V128Store32Lane { .. }
        | V128Store64Lane { .. } => {
            if memory64 {
                2
            } else {
                1
            }
        }
        I8x16Shuffle { .. } | I8x16Popcnt | I8x16Shl | I8x16ShrS | I32x4ExtAddPairwiseI16x8U | I64x2ShrS => 3,
        I8x16LtU | I8x16GtU | I16x8LtU | I16x8GtU | I32x4LtU | I32x4GtU | I8x16ShrU | I16x8ExtAddPairwiseI8x16U
        | I16x8ExtMulHighI8x16S | I16x8ExtMulHighI8x16U | I16x8Shl | I16x8ShrS | I16x8ShrU | I32x4Shl | I32x4ShrS
        | I32x4ShrU | I32x4Mul | I32x4ExtMulLowI16x8S | I32x4ExtMulHighI16x8S | I32x4ExtMulLowI16x8U
        | I32x4ExtMulHighI16x8U | I64x2Shl | I64x2ShrU | F32x4Ceil | F32x4Floor | F32x4Trunc | F32x4Nearest
        | F32x4Abs | F32x4Neg | F32x4Add | F32x4Sub | F32x4Mul | F64x2Ceil | F64x2Floor | F64x2Trunc | F64x2Nearest
        | F64x2Abs | F64x2Neg | F64x2Add | F64x2Sub | F64x2Mul | I32x4TruncSatF32x4S | I32x4TruncSatF64x2SZero => 2,
        I64x2Mul | F32x4Min | F32x4Max | F64x2Min | I32x4TruncSatF32x4U | F32x4ConvertI32x4U => 4,
        I32x4TruncSatF64x2UZero => 3,
        F32x4Sqrt | F64x2Max => 5,
        F32x4Div => 10,
        F64x2Sqrt => 14,
        F64x2Div => 12,
        _ => 1,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Point {
    /// Subtract the cost of the block that starts here; `check` at re-entrant blocks.
    Static { cost: u64, check: bool },
    /// Subtract the size operand of the bulk operation that follows (i64 if `wide`).
    Dynamic { wide: bool },
}

/// Where to inject metering in a function body, as the replica computes it.
fn injection_points(ops: &[Operator], memory64: bool) -> Vec<(usize, Point)> {
    let mut points = Vec::new();
    // The function body is re-entrant and costs at least 1, even when empty.
    let (mut start, mut cost, mut check) = (0usize, 1u64, true);
    for (position, op) in ops.iter().enumerate() {
        cost += instruction_cost(op, memory64);
        let next_check = match op {
            Operator::Loop { .. } => Some(true),
            Operator::If { .. }
            | Operator::Else
            | Operator::Br { .. }
            | Operator::BrIf { .. }
            | Operator::BrTable { .. }
            | Operator::End
            | Operator::Return
            | Operator::Unreachable
            | Operator::ReturnCall { .. }
            | Operator::ReturnCallIndirect { .. } => Some(false),
            Operator::MemoryFill { .. } | Operator::MemoryCopy { .. } => {
                points.push((position, Point::Dynamic { wide: memory64 }));
                None
            }
            Operator::TableFill { .. } | Operator::TableCopy { .. } | Operator::MemoryInit { .. } | Operator::TableInit { .. } => {
                points.push((position, Point::Dynamic { wide: false }));
                None
            }
            _ => None,
        };
        if let Some(next_check) = next_check {
            if check || cost > 0 {
                points.push((start, Point::Static { cost, check }));
            }
            (start, cost, check) = (position + 1, 0, next_check);
        }
    }
    points.sort_by_key(|(position, _)| *position);
    points
}

fn subtract_and_check(out: &mut Function, counter: u32, check: bool) {
    out.instruction(&Instruction::I64Sub).instruction(&Instruction::GlobalSet(counter));
    if check {
        out.instruction(&Instruction::GlobalGet(counter))
            .instruction(&Instruction::I64Const(0))
            .instruction(&Instruction::I64LtS)
            .instruction(&Instruction::If(BlockType::Empty))
            .instruction(&Instruction::Unreachable)
            .instruction(&Instruction::End);
    }
}

/// The metered copy of one function body. `params` is the function's parameter count (the
/// scratch locals for dynamic costs are appended after its locals).
pub fn instrument_body(body: &FunctionBody, params: u32, metering: &Metering) -> Result<Function, String> {
    let err = |e: wasmparser::BinaryReaderError| format!("invalid wasm module: {e}");
    let mut locals: Vec<(u32, ValType)> = Vec::new();
    let mut reencoder = RoundtripReencoder;
    for local in body.get_locals_reader().map_err(err)? {
        let (count, ty) = local.map_err(err)?;
        locals.push((count, reencoder.val_type(ty).map_err(|e| format!("invalid wasm module: {e}"))?));
    }
    let mut ops = Vec::new();
    let mut reader = body.get_operators_reader().map_err(err)?;
    while !reader.eof() {
        ops.push(reader.read().map_err(err)?);
    }
    let points = injection_points(&ops, metering.memory64);
    let declared: u32 = locals.iter().map(|(n, _)| *n).sum();
    let scratch32 = params + declared;
    let scratch64 = scratch32 + 1;
    if points.iter().any(|(_, p)| matches!(p, Point::Dynamic { .. })) {
        locals.push((1, ValType::I32));
        locals.push((1, ValType::I64));
    }
    let counter = metering.counter;
    let mut out = Function::new(locals);
    let mut next = points.iter().peekable();
    for (position, op) in ops.into_iter().enumerate() {
        while let Some((_, point)) = next.next_if(|(p, _)| *p == position) {
            match *point {
                Point::Static { cost, check } => {
                    out.instruction(&Instruction::GlobalGet(counter)).instruction(&Instruction::I64Const(cost as i64));
                    subtract_and_check(&mut out, counter, check);
                }
                Point::Dynamic { wide } => {
                    let scratch = if wide { scratch64 } else { scratch32 };
                    out.instruction(&Instruction::LocalSet(scratch))
                        .instruction(&Instruction::GlobalGet(counter))
                        .instruction(&Instruction::LocalGet(scratch));
                    if !wide {
                        out.instruction(&Instruction::I64ExtendI32U);
                    }
                    subtract_and_check(&mut out, counter, true);
                    out.instruction(&Instruction::LocalGet(scratch));
                }
            }
        }
        let instruction = reencoder.instruction(op).map_err(|e| format!("invalid wasm module: {e}"))?;
        out.instruction(&instruction);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_charged_at_their_start_and_loops_are_checked() {
        use Operator::*;
        // (func (loop (br_if 0 (i32.const 1))) (i32.div_u (i32.const 1) (i32.const 2)) drop)
        let body = vec![
            Loop { blockty: wasmparser::BlockType::Empty },
            I32Const { value: 1 },
            BrIf { relative_depth: 0 },
            End,
            I32Const { value: 1 },
            I32Const { value: 2 },
            I32DivU,
            Drop,
            End,
        ];
        let points = injection_points(&body, false);
        assert_eq!(
            points,
            vec![
                (0, Point::Static { cost: 1, check: true }),
                (1, Point::Static { cost: 3, check: true }),
                (4, Point::Static { cost: 13, check: false }),
            ]
        );
    }
}
