//! K-means over posting vectors, with k chosen by silhouette when the caller gives none.
//!
//! - **Seeding**: k-means++ (each next centre drawn with probability ∝ squared distance to the
//!   nearest centre so far), 3 to 10 times as [`KMEANS_RESTARTS`] and the board's size allow
//!   ([`AUTO_K_RESTARTS`] for each trial k); the run with the lowest inertia wins.
//! - **Lloyd iterations** until no assignment changes (at most [`KMEANS_MAX_ITERATIONS`]); an
//!   emptied cluster is re-seeded with the point farthest from its centre.
//! - **Choosing k**: every k from [`AUTO_K_MIN`] to `min(AUTO_K_MAX, n / MIN_MEAN_CLUSTER_SIZE)`
//!   is clustered on a sample of [`SILHOUETTE_SAMPLE`] points and scored by its mean
//!   silhouette on that sample; the best k (the smaller on a tie) is then clustered on all
//!   points. The reported silhouette is the final clustering's, on the same sample.
//! - **Map** ([`project`]): the points' first two principal components (orthogonal power
//!   iteration), for drawing the board on a plane.
//! - **Determinism**: every random choice comes from one SplitMix64 stream per seed; sums run
//!   in a fixed order. The point-to-centre products are one matrix product (`gemm`, the
//!   kernels candle's matmul uses, chosen at run time for the CPU) per iteration.

use super::constants::{
    AUTO_K_MAX, AUTO_K_MIN, AUTO_K_RESTARTS, KMEANS_MAX_ITERATIONS, KMEANS_RESTARTS,
    KMEANS_RESTART_BUDGET, MIN_MEAN_CLUSTER_SIZE, PROJECTION_MAX_ITERATIONS, SILHOUETTE_SAMPLE,
};

/// Points as rows of one row-major matrix.
#[derive(Clone, Copy)]
pub struct Points<'a> {
    pub data: &'a [f32],
    pub dim: usize,
}

impl<'a> Points<'a> {
    pub fn new(data: &'a [f32], dim: usize) -> Self {
        assert!(
            dim > 0 && data.len().is_multiple_of(dim),
            "points must be whole rows"
        );
        Self { data, dim }
    }

    pub fn len(&self) -> usize {
        self.data.len() / self.dim
    }

    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    fn row(&self, i: usize) -> &'a [f32] {
        &self.data[i * self.dim..(i + 1) * self.dim]
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Clustering {
    pub k: usize,
    /// The cluster of each point, `0..k`.
    pub assignments: Vec<usize>,
    /// `k` rows of `dim` numbers.
    pub centroids: Vec<f32>,
    /// Sum of squared distances of points to their centres.
    pub inertia: f64,
    /// Mean silhouette (−1…1) on the sample; 0 when k < 2.
    pub silhouette: f64,
}

/// Centres the rows on their mean and scales each back to unit length (a zero row stays
/// zero). Sentence embeddings share a large common direction (every posting is "a job"),
/// which crowds near families (backend / frontend) together; measured from the board's
/// centre, what sets a family apart weighs fully.
pub fn centre(data: &mut [f32], dim: usize) {
    let n = data.len() / dim;
    if n == 0 {
        return;
    }
    let mut mean = vec![0.0_f64; dim];
    for row in data.chunks_exact(dim) {
        for (m, x) in mean.iter_mut().zip(row) {
            *m += f64::from(*x);
        }
    }
    for row in data.chunks_exact_mut(dim) {
        for (x, m) in row.iter_mut().zip(&mean) {
            *x -= (m / n as f64) as f32;
        }
        let norm = row
            .iter()
            .map(|x| f64::from(*x).powi(2))
            .sum::<f64>()
            .sqrt();
        if norm > 1e-9 {
            for x in row.iter_mut() {
                *x = (f64::from(*x) / norm) as f32;
            }
        } else {
            row.fill(0.0);
        }
    }
}

/// The caller stopped the work (an aborted call).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped;

/// Clusters `points` into `k` clusters, or into the k the silhouette prefers when `k` is
/// `None`. `stop` is polled between k-means runs.
pub fn cluster(
    points: Points,
    k: Option<usize>,
    seed: u64,
    stop: &dyn Fn() -> bool,
) -> Result<Clustering, Stopped> {
    let n = points.len();
    let mut rng = SplitMix64(seed);
    let sample = sample_indices(n, SILHOUETTE_SAMPLE, &mut rng);
    let sample_data: Vec<f32> = sample
        .iter()
        .flat_map(|&i| points.row(i).iter().copied())
        .collect();
    let sample_points = Points::new(&sample_data, points.dim);
    let distances = pairwise_distances(sample_points);
    let k = match k {
        Some(k) => k.clamp(1, n.max(1)),
        None => {
            let upper = AUTO_K_MAX.min(n / MIN_MEAN_CLUSTER_SIZE);
            let mut best: Option<(f64, usize)> = None;
            for k in AUTO_K_MIN..=upper {
                if stop() {
                    return Err(Stopped);
                }
                let trial = kmeans(sample_points, k, AUTO_K_RESTARTS, rng.next(), stop)?;
                let score = silhouette(&distances, sample.len(), &trial.assignments);
                if best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, k));
                }
            }
            best.map_or(1, |(_, k)| k)
        }
    };
    if n == 0 {
        return Ok(Clustering {
            k: 0,
            assignments: Vec::new(),
            centroids: Vec::new(),
            inertia: 0.0,
            silhouette: 0.0,
        });
    }
    let (fewest, most) = KMEANS_RESTARTS;
    let restarts = (KMEANS_RESTART_BUDGET / (n * k).max(1)).clamp(fewest, most);
    let mut result = kmeans(points, k, restarts, rng.next(), stop)?;
    let sampled: Vec<usize> = sample.iter().map(|&i| result.assignments[i]).collect();
    result.silhouette = silhouette(&distances, sample.len(), &sampled);
    Ok(result)
}

/// Each point's coordinates on the plane of the points' two directions of greatest variance
/// (principal components, found by orthogonal power iteration from a fixed start), measured
/// from their mean. Each axis is oriented so that its coordinates' skew is not negative,
/// which makes the picture independent of the start. Fewer than two dimensions or points
/// leave the missing axes at 0.
pub fn project(points: Points) -> Vec<[f32; 2]> {
    let (n, dim) = (points.len(), points.dim);
    if n == 0 {
        return Vec::new();
    }
    let mut mean = vec![0.0_f64; dim];
    for i in 0..n {
        for (m, x) in mean.iter_mut().zip(points.row(i)) {
            *m += f64::from(*x) / n as f64;
        }
    }
    // Scores of every point on `axis`, from the mean.
    let scores = |axis: &[f64]| -> Vec<f64> {
        let offset: f64 = mean.iter().zip(axis).map(|(m, a)| m * a).sum();
        (0..n)
            .map(|i| {
                let dot: f64 = points
                    .row(i)
                    .iter()
                    .zip(axis)
                    .map(|(x, a)| f64::from(*x) * a)
                    .sum();
                dot - offset
            })
            .collect()
    };
    let mut rng = SplitMix64(0);
    let mut axes: Vec<Vec<f64>> = (0..2)
        .map(|_| (0..dim).map(|_| rng.unit() - 0.5).collect())
        .collect();
    orthonormalise(&mut axes);
    for _ in 0..PROJECTION_MAX_ITERATIONS {
        // Covariance times each axis: Xᵀ(X·a) with X the centred points.
        let mut next: Vec<Vec<f64>> = axes
            .iter()
            .map(|axis| {
                let s = scores(axis);
                let mut out = vec![0.0_f64; dim];
                for (i, si) in s.iter().enumerate() {
                    for ((o, x), m) in out.iter_mut().zip(points.row(i)).zip(&mean) {
                        *o += si * (f64::from(*x) - m);
                    }
                }
                out
            })
            .collect();
        orthonormalise(&mut next);
        let settled = next
            .iter()
            .zip(&axes)
            .all(|(a, b)| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>().abs() > 1.0 - 1e-9);
        axes = next;
        if settled {
            break;
        }
    }
    let coordinates: Vec<Vec<f64>> = axes
        .iter()
        .map(|axis| {
            let s = scores(axis);
            let skew: f64 = s.iter().map(|x| x.powi(3)).sum();
            if skew < 0.0 {
                s.iter().map(|x| -x).collect()
            } else {
                s
            }
        })
        .collect();
    (0..n)
        .map(|i| [coordinates[0][i] as f32, coordinates[1][i] as f32])
        .collect()
}

/// Gram–Schmidt: unit, mutually orthogonal vectors (one that vanishes stays zero).
fn orthonormalise(vectors: &mut [Vec<f64>]) {
    for i in 0..vectors.len() {
        let (done, rest) = vectors.split_at_mut(i);
        let v = &mut rest[0];
        for u in done.iter() {
            let dot: f64 = v.iter().zip(u).map(|(a, b)| a * b).sum();
            for (a, b) in v.iter_mut().zip(u) {
                *a -= dot * b;
            }
        }
        let norm = v.iter().map(|a| a * a).sum::<f64>().sqrt();
        if norm > 1e-12 {
            v.iter_mut().for_each(|a| *a /= norm);
        } else {
            v.fill(0.0);
        }
    }
}

/// The best of `restarts` k-means runs (lowest inertia; the earlier on a tie).
fn kmeans(
    points: Points,
    k: usize,
    restarts: usize,
    seed: u64,
    stop: &dyn Fn() -> bool,
) -> Result<Clustering, Stopped> {
    let mut rng = SplitMix64(seed);
    let norms: Vec<f32> = (0..points.len())
        .map(|i| points.row(i).iter().map(|x| x * x).sum())
        .collect();
    let mut best: Option<Clustering> = None;
    for _ in 0..restarts.max(1) {
        if stop() {
            return Err(Stopped);
        }
        let centroids = seed_centres(points, &norms, k, &mut rng);
        let run = lloyd(points, &norms, k, centroids);
        if best.as_ref().is_none_or(|b| run.inertia < b.inertia) {
            best = Some(run);
        }
    }
    Ok(best.expect("at least one restart"))
}

/// k-means++ seeding.
fn seed_centres(points: Points, norms: &[f32], k: usize, rng: &mut SplitMix64) -> Vec<f32> {
    let n = points.len();
    let mut centres = Vec::with_capacity(k * points.dim);
    let first = rng.below(n);
    centres.extend_from_slice(points.row(first));
    let mut nearest: Vec<f64> = squared_distances_to(points, norms, points.row(first));
    while centres.len() < k * points.dim {
        let total: f64 = nearest.iter().sum();
        let next = if total > 0.0 {
            let mut target = rng.unit() * total;
            let mut chosen = n - 1;
            for (i, d) in nearest.iter().enumerate() {
                if target < *d {
                    chosen = i;
                    break;
                }
                target -= d;
            }
            chosen
        } else {
            // Fewer distinct points than k: any point does.
            rng.below(n)
        };
        let centre = points.row(next);
        centres.extend_from_slice(centre);
        for (near, d) in nearest
            .iter_mut()
            .zip(squared_distances_to(points, norms, centre))
        {
            *near = near.min(d);
        }
    }
    centres
}

fn squared_distances_to(points: Points, norms: &[f32], centre: &[f32]) -> Vec<f64> {
    let centre_norm: f32 = centre.iter().map(|x| x * x).sum();
    dot_products(points.data, centre, points.dim)
        .iter()
        .zip(norms)
        .map(|(dot, norm)| f64::from(norm + centre_norm - 2.0 * dot).max(0.0))
        .collect()
}

/// Lloyd iterations from the given centres until the assignments stop changing.
fn lloyd(points: Points, norms: &[f32], k: usize, mut centroids: Vec<f32>) -> Clustering {
    let (n, dim) = (points.len(), points.dim);
    let mut assignments = vec![usize::MAX; n];
    let mut distances = vec![0.0_f64; n];
    for _ in 0..KMEANS_MAX_ITERATIONS {
        let products = dot_products(points.data, &centroids, dim);
        let centre_norms: Vec<f32> = centroids
            .chunks_exact(dim)
            .map(|c| c.iter().map(|x| x * x).sum())
            .collect();
        let mut changed = false;
        for i in 0..n {
            let row = &products[i * k..(i + 1) * k];
            let (best, d) = row
                .iter()
                .zip(&centre_norms)
                .map(|(dot, cn)| f64::from(norms[i] + cn - 2.0 * dot).max(0.0))
                .enumerate()
                .fold(
                    (0, f64::INFINITY),
                    |acc, (j, d)| if d < acc.1 { (j, d) } else { acc },
                );
            changed |= assignments[i] != best;
            assignments[i] = best;
            distances[i] = d;
        }
        if !changed {
            break;
        }
        centroids = means(points, &assignments, k, &distances);
    }
    Clustering {
        k,
        inertia: distances.iter().sum(),
        assignments,
        centroids,
        silhouette: 0.0,
    }
}

/// The mean of each cluster's points (in f64, in point order); an empty cluster takes the
/// point farthest from its centre, which then leaves its old cluster's mean.
fn means(points: Points, assignments: &[usize], k: usize, distances: &[f64]) -> Vec<f32> {
    let dim = points.dim;
    let mut assignments = assignments.to_vec();
    let mut counts = vec![0usize; k];
    for &a in &assignments {
        counts[a] += 1;
    }
    let mut taken = vec![false; assignments.len()];
    let empties: Vec<usize> = (0..k).filter(|&c| counts[c] == 0).collect();
    for empty in empties {
        let far = (0..assignments.len())
            .filter(|&i| !taken[i] && counts[assignments[i]] > 1)
            .max_by(|&a, &b| distances[a].total_cmp(&distances[b]).then(b.cmp(&a)));
        if let Some(far) = far {
            counts[assignments[far]] -= 1;
            assignments[far] = empty;
            counts[empty] = 1;
            taken[far] = true;
        }
    }
    let mut sums = vec![0.0_f64; k * dim];
    for (i, &a) in assignments.iter().enumerate() {
        for (s, x) in sums[a * dim..(a + 1) * dim].iter_mut().zip(points.row(i)) {
            *s += f64::from(*x);
        }
    }
    sums.chunks_exact(dim)
        .zip(&counts)
        .flat_map(|(sum, &count)| {
            let count = count.max(1) as f64;
            sum.iter().map(move |s| (s / count) as f32)
        })
        .collect()
}

/// Mean silhouette of a labelling of the sample, from its pairwise distances. A point alone
/// in its cluster scores 0 (as in scikit-learn).
fn silhouette(distances: &[f32], n: usize, labels: &[usize]) -> f64 {
    let k = labels.iter().copied().max().map_or(0, |m| m + 1);
    if k < 2 || n < 2 {
        return 0.0;
    }
    let mut sizes = vec![0usize; k];
    for &l in labels {
        sizes[l] += 1;
    }
    let mut total = 0.0;
    let mut sums = vec![0.0_f64; k];
    for i in 0..n {
        sums.fill(0.0);
        for (j, d) in distances[i * n..(i + 1) * n].iter().enumerate() {
            sums[labels[j]] += f64::from(*d);
        }
        let own = labels[i];
        if sizes[own] < 2 {
            continue;
        }
        let a = sums[own] / (sizes[own] - 1) as f64;
        let b = (0..k)
            .filter(|&c| c != own && sizes[c] > 0)
            .map(|c| sums[c] / sizes[c] as f64)
            .fold(f64::INFINITY, f64::min);
        let larger = a.max(b);
        if larger > 0.0 && b.is_finite() {
            total += (b - a) / larger;
        }
    }
    total / n as f64
}

/// Euclidean distances between all rows of `points` (n × n).
fn pairwise_distances(points: Points) -> Vec<f32> {
    let n = points.len();
    let norms: Vec<f32> = (0..n)
        .map(|i| points.row(i).iter().map(|x| x * x).sum())
        .collect();
    let mut products = dot_products(points.data, points.data, points.dim);
    for i in 0..n {
        for j in 0..n {
            let d = &mut products[i * n + j];
            *d = if i == j {
                0.0
            } else {
                (norms[i] + norms[j] - 2.0 * *d).max(0.0).sqrt()
            };
        }
    }
    products
}

/// `out[i·m + j] = a_i · b_j` for the rows of `a` (n × dim) and `b` (m × dim).
fn dot_products(a: &[f32], b: &[f32], dim: usize) -> Vec<f32> {
    let (n, m) = (a.len() / dim, b.len() / dim);
    let mut out = vec![0.0_f32; n * m];
    if n == 0 || m == 0 {
        return out;
    }
    // SAFETY: every pointer and stride describes the matrices allocated just above or
    // passed in: dst n × m row-major, lhs n × dim row-major, rhs the transpose of b.
    unsafe {
        gemm::gemm(
            n,
            m,
            dim,
            out.as_mut_ptr(),
            1,
            m as isize,
            false,
            a.as_ptr(),
            1,
            dim as isize,
            b.as_ptr(),
            dim as isize,
            1,
            0.0,
            1.0,
            false,
            false,
            false,
            gemm::Parallelism::Rayon(rayon::current_num_threads()),
        );
    }
    out
}

/// Up to `max` distinct indices of `0..n`, ascending (all of them when n ≤ max).
fn sample_indices(n: usize, max: usize, rng: &mut SplitMix64) -> Vec<usize> {
    let mut all: Vec<usize> = (0..n).collect();
    if n <= max {
        return all;
    }
    for i in 0..max {
        let j = i + rng.below(n - i);
        all.swap(i, j);
    }
    all.truncate(max);
    all.sort_unstable();
    all
}

/// SplitMix64: a small, well-mixed generator; one seed gives one stream on every machine.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 11) as u128 * n as u128) >> 53) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `per` points around each of `centres` unit directions in `dim` dimensions, with noise.
    fn blobs(
        centres: usize,
        per: usize,
        dim: usize,
        noise: f32,
        seed: u64,
    ) -> (Vec<f32>, Vec<usize>) {
        let mut rng = SplitMix64(seed);
        let mut data = Vec::new();
        let mut labels = Vec::new();
        for c in 0..centres {
            for _ in 0..per {
                let mut row: Vec<f32> = (0..dim)
                    .map(|d| if d % centres == c { 1.0 } else { 0.0 })
                    .collect();
                for x in &mut row {
                    *x += noise * (rng.unit() as f32 - 0.5);
                }
                let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt();
                data.extend(row.iter().map(|x| x / norm));
                labels.push(c);
            }
        }
        (data, labels)
    }

    /// Whether two labellings put the same points together.
    fn same_partition(a: &[usize], b: &[usize]) -> bool {
        (0..a.len()).all(|i| (0..a.len()).all(|j| (a[i] == a[j]) == (b[i] == b[j])))
    }

    const NEVER: &dyn Fn() -> bool = &|| false;

    #[test]
    fn separated_blobs_are_found_with_a_given_k_and_with_k_chosen() {
        let (data, labels) = blobs(5, 12, 40, 0.6, 7);
        let points = Points::new(&data, 40);
        let given = cluster(points, Some(5), 1, NEVER).unwrap();
        assert_eq!(given.k, 5);
        assert!(same_partition(&given.assignments, &labels));
        let chosen = cluster(points, None, 1, NEVER).unwrap();
        assert_eq!(chosen.k, 5, "silhouette picks the true k");
        assert!(same_partition(&chosen.assignments, &labels));
        assert!(chosen.silhouette > 0.5, "silhouette {}", chosen.silhouette);
    }

    #[test]
    fn the_same_seed_gives_the_same_clustering() {
        let (data, _) = blobs(4, 30, 16, 2.0, 3);
        let points = Points::new(&data, 16);
        let a = cluster(points, Some(6), 9, NEVER).unwrap();
        let b = cluster(points, Some(6), 9, NEVER).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn silhouette_matches_a_hand_computed_case() {
        // Points 0, 1 on a line and 10, 11: a = 1, b = 10 or 9.5 … worked out below.
        let xs = [0.0_f32, 1.0, 10.0, 11.0];
        let d: Vec<f32> = xs
            .iter()
            .flat_map(|a| xs.iter().map(move |b| (a - b).abs()))
            .collect();
        // s(0) = (10.5 − 1)/10.5, s(1) = (9.5 − 1)/9.5, symmetric for the other two.
        let expected = ((9.5 / 10.5) + (8.5 / 9.5)) / 2.0;
        let s = silhouette(&d, 4, &[0, 0, 1, 1]);
        assert!((s - expected).abs() < 1e-9, "{s} vs {expected}");
        assert_eq!(silhouette(&d, 4, &[0, 0, 0, 0]), 0.0, "one cluster");
    }

    #[test]
    fn an_emptied_cluster_is_reseeded_and_k_never_exceeds_the_points() {
        let data = vec![1.0, 0.0, 1.0, 0.0, 0.0, 1.0];
        let points = Points::new(&data, 2);
        let c = cluster(points, Some(3), 0, NEVER).unwrap();
        assert_eq!(c.k, 3);
        assert_eq!(c.assignments.len(), 3);
        let c = cluster(points, Some(10), 0, NEVER).unwrap();
        assert_eq!(c.k, 3, "k is at most the number of points");
        let empty = cluster(Points::new(&[], 2), None, 0, NEVER).unwrap();
        assert_eq!(empty.k, 0);
    }

    #[test]
    fn a_stop_request_is_honoured() {
        let (data, _) = blobs(3, 10, 8, 0.5, 1);
        let stopped = cluster(Points::new(&data, 8), None, 0, &|| true);
        assert_eq!(stopped, Err(Stopped));
    }

    #[test]
    fn the_map_keeps_a_planar_board_exact_and_puts_the_wider_spread_first() {
        // Points on a tilted plane in 6-d: 3 units of spread along one direction, 1 along
        // the other. Their projection is an isometry of the plane, so every pairwise
        // distance survives; the first axis carries the wider spread.
        let (u, v) = (
            [0.5_f32, 0.5, 0.5, 0.5, 0.0, 0.0],
            [0.0_f32, 0.0, 0.0, 0.0, 0.6, 0.8],
        );
        let plane: Vec<(f32, f32)> = (0..12)
            .map(|i| {
                (
                    3.0 * ((i * 7 % 12) as f32 / 11.0 - 0.5),
                    (i % 4) as f32 / 3.0,
                )
            })
            .collect();
        let data: Vec<f32> = plane
            .iter()
            .flat_map(|(a, b)| (0..6).map(move |d| 0.25 + a * u[d] + b * v[d]))
            .collect();
        let map = project(Points::new(&data, 6));
        assert_eq!(map.len(), plane.len());
        for i in 0..plane.len() {
            for j in 0..plane.len() {
                let want =
                    ((plane[i].0 - plane[j].0).powi(2) + (plane[i].1 - plane[j].1).powi(2)).sqrt();
                let got =
                    ((map[i][0] - map[j][0]).powi(2) + (map[i][1] - map[j][1]).powi(2)).sqrt();
                assert!(
                    (got - want).abs() < 1e-4,
                    "distance {i}-{j}: {got} vs {want}"
                );
            }
        }
        let spread = |axis: usize| map.iter().map(|p| p[axis].powi(2)).sum::<f32>();
        assert!(
            spread(0) > 2.0 * spread(1),
            "{} vs {}",
            spread(0),
            spread(1)
        );
        let centre: [f32; 2] = [0, 1].map(|a| map.iter().map(|p| p[a]).sum::<f32>() / 12.0);
        assert!(
            centre.iter().all(|c| c.abs() < 1e-4),
            "measured from the mean: {centre:?}"
        );
    }

    #[test]
    fn the_map_is_the_same_for_the_same_points_and_separates_blobs() {
        let (data, labels) = blobs(3, 10, 12, 0.3, 5);
        let points = Points::new(&data, 12);
        let map = project(points);
        assert_eq!(map, project(points));
        // Each blob's points lie nearer their own blob's mean on the map than any other's.
        let mean = |c: usize| {
            let own: Vec<&[f32; 2]> = map
                .iter()
                .zip(&labels)
                .filter(|(_, l)| **l == c)
                .map(|(p, _)| p)
                .collect();
            [0, 1].map(|a| own.iter().map(|p| p[a]).sum::<f32>() / own.len() as f32)
        };
        let means: Vec<[f32; 2]> = (0..3).map(mean).collect();
        let distance = |p: &[f32; 2], q: &[f32; 2]| (p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2);
        for (p, &l) in map.iter().zip(&labels) {
            let nearest = (0..3)
                .min_by(|&a, &b| distance(p, &means[a]).total_cmp(&distance(p, &means[b])))
                .unwrap();
            assert_eq!(nearest, l);
        }
        assert!(project(Points::new(&[], 4)).is_empty());
        assert_eq!(
            project(Points::new(&[1.0, 2.0], 2)),
            vec![[0.0, 0.0]],
            "one point sits at the mean"
        );
    }

    #[test]
    fn products_match_a_plain_loop() {
        let a: Vec<f32> = (0..12).map(|x| x as f32 * 0.5).collect();
        let b: Vec<f32> = (0..8).map(|x| 1.0 - x as f32).collect();
        let got = dot_products(&a, &b, 4);
        for i in 0..3 {
            for j in 0..2 {
                let want: f32 = (0..4).map(|p| a[i * 4 + p] * b[j * 4 + p]).sum();
                assert!((got[i * 2 + j] - want).abs() < 1e-4);
            }
        }
    }
}
