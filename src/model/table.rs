//! A list of map items kept in file order with an index by id beside it, so finding a
//! lane, event, link or path not taken by its id costs O(1) instead of a scan of the list
//! (lookups per card made exports, import and the frame quadratic on large maps).
//!
//! The list reads like a `Vec` (it derefs to one) and saves byte for byte as one. The
//! index is never trusted blindly: a hit is checked against the item it points at, and
//! any change through `&mut` (which may have moved, removed or re-keyed items) marks the
//! index stale, so the next lookup that misses rebuilds it once. `push`, the way import
//! and edits add items, keeps the index current.

use super::FastHashMap as HashMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::hash::Hash;
use std::ops::{Deref, DerefMut};
use std::sync::RwLock;
use std::sync::atomic::{AtomicBool, Ordering};

/// An item with an id.
pub trait Keyed {
    type Key: Eq + Hash + Clone;
    fn key(&self) -> &Self::Key;
}

pub struct Table<T: Keyed> {
    items: Vec<T>,
    /// Position of the first item with each id, while not stale.
    index: RwLock<HashMap<T::Key, usize>>,
    /// The list may have changed since the index was built.
    stale: AtomicBool,
}

impl<T: Keyed> Table<T> {
    pub fn new() -> Self {
        Self::from(Vec::new())
    }

    /// Where the item with this id is in the list.
    pub fn index_of(&self, key: &T::Key) -> Option<usize> {
        if let Some(found) = self.checked_hit(key) {
            return found;
        }
        self.rebuild();
        self.index
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(key)
            .copied()
    }

    /// The item with this id.
    pub fn by_id(&self, key: &T::Key) -> Option<&T> {
        self.index_of(key).map(|i| &self.items[i])
    }

    /// The item with this id, to change (the index stays valid unless its id changes, and
    /// is marked stale in case it does).
    pub fn by_id_mut(&mut self, key: &T::Key) -> Option<&mut T> {
        let i = self.index_of(key)?;
        Some(&mut self.deref_mut()[i])
    }

    /// Adds an item at the end, keeping the index current.
    pub fn push(&mut self, item: T) {
        if !*self.stale.get_mut() {
            let index = self
                .index
                .get_mut()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            index.entry(item.key().clone()).or_insert(self.items.len());
        }
        self.items.push(item);
    }

    /// Inserts an item at `index`, moving those after it (the index is rebuilt when next
    /// needed). At the end it is a push, which keeps the index current: a paste inserts
    /// one item after another there, and a rebuild after each made it quadratic.
    pub fn insert(&mut self, index: usize, item: T) {
        if index >= self.items.len() {
            self.push(item);
        } else {
            self.deref_mut().insert(index, item);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn into_vec(self) -> Vec<T> {
        self.items
    }

    /// `Some(answer)` when the index answers for sure; `None` when it must be rebuilt.
    fn checked_hit(&self, key: &T::Key) -> Option<Option<usize>> {
        let index = self
            .index
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match index.get(key) {
            Some(&i) if self.items.get(i).is_some_and(|item| item.key() == key) => Some(Some(i)),
            Some(_) => None,
            None if self.stale.load(Ordering::Acquire) => None,
            None => Some(None),
        }
    }

    fn rebuild(&self) {
        let mut index = self
            .index
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        index.clear();
        index.reserve(self.items.len());
        for (i, item) in self.items.iter().enumerate() {
            index.entry(item.key().clone()).or_insert(i);
        }
        self.stale.store(false, Ordering::Release);
    }
}

impl<T: Keyed> Default for Table<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Keyed> From<Vec<T>> for Table<T> {
    fn from(items: Vec<T>) -> Self {
        Table {
            items,
            index: RwLock::new(HashMap::default()),
            stale: AtomicBool::new(true),
        }
    }
}

impl<T: Keyed> FromIterator<T> for Table<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Self::from(iter.into_iter().collect::<Vec<T>>())
    }
}

impl<T: Keyed> Deref for Table<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.items
    }
}

impl<T: Keyed> DerefMut for Table<T> {
    /// Any change may move or re-key items: the index is checked again before use.
    fn deref_mut(&mut self) -> &mut Vec<T> {
        *self.stale.get_mut() = true;
        &mut self.items
    }
}

impl<T: Keyed + Clone> Clone for Table<T> {
    fn clone(&self) -> Self {
        Self::from(self.items.clone())
    }
}

impl<T: Keyed + PartialEq> PartialEq for Table<T> {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items
    }
}

impl<T: Keyed + std::fmt::Debug> std::fmt::Debug for Table<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.items.fmt(f)
    }
}

impl<'a, T: Keyed> IntoIterator for &'a Table<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<'a, T: Keyed> IntoIterator for &'a mut Table<T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.deref_mut().iter_mut()
    }
}

impl<T: Keyed> IntoIterator for Table<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<T: Keyed + Serialize> Serialize for Table<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.items.serialize(serializer)
    }
}

impl<'de, T: Keyed + Deserialize<'de>> Deserialize<'de> for Table<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<T>::deserialize(deserializer).map(Self::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, PartialEq)]
    struct Item(String, u32);

    impl Keyed for Item {
        type Key = String;
        fn key(&self) -> &String {
            &self.0
        }
    }

    fn item(key: &str, value: u32) -> Item {
        Item(key.to_owned(), value)
    }

    #[test]
    fn finds_items_after_every_kind_of_change() {
        let mut table: Table<Item> = vec![item("a", 1), item("b", 2)].into();
        assert_eq!(table.by_id(&"b".into()), Some(&item("b", 2)));
        table.push(item("c", 3));
        assert_eq!(table.index_of(&"c".into()), Some(2));
        table.remove(0);
        assert_eq!(table.index_of(&"b".into()), Some(0), "positions moved");
        assert_eq!(table.index_of(&"a".into()), None, "removed");
        table.insert(0, item("z", 9));
        assert_eq!(
            table.index_of(&"z".into()),
            Some(0),
            "inserted through the Vec"
        );
        assert_eq!(table.index_of(&"c".into()), Some(2));
        table[1].0 = "renamed".into();
        assert_eq!(
            table.index_of(&"renamed".into()),
            Some(1),
            "re-keyed in place"
        );
        assert_eq!(table.index_of(&"b".into()), None);
        table.retain(|i| i.1 != 9);
        assert_eq!(table.index_of(&"renamed".into()), Some(0));
        table.by_id_mut(&"c".into()).unwrap().1 = 4;
        assert_eq!(table.by_id(&"c".into()), Some(&item("c", 4)));
        table.sort_by_key(|i| std::cmp::Reverse(i.1));
        assert_eq!(table.index_of(&"c".into()), Some(0), "sorted");
    }

    #[test]
    fn the_first_of_duplicate_ids_is_found_as_a_scan_would() {
        let table: Table<Item> = vec![item("a", 1), item("a", 2)].into();
        assert_eq!(table.by_id(&"a".into()), Some(&item("a", 1)));
    }

    #[test]
    fn saves_as_the_plain_list() {
        let table: Table<Item> = vec![item("a", 1)].into();
        let clone = table.clone();
        assert_eq!(clone, table);
        assert_eq!(clone.by_id(&"a".into()), Some(&item("a", 1)));
    }
}
