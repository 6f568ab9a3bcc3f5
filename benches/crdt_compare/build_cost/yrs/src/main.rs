//! The least program using yrs: one value in a document, encoded.

fn main() {
    use yrs::{Map, ReadTxn, StateVector, Transact};
    let doc = yrs::Doc::new();
    let map = doc.get_or_insert_map("events");
    map.insert(
        &mut doc.transact_mut(),
        "e1",
        std::env::args().count() as i64,
    );
    let bytes = doc
        .transact()
        .encode_state_as_update_v1(&StateVector::default());
    println!("{}", bytes.len());
}
