//! A thread's cgroups as libscap lists them: one `subsystem=path` entry per subsystem.
//!
//! A cgroup v1 line (`4:cpu,cpuacct:/docker/<id>`) gives one entry per controller. The single
//! cgroup v2 line (`0::/system.slice/docker-<id>.scope`) is expanded the way libscap expands
//! it, so that v2 threads look like v1 threads to consumers: each controller available in the
//! thread's cgroup (its `cgroup.controllers`) gets the thread's path, and the controllers only
//! enabled higher up get the path of the nearest ancestor that has them, up to the root. A v2
//! hierarchy without any controller (a hybrid setup's `unified` mount) thus yields no entry.
//!
//! Not handled: a falcod running in a cgroup namespace other than the host's sees paths
//! relative to its namespace root (libscap searches the hierarchy for itself to undo that).

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Largest cgroup list libscap keeps (entries and their NUL terminators).
const MAX_CGROUPS: usize = 4096;

/// The cgroup v2 hierarchy, and the controllers of its cgroups read so far.
pub(super) struct Cgroups {
    /// Where the v2 hierarchy is mounted, as this process reaches it.
    v2_mount: Option<PathBuf>,
    /// The controllers of the v2 root.
    v2_root_controllers: Vec<String>,
    controllers: HashMap<PathBuf, Vec<String>>,
}

impl Cgroups {
    /// Finds the v2 hierarchy among the host's mounts.
    pub fn new(host_root: &Path) -> Cgroups {
        let proc_dir = host_root.join("proc");
        // libscap reads init's mounts (the host's, when falcod runs in a container).
        let mounts = fs::read_to_string(proc_dir.join("1/mounts"))
            .or_else(|_| fs::read_to_string(proc_dir.join("self/mounts")))
            .unwrap_or_default();
        let mut cg = Cgroups {
            v2_mount: None,
            v2_root_controllers: Vec::new(),
            controllers: HashMap::new(),
        };
        for line in mounts.lines() {
            let mut fields = line.split_whitespace();
            let (Some(_), Some(dir), Some("cgroup2")) =
                (fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let dir = unescape_mount_path(dir);
            // Through init's root first, to reach the host's hierarchy from a container.
            let via_init = concat(&proc_dir.join("1/root"), &dir);
            let mount = if via_init.join("cgroup.controllers").exists() {
                via_init
            } else {
                concat(host_root, &dir)
            };
            let Some(ctrls) = cg.controllers_of(&mount) else {
                continue;
            };
            cg.v2_root_controllers = ctrls;
            cg.v2_mount = Some(mount);
            // A hierarchy with controllers is the one; a bare one is kept only as a fallback.
            if !cg.v2_root_controllers.is_empty() {
                break;
            }
        }
        cg
    }

    /// The cgroup entries of the thread whose `/proc` directory is `dir`, NUL-separated.
    pub fn of_thread(&mut self, dir: &Path) -> Vec<u8> {
        let Ok(text) = fs::read_to_string(dir.join("cgroup")) else {
            return Vec::new();
        };
        let mut out = Entries::default();
        for line in text.lines() {
            let mut parts = line.splitn(3, ':');
            let (Some(id), Some(subsystems), Some(path)) =
                (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            if !subsystems.is_empty() {
                for subsys in subsystems.split(',') {
                    out.push(subsys, path);
                }
            } else if id == "0" {
                self.resolve_v2(path, &mut out);
            }
            // A v1 line without controllers is a hierarchy no controller is mounted on.
        }
        out.bytes
    }

    /// Expands a v2 path to one entry per controller, walking up to find each one.
    fn resolve_v2(&mut self, path: &str, out: &mut Entries) {
        let Some(mount) = self.v2_mount.clone() else {
            return;
        };
        let mut found: Vec<String> = Vec::new();
        let mut current = path.to_string();
        loop {
            let Some(ctrls) = self.controllers_of(&concat(&mount, &current)) else {
                return;
            };
            for c in ctrls {
                if !found.contains(&c) {
                    out.push(&c, &current);
                    found.push(c);
                }
            }
            let all = self.v2_root_controllers.iter().all(|c| found.contains(c));
            if current == "/" || current.is_empty() || all {
                return;
            }
            match current.rfind('/') {
                Some(0) => current.truncate(1),
                Some(i) => current.truncate(i),
                None => return,
            }
        }
    }

    /// The controllers of the cgroup directory `dir`, cached.
    fn controllers_of(&mut self, dir: &Path) -> Option<Vec<String>> {
        if let Some(c) = self.controllers.get(dir) {
            return Some(c.clone());
        }
        let text = fs::read_to_string(dir.join("cgroup.controllers")).ok()?;
        let ctrls: Vec<String> = text.split_whitespace().map(str::to_string).collect();
        self.controllers.insert(dir.to_path_buf(), ctrls.clone());
        Some(ctrls)
    }
}

/// NUL-terminated `subsys=path` entries, bounded as libscap bounds them.
#[derive(Default)]
struct Entries {
    bytes: Vec<u8>,
}

impl Entries {
    fn push(&mut self, subsys: &str, path: &str) {
        let len = subsys.len() + 1 + path.len() + 1;
        if self.bytes.len() + len > MAX_CGROUPS {
            return;
        }
        self.bytes.extend_from_slice(subsys.as_bytes());
        self.bytes.push(b'=');
        self.bytes.extend_from_slice(path.as_bytes());
        self.bytes.push(0);
    }
}

/// `base` followed by the absolute path `path` (`Path::join` would replace `base`).
fn concat(base: &Path, path: &str) -> PathBuf {
    let mut s = base.as_os_str().to_os_string();
    s.push(path.trim_end_matches('/'));
    PathBuf::from(s)
}

/// A mount point as `/proc/mounts` escapes it (`\040` for a space).
fn unescape_mount_path(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('\\') {
        out.push_str(rest.get(..i).unwrap_or_default());
        let code = rest
            .get(i + 1..i + 4)
            .and_then(|o| u8::from_str_radix(o, 8).ok());
        match code {
            Some(b) => {
                out.push(char::from(b));
                rest = rest.get(i + 4..).unwrap_or_default();
            }
            None => {
                out.push('\\');
                rest = rest.get(i + 1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("falcod-cgroup-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn split(bytes: &[u8]) -> Vec<String> {
        crate::state::split_nul(bytes)
    }

    #[test]
    fn v1_lines_give_one_entry_per_controller() {
        let root = scratch("v1");
        let proc_dir = root.join("proc/42");
        fs::create_dir_all(&proc_dir).unwrap();
        fs::write(
            proc_dir.join("cgroup"),
            "5:cpu,cpuacct:/docker/abc\n1:name=systemd:/init.scope\n0::/\n3::/unmounted\n",
        )
        .unwrap();
        let mut cg = Cgroups::new(&root);
        assert_eq!(
            split(&cg.of_thread(&proc_dir)),
            [
                "cpu=/docker/abc",
                "cpuacct=/docker/abc",
                "name=systemd=/init.scope"
            ]
        );
    }

    #[test]
    fn v2_controllers_come_from_the_nearest_cgroup_that_has_them() {
        let root = scratch("v2");
        let mnt = root.join("sys/fs/cgroup");
        let leaf = mnt.join("system.slice/docker-x.scope");
        fs::create_dir_all(&leaf).unwrap();
        fs::write(
            mnt.join("cgroup.controllers"),
            "cpuset cpu io memory pids\n",
        )
        .unwrap();
        fs::write(
            mnt.join("system.slice/cgroup.controllers"),
            "cpu io memory pids\n",
        )
        .unwrap();
        fs::write(leaf.join("cgroup.controllers"), "memory pids\n").unwrap();
        fs::create_dir_all(root.join("proc/1")).unwrap();
        fs::write(
            root.join("proc/1/mounts"),
            "cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid 0 0\n",
        )
        .unwrap();
        let proc_dir = root.join("proc/42");
        fs::create_dir_all(&proc_dir).unwrap();
        fs::write(proc_dir.join("cgroup"), "0::/system.slice/docker-x.scope\n").unwrap();
        let mut cg = Cgroups::new(&root);
        assert_eq!(
            split(&cg.of_thread(&proc_dir)),
            [
                "memory=/system.slice/docker-x.scope",
                "pids=/system.slice/docker-x.scope",
                "cpu=/system.slice",
                "io=/system.slice",
                "cpuset=/",
            ]
        );
    }

    #[test]
    fn mount_paths_are_unescaped() {
        assert_eq!(unescape_mount_path("/a\\040b/c"), "/a b/c");
        assert_eq!(unescape_mount_path("/plain"), "/plain");
    }
}
