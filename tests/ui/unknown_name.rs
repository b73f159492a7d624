use imagekitio::transform;

fn main() {
    let _ = transform!(hieght = 300, w = 400, zzz = 1);
}
