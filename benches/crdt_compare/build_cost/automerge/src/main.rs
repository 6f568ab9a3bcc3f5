//! The least program using automerge: one value in a document, encoded.

fn main() {
    use automerge::transaction::Transactable;
    let mut doc = automerge::AutoCommit::new();
    doc.put(automerge::ROOT, "e1", std::env::args().count() as i64)
        .expect("a value");
    println!("{}", doc.save().len());
}
