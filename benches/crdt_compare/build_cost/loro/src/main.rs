//! The least program using loro: one value in a document, encoded.

fn main() {
    let doc = loro::LoroDoc::new();
    doc.get_map("events")
        .insert("e1", std::env::args().count() as i64)
        .expect("a value");
    let bytes = doc.export(loro::ExportMode::Snapshot).expect("a snapshot");
    println!("{}", bytes.len());
}
