use super::bf16::{bf16_bits, bf16_pair, to_bf16_pairs};
use super::slivers::slivers;
use super::*;

/// Deterministic values in [-1, 1).
fn values(n: usize, seed: u32) -> Vec<f32> {
    let mut s = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            (s as f32 / u32::MAX as f32) * 2.0 - 1.0
        })
        .collect()
}

fn reference(x: &[f32], w: &[f32], b: &[f32], rows: usize, k: usize, n: usize) -> Vec<f32> {
    let mut out = vec![0f32; rows * n];
    for r in 0..rows {
        for j in 0..n {
            let dot: f64 = (0..k)
                .map(|i| x[r * k + i] as f64 * w[j * k + i] as f64)
                .sum();
            out[r * n + j] = dot as f32 + b[j];
        }
    }
    out
}

fn max_diff(a: &[f32], b: &[f32]) -> f32 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f32::max)
}

/// Every row count from 1 to past a row block, with k both under and over one k block,
/// on 1 and 2 threads: every path through the blocking and the thread split.
#[test]
fn f32_matches_a_reference_for_every_shape() {
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        for (k, n) in [(24, 64), (600, 96)] {
            let w = values(k * n, 1);
            let b = values(n, 2);
            let linear = Linear::pack(&w, b.clone(), k, n, Precision::F32).unwrap();
            for rows in [1, 2, 5, 13, 14, 15, 29, 64, 300, 531] {
                let x = values(rows * k, rows as u32);
                let mut out = vec![f32::NAN; rows * n];
                pool.install(|| {
                    linear.forward(&x, rows, Epilogue::Bias, &mut out, &mut Scratch::default())
                });
                let expected = reference(&x, &w, &b, rows, k, n);
                let diff = max_diff(&out, &expected);
                assert!(diff < 1e-4, "rows {rows}, k {k}, threads {threads}: {diff}");
            }
        }
    }
}

#[test]
fn epilogues_apply_gelu_and_the_residual() {
    let (rows, k, n) = (7, 40, 64);
    let (w, b, x) = (values(k * n, 3), values(n, 4), values(rows * k, 5));
    let residual = values(rows * n, 6);
    let linear = Linear::pack(&w, b.clone(), k, n, Precision::F32).unwrap();
    let expected = reference(&x, &w, &b, rows, k, n);
    let mut out = vec![0f32; rows * n];
    linear.forward(
        &x,
        rows,
        Epilogue::BiasGelu,
        &mut out,
        &mut Scratch::default(),
    );
    let gelu: Vec<f32> = expected.iter().map(|&v| simd::gelu(v)).collect();
    assert!(max_diff(&out, &gelu) < 1e-5);
    linear.forward(
        &x,
        rows,
        Epilogue::BiasResidual(&residual),
        &mut out,
        &mut Scratch::default(),
    );
    let summed: Vec<f32> = expected.iter().zip(&residual).map(|(e, r)| e + r).collect();
    assert!(max_diff(&out, &summed) < 1e-5);
}

#[test]
fn bf16_is_close_to_f32_where_the_cpu_has_it() {
    if !simd::has_bf16() {
        eprintln!("this CPU has no AVX512_BF16: the bf16 kernel is not exercised here");
        return;
    }
    let (k, n) = (768, 96);
    let (w, b) = (values(k * n, 7), values(n, 8));
    let linear = Linear::pack(&w, b.clone(), k, n, Precision::Bf16).unwrap();
    assert_eq!(linear.precision(), Precision::Bf16);
    for rows in [1, 14, 300] {
        let x = values(rows * k, 9);
        let mut out = vec![0f32; rows * n];
        linear.forward(&x, rows, Epilogue::Bias, &mut out, &mut Scratch::default());
        let expected = reference(&x, &w, &b, rows, k, n);
        // Sums of 768 products of values rounded to 8 bits: |error| ≈ 2^-9 · √768 · 1/3.
        let diff = max_diff(&out, &expected);
        assert!(diff > 0.0 && diff < 0.1, "rows {rows}: {diff}");
    }
}

#[test]
fn slivers_cover_the_rows() {
    assert_eq!(slivers(15, 14).collect::<Vec<_>>(), vec![(0, 14), (14, 1)]);
    assert_eq!(slivers(14, 14).collect::<Vec<_>>(), vec![(0, 14)]);
    assert_eq!(slivers(3, 4).collect::<Vec<_>>(), vec![(0, 3)]);
    assert_eq!(slivers(0, 4).count(), 0);
}

#[test]
fn bf16_rounding_is_nearest_even() {
    assert_eq!(bf16_bits(1.0), 0x3f80);
    // 1 + 2^-8 is halfway between two bf16 values: ties go to the even one (1.0).
    assert_eq!(bf16_bits(1.0 + 1.0 / 256.0), 0x3f80);
    assert_eq!(bf16_bits(1.0 + 3.0 / 256.0), 0x3f82);
    assert_eq!(bf16_bits(f32::INFINITY), 0x7f80);
    assert_eq!(bf16_bits(f32::MAX), 0x7f80, "rounds up to infinity");
    for nan in [
        f32::NAN,
        -f32::NAN,
        f32::from_bits(0xffff_ffff),
        f32::from_bits(0x7f80_0001),
    ] {
        assert!(
            f32::from_bits(bf16_bits(nan) << 16).is_nan(),
            "{:x}",
            nan.to_bits()
        );
    }
    let mut pairs = [0u32; 2];
    to_bf16_pairs(&[1.0, -2.0, 0.5, 3.0], &mut pairs);
    assert_eq!(pairs, [bf16_pair(1.0, -2.0), bf16_pair(0.5, 3.0)]);
}

#[test]
fn a_layer_that_does_not_fit_the_panels_is_an_error() {
    assert!(Linear::pack(&[0.0; 30], vec![0.0; 30], 1, 30, Precision::F32).is_err());
    assert!(Linear::pack(&[0.0; 64], vec![0.0; 31], 2, 32, Precision::F32).is_err());
}

/// int8 against the exact product: the error of 8-bit inputs and weights, and no more.
#[test]
fn int8_is_close_to_f32_for_every_shape() {
    for (k, n) in [(24, 64), (768, 96)] {
        let (w, b) = (values(k * n, 11), values(n, 12));
        let linear = Linear::pack(&w, b.clone(), k, n, Precision::Int8).unwrap();
        assert_eq!(linear.precision(), Precision::Int8);
        for rows in [1, 5, 14, 15, 64, 300] {
            let x = values(rows * k, 13 + rows as u32);
            let mut out = vec![f32::NAN; rows * n];
            linear.forward(&x, rows, Epilogue::Bias, &mut out, &mut Scratch::default());
            let expected = reference(&x, &w, &b, rows, k, n);
            // Each product is off by at most half a step of each operand (1/255 and 1/127 of
            // the range); the errors are independent, so the sum's is about √k of one.
            let bound = 3.0 * (k as f32).sqrt() * (1.0 / 127.0 + 2.0 / 255.0);
            let diff = max_diff(&out, &expected);
            assert!(
                diff > 0.0 && diff < bound,
                "rows {rows}, k {k}: {diff} (bound {bound})"
            );
        }
    }
}

/// Every layout sums the same integers, so VNNI quads and AVX2/portable pairs agree bit for bit.
#[test]
fn int8_layouts_give_identical_results() {
    let (k, n, rows) = (256, 64, 29);
    let (w, b, x) = (values(k * n, 21), values(n, 22), values(rows * k, 23));
    let run = |layout: Int8Layout| {
        let linear = Linear::pack_int8(&w, b.clone(), k, n, layout).unwrap();
        let mut out = vec![0f32; rows * n];
        linear.forward(
            &x,
            rows,
            Epilogue::BiasGelu,
            &mut out,
            &mut Scratch::default(),
        );
        out
    };
    let pairs = run(Int8Layout::Pairs);
    if simd::has_vnni() {
        assert_eq!(run(Int8Layout::Quads), pairs);
    } else {
        eprintln!("this CPU has no AVX512-VNNI: the quads kernel is not exercised here");
    }
}
