//! The `maqal` command as a user runs it: the binary, real files, exit codes.

use std::process::{Command, Stdio};

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../demo/articles/seed.json");

fn maqal(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_maqal"))
        .args(args)
        .output()
        .expect("the maqal binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

#[test]
fn render_writes_the_same_fragment_as_the_library() {
    let out = maqal(&["render", SEED]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let article = maqal::Article::from_json_text(&std::fs::read_to_string(SEED).unwrap()).unwrap();
    assert_eq!(
        text(&out.stdout),
        maqal::render_html(&article, &maqal::Options::default())
    );
}

#[test]
fn render_reads_stdin_and_takes_the_element_options() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_maqal"))
        .args([
            "render",
            "--share-url",
            "https://example.com/a?b=1&c=2",
            "--no-utm",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(br#"{"headline": "h", "blocks": [{"type": "paragraph", "text": "p"}]}"#)
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let html = text(&out.stdout);
    assert!(
        html.starts_with(r#"<maqal-article share-url="https://example.com/a?b=1&amp;c=2" no-utm>"#),
        "{html}"
    );
}

#[test]
fn a_bad_article_names_the_field_and_exits_1() {
    let dir = std::env::temp_dir().join(format!("maqal-cli-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"headline": "h", "blocks": [{"type": "figure", "src": 3}]}"#,
    )
    .unwrap();
    let bad = bad.to_str().unwrap();

    let out = maqal(&["check", SEED, bad]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        [bad, ": blocks[0].src: expected a string, found a number\n"].concat()
    );
    assert_eq!(maqal(&["check", SEED]).status.code(), Some(0));

    let out = maqal(&["render", bad]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("blocks[0].src: expected a string"));
    assert!(out.stdout.is_empty());
}

#[test]
fn render_out_writes_one_page_per_file_in_parallel() {
    let dir = std::env::temp_dir().join(format!("maqal-cli-out-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let en = concat!(env!("CARGO_MANIFEST_DIR"), "/../demo/articles/en.json");
    let out = maqal(&[
        "render",
        "--jobs",
        "2",
        "--out",
        dir.to_str().unwrap(),
        SEED,
        en,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let seed = std::fs::read_to_string(dir.join("seed.html")).unwrap();
    let english = std::fs::read_to_string(dir.join("en.html")).unwrap();
    assert!(seed.contains(r#"lang="ar" dir="rtl""#));
    assert!(english.contains(r#"lang="en" dir="ltr""#));
    assert_eq!(text(&maqal(&["render", SEED]).stdout), seed);
}

#[test]
fn readme_gives_the_stylesheet_hash_this_version_prints() {
    let out = maqal(&["stylesheet-hash"]);
    let hash = text(&out.stdout);
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    assert!(
        readme.contains(&["style-src 'self' ", hash.trim()].concat()),
        "README's CSP section must give {hash}"
    );
}

#[test]
fn usage_errors_exit_2_and_two_files_for_one_page_are_refused() {
    assert_eq!(maqal(&["render"]).status.code(), Some(2));
    assert_eq!(maqal(&["render", "--bogus", SEED]).status.code(), Some(2));
    let out = maqal(&["render", "--out", "/tmp/never-written", SEED, SEED]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("would both be written to seed.html"));
    assert!(!std::path::Path::new("/tmp/never-written").exists());
}
