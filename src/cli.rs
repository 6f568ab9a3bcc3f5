//! The command line: open a map in the window, or check and format maps without one.

use crate::io;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Waterline: draw non-linear incident maps for post-incident reviews.
///
/// With no arguments, opens a window on a built-in sample map. With FILE, opens that map.
#[derive(Parser, Debug)]
#[command(name = "waterline", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A map file (.json) to open.
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
                eprintln!("{}: {message}", file.display());
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn fmt_file(file: &std::path::Path, check_only: bool) -> Result<Formatted, String> {
    let original = std::fs::read(file).map_err(|err| format!("could not read it: {err}"))?;
    // A file from a newer version is refused here, so it is never rewritten.
    let map = io::parse_map(&original).map_err(|err| err.to_string())?;
    let canonical = io::canonical_bytes(&map).map_err(|err| err.to_string())?;
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

fn check(files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for file in files {
        match io::load_file(file) {
            Ok(map) => println!(
                "{}: ok ({} lanes, {} events, {} links, {} paths not taken)",
                file.display(),
                map.lanes.len(),
                map.events.len(),
                map.links.len(),
                map.branches.len()
            ),
            Err(err) => {
                failed = true;
                eprintln!("{}: {err}", file.display());
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
