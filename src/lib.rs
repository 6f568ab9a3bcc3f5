//! Waterline: draw non-linear incident maps for post-incident reviews.
//!
//! Data flows one way: a file is read by [`io`] into a [`model::Map`]; [`layout`] turns the
//! map into geometry; [`render`] turns geometry into shapes for the screen (and exports).
//! The [`ui`] turns input into [`ops`] edits, which [`document`] applies with undo.

pub mod cli;
pub mod crash;
pub mod document;
pub mod export;
pub mod fuzz_target;
pub mod icon;
pub mod import;
pub mod io;
pub mod layout;
pub mod lens;
pub mod live;
pub mod merge;
pub mod model;
pub mod ops;
pub mod prompts;
pub mod render;
pub mod samples;
pub mod search;
pub mod timeline;
pub mod ui;
