//! Which arithmetic each of the encoder's matmuls runs in: one precision for all of them,
//! except, in int8, the few layers that measurement showed are too sensitive to it.

use super::matmul::{Int8Layout, Precision};

/// The four matmuls of an MPNet layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Matmul {
    /// The fused query/key/value projection (hidden → 3 × hidden).
    Qkv,
    /// Attention's output projection (hidden → hidden).
    AttentionOutput,
    /// The feed-forward expansion (hidden → intermediate), before GELU.
    Intermediate,
    /// The feed-forward contraction (intermediate → hidden).
    Output,
}

impl Matmul {
    pub const ALL: [Matmul; 4] = [
        Matmul::Qkv,
        Matmul::AttentionOutput,
        Matmul::Intermediate,
        Matmul::Output,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Matmul::Qkv => "qkv",
            Matmul::AttentionOutput => "attention.output",
            Matmul::Intermediate => "intermediate",
            Matmul::Output => "output",
        }
    }
}

/// The matmuls that stay fp32 when int8 is asked for. Measured with
/// `cargo run --release --no-default-features --example int8_sensitivity` on the calibration
/// texts of `bench/inputs.json` (never the golden texts the quality bar is checked on),
/// against fp32, with the outlier cap at 32 (8, as now, moves the means by at most 0.00003):
/// all 48 matmuls in int8 give mean cosine 0.99909 (worst 0.99817); the
/// feed-forward outputs cost the most (421 of the 733 millionths that the matmuls cost one by
/// one), layer 5's most (118). Keeping layer 5's in fp32 (1.4% of the work) brings the mean
/// to 0.99931 (worst 0.99873); keeping layer 4's as well adds only 0.00008.
pub const INT8_KEPT_FP32: &[(usize, Matmul)] = &[(5, Matmul::Output)];

/// A precision for every matmul.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrecisionPlan {
    pub default: Precision,
    /// `(layer, matmul, precision)` that differ from `default`.
    pub exceptions: Vec<(usize, Matmul, Precision)>,
}

impl PrecisionPlan {
    /// The plan that `precision` means: all of it, int8 with [`INT8_KEPT_FP32`] in fp32.
    pub fn of(precision: Precision) -> Self {
        let precision = precision.runnable();
        let exceptions = match precision {
            Precision::Int8 => INT8_KEPT_FP32
                .iter()
                .map(|&(layer, matmul)| (layer, matmul, Precision::F32))
                .collect(),
            _ => Vec::new(),
        };
        Self {
            default: precision,
            exceptions,
        }
    }

    /// Every matmul in `precision`, none kept back.
    pub fn of_all(precision: Precision) -> Self {
        Self {
            default: precision,
            exceptions: Vec::new(),
        }
    }

    /// The plan as this CPU runs it: each precision as [`Precision::runnable`] makes it.
    pub fn runnable(&self) -> Self {
        Self {
            default: self.default.runnable(),
            exceptions: self
                .exceptions
                .iter()
                .map(|&(l, m, p)| (l, m, p.runnable()))
                .collect(),
        }
    }

    /// In words, for the packed file's identity: `int8/vnni except 2.qkv=fp32 …`.
    pub fn describe(&self) -> String {
        let layout = |p: Precision| match p {
            Precision::Int8 => format!("int8/{}", Int8Layout::for_cpu().name()),
            p => p.name().to_string(),
        };
        let mut words = layout(self.default);
        for &(l, m, p) in &self.exceptions {
            words += &format!(" {l}.{}={}", m.name(), layout(p));
        }
        words
    }

    pub fn get(&self, layer: usize, matmul: Matmul) -> Precision {
        self.exceptions
            .iter()
            .find(|&&(l, m, _)| l == layer && m == matmul)
            .map_or(self.default, |&(_, _, p)| p)
    }
}
