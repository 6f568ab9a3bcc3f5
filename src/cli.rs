//! The command line: open a map in the window, or check maps without one.

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
}

/// Runs a headless subcommand, printing to stdout/stderr.
pub fn run_command(command: CliCommand) -> ExitCode {
    match command {
        CliCommand::Check { files } => check(&files),
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
