use imagekitio::transform;

fn main() {
    let _ = transform!(quality = "80", crop = 3, grayscale = "yes", streaming_resolutions = 360);
}
