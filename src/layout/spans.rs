//! Which of many things laid out down the map (links, the curves to paths not taken, gap
//! bands) reach into a band of it, without looking at each: every view of the canvas and
//! every strip of an export asks, and a map has tens of thousands of links.
//!
//! The spans are kept sorted by their tops, in blocks of `BLOCK` with each block's lowest
//! bottom: a view looks at the spans whose tops are above its bottom, a block at a time,
//! and skips every block that ends above its top. A long span (a link from the first
//! event to the last) only keeps its own block from being skipped.

/// Spans looked at as one: enough that a view of a big map skips most of them in few
/// steps, few enough that a block kept for one long span costs little.
const BLOCK: usize = 32;

/// Vertical spans of a list of things, for finding those that meet a band quickly.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spans {
    /// The spans' tops, smallest first.
    tops: Vec<f32>,
    /// The bottom of the span at the same place in `tops`.
    bottoms: Vec<f32>,
    /// The place in the list of the span at the same place in `tops`.
    items: Vec<u32>,
    /// The lowest bottom of each block of `BLOCK` spans in `tops` order.
    block_bottoms: Vec<f32>,
}

impl Spans {
    /// The spans of a list's items, in list order, each as (top, bottom).
    pub fn new(spans: impl IntoIterator<Item = (f32, f32)>) -> Self {
        let mut sorted: Vec<(f32, f32, u32)> = spans
            .into_iter()
            .enumerate()
            // A top that is not a number sorts last, never found (a bottom that is not a
            // number fails every comparison below).
            .map(|(item, (top, bottom))| {
                (
                    if top.is_nan() { f32::INFINITY } else { top },
                    bottom,
                    item as u32,
                )
            })
            .collect();
        sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
        let block_bottoms = sorted
            .chunks(BLOCK)
            .map(|block| block.iter().map(|s| s.1).fold(f32::NEG_INFINITY, f32::max))
            .collect();
        Spans {
            tops: sorted.iter().map(|s| s.0).collect(),
            bottoms: sorted.iter().map(|s| s.1).collect(),
            items: sorted.iter().map(|s| s.2).collect(),
            block_bottoms,
        }
    }

    /// The places in the list of the items whose span meets `top..=bottom`, in list
    /// order (so they are drawn in the order they would be without the index).
    pub fn meeting(&self, top: f32, bottom: f32) -> Vec<usize> {
        let end = self.tops.partition_point(|&t| t <= bottom);
        let mut found = Vec::new();
        for (block, &lowest) in self.block_bottoms.iter().enumerate() {
            let start = block * BLOCK;
            if start >= end {
                break;
            }
            if lowest < top {
                continue;
            }
            for at in start..(start + BLOCK).min(end) {
                if self.bottoms[at] >= top {
                    found.push(self.items[at] as usize);
                }
            }
        }
        found.sort_unstable();
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What scanning every span finds.
    fn scanned(spans: &[(f32, f32)], top: f32, bottom: f32) -> Vec<usize> {
        (0..spans.len())
            .filter(|&i| spans[i].0 <= bottom && spans[i].1 >= top)
            .collect()
    }

    #[test]
    fn finds_what_a_scan_finds_in_list_order() {
        // Short spans down the map, a few long ones, some out of order, one empty list.
        let mut spans: Vec<(f32, f32)> = (0..1000)
            .map(|i| {
                let top = ((i * 7919) % 1000) as f32 * 10.0;
                (top, top + 5.0 + (i % 13) as f32)
            })
            .collect();
        spans.extend([(0.0, 10_000.0), (4_000.0, 9_000.0), (123.0, 123.0)]);
        let index = Spans::new(spans.iter().copied());
        for (top, bottom) in [
            (0.0, 50.0),
            (4_995.0, 5_010.0),
            (123.0, 123.0),
            (9_500.0, 20_000.0),
            (-100.0, -1.0),
            (20_000.0, 30_000.0),
        ] {
            assert_eq!(
                index.meeting(top, bottom),
                scanned(&spans, top, bottom),
                "{top}..{bottom}"
            );
        }
        assert!(Spans::new([]).meeting(0.0, 1.0).is_empty());
    }

    #[test]
    fn a_span_that_is_not_a_number_is_never_found() {
        let index = Spans::new([
            (f32::NAN, 5.0),
            (0.0, f32::NAN),
            (1.0, 2.0),
            (-f32::NAN, 3.0),
        ]);
        assert_eq!(index.meeting(0.0, 10.0), vec![2]);
    }
}
