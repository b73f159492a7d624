//! URL generation speed: `cargo bench --bench url`.
//!
//! Two families of shapes. *Per call* is how ImageKit's SDKs are used: the options and the
//! transformation are built for each URL, with a value known only at run time
//! (`transform!(height = h, width = 400)`), in path position; signed adds a second step and
//! an expiry. *Prebuilt* reuses one `UrlOptions` holding a constant `Transformation`, the
//! fastest way this crate offers.
//!
//! Budgets (median on the project's 2-core machine): per call, plain <= 120 ns and signed
//! <= 300 ns. The allocation budget of prebuilt URLs (the output `String` is the only one) is
//! checked by `tests/url_allocations.rs`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use imagekitio::{ImageKit, Transformation, TransformationPosition, UrlOptions, transform};

const TWO_STEPS: Transformation = Transformation::from_static("h-300,w-400:rt-90");
const PATH: &str = "/folder/default-image.jpg";

fn client() -> ImageKit {
    ImageKit::new(
        "public_key",
        "private_key_test",
        "https://ik.imagekit.io/your_imagekit_id",
    )
    .expect("valid client")
}

fn per_call(c: &mut Criterion) {
    let ik = client();
    let mut group = c.benchmark_group("per call");

    group.bench_function("plain, transform! with a run-time value", |b| {
        b.iter(|| {
            let h = black_box(300);
            let t = transform!(height = h, width = 400)?;
            ik.url(&UrlOptions::path(black_box(PATH)).transformation(t))
        })
    });

    group.bench_function("plain, typed builder", |b| {
        b.iter(|| {
            let h = black_box(300);
            let t = Transformation::builder().height(h).width(400).build()?;
            ik.url(&UrlOptions::path(black_box(PATH)).transformation(t))
        })
    });

    group.bench_function("plain, list-of-steps JSON", |b| {
        b.iter(|| {
            let steps = black_box(r#"[{"height": 300, "width": 400}]"#);
            let t: Transformation = serde_json::from_str(steps).expect("valid steps");
            ik.url(&UrlOptions::path(black_box(PATH)).transformation(t))
        })
    });

    group.bench_function("signed, transform!, expires in 300 s", |b| {
        b.iter(|| {
            let h = black_box(300);
            let t = transform!(height = h, width = 400; rotation = 90)?;
            ik.url(
                &UrlOptions::path(black_box(PATH))
                    .transformation(t)
                    .expire_seconds(300),
            )
        })
    });

    group.bench_function("signed, transform!, no expiry", |b| {
        b.iter(|| {
            let h = black_box(300);
            let t = transform!(height = h, width = 400; rotation = 90)?;
            ik.url(
                &UrlOptions::path(black_box(PATH))
                    .transformation(t)
                    .signed(true),
            )
        })
    });

    group.bench_function("render only, transform! with a run-time value", |b| {
        b.iter(|| {
            let h = black_box(300);
            transform!(height = h, width = 400)
        })
    });

    group.bench_function("render only, typed builder", |b| {
        b.iter(|| {
            let h = black_box(300);
            Transformation::builder().height(h).width(400).build()
        })
    });
    group.finish();
}

fn prebuilt(c: &mut Criterion) {
    let ik = client();
    let mut group = c.benchmark_group("url");

    let unsigned = UrlOptions::path(PATH).transformation(TWO_STEPS);
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

criterion_group!(benches, per_call, prebuilt);
criterion_main!(benches);
