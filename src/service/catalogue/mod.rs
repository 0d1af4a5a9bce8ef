//! The in-process catalogue of active postings: what lets `getRecommendations` rank a board of
//! 50,000 postings in milliseconds instead of reading and comparing every posting per call.
//!
//! A match depends on two section means only (`0.65·clamp(cos(resume skills, job skills)) +
//! 0.35·clamp(cos(resume work, job title))`), so the catalogue keeps, per active posting, its
//! two means unit-normalised in one contiguous row of f16 (2 × 768 numbers, 3 KB), and ranks a
//! resume against all rows with two dot products each. f16 halves the memory of f32 (50,000
//! postings: 154 MB instead of 307 MB); its rounding moves a unit vector by at most 2⁻¹¹ in
//! length, so a cosine by at most ~5·10⁻⁴ and a match percentage by at most 0.05 points. The
//! exact percentages are rounded (sub-scores and total to one decimal: at most 0.1 points
//! more), so every posting whose approximate score is within [`CANDIDATE_MARGIN`] of the
//! `limit`-th best is a candidate, and the caller re-scores the candidates exactly: the result
//! equals a comparison with every posting.
//!
//! It also keeps every active posting's skills list (interned, [`PostingSkills`]): the skill
//! demand behind `scoreResume`'s "Learn X", so no call reads the board.
//!
//! Freshness ([`refresh`]): the active postings are listed again, and embeddings written since
//! the last look read, when the catalogue is older than its refresh interval (`configure({
//! catalogue: { refreshSeconds } })`): in the background, while calls go on with the
//! catalogue they have. Embeddings this process computes enter at once, and
//! `invalidateJob(id)` takes effect at once here (a closed or deleted posting leaves the
//! catalogue, an open one is embedded again on the next call). A candidate is checked to be
//! still active before it is compared, so a posting closed since the last listing is never
//! recommended. A new process starts from the last [`snapshot`] when there is one.

pub mod refresh;
pub mod snapshot;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::time::{Duration, Instant};

use half::f16;
use rayon::prelude::*;

use super::{section, Sections};
use crate::domain::constants::{EXPERIENCE_MATCH_WEIGHT, SKILLS_MATCH_WEIGHT};
use crate::domain::demand::PostingSkills;
use crate::store::{JobVectors, ObjectId};

/// The sections a match compares on the job side, in row order: skills, then title.
pub const MATCH_SECTIONS: [&str; 2] = [section::SKILLS, section::JOB_TITLE];
/// The resume sections they are compared with, in the same order.
const RESUME_SECTIONS: [&str; 2] = [section::SKILLS, section::WORK_EXPERIENCE];
/// The weights of the two comparisons (the seed's 0.65 / 0.35).
const WEIGHTS: [f64; 2] = [SKILLS_MATCH_WEIGHT, EXPERIENCE_MATCH_WEIGHT];

/// Percentage points below the `limit`-th approximate score that a posting may score and still
/// be re-scored exactly. The approximation error (≤ 0.05) and the rounding of the exact score
/// (≤ 0.1) can move two postings' scores towards each other by at most 0.3 points together;
/// 0.5 leaves room and costs a handful of extra candidates.
pub const CANDIDATE_MARGIN: f64 = 0.5;

/// How far before the newest embeddings seen a listing reads again: covers writes that were
/// in flight during the previous listing.
const CHANGES_OVERLAP_MS: i64 = 60_000;

/// How often the active postings are listed again when `configure` does not say.
pub const DEFAULT_REFRESH: Duration = Duration::from_secs(60);

/// How old the catalogue snapshot may grow before a listing writes a new one, when
/// `configure` does not say: a new process catches up on at most this much.
pub const DEFAULT_SNAPSHOT_EVERY: Duration = Duration::from_secs(600);

/// What the catalogue holds and what its last ranking cost (`catalogueStats()`).
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogueStats {
    /// Active postings with vectors.
    pub postings: usize,
    /// Active postings whose embeddings the next call computes.
    pub unembedded: usize,
    /// Memory of the vectors and the skills lists.
    pub bytes: usize,
    /// Bytes of the snapshot this process last loaded or wrote (0 when none).
    pub snapshot_bytes: usize,
    /// Whether this process started from a snapshot.
    pub from_snapshot: bool,
    /// Seconds since the active postings were last listed (`None` before the first call).
    pub listed_seconds_ago: Option<f64>,
    /// Milliseconds the last ranking took (the scan and the selection of candidates).
    pub last_rank_ms: f64,
    /// Postings the last ranking named as candidates for exact re-scoring.
    pub last_candidates: usize,
    /// Cache entries refused as damaged since the service connected (each recomputed and
    /// overwritten); set by the service from its store.
    pub damaged_cache_entries: u64,
    /// Listings of the board completed since the service connected; set by the service.
    pub refreshes: u64,
}

/// Active postings and their unit-normalised match vectors. Not synchronised: the service
/// holds it behind a lock.
#[derive(Default)]
pub struct Board {
    /// Numbers per section; set by the first vector.
    dim: usize,
    ids: Vec<ObjectId>,
    /// Row `i` (2·dim values) belongs to `ids[i]`.
    rows: Vec<f16>,
    /// When each row's embeddings were written (they expire with the cache's TTL).
    written: Vec<bson::DateTime>,
    slots: HashMap<ObjectId, usize>,
    /// Active postings without fresh embeddings.
    unembedded: BTreeSet<ObjectId>,
    listed_at: Option<Instant>,
    /// When the board this catalogue holds was last listed, by the wall clock: a snapshot
    /// carries it, so a process that loads one knows how old its content is, however
    /// recently the snapshot was written.
    listed_wall: Option<bson::DateTime>,
    /// The newest `updatedAt` read from the embeddings cache.
    newest_seen: Option<bson::DateTime>,
    /// Every active posting's skills list (with or without vectors).
    demand: PostingSkills<ObjectId>,
    snapshot_bytes: usize,
    from_snapshot: bool,
    /// Loaded from a snapshot older than this process can date: list at the next call.
    listing_due: bool,
    last_rank: Duration,
    last_candidates: usize,
}

impl Board {
    /// Whether the active postings should be listed again.
    pub fn due(&self, refresh_every: Duration) -> bool {
        self.listing_due
            || self
                .listed_at
                .is_none_or(|at| at.elapsed() >= refresh_every)
    }

    /// Marks a board decoded from a snapshot of `bytes`: it counts as listed when the board
    /// that wrote it was.
    pub fn loaded_from_snapshot(&mut self, bytes: usize) {
        let age = self.listed_wall.map_or(Duration::MAX, |at| {
            (chrono::Utc::now() - at.to_chrono())
                .to_std()
                .unwrap_or_default()
        });
        let now = Instant::now();
        self.from_snapshot = true;
        self.snapshot_bytes = bytes;
        self.listed_at = Some(now.checked_sub(age).unwrap_or(now));
        self.listing_due = now.checked_sub(age).is_none();
    }

    /// Whether the catalogue has never been filled (by a listing or a snapshot).
    pub fn never_listed(&self) -> bool {
        self.listed_at.is_none()
    }

    /// The active postings' skills lists.
    pub fn demand(&self) -> &PostingSkills<ObjectId> {
        &self.demand
    }

    /// Records an active posting's skills list (read again after it changed).
    pub fn set_skills(&mut self, id: ObjectId, names: &[String]) {
        self.demand.insert(id, names);
    }

    /// The postings among `active` whose skills lists must be read: those not yet known,
    /// and those whose embeddings were written again (`changed`: the posting may have been
    /// edited).
    pub fn skills_to_read(&self, active: &[ObjectId], changed: &[JobVectors]) -> Vec<ObjectId> {
        let mut wanted: BTreeSet<ObjectId> = active
            .iter()
            .filter(|id| !self.demand.contains(id))
            .copied()
            .collect();
        wanted.extend(changed.iter().map(|entry| entry.job));
        wanted.into_iter().collect()
    }

    /// The `updatedAt` from which to read embeddings written since the last look (with
    /// [`CHANGES_OVERLAP_MS`] of overlap). `None` before the first look.
    pub fn changes_since(&self) -> Option<bson::DateTime> {
        let newest = self.newest_seen?;
        Some(bson::DateTime::from_millis(
            newest.timestamp_millis() - CHANGES_OVERLAP_MS,
        ))
    }

    /// Applies a listing of the active postings, the embeddings written since the last one and
    /// the postings whose embeddings are cached: postings no longer active leave, new vectors
    /// enter, and active postings without vectors — never embedded, or whose embeddings were
    /// deleted (`invalidateJob` in any process) — are marked for embedding.
    pub fn apply_listing(
        &mut self,
        active: &[ObjectId],
        changed: Vec<JobVectors>,
        cached: &HashSet<ObjectId>,
        skills: Vec<(ObjectId, Vec<String>)>,
    ) {
        let active_set: HashSet<ObjectId> = active.iter().copied().collect();
        self.demand.retain(|id| active_set.contains(id));
        for (id, names) in skills {
            if active_set.contains(&id) {
                self.demand.insert(id, &names);
            }
        }
        let gone: Vec<ObjectId> = self
            .ids
            .iter()
            .filter(|id| !active_set.contains(id))
            .copied()
            .collect();
        for id in gone {
            self.remove(&id);
        }
        self.unembedded.retain(|id| active_set.contains(id));
        for entry in changed {
            self.newest_seen = Some(
                self.newest_seen
                    .map_or(entry.updated_at, |newest| newest.max(entry.updated_at)),
            );
            if active_set.contains(&entry.job) {
                let [skills, title] = [&entry.sections[0], &entry.sections[1]];
                self.put(
                    entry.job,
                    skills.as_deref(),
                    title.as_deref(),
                    entry.updated_at,
                );
            }
        }
        let invalidated: Vec<ObjectId> = self
            .ids
            .iter()
            .filter(|id| !cached.contains(id))
            .copied()
            .collect();
        for id in invalidated {
            self.mark_unembedded(id);
        }
        for id in active {
            if !self.slots.contains_key(id) {
                self.unembedded.insert(*id);
            }
        }
        self.listed_at = Some(Instant::now());
        self.listed_wall = Some(bson::DateTime::now());
        self.listing_due = false;
    }

    /// Rows whose embeddings were written before `oldest` are stale: their postings are
    /// embedded again, as the cache would do.
    pub fn expire(&mut self, oldest: bson::DateTime) {
        let stale: Vec<ObjectId> = self
            .ids
            .iter()
            .zip(&self.written)
            .filter(|(_, written)| **written < oldest)
            .map(|(id, _)| *id)
            .collect();
        for id in stale {
            self.mark_unembedded(id);
        }
    }

    /// Records an active posting's section means (skills, title; `None` when it has none).
    pub fn put(
        &mut self,
        id: ObjectId,
        skills: Option<&[f32]>,
        title: Option<&[f32]>,
        written: bson::DateTime,
    ) {
        let dim = skills.or(title).map_or(self.dim, <[f32]>::len);
        if self.dim == 0 {
            self.dim = dim;
        }
        if dim != self.dim || dim == 0 {
            // Not of this model's size (or nothing to rank by): compared with nothing.
            self.remove_row(&id);
            return;
        }
        self.unembedded.remove(&id);
        let slot = match self.slots.get(&id) {
            Some(&slot) => slot,
            None => {
                self.ids.push(id);
                self.written.push(written);
                self.rows.resize(self.rows.len() + 2 * dim, f16::ZERO);
                self.slots.insert(id, self.ids.len() - 1);
                self.ids.len() - 1
            }
        };
        self.written[slot] = written;
        let row = &mut self.rows[slot * 2 * dim..(slot + 1) * 2 * dim];
        for (half, section) in row.chunks_exact_mut(dim).zip([skills, title]) {
            write_unit(half, section);
        }
    }

    /// The posting leaves the catalogue (closed or deleted): its row, its skills.
    pub fn remove(&mut self, id: &ObjectId) {
        self.remove_row(id);
        self.demand.remove(id);
    }

    /// The posting's vectors leave the catalogue (it may still be active).
    fn remove_row(&mut self, id: &ObjectId) {
        self.unembedded.remove(id);
        let Some(slot) = self.slots.remove(id) else {
            return;
        };
        let last = self.ids.len() - 1;
        let width = 2 * self.dim;
        if slot != last {
            self.ids.swap(slot, last);
            self.written.swap(slot, last);
            let (head, tail) = self.rows.split_at_mut(last * width);
            head[slot * width..(slot + 1) * width].copy_from_slice(&tail[..width]);
            self.slots.insert(self.ids[slot], slot);
        }
        self.ids.pop();
        self.written.pop();
        self.rows.truncate(last * width);
    }

    /// The posting is active but its vectors are gone: the next call embeds it.
    pub fn mark_unembedded(&mut self, id: ObjectId) {
        self.remove_row(&id);
        self.unembedded.insert(id);
    }

    pub fn unembedded(&self) -> Vec<ObjectId> {
        self.unembedded.iter().copied().collect()
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn contains(&self, id: &ObjectId) -> bool {
        self.slots.contains_key(id)
    }

    /// `[w₀·skills, w₁·title]` (each mean unit-normalised) of the postings among `ids` that
    /// the catalogue holds, in f32, with their ids (in the order of `ids`). Weights of
    /// 1/√2 give the [`match_vector`]s.
    pub fn section_vectors(
        &self,
        ids: &[ObjectId],
        weights: [f32; 2],
    ) -> (Vec<ObjectId>, Vec<f32>) {
        let width = 2 * self.dim;
        let mut held = Vec::with_capacity(ids.len());
        let mut vectors = Vec::with_capacity(ids.len() * width);
        for id in ids {
            if let Some(&slot) = self.slots.get(id) {
                held.push(*id);
                let row = &self.rows[slot * width..(slot + 1) * width];
                for (half, weight) in row.chunks_exact(self.dim).zip(weights) {
                    vectors.extend(half.iter().map(|x| x.to_f32() * weight));
                }
            }
        }
        (held, vectors)
    }

    /// The `limit` postings most similar to a posting whose [`match_vector`] is `target`,
    /// except `exclude`, most similar first (then by id): the similarity is the cosine of
    /// the match vectors, i.e. the mean of the skills and title cosines, within ±0.001 (f16).
    pub fn most_similar(
        &self,
        target: &[f32],
        exclude: &ObjectId,
        limit: usize,
    ) -> Vec<(ObjectId, f32)> {
        let width = 2 * self.dim;
        if target.len() != width || width == 0 {
            return Vec::new();
        }
        let dot = dot_kernel();
        let mut scored: Vec<(ObjectId, f32)> = self
            .rows
            .par_chunks_exact(width)
            .with_min_len(1024)
            .map(|row| dot(row, target) * std::f32::consts::FRAC_1_SQRT_2)
            .zip(self.ids.par_iter())
            .filter(|(_, id)| *id != exclude)
            .map(|(score, id)| (*id, score))
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.truncate(limit);
        scored
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn stats(&self) -> CatalogueStats {
        CatalogueStats {
            postings: self.ids.len(),
            unembedded: self.unembedded.len(),
            bytes: self.rows.len() * std::mem::size_of::<f16>()
                + self.ids.len()
                    * (std::mem::size_of::<ObjectId>() + std::mem::size_of::<bson::DateTime>())
                + self.demand.bytes(),
            snapshot_bytes: self.snapshot_bytes,
            from_snapshot: self.from_snapshot,
            listed_seconds_ago: self.listed_at.map(|at| at.elapsed().as_secs_f64()),
            last_rank_ms: self.last_rank.as_secs_f64() * 1e3,
            last_candidates: self.last_candidates,
            damaged_cache_entries: 0,
            refreshes: 0,
        }
    }

    /// The postings that may be among the best `limit` for a resume with these section means
    /// (all postings whose approximate score is within [`CANDIDATE_MARGIN`] of the `limit`-th
    /// best), except `exclude`; ordered by id, the order ties are broken in.
    pub fn candidates(
        &mut self,
        resume: &Sections,
        exclude: &HashSet<ObjectId>,
        limit: usize,
    ) -> Vec<ObjectId> {
        let started = Instant::now();
        let query = self.query(resume);
        let width = 2 * self.dim.max(1);
        let dot = dot_kernel();
        let scores: Vec<f64> = self
            .rows
            .par_chunks_exact(width)
            .with_min_len(1024)
            .map(|row| {
                let (skills, title) = row.split_at(width / 2);
                let (qs, qt) = query.split_at(width / 2);
                WEIGHTS[0] * clamp01(dot(skills, qs)) + WEIGHTS[1] * clamp01(dot(title, qt))
            })
            .collect();
        let eligible: Vec<(f64, ObjectId)> = scores
            .iter()
            .zip(&self.ids)
            .filter(|(_, id)| !exclude.contains(id))
            .map(|(score, id)| (score * 100.0, *id))
            .collect();
        let mut picked: Vec<ObjectId> = if eligible.len() <= limit {
            eligible.iter().map(|(_, id)| *id).collect()
        } else {
            let mut ranked: Vec<f64> = eligible.iter().map(|(s, _)| *s).collect();
            let (_, kth, _) = ranked.select_nth_unstable_by(limit - 1, |a, b| b.total_cmp(a));
            let floor = *kth - CANDIDATE_MARGIN;
            eligible
                .iter()
                .filter(|(score, _)| *score >= floor)
                .map(|(_, id)| *id)
                .collect()
        };
        picked.sort_unstable();
        self.last_rank = started.elapsed();
        self.last_candidates = picked.len();
        picked
    }

    /// The resume's two means, unit-normalised, end to end (zeros for a missing section).
    fn query(&self, resume: &Sections) -> Vec<f32> {
        let dim = self.dim.max(1);
        let mut query = vec![0.0_f32; 2 * dim];
        for (half, name) in query.chunks_exact_mut(dim).zip(RESUME_SECTIONS) {
            let section = resume.get(name).filter(|v| v.len() == dim);
            if let Some(unit) = section.and_then(|v| unit(v)) {
                half.copy_from_slice(&unit);
            }
        }
        query
    }
}

/// The vector that a vector-search index ranks postings by: the job's skills and title means,
/// unit-normalised, end to end, over √2 (unit length when both exist). Its dot product with
/// [`match_query`] orders postings as the unclamped match score does.
pub fn match_vector(job: &Sections) -> Option<Vec<f32>> {
    concatenated(job, &MATCH_SECTIONS, [std::f32::consts::FRAC_1_SQRT_2; 2])
}

/// The query for [`match_vector`]: the resume's skills and work means, unit-normalised and
/// weighted 0.65 / 0.35, end to end.
pub fn match_query(resume: &Sections) -> Option<Vec<f32>> {
    concatenated(resume, &RESUME_SECTIONS, WEIGHTS.map(|w| w as f32))
}

fn concatenated(sections: &Sections, names: &[&str; 2], scale: [f32; 2]) -> Option<Vec<f32>> {
    let dim = names.iter().find_map(|n| sections.get(*n))?.len();
    let mut out = vec![0.0_f32; 2 * dim];
    for ((half, name), scale) in out.chunks_exact_mut(dim).zip(names).zip(scale) {
        let section = sections.get(*name).filter(|v| v.len() == dim);
        if let Some(unit) = section.and_then(|v| unit(v)) {
            for (o, x) in half.iter_mut().zip(unit) {
                *o = x * scale;
            }
        }
    }
    Some(out)
}

/// `v / |v|`, computed in f64; `None` for a zero or non-finite vector (compared as 0, as
/// `domain::matching::cosine` does).
fn unit(v: &[f32]) -> Option<Vec<f32>> {
    let norm = v.iter().map(|x| f64::from(*x).powi(2)).sum::<f64>().sqrt();
    (norm > 0.0 && norm.is_finite())
        .then(|| v.iter().map(|x| (f64::from(*x) / norm) as f32).collect())
}

fn write_unit(out: &mut [f16], section: Option<&[f32]>) {
    match section.and_then(unit) {
        Some(unit) => {
            for (o, x) in out.iter_mut().zip(unit) {
                *o = f16::from_f32(x);
            }
        }
        None => out.fill(f16::ZERO),
    }
}

fn clamp01(x: f32) -> f64 {
    f64::from(x).clamp(0.0, 1.0)
}

type DotKernel = fn(&[f16], &[f32]) -> f32;

/// The fastest dot product of f16 against f32 that this CPU runs, chosen at run time by the
/// engine's one instruction-set choice (so `RESUME_AI_KERNELS` caps it too).
fn dot_kernel() -> DotKernel {
    #[cfg(target_arch = "x86_64")]
    if crate::engine::simd::has_f16c() {
        return |a, b| {
            // SAFETY: AVX2, FMA and F16C are present (`has_f16c`, `isa`).
            unsafe { x86::dot_f16_avx2(a, b) }
        };
    }
    dot_portable
}

fn dot_portable(a: &[f16], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x.to_f32() * y).sum()
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use std::arch::x86_64::*;

    use half::f16;

    /// Four independent 8-wide accumulators hide the FMA latency; f16 → f32 by F16C.
    #[target_feature(enable = "avx2,fma,f16c")]
    pub unsafe fn dot_f16_avx2(a: &[f16], b: &[f32]) -> f32 {
        let n = a.len().min(b.len());
        let (pa, pb) = (a.as_ptr() as *const u16, b.as_ptr());
        let mut acc = [_mm256_setzero_ps(); 4];
        let mut i = 0;
        while i + 32 <= n {
            for (k, acc) in acc.iter_mut().enumerate() {
                let halves = _mm_loadu_si128(pa.add(i + 8 * k) as *const __m128i);
                let x = _mm256_cvtph_ps(halves);
                *acc = _mm256_fmadd_ps(x, _mm256_loadu_ps(pb.add(i + 8 * k)), *acc);
            }
            i += 32;
        }
        let sum = _mm256_add_ps(_mm256_add_ps(acc[0], acc[1]), _mm256_add_ps(acc[2], acc[3]));
        let mut lanes = [0.0_f32; 8];
        _mm256_storeu_ps(lanes.as_mut_ptr(), sum);
        let mut total: f32 = lanes.iter().sum();
        while i < n {
            total += a[i].to_f32() * b[i];
            i += 1;
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::matching::cosine;

    fn vector(seed: u64, dim: usize) -> Vec<f32> {
        // A small deterministic generator: enough spread for cosines of all signs.
        let mut state = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (0..dim)
            .map(|_| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((state >> 33) as f32 / (1u64 << 31) as f32) - 0.5
            })
            .collect()
    }

    fn sections(pairs: &[(&str, Vec<f32>)]) -> Sections {
        pairs
            .iter()
            .map(|(n, v)| (n.to_string(), v.clone()))
            .collect()
    }

    #[test]
    fn kernels_agree_with_a_plain_dot_product() {
        for n in [0, 5, 32, 768, 771] {
            let a: Vec<f16> = vector(1, n).iter().map(|x| f16::from_f32(*x)).collect();
            let b = vector(2, n);
            let exact: f64 = a
                .iter()
                .zip(&b)
                .map(|(x, y)| f64::from(x.to_f32()) * f64::from(*y))
                .sum();
            for kernel in [dot_kernel(), dot_portable as DotKernel] {
                assert!((f64::from(kernel(&a, &b)) - exact).abs() < 1e-4, "n = {n}");
            }
        }
    }

    fn board_with_jobs(resume: &Sections, count: u64) -> (Board, Vec<(ObjectId, Sections)>) {
        let dim = resume[section::SKILLS].len();
        let mut board = Board::default();
        let jobs: Vec<(ObjectId, Sections)> = (0..count)
            .map(|i| {
                // Mix in the resume so that cosines spread over [-1, 1].
                let weight = i as f32 / (count as f32 / 4.0) - 2.0;
                let mix = |seed: u64, name: &str| -> Vec<f32> {
                    let r = &resume[name];
                    vector(seed, dim)
                        .iter()
                        .zip(r)
                        .map(|(x, y)| x + y * weight)
                        .collect()
                };
                let job = sections(&[
                    (section::SKILLS, mix(100 + i, section::SKILLS)),
                    (
                        section::JOB_TITLE,
                        mix(10_000 + i, section::WORK_EXPERIENCE),
                    ),
                ]);
                (ObjectId::new(), job)
            })
            .collect();
        for (id, job) in &jobs {
            board.put(
                *id,
                job.get(section::SKILLS).map(Vec::as_slice),
                job.get(section::JOB_TITLE).map(Vec::as_slice),
                bson::DateTime::now(),
            );
        }
        (board, jobs)
    }

    fn resume(dim: usize) -> Sections {
        sections(&[
            (section::SKILLS, vector(10, dim)),
            (section::WORK_EXPERIENCE, vector(11, dim)),
        ])
    }

    #[test]
    fn approximate_cosines_are_within_the_error_the_margin_assumes() {
        let dim = 768;
        let resume = resume(dim);
        let (board, jobs) = board_with_jobs(&resume, 200);
        let query = board.query(&resume);
        let mut worst = 0.0_f64;
        for (row, (_, job)) in board.rows.chunks_exact(2 * dim).zip(&jobs) {
            for (half, (q, (job_name, resume_name))) in row.chunks_exact(dim).zip(
                query
                    .chunks_exact(dim)
                    .zip(MATCH_SECTIONS.iter().zip(RESUME_SECTIONS)),
            ) {
                let exact = cosine(&job[*job_name], &resume[resume_name]);
                let approx = dot_kernel()(half, q);
                worst = worst.max(f64::from((approx - exact).abs()));
            }
        }
        // 2^-11 from f16 plus f32 arithmetic; the margin assumes 5e-4.
        assert!(worst <= 5e-4, "largest cosine error {worst}");
    }

    #[test]
    fn candidates_hold_the_exact_top_in_id_order() {
        use crate::domain::matching::{compare, SectionSimilarities};
        let dim = 768;
        let resume = resume(dim);
        let (mut board, jobs) = board_with_jobs(&resume, 400);
        let exact = |job: &Sections| {
            let similarities = SectionSimilarities {
                skills: Some(cosine(&resume[section::SKILLS], &job[section::SKILLS])),
                experience: Some(cosine(
                    &resume[section::WORK_EXPERIENCE],
                    &job[section::JOB_TITLE],
                )),
                requirements: None,
            };
            compare(&similarities, Default::default()).match_percentage
        };
        let excluded: HashSet<ObjectId> = jobs.iter().step_by(7).map(|(id, _)| *id).collect();
        for limit in [1, 5, 20, 150, 1_000] {
            let candidates = board.candidates(&resume, &excluded, limit);
            assert!(candidates.windows(2).all(|w| w[0] < w[1]), "ordered by id");
            assert!(candidates.iter().all(|id| !excluded.contains(id)));
            // The exact top `limit`, ties by id, as the exhaustive path ranks them.
            let mut ranked: Vec<(f64, ObjectId)> = jobs
                .iter()
                .filter(|(id, _)| !excluded.contains(id))
                .map(|(id, job)| (exact(job), *id))
                .collect();
            ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            for (_, id) in ranked.iter().take(limit) {
                assert!(
                    candidates.contains(id),
                    "limit {limit}: a top posting is missing"
                );
            }
            assert!(candidates.len() >= limit.min(ranked.len()));
            assert!(
                candidates.len() <= limit + 40,
                "limit {limit}: {} candidates",
                candidates.len()
            );
        }
    }

    #[test]
    fn listing_removal_and_expiry_keep_rows_and_ids_together() {
        let dim = 8;
        let resume = resume(dim);
        let (mut board, jobs) = board_with_jobs(&resume, 6);
        let ids: Vec<ObjectId> = jobs.iter().map(|(id, _)| *id).collect();
        let row_of = |board: &Board, id: &ObjectId| -> Vec<f16> {
            let slot = board.slots[id];
            board.rows[slot * 2 * dim..(slot + 1) * 2 * dim].to_vec()
        };
        let before = row_of(&board, &ids[5]);
        board.remove(&ids[1]); // the last row moves into slot 1
        assert_eq!(board.len(), 5);
        assert_eq!(row_of(&board, &ids[5]), before);
        assert_eq!(board.rows.len(), 5 * 2 * dim);

        // A listing without ids[0] and with a new posting that has no vectors yet.
        let newcomer = ObjectId::new();
        let mut active: Vec<ObjectId> = ids[2..].to_vec();
        active.push(newcomer);
        let mut cached: HashSet<ObjectId> = ids.iter().copied().collect();
        board.set_skills(ids[0], &["Python".into()]);
        let skills = vec![
            (newcomer, vec!["Go".to_string()]),
            (ids[0], vec!["Rust".into()]),
        ];
        board.apply_listing(&active, Vec::new(), &cached, skills);
        assert!(!board.slots.contains_key(&ids[0]));
        assert_eq!(board.unembedded(), vec![newcomer]);
        assert_eq!(
            board.demand().rank(&[]),
            [("Go".to_string(), 1)],
            "the closed posting's skills leave, the newcomer's enter"
        );

        // Embeddings deleted elsewhere (invalidateJob in another process): embedded again.
        cached.remove(&ids[3]);
        board.apply_listing(&active, Vec::new(), &cached, Vec::new());
        assert!(!board.slots.contains_key(&ids[3]));
        assert_eq!(board.demand().len(), 1, "still active: its skills stay");
        let mut expected = vec![newcomer, ids[3]];
        expected.sort();
        assert_eq!(board.unembedded(), expected);
        board.put(ids[3], Some(&vector(3, dim)), None, bson::DateTime::now());
        board.put(newcomer, Some(&vector(5, dim)), None, bson::DateTime::MIN);
        assert!(board.unembedded().is_empty());
        board.expire(bson::DateTime::from_millis(0));
        assert_eq!(
            board.unembedded(),
            vec![newcomer],
            "written long ago: embed again"
        );
        assert_eq!(board.len(), 4);

        // A vector of another size is not ranked.
        board.put(
            ids[2],
            Some(&vector(1, dim + 1)),
            None,
            bson::DateTime::now(),
        );
        assert!(!board.slots.contains_key(&ids[2]));
        assert_eq!(board.stats().postings, 3);
    }

    #[test]
    fn match_vector_and_query_give_the_unclamped_score() {
        let dim = 16;
        let resume = resume(dim);
        let job = sections(&[
            (section::SKILLS, vector(3, dim)),
            (section::JOB_TITLE, vector(4, dim)),
        ]);
        let v = match_vector(&job).unwrap();
        let q = match_query(&resume).unwrap();
        let dot: f32 = v.iter().zip(&q).map(|(a, b)| a * b).sum();
        let expected = SKILLS_MATCH_WEIGHT as f32
            * cosine(&resume[section::SKILLS], &job[section::SKILLS])
            + EXPERIENCE_MATCH_WEIGHT as f32
                * cosine(&resume[section::WORK_EXPERIENCE], &job[section::JOB_TITLE]);
        assert!((dot * std::f32::consts::SQRT_2 - expected).abs() < 1e-5);
        let norm: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-5);
        assert!(match_vector(&Sections::new()).is_none());
    }
}
