//! Which arithmetic the matmuls run in (a process that cannot call `configure` names it in
//! `RESUME_AI_PRECISION`, read by `crate::config`).

use crate::engine::simd;

/// The arithmetic of the matmuls. Activations, attention, normalisation and sums outside
/// the matmuls are f32 in both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub enum Precision {
    #[default]
    #[serde(rename = "fp32")]
    F32,
    /// Weights and inputs rounded to bf16 (round to nearest even), products summed in f32
    /// by AVX512_BF16's `vdpbf16ps`.
    #[serde(rename = "bf16")]
    Bf16,
    /// Weights quantized to i8 per output column, inputs to u8 per row at run time, products
    /// summed exactly in i32 (VNNI's `vpdpbusd`, AVX2's `vpmaddwd`, or portable code: the
    /// same integers on every CPU).
    #[serde(rename = "int8")]
    Int8,
    /// Whichever of the others [`Precision::auto`] picks for this CPU (resolved when the
    /// weights are packed, after any kernel cap).
    #[serde(rename = "auto")]
    Auto,
}

impl Precision {
    pub fn name(self) -> &'static str {
        match self {
            Precision::F32 => "fp32",
            Precision::Bf16 => "bf16",
            Precision::Int8 => "int8",
            Precision::Auto => "auto",
        }
    }

    /// `auto`: the fastest precision that meets the quality bar on this CPU. int8 meets it
    /// everywhere (the same integers on every CPU, checked on the golden texts by the tests),
    /// so the choice is speed alone: int8 where its kernels beat fp32's (VNNI, or AVX2 whose
    /// `vpmaddwd` does twice the multiply-adds of its FMA), fp32 where they do not (AVX-512
    /// without VNNI, whose FMA matches AVX2's `vpmaddwd`; portable code).
    fn auto() -> Self {
        match simd::isa() {
            _ if simd::has_vnni() => Precision::Int8,
            simd::Isa::Avx2 => Precision::Int8,
            _ => Precision::F32,
        }
    }

    /// What runs when `self` is asked for: bf16 only where the CPU has AVX512_BF16 (and the
    /// kernels are not capped below AVX-512), else fp32; int8 everywhere.
    pub fn runnable(self) -> Self {
        match self {
            Precision::Bf16 if simd::has_bf16() => Precision::Bf16,
            Precision::Int8 => Precision::Int8,
            Precision::Auto => Self::auto().runnable(),
            _ => Precision::F32,
        }
    }

    /// `fp32`, `bf16`, `int8`, or `auto` ([`Precision::auto`]).
    pub fn parse(name: &str) -> Option<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(Precision::Auto),
            "fp32" | "f32" => Some(Precision::F32),
            "bf16" => Some(Precision::Bf16),
            "int8" => Some(Precision::Int8),
            _ => None,
        }
    }
}
