//! Small ordered maps and sets on a sorted `Vec`, for the handful of entries the scene and the
//! host reader keep: the same order and answers as `BTreeMap`/`BTreeSet`, but each key and value
//! type costs the wasm a binary search and a `Vec` insert instead of a B-tree's node code
//! (`cargo xtask size` showed a dozen B-tree copies as the largest generic std code).

use std::borrow::Borrow;
use std::cmp::Ordering;

/// `v.sort_by(cmp)`, the same stable order, with one compiled copy of the sort for every element
/// type (it sorts indices): each `sort_by` otherwise ships its own ~4 KB sort in the wasm.
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let order = order(v.len(), &|a, b| cmp(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// `v.sort_by_key(key)`, as [`sort_by`].
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

fn order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// A map iterated in key order; one entry per key.
#[derive(Debug, Clone, PartialEq)]
pub struct SortedMap<K, V> {
    entries: Vec<(K, V)>,
}

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
        }
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    pub fn new() -> Self {
        Self::default()
    }

    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        self.entries.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    /// Sets the value of `key`, returning the one it replaces.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    /// The value of `key`, inserted from `make` first if there is none.
    pub fn or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        let i = match self.find(&key) {
            Ok(i) => i,
            Err(i) => {
                self.entries.insert(i, (key, make()));
                i
            }
        };
        &mut self.entries[i].1
    }

    pub fn or_default(&mut self, key: K) -> &mut V
    where
        V: Default,
    {
        self.or_insert_with(key, V::default)
    }

    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.find(key).is_ok()
    }

    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| &self.entries[i].1)
    }

    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| &mut self.entries[i].1)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, v)| v)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.entries.iter_mut().map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl<'a, K, V> IntoIterator for &'a SortedMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl<K, V> IntoIterator for SortedMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

/// As `BTreeMap`'s: a later value for a key replaces an earlier one.
impl<K: Ord, V> FromIterator<(K, V)> for SortedMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut map = Self::new();
        for (k, v) in iter {
            map.insert(k, v);
        }
        map
    }
}

/// A set iterated in order.
#[derive(Debug, Clone, PartialEq)]
pub struct SortedSet<K>(SortedMap<K, ()>);

impl<K> Default for SortedSet<K> {
    fn default() -> Self {
        Self(SortedMap::default())
    }
}

impl<K: Ord> SortedSet<K> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `key`; false if it was there already.
    pub fn insert(&mut self, key: K) -> bool {
        self.0.insert(key, ()).is_none()
    }

    pub fn contains<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.0.contains_key(key)
    }

    pub fn iter(&self) -> impl Iterator<Item = &K> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<K: Ord> FromIterator<K> for SortedSet<K> {
    fn from_iter<I: IntoIterator<Item = K>>(iter: I) -> Self {
        let mut set = Self::new();
        for k in iter {
            set.insert(k);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::{sort_by, sort_by_key, SortedMap, SortedSet};
    use std::collections::{BTreeMap, BTreeSet};

    #[test]
    fn sorts_as_the_standard_stable_sort() {
        let mut state = 0x853c_49e6_748f_ea9b_u64;
        for len in 0..200 {
            let mut ours: Vec<(u8, String)> = (0..len)
                .map(|i| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    ((state % 7) as u8, format!("{i}"))
                })
                .collect();
            let mut theirs = ours.clone();
            sort_by_key(&mut ours, |(k, _)| *k);
            theirs.sort_by_key(|(k, _)| *k);
            assert_eq!(ours, theirs);
            sort_by(&mut ours, |a, b| b.1.len().cmp(&a.1.len()));
            theirs.sort_by_key(|a| std::cmp::Reverse(a.1.len()));
            assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn behaves_as_the_btree_collections() {
        // A fixed pseudo-random sequence of keys with repeats.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut ours = SortedMap::new();
        let mut theirs = BTreeMap::new();
        let mut set = SortedSet::new();
        let mut btree_set = BTreeSet::new();
        for step in 0..2_000u32 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let key = (state % 97) as u8;
            match step % 3 {
                0 => assert_eq!(ours.insert(key, step), theirs.insert(key, step)),
                1 => *ours.or_default(key) += 1,
                _ => *ours.or_insert_with(key, || step) += 2,
            }
            match step % 3 {
                0 => {}
                1 => *theirs.entry(key).or_default() += 1,
                _ => *theirs.entry(key).or_insert_with(|| step) += 2,
            }
            assert_eq!(set.insert(key), btree_set.insert(key));
            assert_eq!(ours.get(&key), theirs.get(&key));
        }
        assert!(ours.iter().eq(theirs.iter()));
        assert!((&ours).into_iter().eq(&theirs));
        *ours.get_mut(&3).unwrap_or(&mut 0) += 5;
        *theirs.get_mut(&3).unwrap_or(&mut 0) += 5;
        assert!(ours.clone().into_iter().eq(theirs.clone()));
        assert!(ours.values().eq(theirs.values()));
        assert!(set.iter().eq(btree_set.iter()));
        assert_eq!((ours.len(), set.len()), (theirs.len(), btree_set.len()));
        assert!(set.contains(&3) == btree_set.contains(&3) && !set.contains(&200));
        let pairs = [(2, "a"), (1, "b"), (2, "c")];
        let collected: SortedMap<_, _> = pairs.into_iter().collect();
        let expected: BTreeMap<_, _> = pairs.into_iter().collect();
        assert!(collected.iter().eq(expected.iter()));
        let names: SortedSet<&str> = ["vmk1", "vmk0", "vmk1"].into_iter().collect();
        assert_eq!(names.iter().copied().collect::<Vec<_>>(), ["vmk0", "vmk1"]);
        assert!(SortedMap::<u8, u8>::new().is_empty() && SortedSet::<u8>::new().is_empty());
    }
}
