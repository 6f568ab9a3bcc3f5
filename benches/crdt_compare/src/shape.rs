//! The map in the shape all three documents hold (as the app's yrs schema): the map's own
//! fields, then per collection one entry per id holding its fields and an `ord` for its
//! place, the note lists (`annotations`, gap `notes`) as lists. And the way back: a
//! document's contents as the JSON of a map file, read into a `Map` as a file is.

use serde_json::Value;
use waterline::live::schema::{Collection, META, ORD, entry_key};
use waterline::model::{FORMAT, Map, VERSION};

/// One entry: its key (the id) and its fields.
pub type Entry = (String, serde_json::Map<String, Value>);

/// The map's contents, ready to write into a document.
pub struct Shape {
    pub meta: serde_json::Map<String, Value>,
    pub collections: Vec<(Collection, Vec<Entry>)>,
}

impl Shape {
    pub fn of(map: &Map) -> Shape {
        let Ok(Value::Object(mut file)) = serde_json::to_value(map) else {
            return Shape {
                meta: serde_json::Map::new(),
                collections: Vec::new(),
            };
        };
        let collections = Collection::ALL
            .iter()
            .map(|&c| {
                let items = match file.remove(c.root_name()) {
                    Some(Value::Array(items)) => items,
                    _ => Vec::new(),
                };
                let entries = items
                    .into_iter()
                    .filter_map(|item| match item {
                        Value::Object(fields) => Some((entry_key(c, &fields), fields)),
                        _ => None,
                    })
                    .collect();
                (c, entries)
            })
            .collect();
        file.retain(|name, _| name != "format" && name != "version");
        Shape {
            meta: file,
            collections,
        }
    }
}

/// The names of the document's roots: the map's own fields, then the collections.
pub fn root_names() -> impl Iterator<Item = &'static str> {
    std::iter::once(META).chain(Collection::ALL.iter().map(|c| c.root_name()))
}

/// A document's contents (`{root: {key: fields}}`, as each library reads itself out) as
/// the JSON of a map file: entries in `ord` order, `ord` dropped.
pub fn file_json(mut doc: serde_json::Map<String, Value>) -> Value {
    let mut file = serde_json::Map::new();
    file.insert("format".into(), Value::from(FORMAT));
    file.insert("version".into(), Value::from(VERSION));
    if let Some(Value::Object(meta)) = doc.remove(META) {
        file.extend(meta);
    }
    for c in Collection::ALL {
        let mut entries: Vec<(f64, String, Value)> = match doc.remove(c.root_name()) {
            Some(Value::Object(entries)) => entries
                .into_iter()
                .map(|(key, mut fields)| {
                    let ord = fields
                        .as_object_mut()
                        .and_then(|f| f.remove(ORD))
                        .and_then(|o| o.as_f64())
                        .unwrap_or(f64::MAX);
                    (ord, key, fields)
                })
                .collect(),
            _ => Vec::new(),
        };
        entries.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        let items = entries.into_iter().map(|(_, _, v)| v).collect();
        file.insert(c.root_name().into(), Value::Array(items));
    }
    Value::Object(file)
}

/// Reads a document's contents into a map, checked as a file is.
pub fn to_map(doc: Value) -> Map {
    let Value::Object(doc) = doc else {
        panic!("a document read out as something other than an object");
    };
    waterline::io::parse_value(file_json(doc)).expect("the document holds a valid map")
}

/// One edit of one card's field, as a user makes it in the inspector.
#[derive(Clone)]
pub struct Edit {
    pub key: String,
    pub field: &'static str,
    pub value: String,
}

/// `n` edits of random cards' titles and descriptions, the same for every library.
pub fn random_edits(n: usize, events: usize, seed: u64, who: &str) -> Vec<Edit> {
    let mut state = seed.max(1);
    let mut next = move || {
        // xorshift64: enough for spreading edits, and no dependency.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n)
        .map(|i| {
            let card = next() as usize % events + 1;
            let field = if next() % 2 == 0 {
                "title"
            } else {
                "description"
            };
            Edit {
                key: format!("e{card}"),
                field,
                value: format!("{who} edit {i}"),
            }
        })
        .collect()
}
