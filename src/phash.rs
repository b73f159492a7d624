//! [`phash_distance`]: how different two images look, from the perceptual hashes (`pHash`)
//! that ImageKit's metadata API returns.

use crate::error::Error;

/// The number of bits that differ between two 64-bit perceptual hashes, each given as the
/// 16 hexadecimal digits ImageKit returns: `0` for the same image, small for similar images,
/// large for different ones.
///
/// Fails with [`Error::InvalidInput`] when a hash is not exactly 16 hexadecimal digits.
///
/// ```
/// use imagekitio::phash_distance;
///
/// assert_eq!(phash_distance("f06830ca9f1e3e90", "f06830ca9f1e3e90")?, 0);
/// assert_eq!(phash_distance("2d5ad3936d2e015b", "2d6ed293db36a4fb")?, 17);
/// assert!(phash_distance("", "dkf90").is_err());
/// # Ok::<(), imagekitio::Error>(())
/// ```
pub fn phash_distance(first: &str, second: &str) -> Result<u32, Error> {
    Ok((parse("first", first)? ^ parse("second", second)?).count_ones())
}

fn parse(which: &str, hash: &str) -> Result<u64, Error> {
    if hash.len() != 16 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::invalid(format!(
            "the {which} pHash must be 16 hexadecimal digits (as ImageKit's metadata API returns \
             it), got {hash:?}"
        )));
    }
    u64::from_str_radix(hash, 16).map_err(|e| {
        Error::invalid(format!(
            "the {which} pHash {hash:?} is not hexadecimal: {e}"
        ))
    })
}
