//! Turning `-r` / `rules_files` entries into the list of rules files to load, as Falco does:
//! a directory contributes its regular files (following symlinks), non-recursively, sorted by
//! path; only names ending in `.yaml` or `.yml` are kept, for files and directory entries alike.
//! A path that is neither a readable directory nor a `.yaml`/`.yml` name contributes nothing;
//! a `.yaml` file that cannot be read fails later, when it is read.

use std::path::Path;

fn is_yaml_name(path: &str) -> bool {
    path.ends_with(".yaml") || path.ends_with(".yml")
}

/// Expands entries in order.
pub fn expand(entries: &[String]) -> Vec<String> {
    let mut files = Vec::new();
    for entry in entries {
        let path = Path::new(entry);
        if path.is_dir() {
            let mut in_dir: Vec<String> = match std::fs::read_dir(path) {
                Ok(rd) => rd
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.is_file())
                    .map(|p| p.to_string_lossy().into_owned())
                    .collect(),
                // Falco skips directories it may not read.
                Err(_) => Vec::new(),
            };
            in_dir.sort();
            files.extend(in_dir.into_iter().filter(|p| is_yaml_name(p)));
        } else if is_yaml_name(entry) {
            files.push(entry.clone());
        }
    }
    files
}

/// A rules file's bytes, or Falco's message for a file it cannot open.
pub fn read(path: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|_| format!("Could not open file {path} for reading"))
}
