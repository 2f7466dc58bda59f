//! One sorting routine for the whole app. The standard library's sort is generic, so every
//! call with its own element type or comparison gets its own copy of the algorithm, several
//! kilobytes each in WebAssembly. These sort positions through one non-generic copy and then
//! move the items into place. Stable, like `slice::sort_by`.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        order
            .into_iter()
            .filter_map(|position| slots[position].take()),
    );
}

/// Sorts `items` by the key `key` gives each, keeping equal items in their order.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn matches_the_standard_stable_sort(items in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            let mut ours = items.clone();
            sort_by_key(&mut ours, |(key, _)| *key);
            let mut standard = items.clone();
            standard.sort_by_key(|(key, _)| *key);
            prop_assert_eq!(ours, standard);
        }

        #[test]
        fn sorts_by_a_comparison(items in proptest::collection::vec(any::<i32>(), 0..200)) {
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| b.cmp(a));
            let mut standard = items;
            standard.sort_by(|a, b| b.cmp(a));
            prop_assert_eq!(ours, standard);
        }
    }
}
