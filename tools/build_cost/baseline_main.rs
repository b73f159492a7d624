// The same program's needs without imagekitio: an HTTPS client and JSON.
#[tokio::main]
async fn main() -> Result<(), reqwest::Error> {
    let client = reqwest::Client::builder().build()?;
    let body = serde_json::json!({ "path": "/a.jpg" });
    println!("{:?} {body}", client);
    Ok(())
}
