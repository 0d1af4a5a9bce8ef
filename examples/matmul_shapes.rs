//! GFLOP/s of the encoder's matmul shapes: the packed kernels (fp32, int8 (GOPS: multiply-adds
//! count 2, as for floats) and, where the CPU has AVX512_BF16, bf16) beside candle's matmul on the same data (the engine's path before the
//! packed kernels). `cargo run --release --no-default-features --example matmul_shapes`,
//! with RAYON_NUM_THREADS set as in the benchmark (2).
use std::time::Instant;

use candle_core::{Device, Tensor};
use resume_ai::engine::matmul::{Epilogue, Linear, Precision, Scratch};
use resume_ai::engine::simd;

/// (rows, in, out): one 10-word sentence (14 tokens), a 120-word paragraph (~160), a batch of
/// 16 paragraphs (~2,200); q/k/v, attention output, FFN in, FFN out.
const ROWS: [usize; 3] = [14, 160, 2200];
const LAYERS: [(usize, usize, &str); 4] = [
    (768, 2304, "qkv"),
    (768, 768, "attn out"),
    (768, 3072, "ffn in"),
    (3072, 768, "ffn out"),
];

fn values(n: usize) -> Vec<f32> {
    (0..n)
        .map(|i| ((i * 7919 % 1000) as f32 / 500.0) - 1.0)
        .collect()
}

/// Best seconds per call over enough calls to take ~0.3 s.
fn time(mut f: impl FnMut()) -> f64 {
    f();
    let mut best = f64::MAX;
    let start = Instant::now();
    while start.elapsed().as_secs_f64() < 0.3 {
        let t = Instant::now();
        f();
        best = best.min(t.elapsed().as_secs_f64());
    }
    best
}

/// GFLOP/s of f32 multiply-adds on every thread of the pool with nothing but registers: the
/// ceiling any fp32 matmul on this machine can approach (AVX-512 where the CPU has it).
fn peak_gflops() -> Option<f64> {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::*;
        #[target_feature(enable = "avx512f")]
        unsafe fn fmas(iterations: usize) -> f32 {
            let mut acc = [_mm512_set1_ps(1.0); 12];
            let (b, c) = (_mm512_set1_ps(0.999_999), _mm512_set1_ps(1e-7));
            for _ in 0..iterations {
                for a in acc.iter_mut() {
                    *a = _mm512_fmadd_ps(*a, b, c);
                }
            }
            _mm512_reduce_add_ps(
                acc.iter()
                    .fold(_mm512_setzero_ps(), |s, &a| _mm512_add_ps(s, a)),
            )
        }
        if simd::isa() != simd::Isa::Avx512 {
            return None;
        }
        const ITERATIONS: usize = 100_000_000;
        let start = Instant::now();
        // SAFETY: AVX-512 is present (checked above).
        let sink: f32 = rayon::broadcast(|_| unsafe { fmas(ITERATIONS) })
            .iter()
            .sum();
        let flops = (rayon::current_num_threads() * ITERATIONS * 12 * 32) as f64;
        std::hint::black_box(sink);
        Some(flops / start.elapsed().as_secs_f64() / 1e9)
    }
    #[cfg(not(target_arch = "x86_64"))]
    None
}

/// GOPS of `vpdpbusd` on every thread with nothing but registers: the int8 ceiling (four
/// multiply-adds per 32-bit lane, counted 2 ops each).
fn peak_vnni_gops() -> Option<f64> {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::*;
        #[target_feature(enable = "avx512f,avx512vnni")]
        unsafe fn dots(iterations: usize) -> i32 {
            let mut acc = [_mm512_set1_epi32(1); 12];
            let (a, b) = (
                _mm512_set1_epi32(0x0101_0101),
                _mm512_set1_epi32(0x0102_0304),
            );
            for _ in 0..iterations {
                for s in acc.iter_mut() {
                    *s = _mm512_dpbusd_epi32(*s, a, b);
                }
            }
            _mm512_reduce_add_epi32(
                acc.iter()
                    .fold(_mm512_setzero_si512(), |s, &a| _mm512_add_epi32(s, a)),
            )
        }
        if !simd::has_vnni() {
            return None;
        }
        const ITERATIONS: usize = 100_000_000;
        let start = Instant::now();
        // SAFETY: AVX512-VNNI is present (checked above).
        let sink: i32 = rayon::broadcast(|_| unsafe { dots(ITERATIONS) })
            .iter()
            .sum();
        let ops = (rayon::current_num_threads() * ITERATIONS * 12 * 16 * 4 * 2) as f64;
        std::hint::black_box(sink);
        Some(ops / start.elapsed().as_secs_f64() / 1e9)
    }
    #[cfg(not(target_arch = "x86_64"))]
    None
}

fn main() -> candle_core::Result<()> {
    println!(
        "kernels {}, bf16 {}, {} threads",
        simd::isa().name(),
        simd::has_bf16(),
        rayon::current_num_threads()
    );
    if let Some(peak) = peak_gflops() {
        println!("fp32 FMA peak, registers only, all threads: {peak:.0} GFLOP/s");
    }
    if let Some(peak) = peak_vnni_gops() {
        println!("int8 vpdpbusd peak, registers only, all threads: {peak:.0} GOPS");
    }
    println!(
        "{:>5} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}",
        "rows", "layer", "candle", "fp32", "bf16", "int8", "fp32/candle"
    );
    for rows in ROWS {
        for (k, n, name) in LAYERS {
            let (w, b, x) = (values(n * k), values(n), values(rows * k));
            let flops = 2.0 * (rows * k * n) as f64;
            let wt = Tensor::from_vec(w.clone(), (n, k), &Device::Cpu)?
                .t()?
                .contiguous()?;
            let xt = Tensor::from_vec(x.clone(), (rows, k), &Device::Cpu)?;
            let candle = flops / time(|| drop(xt.matmul(&wt).unwrap())) / 1e9;
            let mut out = vec![0f32; rows * n];
            let mut scratch = Scratch::default();
            let mut run = |precision| {
                let linear = Linear::pack(&w, b.clone(), k, n, precision).unwrap();
                flops
                    / time(|| linear.forward(&x, rows, Epilogue::Bias, &mut out, &mut scratch))
                    / 1e9
            };
            let fp32 = run(Precision::F32);
            let bf16 = if simd::has_bf16() {
                format!("{:.0}", run(Precision::Bf16))
            } else {
                "-".into()
            };
            let int8 = run(Precision::Int8);
            println!(
                "{rows:>5} {name:>10} {candle:>10.0} {fp32:>10.0} {bf16:>10} {int8:>10.0} {:>10.2}",
                fp32 / candle
            );
        }
    }
    Ok(())
}
