//! The `maqal` command: articles rendered as HTML that reads and paints before any script runs
//! (`render`), and articles checked with every problem named (`check`). README shows its use.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use maqal::{Article, Options};

const USAGE: &str = "\
usage: maqal render [--share-url URL] [--lang TAG] [--utm-campaign C] [--no-utm] [--toast-ms MS] FILE|-
       maqal render [options] [--jobs N] --out DIR FILE...
       maqal check FILE...
       maqal stylesheet-hash

render  writes the article (native JSON or schema.org JSON-LD) as a <maqal-article> fragment with
        a declarative shadow root: to stdout, or one DIR/<name>.html per FILE, rendered in
        parallel on every core (--jobs N to choose).
check   reads each FILE; exit 0 when all are articles, else one line per problem naming the
        field, and exit 1.
stylesheet-hash  prints the CSP source ('sha256-…') that allows the fragment's <style>.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("render") => match parse_render(&args[1..]) {
            Ok(parsed) => run(render(&parsed)),
            Err(usage) => {
                eprintln!("maqal: {usage}");
                ExitCode::from(2)
            }
        },
        Some("check") => check(&args[1..]),
        Some("stylesheet-hash") => {
            println!("{}", maqal::stylesheet_hash());
            ExitCode::SUCCESS
        }
        Some("--help" | "-h" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("maqal: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `render`'s command line, read.
struct RenderArgs {
    options: Options,
    jobs: usize,
    target: Target,
}

/// Where `render` writes: one file's fragment to stdout, or one page per file into a folder.
enum Target {
    Stdout(String),
    Dir(PathBuf, Vec<String>),
}

fn parse_render(args: &[String]) -> Result<RenderArgs, String> {
    let mut attributes: Vec<(&'static str, String)> = Vec::new();
    let mut out = None;
    let mut jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut files = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .cloned()
                .ok_or_else(|| [name, " needs a value"].concat())
        };
        match arg.as_str() {
            "--share-url" => attributes.push(("share-url", value(arg)?)),
            "--lang" => attributes.push(("lang", value(arg)?)),
            "--utm-campaign" => attributes.push(("utm-campaign", value(arg)?)),
            "--toast-ms" => attributes.push(("toast-ms", value(arg)?)),
            "--no-utm" => attributes.push(("no-utm", String::new())),
            "--out" => out = Some(PathBuf::from(value(arg)?)),
            "--jobs" => {
                jobs = value(arg)?
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or("--jobs needs a whole number above 0")?
            }
            flag if flag.starts_with("--") => {
                return Err(["unknown option ", flag, "\n", USAGE].concat())
            }
            file => files.push(file.to_owned()),
        }
    }
    // The same reading of settings as the element's attributes: one rule for both.
    let options = Options::from_attributes(|name| {
        attributes
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
    });
    let target = match out {
        None => {
            let [file] = <[String; 1]>::try_from(files).map_err(|_| {
                [
                    "render writes one FILE (or -) to stdout; use --out DIR for many\n",
                    USAGE,
                ]
                .concat()
            })?;
            Target::Stdout(file)
        }
        Some(_) if files.is_empty() => return Err("--out needs at least one FILE".into()),
        Some(dir) => {
            // Two files that would write one page (a/1.json and b/1.json): one would be lost.
            let mut names: Vec<PathBuf> = files.iter().map(|f| output_name(f)).collect();
            names.sort();
            if let Some(twice) = names.windows(2).find(|w| w[0] == w[1]) {
                return Err([
                    "two files would both be written to ",
                    &twice[0].display().to_string(),
                ]
                .concat());
            }
            Target::Dir(dir, files)
        }
    };
    Ok(RenderArgs {
        options,
        jobs,
        target,
    })
}

fn render(args: &RenderArgs) -> Result<(), String> {
    match &args.target {
        Target::Stdout(file) => {
            let html = render_file(file, &args.options)?;
            std::io::stdout()
                .write_all(html.as_bytes())
                .map_err(|e| ["could not write: ", &e.to_string()].concat())
        }
        Target::Dir(dir, files) => render_many(files, dir, &args.options, args.jobs),
    }
}

/// Renders every file into `dir`, on `jobs` threads taking the next file as they finish; a bad
/// file is reported and skipped, and makes the exit status 1.
fn render_many(files: &[String], dir: &Path, options: &Options, jobs: usize) -> Result<(), String> {
    std::fs::create_dir_all(dir)
        .map_err(|e| [&dir.display().to_string(), ": ", &e.to_string()].concat())?;
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(files.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(file) = files.get(i) else { break };
                let result = render_file(file, options).and_then(|html| {
                    let path = dir.join(output_name(file));
                    std::fs::write(&path, html)
                        .map_err(|e| [&path.display().to_string(), ": ", &e.to_string()].concat())
                });
                if let Err(message) = result {
                    failures
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(message);
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap_or_else(|e| e.into_inner());
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\nmaqal: "))
    }
}

/// `articles/123.json` → `123.html`.
fn output_name(file: &str) -> PathBuf {
    let stem = Path::new(file)
        .file_stem()
        .map_or_else(|| "article".into(), |s| s.to_string_lossy().into_owned());
    PathBuf::from(stem + ".html")
}

fn render_file(file: &str, options: &Options) -> Result<String, String> {
    let article = read_article(file)?;
    Ok(maqal::render_html(&article, options))
}

fn read_article(file: &str) -> Result<Article, String> {
    let text = if file == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| ["stdin: ", &e.to_string()].concat())?;
        text
    } else {
        std::fs::read_to_string(file).map_err(|e| [file, ": ", &e.to_string()].concat())?
    };
    Article::from_json_text(&text).map_err(|e| [file, ": ", &e.message()].concat())
}

fn check(files: &[String]) -> ExitCode {
    if files.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let mut ok = true;
    for file in files {
        if let Err(message) = read_article(file) {
            println!("{message}");
            ok = false;
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
