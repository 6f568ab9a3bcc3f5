//! Reading and writing map files: parse, migrate and validate on the way in; canonical,
//! atomic writes on the way out, with the previous version kept; the recovery journal.

mod backup;
mod load;
mod migrate;
mod overlong;
mod paths;
mod read;
pub mod recovery;
mod save;
mod stamp;
mod strict_json;
mod validate;

pub use backup::{backup_path, keep_previous_version};
pub use load::{
    LoadError, MAX_FILE_BYTES, Opened, load_file, open_file, parse_map, parse_map_allowing_newer,
    parse_value, read_map_file,
};
pub use migrate::migrate;
pub use overlong::overlong_fields;
pub use paths::{canonical_path, data_dir, follow_links};
pub use read::{ReadError, is_regular_file, read_regular_file};
pub use save::{
    SaveError, WriteFailure, bytes_to_save, canonical_bytes, check_map_target,
    remove_stale_temp_files, save_file, write_atomically, write_atomically_with,
};
pub use stamp::DiskStamp;
pub use validate::{Limits, Problem, validate};
