//! What the room (or an undo) changed since the map was last read: the entries whose
//! fields changed, or that the map's shape changed (entries added, removed or reordered,
//! the map's own fields, gap notes). Field edits, by far the most common (typing, moving a
//! card), are then read entry by entry instead of reading the whole map again.

use super::lock;
use super::schema::{Collection, LOAD, LOCAL, ORD};
use super::write::Roots;
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use yrs::types::{Event, PathSegment};
use yrs::{DeepObservable, Origin};

/// Changes not yet read.
#[derive(Debug, Default, PartialEq)]
pub struct News {
    /// Something beyond fields of existing entries changed: read the whole map.
    pub shape: bool,
    /// Entries whose fields changed.
    pub fields: BTreeSet<(Collection, String)>,
}

/// Keeps `news` up to date with every transaction but the user's own edits and loading.
pub fn watch(roots: &Roots, news: &Arc<Mutex<News>>) {
    let ours = [Origin::from(LOCAL), Origin::from(LOAD)];
    let meta_news = news.clone();
    let skip = ours.clone();
    roots.meta.observe_deep("waterline-news", move |txn, _| {
        if !txn.origin().is_some_and(|o| skip.contains(o)) {
            lock(&meta_news).shape = true;
        }
    });
    for collection in Collection::ALL {
        let news = news.clone();
        let skip = ours.clone();
        roots
            .of_collection(collection)
            .observe_deep("waterline-news", move |txn, events| {
                if txn.origin().is_some_and(|o| skip.contains(o)) {
                    return;
                }
                let mut news = lock(&news);
                for event in events.iter() {
                    note(&mut news, collection, txn, event);
                }
            });
    }
}

fn note(news: &mut News, collection: Collection, txn: &yrs::TransactionMut, event: &Event) {
    // Gap notes are keyed by their stretch: any change may re-key them.
    if collection == Collection::Gaps {
        news.shape = true;
        return;
    }
    let path = event.path();
    let Some(PathSegment::Key(key)) = path.front() else {
        // The collection itself: entries added, removed or replaced.
        news.shape = true;
        return;
    };
    if let Event::Map(map) = event
        && path.len() == 1
        && map.keys(txn).contains_key(ORD)
    {
        news.shape = true;
    }
    if !matches!(event, Event::Map(_) | Event::Array(_)) {
        news.shape = true;
    }
    news.fields.insert((collection, key.to_string()));
}
