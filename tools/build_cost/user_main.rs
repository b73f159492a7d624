// What a service first writes with imagekitio: a client and a transformed URL.
use imagekitio::{ImageKit, UrlOptions, transform};

#[tokio::main]
async fn main() -> Result<(), imagekitio::Error> {
    let ik = ImageKit::new("public_key", "private_key", "https://ik.imagekit.io/demo")?;
    let url = ik.url(&UrlOptions::path("/a.jpg").transformation(transform!(width = 400)))?;
    println!("{url}");
    Ok(())
}
