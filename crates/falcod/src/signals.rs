//! What wakes the daemon up from outside: signals (through signal-hook's safe iterator, on a
//! thread of its own) and changed configuration or rules files (`watch_config_files`).
//!
//! SIGTERM and SIGINT stop (outputs are drained), SIGHUP reloads, SIGUSR1 reopens output files
//! (log rotation), as in Falco. Files are watched by polling their size and modification time
//! once a second (and the entries of watched directories), which needs no inotify binding and
//! also sees a ConfigMap's symlink swap.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use crossbeam_channel::Sender;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGUSR1};
use signal_hook::iterator::Signals;

/// Something the daemon must act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Stop (the signal's name).
    Terminate(&'static str),
    /// Reload configuration and rules (why).
    Reload(String),
    /// Reopen output files.
    Reopen,
    /// The event source finished (end of a capture, or stopped).
    SourceEnded,
}

/// Starts the signal thread.
pub fn listen(tx: Sender<Notice>) -> Result<(), String> {
    let mut signals = Signals::new([SIGTERM, SIGINT, SIGHUP, SIGUSR1])
        .map_err(|e| format!("Could not create signal handlers: {e}"))?;
    std::thread::Builder::new()
        .name("falcod-signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                let notice = match sig {
                    SIGTERM => Notice::Terminate("SIGTERM"),
                    SIGINT => Notice::Terminate("SIGINT"),
                    SIGHUP => Notice::Reload("SIGHUP received".into()),
                    _ => Notice::Reopen,
                };
                if tx.send(notice).is_err() {
                    break;
                }
            }
        })
        .map_err(|e| format!("Could not start the signal thread: {e}"))?;
    Ok(())
}

/// What a watched path looked like.
type Stamp = Vec<(PathBuf, Option<(SystemTime, u64)>)>;

fn stamp_of(path: &Path) -> Option<(SystemTime, u64)> {
    // `metadata` follows symlinks: a ConfigMap update (a swapped `..data` link) shows.
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

/// The stamps of `paths`, directories contributing their entries.
fn stamps(paths: &[PathBuf]) -> Stamp {
    let mut out = Stamp::new();
    for p in paths {
        out.push((p.clone(), stamp_of(p)));
        if p.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
                .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
                .unwrap_or_default();
            entries.sort();
            for e in entries {
                let s = stamp_of(&e);
                out.push((e, s));
            }
        }
    }
    out
}

/// The paths to watch; the daemon replaces them after a reload.
pub type WatchList = Arc<Mutex<Vec<PathBuf>>>;

/// Starts the file watcher: a [`Notice::Reload`] whenever a watched file or directory changes.
pub fn watch(paths: WatchList, tx: Sender<Notice>) -> Result<(), String> {
    std::thread::Builder::new()
        .name("falcod-watch".into())
        .spawn(move || {
            let current = |paths: &WatchList| {
                let list = paths.lock().unwrap_or_else(|e| e.into_inner()).clone();
                stamps(&list)
            };
            let mut last = current(&paths);
            loop {
                std::thread::sleep(Duration::from_secs(1));
                let now = current(&paths);
                if now != last {
                    let changed = now
                        .iter()
                        .find(|e| !last.contains(e))
                        .or_else(|| last.iter().find(|e| !now.contains(e)))
                        .map(|(p, _)| p.display().to_string())
                        .unwrap_or_default();
                    last = now;
                    if tx
                        .send(Notice::Reload(format!("{changed} changed")))
                        .is_err()
                    {
                        break;
                    }
                }
            }
        })
        .map_err(|e| format!("Could not start the file watcher: {e}"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_change_with_content_and_directory_entries() {
        let dir = std::env::temp_dir().join(format!("falcod-watch-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("a.yaml");
        std::fs::write(&f, "x").unwrap();
        let paths = [f.clone(), dir.clone()];
        let before = stamps(&paths);
        assert_eq!(before, stamps(&paths));
        std::fs::write(&f, "xy").unwrap();
        let after = stamps(&paths);
        assert_ne!(before, after);
        std::fs::write(dir.join("b.yaml"), "").unwrap();
        assert_ne!(after, stamps(&paths));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
