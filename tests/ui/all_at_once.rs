use imagekitio::transform;

// Every mistake is reported in one compile, each at its own token.
fn main() {
    let _ = transform!(hieght = 300, quality = 150, crop = "fill", width = 1, width = 2;; named = "a:b");
}
