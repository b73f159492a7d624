use imagekitio::transform;

fn main() {
    let _ = transform!(crop = "at_mx", format = "tiff", streaming_resolutions = ["360", "999"]);
}
