//! Threads as the state tracks them, bootstrapped from a capture's process list and updated by
//! clone, execve, chdir and exit events.

use std::sync::Arc;

use crate::extract::{AncestorInfo, ContainerInfo, ThreadInfo};
use crate::scap::ProcInfo;

/// The parameters of the last enter event of a thread, kept so that its exit event can use
/// them (libsinsp reads the enter event back when the exit event lacks a value).
#[derive(Debug, Clone, Default)]
pub struct LastEnter {
    /// Event code of the enter event (`None`: no enter event seen, or already consumed).
    pub code: Option<u16>,
    /// The fd the enter event is about (`-1`: none), libsinsp's `m_lastevent_fd`.
    pub fd: i64,
    /// The raw parameter bytes, one buffer.
    data: Vec<u8>,
    /// Ranges of each parameter in `data`.
    ranges: Vec<(usize, usize)>,
}

impl LastEnter {
    /// Replaces the stored parameters (buffers are reused).
    pub fn store<'a>(&mut self, code: u16, fd: i64, params: impl Iterator<Item = &'a [u8]>) {
        self.code = Some(code);
        self.fd = fd;
        self.data.clear();
        self.ranges.clear();
        for p in params {
            let start = self.data.len();
            self.data.extend_from_slice(p);
            self.ranges.push((start, self.data.len()));
        }
    }

    /// Records an enter event whose parameters no exit event reads back.
    pub fn store_code(&mut self, code: u16, fd: i64) {
        self.code = Some(code);
        self.fd = fd;
        self.data.clear();
        self.ranges.clear();
    }

    /// Replaces the stored parameters with those of `raw` (one copy of its parameter bytes).
    pub fn store_event(&mut self, fd: i64, raw: &crate::scap::RawEvent<'_>) {
        self.code = Some(raw.event_type);
        self.fd = fd;
        self.data.clear();
        self.ranges.clear();
        let (data, ranges) = raw.param_data();
        self.data.extend_from_slice(data);
        let base = ranges.first().map_or(0, |r| r.start);
        self.ranges
            .extend(ranges.iter().map(|r| (r.start - base, r.end - base)));
    }

    /// Drops the stored parameters (an exit event that did not follow its enter event cannot
    /// read them back); the fd stays, as libsinsp keeps `m_lastevent_fd`.
    pub fn forget_params(&mut self) {
        self.code = None;
        self.data.clear();
        self.ranges.clear();
    }

    /// The raw bytes of parameter `i` of the stored enter event.
    pub fn param(&self, i: usize) -> Option<&[u8]> {
        let &(a, b) = self.ranges.get(i)?;
        self.data.get(a..b)
    }
}

/// One thread of the table.
#[derive(Debug, Clone)]
pub struct Thread {
    /// Thread id.
    pub tid: i64,
    /// Process id (the main thread's tid).
    pub pid: i64,
    /// Parent thread id (`-1`: unknown).
    pub ptid: i64,
    /// Process id in its pid namespace.
    pub vpid: i64,
    /// Session id.
    pub sid: i64,
    /// `comm`.
    pub comm: String,
    /// `argv[0]`.
    pub exe: String,
    /// Executable path.
    pub exepath: String,
    /// Arguments after `argv[0]`.
    pub args: Vec<String>,
    /// Working directory (libsinsp keeps it with a trailing `/`).
    pub cwd: String,
    /// Environment.
    pub env: Vec<String>,
    /// Cgroups (`subsys=path`).
    pub cgroups: Vec<String>,
    /// Controlling terminal.
    pub tty: u32,
    /// Login uid (`u32::MAX` when unset).
    pub loginuid: u32,
    /// User id.
    pub uid: u32,
    /// Group id.
    pub gid: u32,
    /// Start time (clone time, or capture start for threads of the process list).
    pub start_ns: u64,
    /// Created out of thin air for an event of a thread the table did not know.
    pub fake: bool,
    /// The thread exited (procexit): removed before the next event.
    pub exited: bool,
    /// The last enter event.
    pub last_enter: LastEnter,
    /// The state clock value of this thread's last change.
    pub(crate) version: u64,
    /// The thread as the event model sees it, with what it was built from.
    pub(crate) cached: Option<(super::Stamp, Arc<ThreadInfo>)>,
    /// The container its cgroups name, once looked up ([`Thread::set_cgroups`] forgets it).
    pub(crate) container: Option<Arc<ContainerInfo>>,
    /// The thread as its children's ancestor (pid, comm, exe, exe path, command line), once
    /// built ([`Thread::process_changed`] forgets it).
    pub(crate) as_ancestor: Option<Arc<AncestorInfo>>,
}

/// Splits a NUL-separated wire list into its strings (a trailing NUL ends the last one).
pub fn split_nul(raw: &[u8]) -> Vec<String> {
    if raw.is_empty() {
        return Vec::new();
    }
    let raw = raw.strip_suffix(&[0]).unwrap_or(raw);
    raw.split(|&b| b == 0)
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .collect()
}

impl Thread {
    /// A thread libsinsp invents for an event of an unknown thread: pid = tid, no parent,
    /// comm and exe `<NA>`, unknown user.
    pub fn fake(tid: i64) -> Thread {
        Thread {
            tid,
            pid: tid,
            ptid: -1,
            vpid: -1,
            sid: -1,
            comm: "<NA>".into(),
            exe: "<NA>".into(),
            exepath: String::new(),
            args: Vec::new(),
            cwd: String::new(),
            env: Vec::new(),
            cgroups: Vec::new(),
            tty: 0,
            loginuid: u32::MAX,
            uid: u32::MAX,
            gid: u32::MAX,
            start_ns: 0,
            fake: true,
            exited: false,
            last_enter: LastEnter {
                fd: -1,
                ..LastEnter::default()
            },
            version: 0,
            cached: None,
            container: None,
            as_ancestor: None,
        }
    }

    /// A thread from the capture's process list.
    pub fn from_proc(p: &ProcInfo) -> Thread {
        // The args wire form is argv[1..], NUL-separated.
        let mut t = Thread::fake(p.tid as i64);
        t.fake = false;
        t.pid = p.pid as i64;
        t.ptid = p.ptid as i64;
        t.vpid = p.vpid;
        t.sid = p.sid;
        t.comm = p.comm.clone();
        t.exe = p.exe.clone();
        t.exepath = p.exepath.clone();
        t.args = split_nul(&p.args);
        t.cwd = with_trailing_slash(&p.cwd);
        t.env = split_nul(&p.env);
        t.set_cgroups(split_nul(&p.cgroups));
        t.tty = p.tty;
        t.loginuid = p.loginuid;
        t.uid = p.uid;
        t.gid = p.gid;
        t
    }

    /// A new thread started by this one with `clone` (fields inherited until the event's own
    /// values replace them).
    pub fn child(&self, tid: i64) -> Thread {
        let mut t = self.clone();
        t.tid = tid;
        t.fake = false;
        t.exited = false;
        t.last_enter = LastEnter {
            fd: -1,
            ..LastEnter::default()
        };
        t.cached = None;
        t.as_ancestor = None;
        t
    }

    /// Replaces the cgroups (and forgets the container they named, unless they are the same:
    /// a clone child usually has its parent's).
    pub fn set_cgroups(&mut self, cgroups: Vec<String>) {
        if self.cgroups != cgroups {
            self.cgroups = cgroups;
            self.container = None;
        }
    }

    /// Forgets what was derived from the process data (comm, exe, exe path, arguments, pid):
    /// call after changing them.
    pub fn process_changed(&mut self) {
        self.as_ancestor = None;
    }

    /// True for the main thread of its process.
    pub fn is_main(&self) -> bool {
        self.tid == self.pid
    }
}

/// `dir` with a trailing `/`, as libsinsp stores working directories.
pub fn with_trailing_slash(dir: &str) -> String {
    if dir.is_empty() || dir.ends_with('/') {
        dir.to_string()
    } else {
        format!("{dir}/")
    }
}

/// Joins `path` to `dir` (unless absolute) and normalises `.`, `..` and repeated slashes, as
/// libsinsp resolves the paths of open and chdir.
pub fn resolve_path(dir: &str, path: &str) -> String {
    let joined;
    let full = if path.starts_with('/') || dir.is_empty() {
        path
    } else {
        joined = format!("{dir}/{path}");
        &joined
    };
    if !full.starts_with('/') {
        return full.to_string();
    }
    // Most paths are normal already: no empty, `.` or `..` component, no trailing slash.
    if full
        .split('/')
        .skip(1)
        .all(|seg| !seg.is_empty() && seg != "." && seg != "..")
    {
        return full.to_string();
    }
    let mut parts: Vec<&str> = Vec::new();
    for seg in full.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = String::with_capacity(full.len());
    for p in &parts {
        out.push('/');
        out.push_str(p);
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_against_the_directory() {
        let cases = [
            ("/home/u/", "a.txt", "/home/u/a.txt"),
            ("/home/u/", "/etc/passwd", "/etc/passwd"),
            ("/home/u/", "../x", "/home/x"),
            ("/", "./a//b/.", "/a/b"),
            ("/a/", "../../..", "/"),
            ("", "rel", "rel"),
        ];
        for (dir, path, want) in cases {
            assert_eq!(resolve_path(dir, path), want, "{dir} + {path}");
        }
    }

    #[test]
    fn nul_lists_split_like_libsinsp() {
        assert_eq!(split_nul(b"a\0bc\0"), vec!["a", "bc"]);
        assert_eq!(split_nul(b"a\0\0b"), vec!["a", "", "b"]);
        assert!(split_nul(b"").is_empty());
    }
}
