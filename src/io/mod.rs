//! Reading and writing map files: parse, migrate and validate on the way in; canonical,
//! atomic writes on the way out, with the previous version kept; the recovery journal.

mod backup;
mod load;
mod migrate;
mod overlong;
pub mod recovery;
mod save;
mod stamp;
mod validate;

pub use backup::{backup_path, keep_previous_version};
pub use load::{
    LoadError, MAX_FILE_BYTES, Opened, load_file, open_file, parse_map, parse_map_allowing_newer,
    parse_value,
};
pub use migrate::migrate;
pub use overlong::overlong_fields;
pub use save::{
    SaveError, WriteFailure, canonical_bytes, save_file, write_atomically, write_atomically_with,
};
pub use stamp::DiskStamp;
pub use validate::{Limits, Problem, validate};
