//! The microkernels: an `R × 32` tile of the output in registers for a whole run over `k`,
//! one copy per instruction set (AVX-512 f32, bf16 and int8 VNNI; AVX2 f32 and int8;
//! portable f32 and int8).

use super::int8::Int8Layout;
use super::PANEL;
use crate::engine::simd::Isa;

/// Calls `$kernel::<R>` for a runtime row count `R` in 1..=14.
macro_rules! by_rows {
    ($rows:expr, $($kernel:ident)::+, $($arg:expr),*) => {
        match $rows {
            1 => $($kernel)::+::<1>($($arg),*),
            2 => $($kernel)::+::<2>($($arg),*),
            3 => $($kernel)::+::<3>($($arg),*),
            4 => $($kernel)::+::<4>($($arg),*),
            5 => $($kernel)::+::<5>($($arg),*),
            6 => $($kernel)::+::<6>($($arg),*),
            7 => $($kernel)::+::<7>($($arg),*),
            8 => $($kernel)::+::<8>($($arg),*),
            9 => $($kernel)::+::<9>($($arg),*),
            10 => $($kernel)::+::<10>($($arg),*),
            11 => $($kernel)::+::<11>($($arg),*),
            12 => $($kernel)::+::<12>($($arg),*),
            13 => $($kernel)::+::<13>($($arg),*),
            14 => $($kernel)::+::<14>($($arg),*),
            rows => unreachable!("a sliver of {rows} rows"),
        }
    };
}
pub(super) use by_rows;

/// One f32 tile with the best kernel of `isa`: `c = a · b` for `rr` rows of `a` (a sliver
/// of `kc × rr`) and one panel `b` (`kc × PANEL`).
///
/// # Safety
/// As [`Job::tile`](super::job::Job::tile).
#[allow(clippy::too_many_arguments)]
pub(super) unsafe fn tile_f32(
    isa: Isa,
    rr: usize,
    kc: usize,
    a: *const f32,
    b: *const f32,
    c: *mut f32,
    ldc: usize,
) {
    match isa {
        #[cfg(target_arch = "x86_64")]
        Isa::Avx512 => by_rows!(rr, x86::f32_avx512, kc, a, b, c, ldc),
        #[cfg(target_arch = "x86_64")]
        Isa::Avx2 => {
            by_rows!(rr, x86::f32_avx2, kc, a, b, c, ldc);
            by_rows!(rr, x86::f32_avx2, kc, a, b.add(16), c.add(16), ldc);
        }
        _ => by_rows!(rr, f32_portable, kc, a, b, c, ldc),
    }
}

/// One int8 tile: `c = a · b` as exact i32 sums (written as their bits), for `rr` rows of
/// `a` (a sliver of `kc × rr` words) and one panel `b` (`kc × PANEL` words), both in `layout`.
///
/// # Safety
/// As [`Job::tile`](super::job::Job::tile); `isa` must be `layout`'s kernel set.
#[allow(clippy::too_many_arguments)]
pub(super) unsafe fn tile_int8(
    isa: Isa,
    layout: Int8Layout,
    rr: usize,
    kc: usize,
    a: *const u32,
    b: *const u32,
    c: *mut i32,
    ldc: usize,
) {
    match (layout, isa) {
        #[cfg(target_arch = "x86_64")]
        (Int8Layout::Quads, _) => by_rows!(rr, x86::int8_vnni, kc, a, b, c, ldc),
        #[cfg(target_arch = "x86_64")]
        (Int8Layout::Pairs, Isa::Avx2) => {
            by_rows!(rr, x86::int8_pairs_avx2, kc, a, b, c, ldc);
            by_rows!(rr, x86::int8_pairs_avx2, kc, a, b.add(16), c.add(16), ldc);
        }
        (Int8Layout::Pairs, _) => by_rows!(rr, int8_pairs_portable, kc, a, b, c, ldc),
        #[cfg(not(target_arch = "x86_64"))]
        (Int8Layout::Quads, _) => unreachable!("quads are only packed where VNNI runs them"),
    }
}

/// The portable int8 microkernel over pairs of i16.
///
/// # Safety
/// As [`tile_int8`], with `a` as `kc × R` words.
unsafe fn int8_pairs_portable<const R: usize>(
    kc: usize,
    a: *const u32,
    b: *const u32,
    c: *mut i32,
    ldc: usize,
) {
    let low = |w: u32| w as u16 as i16 as i32;
    let high = |w: u32| (w >> 16) as u16 as i16 as i32;
    let mut acc = [[0i32; PANEL]; R];
    for k in 0..kc {
        let bk = &*(b.add(k * PANEL) as *const [u32; PANEL]);
        for (r, row) in acc.iter_mut().enumerate() {
            let av = *a.add(k * R + r);
            let (a0, a1) = (low(av), high(av));
            for (y, &w) in row.iter_mut().zip(bk) {
                *y += a0 * low(w) + a1 * high(w);
            }
        }
    }
    for (r, row) in acc.iter().enumerate() {
        std::ptr::copy_nonoverlapping(row.as_ptr(), c.add(r * ldc), PANEL);
    }
}

/// The portable microkernel: `R` rows × 32 columns in arrays the compiler vectorises.
///
/// # Safety
/// As [`Job::tile`](super::job::Job::tile), with `a` as `kc × R` f32.
unsafe fn f32_portable<const R: usize>(
    kc: usize,
    a: *const f32,
    b: *const f32,
    c: *mut f32,
    ldc: usize,
) {
    let mut acc = [[0f32; PANEL]; R];
    for k in 0..kc {
        let bk = &*(b.add(k * PANEL) as *const [f32; PANEL]);
        for (r, row) in acc.iter_mut().enumerate() {
            let av = *a.add(k * R + r);
            for (y, w) in row.iter_mut().zip(bk) {
                *y += av * w;
            }
        }
    }
    for (r, row) in acc.iter().enumerate() {
        let dst = std::slice::from_raw_parts_mut(c.add(r * ldc), PANEL);
        for (d, y) in dst.iter_mut().zip(row) {
            *d = *y;
        }
    }
}

#[cfg(target_arch = "x86_64")]
pub(super) mod x86 {
    use super::PANEL;
    use std::arch::x86_64::*;

    /// `R × 32` f32 tile: 2R accumulators (R ≤ 14 keeps them and both weight vectors in the
    /// 32 registers).
    #[target_feature(enable = "avx512f")]
    pub unsafe fn f32_avx512<const R: usize>(
        kc: usize,
        a: *const f32,
        b: *const f32,
        c: *mut f32,
        ldc: usize,
    ) {
        let mut lo = [_mm512_setzero_ps(); R];
        let mut hi = [_mm512_setzero_ps(); R];
        let (mut a, mut b) = (a, b);
        for _ in 0..kc {
            let (b0, b1) = (_mm512_loadu_ps(b), _mm512_loadu_ps(b.add(16)));
            for r in 0..R {
                let x = _mm512_set1_ps(*a.add(r));
                lo[r] = _mm512_fmadd_ps(x, b0, lo[r]);
                hi[r] = _mm512_fmadd_ps(x, b1, hi[r]);
            }
            a = a.add(R);
            b = b.add(PANEL);
        }
        store_avx512::<R>(&lo, &hi, c, ldc);
    }

    /// `R × 32` tile over bf16 pairs: each `vdpbf16ps` adds two products per lane.
    #[target_feature(enable = "avx512f,avx512bf16")]
    pub unsafe fn bf16_avx512<const R: usize>(
        kc: usize,
        a: *const u32,
        b: *const u32,
        c: *mut f32,
        ldc: usize,
    ) {
        let mut lo = [_mm512_setzero_ps(); R];
        let mut hi = [_mm512_setzero_ps(); R];
        let (mut a, mut b) = (a, b);
        for _ in 0..kc {
            let b0: __m512bh = std::mem::transmute(_mm512_loadu_si512(b.cast()));
            let b1: __m512bh = std::mem::transmute(_mm512_loadu_si512(b.add(16).cast()));
            for r in 0..R {
                let x: __m512bh = std::mem::transmute(_mm512_set1_epi32(*a.add(r) as i32));
                lo[r] = _mm512_dpbf16_ps(lo[r], x, b0);
                hi[r] = _mm512_dpbf16_ps(hi[r], x, b1);
            }
            a = a.add(R);
            b = b.add(PANEL);
        }
        store_avx512::<R>(&lo, &hi, c, ldc);
    }

    /// `R × 32` int8 tile over quads: each `vpdpbusd` adds four u8 × i8 products per lane.
    #[target_feature(enable = "avx512f,avx512vnni")]
    pub unsafe fn int8_vnni<const R: usize>(
        kc: usize,
        a: *const u32,
        b: *const u32,
        c: *mut i32,
        ldc: usize,
    ) {
        let mut lo = [_mm512_setzero_si512(); R];
        let mut hi = [_mm512_setzero_si512(); R];
        let (mut a, mut b) = (a, b);
        for _ in 0..kc {
            let (b0, b1) = (
                _mm512_loadu_si512(b.cast()),
                _mm512_loadu_si512(b.add(16).cast()),
            );
            for r in 0..R {
                let x = _mm512_set1_epi32(*a.add(r) as i32);
                lo[r] = _mm512_dpbusd_epi32(lo[r], x, b0);
                hi[r] = _mm512_dpbusd_epi32(hi[r], x, b1);
            }
            a = a.add(R);
            b = b.add(PANEL);
        }
        for r in 0..R {
            let row = c.add(r * ldc);
            _mm512_storeu_si512(row.cast(), lo[r]);
            _mm512_storeu_si512(row.add(16).cast(), hi[r]);
        }
    }

    /// `R × 16` int8 tile over pairs of i16 (half a panel): `vpmaddwd` adds two exact
    /// products per lane, the same sums as VNNI's.
    #[target_feature(enable = "avx2")]
    pub unsafe fn int8_pairs_avx2<const R: usize>(
        kc: usize,
        a: *const u32,
        b: *const u32,
        c: *mut i32,
        ldc: usize,
    ) {
        let mut lo = [_mm256_setzero_si256(); R];
        let mut hi = [_mm256_setzero_si256(); R];
        let (mut a, mut b) = (a, b);
        for _ in 0..kc {
            let b0 = _mm256_loadu_si256(b.cast());
            let b1 = _mm256_loadu_si256(b.add(8).cast());
            for r in 0..R {
                let x = _mm256_set1_epi32(*a.add(r) as i32);
                lo[r] = _mm256_add_epi32(lo[r], _mm256_madd_epi16(x, b0));
                hi[r] = _mm256_add_epi32(hi[r], _mm256_madd_epi16(x, b1));
            }
            a = a.add(R);
            b = b.add(PANEL);
        }
        for r in 0..R {
            let row = c.add(r * ldc);
            _mm256_storeu_si256(row.cast(), lo[r]);
            _mm256_storeu_si256(row.add(8).cast(), hi[r]);
        }
    }

    #[inline(always)]
    unsafe fn store_avx512<const R: usize>(
        lo: &[__m512; R],
        hi: &[__m512; R],
        c: *mut f32,
        ldc: usize,
    ) {
        for r in 0..R {
            let row = c.add(r * ldc);
            _mm512_storeu_ps(row, lo[r]);
            _mm512_storeu_ps(row.add(16), hi[r]);
        }
    }

    /// `R × 16` f32 tile (half a panel; rows of `b` are `PANEL` apart): 2R accumulators in
    /// AVX2's 16 registers for R ≤ 6.
    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn f32_avx2<const R: usize>(
        kc: usize,
        a: *const f32,
        b: *const f32,
        c: *mut f32,
        ldc: usize,
    ) {
        let mut lo = [_mm256_setzero_ps(); R];
        let mut hi = [_mm256_setzero_ps(); R];
        let (mut a, mut b) = (a, b);
        for _ in 0..kc {
            let (b0, b1) = (_mm256_loadu_ps(b), _mm256_loadu_ps(b.add(8)));
            for r in 0..R {
                let x = _mm256_broadcast_ss(&*a.add(r));
                lo[r] = _mm256_fmadd_ps(x, b0, lo[r]);
                hi[r] = _mm256_fmadd_ps(x, b1, hi[r]);
            }
            a = a.add(R);
            b = b.add(PANEL);
        }
        for r in 0..R {
            let row = c.add(r * ldc);
            _mm256_storeu_ps(row, lo[r]);
            _mm256_storeu_ps(row.add(8), hi[r]);
        }
    }
}
