//! Minifies style/maqal.css into OUT_DIR: the stylesheet is compiled into the wasm, so every
//! comment and indent would be shipped to every reader.

use std::{env, fs, path::Path};

fn main() {
    let source = "style/maqal.css";
    println!("cargo:rerun-if-changed={source}");
    let css = fs::read_to_string(source).expect("style/maqal.css is readable");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("maqal.min.css");
    fs::write(out, minify(&css)).expect("OUT_DIR is writable");
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
