use imagekitio::transform;

fn main() {
    let _ = transform!(overlay(sticker = "a.png"));
    let _ = transform!(overlay(text = "Hi", postion(x = 1), layer_mode = "screen"));
    let _ = transform!(overlay(text = "Hi", position(z = 1, focus = "middle"), transformation(quality = 80)));
    let _ = transform!(overlay = "l-text");
}
