use imagekitio::transform;

fn main() {
    let text = "80";
    let number = 4;
    let _ = transform!(quality = text);
    let _ = transform!(crop = number);
}
