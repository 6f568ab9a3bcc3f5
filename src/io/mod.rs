//! Reading and writing map files: parse, migrate and validate on the way in; canonical,
//! atomic writes on the way out.

mod load;
mod migrate;
mod save;
mod validate;

pub use load::{LoadError, MAX_FILE_BYTES, load_file, parse_map};
pub use migrate::migrate;
pub use save::{SaveError, canonical_bytes, save_file, write_atomically};
pub use validate::{Limits, Problem, validate};
