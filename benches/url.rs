//! URL generation speed: `cargo bench --bench url`.
//!
//! Budgets (median on the project's 2-core machine): unsigned path-position URL with a two-step
//! transformation <= 150 ns; signed URL with an expiry <= 700 ns. The allocation budget (the
//! output `String` is the only one) is checked by `tests/url_allocations.rs`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use imagekitio::{ImageKit, Transformation, TransformationPosition, UrlOptions};

const TWO_STEPS: Transformation = Transformation::from_static("h-300,w-400:rt-90");

fn client() -> ImageKit {
    ImageKit::new(
        "public_key",
        "private_key_test",
        "https://ik.imagekit.io/your_imagekit_id",
    )
    .expect("valid client")
}

fn url_generation(c: &mut Criterion) {
    let ik = client();
    let mut group = c.benchmark_group("url");

    let unsigned = UrlOptions::path("/folder/default-image.jpg").transformation(TWO_STEPS);
    group.bench_function("unsigned, path position, two-step transformation", |b| {
        b.iter(|| ik.url(black_box(&unsigned)))
    });

    let query = unsigned
        .clone()
        .transformation_position(TransformationPosition::Query);
    group.bench_function("unsigned, query position, two-step transformation", |b| {
        b.iter(|| ik.url(black_box(&query)))
    });

    let signed = unsigned.clone().expire_seconds(300);
    group.bench_function("signed, expires in 300 s", |b| {
        b.iter(|| ik.url(black_box(&signed)))
    });

    let signed_at = unsigned.clone().expire_at(1_900_000_000);
    group.bench_function("signed, expires at a fixed time", |b| {
        b.iter(|| ik.url(black_box(&signed_at)))
    });

    let absolute =
        UrlOptions::src("https://ik.imagekit.io/your_imagekit_id/folder/default-image.jpg")
            .transformation(TWO_STEPS);
    group.bench_function("unsigned, absolute src", |b| {
        b.iter(|| ik.url(black_box(&absolute)))
    });

    let steps = r#"[{"height": 300, "width": 400}, {"rotation": 90}]"#;
    group.bench_function("render two steps from JSON", |b| {
        b.iter(|| serde_json::from_str::<Transformation>(black_box(steps)))
    });
    group.finish();
}

criterion_group!(benches, url_generation);
criterion_main!(benches);
