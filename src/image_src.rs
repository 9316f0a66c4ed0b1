//! Which image URLs an article may use: `http:`, `https:`, relative, or a raster `data:` image.

const RASTER_DATA: &[&str] = &[
    "data:image/png",
    "data:image/jpeg",
    "data:image/gif",
    "data:image/webp",
    "data:image/avif",
];

/// `src` if it is safe to put in an `<img>`, else `None` (the figure then keeps only its caption).
pub fn allowed(src: &str) -> Option<&str> {
    // Browsers drop tabs and newlines anywhere in a URL and trim control characters and spaces,
    // so "java\tscript:" is still javascript: — look at the scheme the browser would see.
    let seen: String = src
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if seen.is_empty() {
        return None;
    }
    let scheme = seen.split_once(':').map(|(scheme, _)| scheme).filter(|s| {
        s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            && !s.contains('/')
    });
    let ok = match scheme.map(str::to_ascii_lowercase).as_deref() {
        None => true,
        Some("http" | "https") => true,
        Some("data") => {
            let lower = seen.to_ascii_lowercase();
            RASTER_DATA.iter().any(|p| {
                lower.starts_with(p) && matches!(lower.as_bytes().get(p.len()), Some(b';' | b','))
            })
        }
        Some(_) => false,
    };
    ok.then_some(src.trim())
}

#[cfg(test)]
mod tests {
    use super::allowed;

    #[test]
    fn keeps_web_and_relative_images() {
        for src in [
            "https://ex.com/a.jpg",
            "http://ex.com/a.jpg",
            "img/1.jpg",
            "/img/1.jpg",
            "//cdn.ex.com/a.jpg",
            "../img/صورة.webp",
            "data:image/png;base64,iVBOR",
        ] {
            assert_eq!(allowed(src), Some(src), "{src}");
        }
    }

    #[test]
    fn drops_script_and_non_raster_schemes() {
        for src in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "vbscript:x",
            "data:text/html,<script>",
            "data:image/svg+xml,<svg onload=alert(1)>",
            "file:///etc/passwd",
            "",
            "  ",
        ] {
            assert_eq!(allowed(src), None, "{src:?}");
        }
    }
}
