//! Builds per-call URLs in a loop, in the shapes of `benches/url.rs`, for profilers that count
//! instructions (the same count on a busy machine as on a quiet one):
//!
//! ```text
//! cargo build --release --example url_loop
//! valgrind --tool=callgrind target/release/examples/url_loop plain 100000
//! valgrind --tool=callgrind target/release/examples/url_loop builder 100000
//! valgrind --tool=callgrind target/release/examples/url_loop steps 100000
//! valgrind --tool=callgrind target/release/examples/url_loop signed 100000
//! ```
//!
//! Divide the `I refs` callgrind prints by the count. Under valgrind, `sha1` runs its portable
//! backend instead of the SHA extensions, so signed figures overstate the native cost of the
//! hash.

use std::hint::black_box;

use imagekitio::{ImageKit, Transformation, UrlOptions, transform};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let shape = args.next().unwrap_or_else(|| "plain".into());
    let count: u32 = args.next().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let ik = ImageKit::new(
        "public_key",
        "private_key_test",
        "https://ik.imagekit.io/your_imagekit_id",
    )?;
    let mut bytes = 0;
    for i in 0..count {
        // A value known only at run time, as in a request handler.
        let h = black_box(300 + (i & 1));
        let options = UrlOptions::path(black_box("/folder/default-image.jpg"));
        let url = match shape.as_str() {
            "plain" => ik.url(&options.transformation(transform!(height = h, width = 400)?))?,
            "builder" => ik.url(
                &options.transformation(Transformation::builder().height(h).width(400).build()?),
            )?,
            "steps" => {
                let steps = black_box(r#"[{"height": 300, "width": 400}]"#);
                ik.url(&options.transformation(serde_json::from_str(steps)?))?
            }
            "signed" => ik.url(
                &options
                    .transformation(transform!(height = h, width = 400; rotation = 90)?)
                    .signed(true),
            )?,
            other => {
                return Err(format!(
                    "unknown shape {other:?}: use plain, builder, steps or signed"
                )
                .into());
            }
        };
        bytes += url.len();
    }
    println!("{count} {shape} URLs, {bytes} bytes");
    Ok(())
}
