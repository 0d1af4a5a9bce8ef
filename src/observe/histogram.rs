//! A histogram with fixed buckets, as Prometheus reads one: cumulative counts per upper
//! bound, a sum and a count. Observations are whole numbers in a base unit (microseconds,
//! texts) so that every field is an atomic `u64`; a snapshot converts them (µs → seconds).

use std::sync::atomic::{AtomicU64, Ordering};

pub struct Histogram {
    /// Upper bounds of the buckets in the base unit, ascending; a last bucket (+Inf) is
    /// implied.
    bounds: &'static [u64],
    /// Observations per bucket (not cumulative), one more than `bounds` (the +Inf bucket).
    counts: Box<[AtomicU64]>,
    sum: AtomicU64,
}

/// A histogram read at one moment, in the unit it is reported in.
#[derive(Debug, Clone, PartialEq)]
pub struct HistogramSnapshot {
    /// Upper bounds of the buckets (the +Inf bucket is `count`).
    pub bounds: Vec<f64>,
    /// Observations ≤ each bound: cumulative, as Prometheus's `_bucket{le}`.
    pub cumulative: Vec<u64>,
    pub sum: f64,
    pub count: u64,
}

impl Histogram {
    pub fn new(bounds: &'static [u64]) -> Self {
        debug_assert!(bounds.windows(2).all(|w| w[0] < w[1]), "ascending bounds");
        Self {
            bounds,
            counts: (0..=bounds.len()).map(|_| AtomicU64::new(0)).collect(),
            sum: AtomicU64::new(0),
        }
    }

    pub fn observe(&self, value: u64) {
        let bucket = self.bounds.partition_point(|&bound| bound < value);
        self.counts[bucket].fetch_add(1, Ordering::Relaxed);
        self.sum.fetch_add(value, Ordering::Relaxed);
    }

    /// The histogram with bounds and sum divided by `per_unit` (1e6: µs to seconds; a
    /// division, so that 2,500 µs reads 0.0025 exactly as written).
    pub fn snapshot(&self, per_unit: f64) -> HistogramSnapshot {
        let counts: Vec<u64> = self
            .counts
            .iter()
            .map(|c| c.load(Ordering::Relaxed))
            .collect();
        let cumulative = counts
            .iter()
            .take(self.bounds.len())
            .scan(0, |total, c| {
                *total += c;
                Some(*total)
            })
            .collect();
        HistogramSnapshot {
            bounds: self.bounds.iter().map(|&b| b as f64 / per_unit).collect(),
            cumulative,
            sum: self.sum.load(Ordering::Relaxed) as f64 / per_unit,
            count: counts.iter().sum(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn observations_land_in_the_first_bucket_whose_bound_is_not_below_them() {
        let histogram = Histogram::new(&[10, 100]);
        for value in [0, 10, 11, 100, 101, 5000] {
            histogram.observe(value);
        }
        let snapshot = histogram.snapshot(2.0);
        assert_eq!(snapshot.bounds, [5.0, 50.0]);
        // ≤ 10: 0 and 10; ≤ 100: also 11 and 100; +Inf: all six.
        assert_eq!(snapshot.cumulative, [2, 4]);
        assert_eq!(snapshot.count, 6);
        assert_eq!(snapshot.sum, 5222.0 / 2.0);
        let seconds = Histogram::new(&[2_500]).snapshot(1e6);
        assert_eq!(seconds.bounds, [0.0025]);
    }
}
