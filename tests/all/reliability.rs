//! Saving under hostile conditions, with real processes and real file systems: a writer
//! killed at random moments, a panic with unsaved work, a full disk and a read-only
//! folder. Some tests re-run this test binary as a child process (selected by an
//! environment variable) so the child can be killed or can panic.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;
use waterline::io::{self, canonical_bytes, save_file};
use waterline::model::Map;
use waterline::samples::synthetic;

const CHILD_SAVE_LOOP: &str = "WATERLINE_TEST_SAVE_LOOP";
const CHILD_PANIC: &str = "WATERLINE_TEST_PANIC";

/// Two different maps of different sizes: a torn write would match neither.
fn versions() -> (Map, Map) {
    (synthetic(300, 6), synthetic(700, 8))
}

/// Re-runs this test binary, running only `test` of this module (which acts as the child).
fn child(test: &str, var: &str, value: &Path) -> Command {
    let mut command = Command::new(std::env::current_exe().unwrap());
    let test = crate::test_name(module_path!(), test);
    command
        .args([test.as_str(), "--exact", "--nocapture", "--test-threads=1"])
        .env(var, value)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// In the child: save the two versions over each other until killed.
#[test]
fn child_saves_in_a_loop() {
    let Some(path) = std::env::var_os(CHILD_SAVE_LOOP) else {
        return;
    };
    let (a, b) = versions();
    // Tells the parent the saving starts now (process start-up can take longer than
    // the kill delays on a busy machine).
    println!("saving");
    loop {
        for map in [&b, &a] {
            save_file(map, Path::new(&path)).unwrap();
        }
    }
}

/// A small deterministic generator for kill delays, so a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next_below(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % bound
    }
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_or_the_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.json");
    let (a, b) = versions();
    let (a_bytes, b_bytes) = (canonical_bytes(&a).unwrap(), canonical_bytes(&b).unwrap());
    save_file(&a, &path).unwrap();
    let mut delays = Lcg(0x5EED);
    let mut seen_b = 0;
    for round in 0..200 {
        let mut process = child("child_saves_in_a_loop", CHILD_SAVE_LOOP, &path)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        // The moment of the kill is the point of the test, so it is random: 0 to 40 ms
        // after the child says it starts saving, across many saves.
        let stdout = process.stdout.take().expect("piped");
        let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stdout));
        // (The test harness's own lines come first.)
        while lines
            .next()
            .is_some_and(|line| line.is_ok_and(|l| !l.contains("saving")))
        {}
        std::thread::sleep(Duration::from_micros(delays.next_below(40_000)));
        process.kill().unwrap(); // SIGKILL on Unix: no clean-up runs.
        process.wait().unwrap();
        let on_disk = std::fs::read(&path).unwrap();
        assert!(
            on_disk == a_bytes || on_disk == b_bytes,
            "round {round}: the file is neither version ({} bytes)",
            on_disk.len()
        );
        if on_disk == b_bytes {
            seen_b += 1;
        }
        io::parse_map(&on_disk).expect("and it loads");
    }
    assert!(seen_b > 0, "the child did get to save during the test");
}

/// In the child: a map with unsaved changes, then a panic.
#[test]
fn child_panics_with_unsaved_work() {
    let Some(journal) = std::env::var_os(CHILD_PANIC) else {
        return;
    };
    waterline::crash::install_panic_hook();
    let mut map = synthetic(20, 3);
    map.title = "Edited just before the crash".to_owned();
    waterline::crash::remember(Some(waterline::crash::CrashSnapshot {
        journal: PathBuf::from(journal),
        file: None,
        map: std::sync::Arc::new(map),
    }));
    panic!("a bug");
}

#[test]
fn a_panic_writes_the_recovery_journal_before_the_process_ends() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("recovery").join("map-1-999999999-0.json");
    let status = child("child_panics_with_unsaved_work", CHILD_PANIC, &journal)
        .status()
        .unwrap();
    assert!(!status.success(), "the child did panic");
    let entry = io::recovery::read_journal(&journal).expect("the journal was written");
    assert_eq!(entry.map.title, "Edited just before the crash");
    let (offered, _) = io::recovery::scan_journals(dir.path());
    assert_eq!(offered.len(), 1);
}

/// A small tmpfs, when this machine lets the tests mount one (root in a container that
/// allows it). Unmounted on drop.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(size: &str) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().ok()?;
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then_some(SmallDisk { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn remount_read_only(&self) -> bool {
        Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(self.path())
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

#[test]
fn a_full_disk_leaves_the_original_byte_identical() {
    let Some(disk) = SmallDisk::mount("256k") else {
        eprintln!(
            "skipped: this machine does not allow mounting a small tmpfs; \
             tests/ui_safety.rs covers a full disk with a failing writer"
        );
        return;
    };
    let path = disk.path().join("map.json");
    let small = synthetic(10, 2);
    save_file(&small, &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let big = synthetic(3_000, 8); // well over 256 KiB as JSON
    let err = save_file(&big, &path).expect_err("the disk is full");
    assert!(
        err.to_string().contains("file on disk was not changed"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(disk.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no half-written temporary file is left");
}

#[test]
fn a_read_only_folder_leaves_the_original_byte_identical() {
    let Some(disk) = SmallDisk::mount("1m") else {
        eprintln!(
            "skipped: this machine does not allow mounting a small tmpfs; \
             tests/ui_safety.rs covers a failing folder with a failing writer"
        );
        return;
    };
    let path = disk.path().join("map.json");
    save_file(&synthetic(10, 2), &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    assert!(disk.remount_read_only());
    let err = save_file(&synthetic(20, 2), &path).expect_err("the folder is read-only");
    assert!(
        err.to_string().contains("file on disk was not changed"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// A PNG export streams a large file; when the disk fills up halfway, the export fails
/// saying the disk is full, the PNG exported before stays as it was, and no
/// half-written temporary file is left.
#[test]
fn an_export_onto_a_full_disk_leaves_the_earlier_png_as_it_was() {
    use waterline::export::{PngOptions, Rasterizer, write_png};
    use waterline::layout::LayoutSettings;
    let Some(disk) = SmallDisk::mount("1m") else {
        eprintln!("skipped: this machine does not allow mounting a small tmpfs");
        return;
    };
    let path = disk.path().join("map.png");
    let settings = LayoutSettings::default();
    let options = PngOptions::default();
    let mut rasterizer = Rasterizer::new();
    write_png(
        &mut rasterizer,
        &synthetic(5, 2),
        &settings,
        &options,
        &path,
    )
    .unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = write_png(
        &mut rasterizer,
        &synthetic(1_000, 8),
        &settings,
        &options,
        &path,
    )
    .expect_err("the disk is full");
    assert!(err.to_string().contains("the disk is full"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let leftovers = std::fs::read_dir(disk.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no half-written temporary file is left");
}

/// A new map gets the permissions the user's other new files get (umask applied), not
/// the owner-only ones of the temporary file it is written through: a map saved to a
/// shared folder can be read there. Replacing a file keeps that file's permissions.
#[cfg(unix)]
#[test]
fn a_new_file_gets_ordinary_permissions_and_a_replaced_one_keeps_its_own() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let ordinary = dir.path().join("ordinary.txt");
    std::fs::write(&ordinary, b"made by std").unwrap();
    let path = dir.path().join("map.json");
    save_file(&synthetic(5, 2), &path).unwrap();
    assert_eq!(mode(&path), mode(&ordinary));

    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    save_file(&synthetic(6, 2), &path).unwrap();
    assert_eq!(mode(&path), 0o640);
}
