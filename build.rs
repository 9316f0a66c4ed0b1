//! Minifies style/maqal.css into OUT_DIR: the stylesheet is compiled into the wasm, so every
//! comment and indent would be shipped to every reader. Also hashes it for a strict CSP.

use std::{env, fs, path::Path};

fn main() {
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let minified = |name: &str| {
        let source = ["style/", name, ".css"].concat();
        println!("cargo:rerun-if-changed={source}");
        let css = minify(&fs::read_to_string(&source).expect("the stylesheet is readable"));
        let out = Path::new(&out_dir).join([name, ".min.css"].concat());
        fs::write(out, &css).expect("OUT_DIR is writable");
        css
    };
    let widget = minified("maqal");
    let server = minified("server");
    // A page with a strict CSP allows the server-rendered fragment's <style> (the widget's
    // styles, then the server's) by this hash.
    use base64::Engine;
    use sha2::Digest;
    let hash = base64::engine::general_purpose::STANDARD
        .encode(sha2::Sha256::digest([widget, server].concat()));
    println!("cargo:rustc-env=MAQAL_STYLESHEET_SHA256={hash}");
}

/// Drops comments and collapses white space; keeps strings as they are.
fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            '"' | '\'' => {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push(c);
                for s in chars.by_ref() {
                    out.push(s);
                    if s == c {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => pending_space = !out.is_empty(),
            c => {
                let tight = |x: char| matches!(x, '{' | '}' | ';' | ':' | ',' | '>');
                if pending_space && !tight(c) && !out.ends_with(tight) {
                    out.push(' ');
                }
                // A space before ':' matters in selectors (`a :hover`), never in this sheet's declarations.
                pending_space = false;
                out.push(c);
            }
        }
    }
    out.replace(";}", "}")
}
