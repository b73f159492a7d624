use imagekitio::transform;

fn main() {
    let _ = transform!(width = 300;; rotation = 90);
    let _ = transform!(; width = 300);
}
