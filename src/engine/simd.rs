//! Which SIMD instructions the kernels use, chosen once at run time, and the element-wise
//! maths of the encoder (exp, erf GELU, lane-wise sums) written so that the compiler
//! vectorises it for whichever instruction set runs it.
//!
//! The addon is built for baseline x86-64 (or any other target), so a function only uses
//! AVX2 or AVX-512 inside a `#[target_feature]` function. [`multiversion!`] writes the
//! three copies of a function (AVX-512, AVX2/FMA, portable) and dispatches on [`isa`].

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

/// The instruction sets the kernels are written for, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Isa {
    /// No SIMD beyond the target's baseline (SSE2 on x86-64; NEON and others elsewhere).
    Portable,
    /// AVX2 + FMA (x86-64-v3).
    Avx2,
    /// AVX-512 F/BW/DQ/VL (x86-64-v4).
    Avx512,
}

impl Isa {
    pub fn name(self) -> &'static str {
        match self {
            Isa::Portable => "portable",
            Isa::Avx2 => "avx2",
            Isa::Avx512 => "avx512",
        }
    }
}

impl Isa {
    /// `avx512`, `avx2` or `portable`.
    pub fn parse(name: &str) -> Option<Self> {
        [Isa::Portable, Isa::Avx2, Isa::Avx512]
            .into_iter()
            .find(|isa| isa.name() == name.trim().to_ascii_lowercase())
    }
}

/// The cap set by [`cap`] (`RESUME_AI_KERNELS`), as `Isa as u8`; none until then.
static CAP: AtomicU8 = AtomicU8::new(Isa::Avx512 as u8);

/// Caps the instruction set below what the CPU has (`RESUME_AI_KERNELS`): lets tests and
/// benchmarks run the fallback kernels on a machine that has better ones. Set before the
/// model loads; later kernels follow it too.
pub fn cap(isa: Isa) {
    CAP.store(isa as u8, Ordering::Relaxed);
}

/// The best instruction set this CPU has (detected once), capped by [`cap`].
pub fn isa() -> Isa {
    static DETECTED: OnceLock<Isa> = OnceLock::new();
    let cap = match CAP.load(Ordering::Relaxed) {
        c if c == Isa::Portable as u8 => Isa::Portable,
        c if c == Isa::Avx2 as u8 => Isa::Avx2,
        _ => Isa::Avx512,
    };
    (*DETECTED.get_or_init(detected)).min(cap)
}

/// Whether this CPU has AVX512_BF16 (and the kernels may use it: not capped below AVX-512).
pub fn has_bf16() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        isa() == Isa::Avx512 && is_x86_feature_detected!("avx512bf16")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Whether this CPU has AVX512-VNNI (and the kernels may use it: not capped below AVX-512),
/// for the int8 matmuls' `vpdpbusd`.
pub fn has_vnni() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        isa() == Isa::Avx512 && is_x86_feature_detected!("avx512vnni")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Whether the AVX2 kernels may run (not capped below AVX2) and this CPU converts f16 in
/// hardware (F16C), for the catalogue's f16 vectors.
pub fn has_f16c() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        isa() >= Isa::Avx2 && is_x86_feature_detected!("f16c")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

fn detected() -> Isa {
    #[cfg(target_arch = "x86_64")]
    {
        if is_x86_feature_detected!("avx512f")
            && is_x86_feature_detected!("avx512bw")
            && is_x86_feature_detected!("avx512dq")
            && is_x86_feature_detected!("avx512vl")
            && is_x86_feature_detected!("avx2")
            && is_x86_feature_detected!("fma")
        {
            return Isa::Avx512;
        }
        if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
            return Isa::Avx2;
        }
    }
    Isa::Portable
}

/// Defines `fn $name(args)` whose body is compiled three times (AVX-512, AVX2/FMA, portable)
/// and run in the best copy [`isa`] allows. The body must be plain Rust the compiler can
/// vectorise: the copies differ only in which instructions it may use.
macro_rules! multiversion {
    ($(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $body:block) => {
        $(#[$meta])*
        $vis fn $name($($arg: $ty),*) {
            #[inline(always)]
            fn body($($arg: $ty),*) $body
            #[cfg(target_arch = "x86_64")]
            {
                #[target_feature(enable = "avx512f,avx512bw,avx512dq,avx512vl,avx2,fma")]
                unsafe fn v4($($arg: $ty),*) { body($($arg),*) }
                #[target_feature(enable = "avx2,fma")]
                unsafe fn v3($($arg: $ty),*) { body($($arg),*) }
                match $crate::engine::simd::isa() {
                    // SAFETY: `isa()` reports only instruction sets this CPU has.
                    $crate::engine::simd::Isa::Avx512 => return unsafe { v4($($arg),*) },
                    $crate::engine::simd::Isa::Avx2 => return unsafe { v3($($arg),*) },
                    $crate::engine::simd::Isa::Portable => {}
                }
            }
            body($($arg),*)
        }
    };
}
pub(crate) use multiversion;

/// Lanes of the partial sums in [`sum`] and [`max`]: summing 16 independent lanes (then
/// the lanes) lets the compiler use full vectors without reordering one serial sum.
const LANES: usize = 16;

#[inline(always)]
pub fn sum(x: &[f32]) -> f32 {
    let mut lanes = [0f32; LANES];
    let chunks = x.chunks_exact(LANES);
    let tail: f32 = chunks.remainder().iter().sum();
    for chunk in chunks {
        for (l, v) in lanes.iter_mut().zip(chunk) {
            *l += v;
        }
    }
    lanes.iter().sum::<f32>() + tail
}

/// `e^x` for `x` in f32 range, within 2 ulp: Cephes' `expf` (range reduction by ln 2,
/// degree-6 polynomial), written without branches, library calls or float-to-int casts so
/// that it vectorises. Inputs below −87.3 give ~1e-38 instead of 0, which no caller here
/// can tell apart.
#[inline(always)]
#[allow(clippy::manual_clamp)] // max/min become single vector instructions; clamp's checks don't
pub fn exp(x: f32) -> f32 {
    const LOG2E: f32 = std::f32::consts::LOG2_E;
    const LN2_HI: f32 = 0.693_359_4;
    const LN2_LO: f32 = -2.121_944_4e-4;
    // 1.5 × 2^23: adding it rounds to an integer, which then sits in the low mantissa bits.
    const ROUNDER: f32 = 12_582_912.0;
    let x = x.max(-87.3).min(88.3);
    let shifted = x * LOG2E + ROUNDER;
    let n = shifted - ROUNDER;
    let r = x - n * LN2_HI - n * LN2_LO;
    let mut p = 1.987_569_1e-4;
    p = p * r + 1.398_199_9e-3;
    p = p * r + 8.333_452e-3;
    p = p * r + 4.166_579_6e-2;
    p = p * r + 1.666_666_5e-1;
    p = p * r + 0.5; // Cephes' 5.0000001201e-1, which is 0.5 in f32
    let y = p * r * r + r + 1.0;
    // 2^n, built in the exponent bits from n's integer bits.
    let n_bits = shifted.to_bits().wrapping_sub(ROUNDER.to_bits());
    y * f32::from_bits(n_bits.wrapping_add(127) << 23)
}

/// The largest element (−∞ for none), lane-wise so that it vectorises.
#[inline(always)]
pub fn max(x: &[f32]) -> f32 {
    let mut lanes = [f32::NEG_INFINITY; LANES];
    let chunks = x.chunks_exact(LANES);
    let tail = chunks
        .remainder()
        .iter()
        .fold(f32::NEG_INFINITY, |m, &v| if v > m { v } else { m });
    for chunk in chunks {
        for (l, &v) in lanes.iter_mut().zip(chunk) {
            *l = if v > *l { v } else { *l };
        }
    }
    lanes.iter().fold(tail, |m, &v| if v > m { v } else { m })
}

/// erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), with the constants and evaluation
/// order of ATen's `Vectorized<float>::erf`, which PyTorch's CPU GELU uses.
#[inline(always)]
pub fn erf(x: f32) -> f32 {
    const P: f32 = 0.327_591_1;
    const A1: f32 = 0.254_829_6;
    const A2: f32 = -0.284_496_74;
    const A3: f32 = 1.421_413_8;
    const A4: f32 = -1.453_152_1;
    const A5: f32 = 1.061_405_4;
    let a = x.abs();
    let t = 1.0 / (P * a + 1.0);
    let r = ((((A5 * t + A4) * t + A3) * t + A2) * t + A1) * t;
    let y = 1.0 - r * exp(-a * a);
    y.copysign(x)
}

/// `x · Φ(x)` with Φ from erf: `torch.nn.functional.gelu(x)` (approximate="none"), the
/// exact form the model was trained with, not the tanh approximation.
#[inline(always)]
pub fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + erf(x * std::f32::consts::FRAC_1_SQRT_2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_is_within_two_ulp_over_the_range_used() {
        let mut x = -80.0f32;
        while x < 80.0 {
            let (ours, libm) = (exp(x), x.exp());
            assert!(
                ((ours - libm) / libm).abs() < 2.5e-7,
                "exp({x}): {ours} vs {libm}"
            );
            x += 0.0731;
        }
        assert!(exp(-200.0) < 1.3e-38);
    }

    #[test]
    fn erf_is_within_the_approximation_bound() {
        // Reference values of erf from tables (15 digits).
        for (x, expected) in [
            (0.0, 0.0),
            (0.5, 0.520_499_877_813_047),
            (1.0, 0.842_700_792_949_715),
            (2.0, 0.995_322_265_018_953),
            (-1.5, -0.966_105_146_475_311),
        ] {
            assert!((erf(x as f32) as f64 - expected).abs() < 3e-7, "erf({x})");
        }
    }

    #[test]
    fn gelu_matches_its_definition() {
        let exact = [
            (-3.0, -0.004_049_694),
            (-1.0, -0.158_655_25),
            (0.0, 0.0),
            (0.5, 0.345_731_14),
            (2.0, 1.954_499_7),
        ];
        for (x, e) in exact {
            assert!((gelu(x) - e).abs() < 1e-6, "gelu({x}) = {} vs {e}", gelu(x));
        }
    }

    #[test]
    fn lane_sums_and_max_equal_serial_ones() {
        let a: Vec<f32> = (0..37).map(|i| (i as f32 * 0.37).sin()).collect();
        assert!((sum(&a) - a.iter().sum::<f32>()).abs() < 1e-5);
        assert_eq!(max(&a), a.iter().copied().fold(f32::NEG_INFINITY, f32::max));
        assert_eq!(max(&[]), f32::NEG_INFINITY);
    }
}
