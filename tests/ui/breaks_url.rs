use imagekitio::transform;

fn main() {
    let _ = transform!(named = "a,b", background = "red:blue", focus = "a/b", raw = "w-1/h-2");
}
