//! Fixed-size log-linear latency histogram, in microseconds.
//!
//! Values below 1 024 µs have one bucket each (1 µs resolution under 1 ms).
//! Above, every power-of-two range is split into 512 equal buckets, so a
//! bucket is never wider than 1/512 (0.2 %) of the values it holds. Values
//! are clamped at [`MAX_US`] (about 134 s). The whole histogram is a fixed
//! array of about 9 700 counters: memory does not grow with the number of
//! requests.

/// Values below this have exact buckets.
const LINEAR: u64 = 1024;
/// Buckets per power of two above [`LINEAR`].
const SUB: u64 = 512;
/// log2 of [`SUB`].
const SUB_BITS: u32 = 9;
/// Largest recordable value (µs); larger ones are clamped.
pub const MAX_US: u64 = (1 << 27) - 1;

const fn bucket_count() -> usize {
    // MAX_US has its highest bit at 26: shifts 1..=17 above the linear range.
    let max_shift = 26 - SUB_BITS as u64;
    (LINEAR + max_shift * SUB) as usize
}

pub struct Histogram {
    counts: Box<[u64]>,
    total: u64,
    max: u64,
}

impl Default for Histogram {
    fn default() -> Self {
        Self::new()
    }
}

impl Histogram {
    pub fn new() -> Self {
        Self { counts: vec![0; bucket_count()].into_boxed_slice(), total: 0, max: 0 }
    }

    fn index(v: u64) -> usize {
        if v < LINEAR {
            return v as usize;
        }
        let msb = 63 - v.leading_zeros(); // >= 10
        let shift = msb - SUB_BITS; // >= 1
        let sub = v >> shift; // in [SUB, 2 * SUB)
        (LINEAR + (u64::from(shift) - 1) * SUB + (sub - SUB)) as usize
    }

    /// Highest value that falls in bucket `i`.
    fn highest(i: usize) -> u64 {
        let i = i as u64;
        if i < LINEAR {
            return i;
        }
        let j = i - LINEAR;
        let shift = j / SUB + 1;
        let sub = SUB + j % SUB;
        ((sub + 1) << shift) - 1
    }

    pub fn record_us(&mut self, v: u64) {
        let v = v.min(MAX_US);
        self.counts[Self::index(v)] += 1;
        self.total += 1;
        self.max = self.max.max(v);
    }

    pub fn record(&mut self, d: std::time::Duration) {
        self.record_us(u64::try_from(d.as_micros()).unwrap_or(MAX_US));
    }

    pub fn merge(&mut self, other: &Histogram) {
        for (a, b) in self.counts.iter_mut().zip(other.counts.iter()) {
            *a += *b;
        }
        self.total += other.total;
        self.max = self.max.max(other.max);
    }

    pub fn count(&self) -> u64 {
        self.total
    }

    pub fn max_us(&self) -> u64 {
        self.max
    }

    /// Value at quantile `q` (0 < q <= 1), in µs: the highest value of the
    /// bucket holding the ceil(q·n)-th smallest sample, capped at the maximum
    /// recorded. 0 when empty.
    pub fn quantile_us(&self, q: f64) -> u64 {
        if self.total == 0 {
            return 0;
        }
        let rank = ((q * self.total as f64).ceil() as u64).clamp(1, self.total);
        let mut seen = 0;
        for (i, &c) in self.counts.iter().enumerate() {
            seen += c;
            if seen >= rank {
                return Self::highest(i).min(self.max);
            }
        }
        self.max
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_contiguous_and_tight() {
        let mut prev_high = None;
        for i in 0..bucket_count() {
            let high = Histogram::highest(i);
            if let Some(p) = prev_high {
                assert_eq!(Histogram::index(p + 1), i, "value {} lands in {i}", p + 1);
            }
            assert_eq!(Histogram::index(high), i);
            prev_high = Some(high);
        }
        assert_eq!(prev_high, Some(MAX_US));
        for v in [1023u64, 1024, 1025, 5000, 123_456, 9_999_999, MAX_US] {
            let high = Histogram::highest(Histogram::index(v));
            assert!(high >= v);
            assert!((high - v) as f64 <= v as f64 / 256.0, "{v} -> {high}");
        }
    }

    #[test]
    fn exact_under_one_millisecond() {
        let mut h = Histogram::new();
        for v in 1..=1000 {
            h.record_us(v);
        }
        assert_eq!(h.count(), 1000);
        assert_eq!(h.quantile_us(0.5), 500);
        assert_eq!(h.quantile_us(0.99), 990);
        assert_eq!(h.quantile_us(1.0), 1000);
        assert_eq!(h.max_us(), 1000);
    }

    #[test]
    fn merge_and_clamp() {
        let mut a = Histogram::new();
        let mut b = Histogram::new();
        a.record_us(10);
        b.record_us(u64::MAX);
        a.merge(&b);
        assert_eq!(a.count(), 2);
        assert_eq!(a.max_us(), MAX_US);
        assert_eq!(a.quantile_us(0.5), 10);
        assert_eq!(a.quantile_us(1.0), MAX_US);
        assert_eq!(Histogram::new().quantile_us(0.99), 0);
    }
}
