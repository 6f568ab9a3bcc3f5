//! Live sessions at size: what a user waits for when the map is shared, on generated maps
//! of 1,000 and 10,000 events. A local edit copied into the shared document (on top of
//! the edit itself); a peer's field edit (a card renamed) reaching the map, laid out; a
//! peer's new card (the whole map read again); someone joining late, from the room's whole
//! state to the map. In memory, no network: the network adds its round trip.
//!
//! Run: `cargo bench --bench live`. Results go in BENCHMARKS.md.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use waterline::document::Document;
use waterline::live::{REMOTE, SharedMap};
use waterline::model::{EventId, Map};
use waterline::ops::{Edit, Op};
use waterline::samples::synthetic;
use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, StateVector, Transact, Update};

const SIZES: &[usize] = &[1_000, 10_000];

fn send(from: &Doc, to: &Doc) {
    let missing = to.transact().state_vector();
    let update = from.transact().encode_state_as_update_v1(&missing);
    to.transact_mut_with(REMOTE)
        .apply_update(Update::decode_v1(&update).unwrap())
        .unwrap();
}

/// Two documents sharing `map`: the host's and a joiner's, both up to date.
fn pair(map: &Map) -> (Document, Document) {
    let mut host = Document::new(map.clone(), None);
    host.share_live(SharedMap::hosting(Doc::new(), map), true, "aaaa");
    let mut joiner = Document::new(Map::new(""), None);
    joiner.share_live(SharedMap::joining(Doc::new()), false, "bbbb");
    send(host.live().unwrap().doc(), joiner.live().unwrap().doc());
    joiner.take_room_changes().unwrap();
    (host, joiner)
}

fn renamed(doc: &Document, n: usize) -> Op {
    let mut card = doc.map().events[doc.map().events.len() / 2].clone();
    card.title = format!("Renamed {n}");
    Op::UpdateEvent(card)
}

fn live(c: &mut Criterion) {
    let mut group = c.benchmark_group("live");
    group.sample_size(10);
    for &size in SIZES {
        let map = synthetic(size, 20);

        let (mut host, _) = pair(&map);
        let mut n = 0;
        group.bench_with_input(
            BenchmarkId::new("local edit, shared", size),
            &size,
            |b, _| {
                b.iter(|| {
                    n += 1;
                    host.apply(Edit::new("Rename", renamed(&host, n))).unwrap();
                })
            },
        );

        let (mut host, mut joiner) = pair(&map);
        let joiner_doc = joiner.live().unwrap().doc().clone();
        let mut n = 0;
        group.bench_with_input(
            BenchmarkId::new("a peer's field edit arrives", size),
            &size,
            |b, _| {
                b.iter_batched(
                    || {
                        n += 1;
                        host.apply(Edit::new("Rename", renamed(&host, n))).unwrap();
                        send(host.live().unwrap().doc(), &joiner_doc);
                    },
                    |()| black_box(joiner.take_room_changes().unwrap()),
                    criterion::BatchSize::PerIteration,
                )
            },
        );

        let (mut host, mut joiner) = pair(&map);
        let joiner_doc = joiner.live().unwrap().doc().clone();
        let mut n = 0;
        group.bench_with_input(
            BenchmarkId::new("a peer's new card arrives", size),
            &size,
            |b, _| {
                b.iter_batched(
                    || {
                        n += 1;
                        let mut card = host.map().events[0].clone();
                        card.id = EventId::from(format!("e-new-{n}").as_str());
                        card.annotations.clear();
                        let op = Op::InsertEvent {
                            index: 1,
                            event: card,
                        };
                        host.apply(Edit::new("Add", op)).unwrap();
                        send(host.live().unwrap().doc(), &joiner_doc);
                    },
                    |()| black_box(joiner.take_room_changes().unwrap()),
                    criterion::BatchSize::PerIteration,
                )
            },
        );

        let (host, _) = pair(&map);
        let state = host
            .live()
            .unwrap()
            .doc()
            .transact()
            .encode_state_as_update_v1(&StateVector::default());
        group.bench_with_input(
            BenchmarkId::new("late joiner: state to map", size),
            &size,
            |b, _| {
                b.iter(|| {
                    let mut joiner = Document::new(Map::new(""), None);
                    let shared = SharedMap::joining(Doc::new());
                    shared
                        .doc()
                        .transact_mut_with(REMOTE)
                        .apply_update(Update::decode_v1(&state).unwrap())
                        .unwrap();
                    joiner.share_live(shared, false, "cccc");
                    joiner.take_room_changes().unwrap();
                    black_box(joiner.map().events.len())
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, live);
criterion_main!(benches);
