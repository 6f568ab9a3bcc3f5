//! The command line: open a map in the window, or check and format maps without one.

mod live;
mod merge;
mod questions;

use crate::io;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Waterline: draw non-linear incident maps for post-incident reviews.
///
/// With no arguments, opens a window on a built-in sample map. With FILE, opens that map.
#[derive(Parser, Debug)]
#[command(name = "waterline", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A map file (.json or .waterline) to open.
    pub file: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

#[derive(Subcommand, Debug)]
pub enum CliCommand {
    /// Check map files and print every problem found, with where it is. Exits with status 1
    /// when any file has problems.
    Check {
        /// Map files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Export a map for a report: a PNG of the whole map (drawn like the app, no window
    /// needed), SVG, a Markdown timeline, or Mermaid / PlantUML sequence diagrams. Give
    /// one or more outputs; `-` writes a text export to standard output. An output that
    /// is a Waterline map is replaced only with --force.
    Export {
        /// The map file.
        map: PathBuf,
        /// Write the whole map as a PNG image.
        #[arg(long, value_name = "OUT.png")]
        png: Option<PathBuf>,
        /// Pixels per point for the PNG (2 for print and high-density screens).
        #[arg(long, default_value_t = 1.0)]
        scale: f32,
        /// Size the PNG for a report, as the app's File > Export PNG does by default: 2
        /// pixels per point, shrunk to at most 3,200 pixels wide and 16,384 tall.
        #[arg(long, conflicts_with = "scale", requires = "png")]
        document: bool,
        /// Colours of the PNG and SVG.
        #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
        theme: ThemeArg,
        /// Write the map as SVG (text stays text).
        #[arg(long, value_name = "OUT.svg")]
        svg: Option<PathBuf>,
        /// Write the timeline, annotations, paths not taken, gaps and open questions as
        /// Markdown.
        #[arg(long, value_name = "OUT.md")]
        markdown: Option<PathBuf>,
        /// Write a Mermaid sequence diagram.
        #[arg(long, value_name = "OUT.mmd")]
        mermaid: Option<PathBuf>,
        /// Write a PlantUML sequence diagram.
        #[arg(long, value_name = "OUT.puml")]
        plantuml: Option<PathBuf>,
        /// Draw the map's themes on the iceberg (above the waterline the operations,
        /// below it the organisation): a PNG, or an SVG when the name ends in .svg.
        #[arg(long, value_name = "OUT.png")]
        iceberg: Option<PathBuf>,
        /// Replace an output that is a Waterline map (never the map being exported).
        #[arg(long)]
        force: bool,
    },
    /// Import a timeline CSV (see the README for the columns) into a new map file. Rows
    /// with problems are listed on stderr with their row numbers; exits with status 1
    /// when any row was skipped.
    Import {
        /// The timeline: CSV, or tab- or semicolon-separated text, with a header row.
        timeline: PathBuf,
        /// The map file to write.
        #[arg(short, long)]
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Point out language written with hindsight in map files: counterfactuals ("if only",
    /// "would have prevented"), judgements ("should have", "failed to") and words that
    /// close an inquiry ("root cause", "human error"). Prints one finding a line, as
    /// `FILE: WHERE: "PHRASE": FAMILY`. An aid for the reviewer, not a verdict: exits with
    /// status 1 when anything is found, 2 when a file cannot be read.
    Lens {
        /// A team's own phrase list (TOML, shaped like the built-in `assets/lens/en.toml`),
        /// joined to the built-in one; may be given several times.
        #[arg(long, value_name = "LIST.toml")]
        phrases: Vec<PathBuf>,
        /// Map files to read.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// The questions to prepare before the debrief meeting, person by person: for each
    /// person or team, in the story's order, their moments with the reviewer's open
    /// questions and the questions that follow what they said, their decisions, and the
    /// stretches their lane records nothing for. Exits with status 2 when the map cannot
    /// be read, 1 when no lane has the --person name.
    Questions {
        /// Only this person's or team's list (the lane's name, any case, or its id).
        #[arg(long, value_name = "NAME")]
        person: Option<String>,
        /// The map file.
        map: PathBuf,
    },
    /// Merge three versions of a map, as a git merge driver (see the README): by id and by
    /// field, so edits of different cards or fields are all kept. The result replaces OURS.
    /// Exits 0 when merged cleanly, 1 when merged with conflicts (the map stays valid and
    /// each conflict is a note in it, listed on stderr), 2 when nothing was written. Files
    /// that are not maps are merged as text by `git merge-file`.
    Merge {
        /// The common ancestor (git's %O).
        base: PathBuf,
        /// Our version, replaced by the result (git's %A).
        ours: PathBuf,
        /// Their version (git's %B).
        theirs: PathBuf,
        /// The file's name in the repository, for messages (git's %P).
        #[arg(long, value_name = "P")]
        path: Option<PathBuf>,
        /// Write the result here instead of OURS.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Keep a map in a live room (see the README, "Debriefing together") and save the
    /// room's edits back to it, until stopped. An empty room gets the map; a room that
    /// already holds one wins (MAP's previous version is kept as a backup). Exits 2 when
    /// the map cannot be read or the room cannot be reached within 20 s.
    Share {
        /// The map file to share and keep up to date.
        map: PathBuf,
        /// The server: ws://HOST:PORT or wss://HOST[/PATH] (a y-websocket server, or a
        /// room hosted by Waterline); or a whole join link with the room at the end.
        #[arg(long, value_name = "URL")]
        server: String,
        /// The room's name (hard to guess: it is the room's only secret).
        #[arg(long, value_name = "ROOM")]
        room: Option<String>,
        /// An extra certificate authority to trust for wss:// (PEM).
        #[arg(long, value_name = "PEM")]
        ca_file: Option<PathBuf>,
        /// Stop after this many seconds (saving the last edits) instead of running until
        /// killed.
        #[arg(long, value_name = "SECS")]
        stop_after: Option<u64>,
    },
    /// Write the current map of a live room to a file. Exits 1 when the room holds no map,
    /// 2 when it cannot be reached within 20 s or OUT exists (without --force).
    Pull {
        /// The server (ws:// or wss://), or a whole join link with the room at the end.
        url: String,
        /// The room's name, when URL is the server only.
        #[arg(long, value_name = "ROOM")]
        room: Option<String>,
        /// Where to write the map.
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
        /// An extra certificate authority to trust for wss:// (PEM).
        #[arg(long, value_name = "PEM")]
        ca_file: Option<PathBuf>,
        /// Replace OUT if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Rewrite map files in the canonical form (current version, fixed field order,
    /// pretty-printed, unknown fields kept), atomically. With --check, change nothing and
    /// exit with status 1 when a file is not canonical: a pre-commit check.
    Fmt {
        /// Only report files that are not canonical.
        #[arg(long)]
        check: bool,
        /// Map files to format.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// Runs a headless subcommand, printing to stdout/stderr.
pub fn run_command(command: CliCommand) -> ExitCode {
    match command {
        CliCommand::Check { files } => check(&files),
        CliCommand::Fmt { check, files } => fmt(&files, check),
        CliCommand::Merge {
            base,
            ours,
            theirs,
            path,
            output,
        } => merge::merge(&base, &ours, &theirs, path.as_deref(), output.as_deref()),
        CliCommand::Share {
            map,
            server,
            room,
            ca_file,
            stop_after,
        } => {
            let room = live::RoomArgs {
                server,
                room,
                ca_file,
            };
            live::share(&map, &room, stop_after.map(std::time::Duration::from_secs))
        }
        CliCommand::Pull {
            url,
            room,
            output,
            ca_file,
            force,
        } => {
            let room = live::RoomArgs {
                server: url,
                room,
                ca_file,
            };
            live::pull(&room, &output, force)
        }
        CliCommand::Lens { phrases, files } => lens(&phrases, &files),
        CliCommand::Questions { person, map } => questions::questions(&map, person.as_deref()),
        CliCommand::Export {
            map,
            png,
            scale,
            document,
            theme,
            svg,
            markdown,
            mermaid,
            plantuml,
            iceberg,
            force,
        } => {
            use crate::export::TextFormat;
            let dark = theme == ThemeArg::Dark;
            let texts: Vec<(TextFormat, PathBuf)> = [
                (TextFormat::Svg { dark }, svg),
                (TextFormat::Markdown, markdown),
                (TextFormat::Mermaid, mermaid),
                (TextFormat::PlantUml, plantuml),
            ]
            .into_iter()
            .filter_map(|(format, path)| Some((format, path?)))
            .collect();
            let images = Images {
                png: png.as_deref(),
                iceberg: iceberg.as_deref(),
                scale,
                document,
                theme,
            };
            export(&map, &images, &texts, force)
        }
        CliCommand::Import {
            timeline,
            output,
            force,
        } => import(&timeline, &output, force),
    }
}

/// The colours of an exported image.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeArg {
    Light,
    Dark,
}

/// The images an export draws, and how.
struct Images<'a> {
    png: Option<&'a Path>,
    iceberg: Option<&'a Path>,
    scale: f32,
    /// The PNG sized for a report (`export::write_document_png`) rather than at `scale`.
    document: bool,
    theme: ThemeArg,
}

fn export(
    map_path: &Path,
    images: &Images<'_>,
    texts: &[(crate::export::TextFormat, PathBuf)],
    force: bool,
) -> ExitCode {
    let Images {
        png,
        iceberg,
        scale,
        document,
        theme,
    } = *images;
    if iceberg.is_some_and(is_stdout) {
        eprintln!("waterline: the iceberg is not written to standard output; give a file name");
        return ExitCode::FAILURE;
    }
    if png.is_some_and(is_stdout) {
        eprintln!("waterline: a PNG is not written to standard output; give a file name");
        return ExitCode::FAILURE;
    }
    // With an export on standard output, the status lines go to standard error.
    let to_stdout = texts.iter().any(|(_, out)| is_stdout(out));
    let say = |line: String| {
        if to_stdout {
            eprintln!("{line}");
        } else {
            println!("{line}");
        }
    };
    let outputs = texts
        .iter()
        .map(|(_, out)| out.as_path())
        .chain(png)
        .chain(iceberg);
    for out in outputs {
        if let Err(refusal) = may_write(out, map_path, force) {
            eprintln!(
                "waterline: {}: {refusal}; nothing was written",
                out.display()
            );
            return ExitCode::FAILURE;
        }
    }
    let map = match io::load_file(map_path) {
        Ok(map) => map,
        Err(err) => {
            eprintln!(
                "waterline: cannot open {}: {}",
                map_path.display(),
                printable(&err.to_string())
            );
            return ExitCode::FAILURE;
        }
    };
    if png.is_none() && iceberg.is_none() && texts.is_empty() {
        eprintln!(
            "waterline: nothing to export: give --png, --svg, --markdown, --mermaid, --plantuml or --iceberg"
        );
        return ExitCode::FAILURE;
    }
    let settings = crate::layout::LayoutSettings::default();
    let mut failed = false;
    for (format, out) in texts {
        if is_stdout(out) {
            let stdout = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
            if let Err(err) = crate::export::write_text_to(&map, &settings, *format, stdout) {
                failed = true;
                eprintln!("waterline: could not write to standard output: {err}");
            }
            continue;
        }
        match crate::export::write_text(&map, &settings, *format, out) {
            Ok(()) => say(format!("{}: written", out.display())),
            Err(err) => {
                failed = true;
                eprintln!("waterline: {}: {err}", out.display());
            }
        }
    }
    if let Some(out) = png {
        let options = crate::export::PngOptions {
            scale,
            dark: theme == ThemeArg::Dark,
        };
        let mut rasterizer = crate::export::Rasterizer::new();
        let written = if document {
            crate::export::write_document_png(&mut rasterizer, &map, &settings, options.dark, out)
        } else {
            crate::export::write_png(&mut rasterizer, &map, &settings, &options, out)
        };
        match written {
            Ok((width, height)) => say(format!("{}: {width}x{height} PNG", out.display())),
            Err(err) => {
                failed = true;
                eprintln!("waterline: {}: {err}", out.display());
            }
        }
    }
    if let Some(out) = iceberg {
        let options = crate::export::PngOptions {
            scale,
            dark: theme == ThemeArg::Dark,
        };
        let svg = out
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
        let mut rasterizer = crate::export::Rasterizer::new();
        match crate::export::write_iceberg(&mut rasterizer, &map, &options, svg, out) {
            Ok(()) => say(format!(
                "{}: the iceberg, {} themes",
                out.display(),
                map.themes.len()
            )),
            Err(err) => {
                failed = true;
                eprintln!("waterline: {}: {err}", out.display());
            }
        }
    }
    // The process ends next and the system takes its memory back at once; freeing a
    // 200,000-event map item by item took a tenth of a second of the export.
    std::mem::forget(map);
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// A message for the terminal: control characters (which a file can put in an id or a
/// time quoted by an error) are written as escapes, so a file cannot drive the terminal.
fn printable(message: &str) -> String {
    message
        .chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// `-` as an output: standard output.
fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Whether an output may be written: never the input itself (not even with --force: it
/// is the data being read), and never an existing Waterline map without --force.
fn may_write(out: &Path, input: &Path, force: bool) -> Result<(), String> {
    if is_stdout(out) {
        return Ok(());
    }
    if same_file(out, input) {
        return Err(format!(
            "this is the file being read ({}); choose another output",
            input.display()
        ));
    }
    if !force && holds_a_map(out) {
        return Err("it is a Waterline map; not replacing it (use --force to replace it)".into());
    }
    Ok(())
}

/// Whether two paths name one file: through links, and through hard links on Unix.
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    io::canonical_path(a) == io::canonical_path(b)
}

/// Whether a regular file at `path` is a Waterline map (its start names the format).
fn holds_a_map(path: &Path) -> bool {
    use std::io::Read;
    if !io::is_regular_file(path) {
        return false;
    }
    let mut start = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(64 * 1024).read_to_end(&mut start));
    read.is_ok() && String::from_utf8_lossy(&start).contains(crate::model::FORMAT)
}

fn import(timeline: &Path, output: &Path, force: bool) -> ExitCode {
    if same_file(output, timeline) {
        eprintln!(
            "waterline: {} is the timeline being imported; choose another output",
            output.display()
        );
        return ExitCode::FAILURE;
    }
    if std::fs::symlink_metadata(output).is_ok() && !force {
        eprintln!(
            "waterline: {} exists; not replacing it (use --force to replace it)",
            output.display()
        );
        return ExitCode::FAILURE;
    }
    let bytes = match io::read_regular_file(timeline, crate::import::MAX_TIMELINE_BYTES) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("waterline: could not read {}: {err}", timeline.display());
            return ExitCode::FAILURE;
        }
    };
    let title = timeline.file_stem().map_or_else(
        || "Imported timeline".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let imported = match crate::import::import_timeline(&bytes, &title) {
        Ok(imported) => imported,
        Err(err) => {
            eprintln!(
                "waterline: {}: {}",
                timeline.display(),
                printable(&err.to_string())
            );
            return ExitCode::FAILURE;
        }
    };
    for problem in &imported.problems {
        eprintln!(
            "{}: {}",
            timeline.display(),
            printable(&problem.to_string())
        );
    }
    for notice in &imported.notices {
        eprintln!("{}: note: {}", timeline.display(), printable(notice));
    }
    if let Err(err) = io::save_file(&imported.map, output) {
        eprintln!("waterline: {err}");
        return ExitCode::FAILURE;
    }
    let map = &imported.map;
    println!(
        "{}: {} events in {} lanes, {} links, {} paths not taken; {} rows skipped",
        output.display(),
        map.events.len(),
        map.lanes.len(),
        map.links.len(),
        map.branches.len(),
        imported.skipped()
    );
    if imported.skipped() > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// What `fmt` found for one file.
enum Formatted {
    AlreadyCanonical,
    Rewritten,
    NotCanonical,
}

fn fmt(files: &[PathBuf], check_only: bool) -> ExitCode {
    let mut failed = false;
    for file in files {
        match fmt_file(file, check_only) {
            Ok(Formatted::AlreadyCanonical) => {}
            Ok(Formatted::Rewritten) => println!("{}: rewritten", file.display()),
            Ok(Formatted::NotCanonical) => {
                failed = true;
                println!(
                    "{}: not in canonical form (run `waterline fmt {}`)",
                    file.display(),
                    file.display()
                );
            }
            Err(message) => {
                failed = true;
                eprintln!("{}: {}", file.display(), printable(&message));
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn fmt_file(file: &Path, check_only: bool) -> Result<Formatted, String> {
    let original = io::read_map_file(file).map_err(|err| err.to_string())?;
    // A file from a newer version is refused here, so it is never rewritten.
    let map = io::parse_map(&original).map_err(|err| err.to_string())?;
    let canonical = io::bytes_to_save(&map).map_err(|err| err.to_string())?;
    if canonical == original {
        Ok(Formatted::AlreadyCanonical)
    } else if check_only {
        Ok(Formatted::NotCanonical)
    } else {
        io::write_atomically(file, &canonical)
            .map_err(|err| format!("could not write it ({err}); the file was not changed"))?;
        Ok(Formatted::Rewritten)
    }
}

/// `waterline lens`: 0 when nothing is found, 1 when something is, 2 when a map cannot
/// be read (that wins: a CI step must not pass a file it never read).
fn lens(phrase_lists: &[PathBuf], files: &[PathBuf]) -> ExitCode {
    let lexicon = match lens_lexicon(phrase_lists) {
        Ok(lexicon) => lexicon,
        Err(message) => {
            eprintln!("waterline: {}", printable(&message));
            return ExitCode::from(2);
        }
    };
    let mut found = false;
    let mut unreadable = false;
    for file in files {
        let map = match io::load_file(file) {
            Ok(map) => map,
            Err(err) => {
                unreadable = true;
                eprintln!("{}: {}", file.display(), printable(&err.to_string()));
                continue;
            }
        };
        for finding in crate::lens::scan_map_with(&lexicon, &map) {
            found = true;
            // One finding a line, always: a phrase wrapped over lines ("Root\n causes")
            // is printed with single spaces, and a line break in an id as an escape.
            let phrase = finding
                .phrase
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let place = finding.place.to_string().replace('\n', "\\n");
            println!(
                "{}: {}: \"{}\": {}",
                file.display(),
                printable(&place),
                printable(&phrase),
                finding.family()
            );
        }
    }
    if unreadable {
        ExitCode::from(2)
    } else if found {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The built-in phrase list joined with the team lists named on the command line.
fn lens_lexicon(paths: &[PathBuf]) -> Result<crate::lens::Lexicon, String> {
    /// A phrase list is a few kilobytes; a megabyte is surely the wrong file.
    const MAX_LIST_BYTES: u64 = 1 << 20;
    let mut sources = vec![crate::lens::ENGLISH.to_owned()];
    for path in paths {
        let bytes = io::read_regular_file(path, MAX_LIST_BYTES)
            .map_err(|err| format!("could not read {}: {err}", path.display()))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| format!("{}: a phrase list is UTF-8 text", path.display()))?;
        sources.push(text);
    }
    let sources: Vec<&str> = sources.iter().map(String::as_str).collect();
    crate::lens::Lexicon::from_sources(&sources).map_err(|err| {
        // Lists are numbered from the built-in one (0); name the file instead.
        match err
            .list_index()
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| paths.get(i))
        {
            Some(path) => format!("{}: {err}", path.display()),
            None => err.to_string(),
        }
    })
}

fn check(files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for file in files {
        match io::load_file(file) {
            Ok(map) => {
                println!(
                    "{}: ok ({} lanes, {} events, {} links, {} paths not taken)",
                    file.display(),
                    map.lanes.len(),
                    map.events.len(),
                    map.links.len(),
                    map.branches.len()
                );
                // Not errors: the map keeps them whole, but shows only their start.
                for line in io::overlong_fields(&map) {
                    eprintln!("{}: warning: {}", file.display(), printable(&line));
                }
            }
            Err(err) => {
                failed = true;
                eprintln!("{}: {}", file.display(), printable(&err.to_string()));
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
