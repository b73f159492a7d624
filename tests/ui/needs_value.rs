use imagekitio::transform;

fn main() {
    let _ = transform!(width, quality);
}
