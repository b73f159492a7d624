use imagekitio::transform;

fn main() {
    let _ = transform!(quality = 150, dpr = 0.05, blur = 0, width = -1);
}
