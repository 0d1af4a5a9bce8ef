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
}

impl Precision {
    pub fn name(self) -> &'static str {
        match self {
            Precision::F32 => "fp32",
            Precision::Bf16 => "bf16",
        }
    }

    /// What runs when `self` is asked for: bf16 only where the CPU has AVX512_BF16 (and the
    /// kernels are not capped below AVX-512), fp32 otherwise.
    pub fn runnable(self) -> Self {
        match self {
            Precision::Bf16 if simd::has_bf16() => Precision::Bf16,
            _ => Precision::F32,
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "fp32" | "f32" => Some(Precision::F32),
            "bf16" => Some(Precision::Bf16),
            _ => None,
        }
    }
}
