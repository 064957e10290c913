//! Small ordered maps and sets on a sorted `Vec`, for the handful of entries the scene, the
//! host reader and a host's stacks keep: the same order and answers as `BTreeMap`/`BTreeSet`, but
//! each key and value type costs the wasm a `Vec` insert instead of a B-tree's node code (`cargo
//! xtask size` showed a dozen B-tree copies as the largest generic std code); the binary search
//! is compiled once for all of them.

use std::borrow::Borrow;
use std::cmp::Ordering;

/// `v.sort_by(cmp)`, the same stable order, with one compiled copy of the sort for every element
/// type (it sorts indices): each `sort_by` otherwise ships its own ~4 KB sort in the wasm. The
/// order is applied as a list of swaps, worked out without `T`, so that each element type adds
/// little more than a swap loop (moving the elements out and back cost ~110 B a type).
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let order = order(v.len(), &|a, b| cmp(&v[a], &v[b]));
    for (a, b) in swaps(order) {
        v.swap(a, b);
    }
}

/// `v.sort_by_key(key)`, as [`sort_by`].
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

fn order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// The swaps, done in turn, that put the element first at `order[i]` at `i`, for every `i`.
fn swaps(order: Vec<usize>) -> Vec<(usize, usize)> {
    // `at[e]`: where the element first at `e` is now; `first[p]`: which element is now at `p`.
    let mut at: Vec<usize> = (0..order.len()).collect();
    let mut first = at.clone();
    let mut swaps = Vec::new();
    for (i, &e) in order.iter().enumerate() {
        let from = at[e];
        if from != i {
            swaps.push((i, from));
            let displaced = first[i];
            at[displaced] = from;
            first[from] = displaced;
            at[e] = i;
            first[i] = e;
        }
    }
    swaps
}

/// `binary_search_by` over the indices `0..len` (keys are unique, so it finds what that finds),
/// compiled once: each key and value type otherwise ships its own search (~150 B each).
fn search(len: usize, cmp: &dyn Fn(usize) -> Ordering) -> Result<usize, usize> {
    let (mut low, mut high) = (0, len);
    while low < high {
        let mid = low + (high - low) / 2;
        match cmp(mid) {
            Ordering::Less => low = mid + 1,
            Ordering::Greater => high = mid,
            Ordering::Equal => return Ok(mid),
        }
    }
    Err(low)
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
        search(self.entries.len(), &|i| self.entries[i].0.borrow().cmp(key))
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

    /// Removes `key`, returning its value.
    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        let i = self.find(key).ok()?;
        Some(self.entries.remove(i).1)
    }

    pub fn clear(&mut self) {
        self.entries.clear();
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

/// Written as a map, like a `BTreeMap`.
impl<K: serde::Serialize, V: serde::Serialize> serde::Serialize for SortedMap<K, V> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self)
    }
}

/// Read through a `BTreeMap`: the same errors, and a later value for a key wins as there. Only
/// the native readers (TOML, serde's JSON) deserialize; the wasm reads scenarios without serde.
impl<'de, K: serde::Deserialize<'de> + Ord, V: serde::Deserialize<'de>> serde::Deserialize<'de>
    for SortedMap<K, V>
{
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = std::collections::BTreeMap::<K, V>::deserialize(deserializer)?;
        Ok(map.into_iter().collect())
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
            if step % 11 == 0 {
                let gone = (state >> 8) as u8 % 97;
                assert_eq!(ours.remove(&gone), theirs.remove(&gone));
            }
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
        ours.clear();
        assert!(ours.is_empty());
        let json = serde_json::to_string(&collected).unwrap_or_default();
        assert_eq!(json, serde_json::to_string(&expected).unwrap_or_default());
        let back: SortedMap<u8, String> =
            serde_json::from_str(r#"{"2":"a","1":"b","2":"c"}"#).unwrap_or_default();
        assert!(back
            .iter()
            .eq([(&1, &"b".to_string()), (&2, &"c".to_string())]));
    }
}
