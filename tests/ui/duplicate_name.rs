use imagekitio::transform;

fn main() {
    let _ = transform!(width = 300, height = 200, width = 400; rotation = 90, rotate = 180);
}
