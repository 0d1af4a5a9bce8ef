//! Which arithmetic the matmuls run in, and how a process that cannot call `configure` asks
//! for one.

use crate::engine::simd;

/// The arithmetic of the matmuls. Activations, attention, normalisation and sums outside
/// the matmuls are f32 in both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Precision {
    #[serde(rename = "fp32")]
    F32,
    /// Weights and inputs rounded to bf16 (round to nearest even), products summed in f32
    /// by AVX512_BF16's `vdpbf16ps`.
    #[serde(rename = "bf16")]
    Bf16,
}

/// Names the precision asked for by processes that cannot call `configure` (the CLI, the
/// demo, a benchmark): `fp32` (the default) or `bf16`.
pub const PRECISION_ENV: &str = "RESUME_AI_PRECISION";

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

    /// [`PRECISION_ENV`], fp32 when unset.
    pub fn from_env() -> crate::error::Result<Self> {
        match std::env::var(PRECISION_ENV) {
            Err(_) => Ok(Precision::F32),
            Ok(value) => Self::parse(&value).ok_or_else(|| {
                crate::error::Error::InvalidArgument(format!(
                    "{PRECISION_ENV} must be fp32 or bf16, not {value:?}"
                ))
            }),
        }
    }
}
