//! What the window starts on: the file named on the command line, or the built-in sample;
//! a file that cannot be opened is said in the window, over a new map, because someone who
//! opened it from a file manager has no terminal to read an error in.

use crate::document::Document;
use crate::{io, samples};
use std::path::Path;

/// The document to start on, and an error to show first (its title and message).
pub struct Startup {
    pub doc: Document,
    pub error: Option<(String, String)>,
}

/// Opens `file`, or the built-in sample when there is none.
pub fn startup(file: Option<&Path>) -> Startup {
    let opened = match file {
        Some(path) => io::open_file(path)
            .map(|opened| Document::opened(opened, path.to_owned()))
            .map_err(|err| {
                (
                    format!("Could not open {}", path.display()),
                    err.to_string(),
                )
            }),
        None => samples::startup_map()
            .map(|map| Document::new(map, None))
            .map_err(|err| {
                (
                    "The built-in sample map is broken".to_owned(),
                    err.to_string(),
                )
            }),
    };
    match opened {
        Ok(doc) => Startup { doc, error: None },
        Err(error) => Startup {
            doc: Document::new(samples::blank_map(), None),
            error: Some(error),
        },
    }
}
