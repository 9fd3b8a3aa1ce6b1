//! Process and file-descriptor state built from a capture, as libsinsp builds it.
//!
//! A [`State`] starts from the machine state a capture opens with (its process list, one fd
//! list per process, its user and group lists: [`State::apply_block`]) and is then updated by
//! every event in order ([`State::event`]): clone, fork, vfork and clone3 add threads that
//! inherit from their parent; execve and execveat replace a thread's comm, exe, exe path and
//! arguments; the open family, socket, accept, pipe, dup and friends add fds; connect and bind
//! name sockets after their endpoints; close removes fds; chdir and fchdir move the working
//! directory; procexit removes the thread before the next event. As libsinsp does, an exit
//! event is parsed only when the thread's previous event was its enter event, and reads the
//! enter event's parameters back (the fd it was about, openat's path); an event of a thread the
//! table does not know creates a placeholder thread (pid = tid, comm `<NA>`, no parent), except
//! scheduler switches, which only look threads up.
//!
//! Memory is bounded: at most [`MAX_THREADS`] threads (placeholders are not created beyond it,
//! as libsinsp stops creating them when its table is full), at most
//! [`MAX_FDS_PER_PROCESS`] fds per process, and exited threads are evicted at the next event.
//!
//! Events come out as [`ReplayEvent`]s, see [`event`] for why they wrap the shared
//! [`SyscallEvent`](crate::extract::SyscallEvent) model.

mod args;
pub mod event;
mod fd;
mod hash;
mod parse;
mod replay;
mod thread;

use std::sync::Arc;

use crate::extract::{AncestorInfo, ContainerInfo, GroupInfo, ThreadInfo, UserInfo};
use crate::scap::{Block, RawEvent};

use hash::IdMap;

pub use event::ReplayEvent;
pub use fd::{endpoint_text, sockaddr_text, tuple_text, Fd, FdTable, MAX_FDS_PER_PROCESS};
pub use replay::{replay_file, replay_file_pipelined, replay_file_selecting, ReplaySummary};
pub use thread::{resolve_path, split_nul, LastEnter, Thread};

/// Most threads the table holds (libsinsp's default thread table size).
pub const MAX_THREADS: usize = 131_072;

/// Events that describe the machine when they open a capture (libsinsp's initial-state
/// events).
const INITIAL_STATE_EVENTS: [&str; 5] = [
    "container",
    "user_added",
    "user_deleted",
    "group_added",
    "group_deleted",
];

/// How many cgroup lists' containers are kept.
const CONTAINER_CACHE: usize = 8;

/// How far up the parent chain ancestors are collected.
const MAX_ANCESTORS: usize = 16;

/// What [`State::apply_event`] made of an event.
#[derive(Debug)]
pub enum Applied {
    /// libsinsp hides the event ([`RawEvent::hidden`], or a machine-state event opening the
    /// capture): it did not update the state.
    Hidden,
    /// The event updated the state and was not built, as asked.
    NotBuilt,
    /// The event updated the state; here it is as the rules engine sees it.
    Event(Box<ReplayEvent>),
}

/// The summary of what a cached [`ThreadInfo`] was built from ([`State::stamp`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    newest: u64,
    found: u32,
}

/// What [`State::apply_event_into`] did with an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Built {
    /// Hidden, as [`Applied::Hidden`].
    Hidden,
    /// The state took it in; not built, as asked.
    NotBuilt,
    /// The state took it in and the event was built into the caller's event.
    Built,
}

/// The thread and fd tables, and the users and groups of the machine.
#[derive(Debug, Default)]
pub struct State {
    threads: IdMap<i64, Thread>,
    /// Fd tables by process id: the threads of a process share their process' table.
    fds: IdMap<i64, FdTable>,
    users: IdMap<u32, Arc<UserInfo>>,
    groups: IdMap<u32, Arc<GroupInfo>>,
    host: Arc<ContainerInfo>,
    /// The thread record of events of no known thread.
    no_thread: Arc<ThreadInfo>,
    /// Buffers reused when building events.
    render: args::RenderCache,
    /// The containers of the last cgroup lists looked up.
    containers: Vec<(Vec<String>, Arc<ContainerInfo>)>,
    /// Bumped at every change of a thread's data (or the user list): the changed thread takes
    /// the new value as its version, so a cached [`ThreadInfo`] is still good while every
    /// thread it was built from keeps its version ([`State::stamp`]).
    clock: u64,
    /// The clock when the user and group lists last changed.
    users_version: u64,
    /// A thread that exited on the previous event, removed before the next one.
    to_remove: Option<i64>,
    /// The capture's leading machine-state events are behind us.
    past_initial_events: bool,
    /// Events of unknown threads seen after the table was full.
    pub dropped_threads: u64,
}

impl State {
    /// An empty state.
    pub fn new() -> State {
        State {
            host: Arc::new(ContainerInfo::host()),
            ..State::default()
        }
    }

    /// Takes in a machine-state block of a capture (process list, fd list, users); other
    /// blocks are ignored.
    pub fn apply_block(&mut self, block: &Block<'_>) {
        match block {
            Block::Processes(procs) => {
                for p in procs {
                    if self.threads.len() >= MAX_THREADS {
                        self.dropped_threads += 1;
                        continue;
                    }
                    let mut t = Thread::from_proc(p);
                    self.clock += 1;
                    t.version = self.clock;
                    self.threads.insert(t.tid, t);
                }
            }
            Block::Fds { tid, fds } => {
                let pid = self
                    .threads
                    .get(&(*tid as i64))
                    .map_or(*tid as i64, |t| t.pid);
                let table = self.fds.entry(pid).or_default();
                for entry in fds {
                    table.insert(entry.fd, Fd::from_scap(entry));
                }
            }
            Block::Users(list) => {
                for u in &list.users {
                    self.users.insert(
                        u.uid,
                        Arc::new(UserInfo {
                            uid: u.uid,
                            name: u.name.clone(),
                            home: u.homedir.clone(),
                            shell: u.shell.clone(),
                        }),
                    );
                }
                for g in &list.groups {
                    self.groups.insert(
                        g.gid,
                        Arc::new(GroupInfo {
                            gid: g.gid,
                            name: g.name.clone(),
                        }),
                    );
                }
                self.clock += 1;
                self.users_version = self.clock;
            }
            _ => {}
        }
    }

    /// Updates the state with event number `num` (libsinsp's `evt.num`: the 1-based index of
    /// the event among the capture's events, hidden ones included) and returns it as the rules
    /// engine sees it; `None` for events libsinsp hides ([`RawEvent::hidden`]).
    pub fn event(&mut self, num: u64, raw: &RawEvent<'_>) -> Option<ReplayEvent> {
        match self.apply_event(num, raw, true) {
            Applied::Event(ev) => Some(*ev),
            Applied::Hidden | Applied::NotBuilt => None,
        }
    }

    /// Updates the state with event number `num` like [`State::event`], and builds the event
    /// only when `build` is true: a consumer that looks at some event codes only (the rules
    /// engine indexes rules by code) saves the building, the largest part of an event's cost.
    pub fn apply_event(&mut self, num: u64, raw: &RawEvent<'_>, build: bool) -> Applied {
        let mut ev = event::empty(Arc::clone(&self.no_thread));
        match self.apply_event_into(num, raw, build, &mut ev) {
            Built::Hidden => Applied::Hidden,
            Built::NotBuilt => Applied::NotBuilt,
            Built::Built => Applied::Event(Box::new(ev)),
        }
    }

    /// Like [`State::apply_event`], but builds the event into `ev`, reusing its buffers (the
    /// arguments and fd of the event it held): a replay loop keeps one event and allocates
    /// nothing per event for it. `ev` is left as it was unless the result is [`Built::Built`].
    pub fn apply_event_into(
        &mut self,
        num: u64,
        raw: &RawEvent<'_>,
        build: bool,
        ev: &mut ReplayEvent,
    ) -> Built {
        if let Some(tid) = self.to_remove.take() {
            self.remove_thread(tid);
        }
        if raw.hidden().is_some() {
            return Built::Hidden;
        }
        // The container, user and group events a capture opens with describe the machine
        // before the first event: libsinsp consumes them when it opens the file.
        if self.past_initial_events {
        } else if INITIAL_STATE_EVENTS.contains(&raw.name()) {
            return Built::Hidden;
        } else {
            self.past_initial_events = true;
        }
        let ctx = parse::apply(self, raw);
        if build {
            event::build_into(self, num, raw, ctx, ev);
            Built::Built
        } else {
            Built::NotBuilt
        }
    }

    /// The thread `tid`.
    pub fn thread(&self, tid: i64) -> Option<&Thread> {
        self.threads.get(&tid)
    }

    /// Number of threads in the table.
    pub fn thread_count(&self) -> usize {
        self.threads.len()
    }

    /// The fd `num` of the process of thread `tid`.
    pub fn fd(&self, tid: i64, num: i64) -> Option<&Fd> {
        let pid = self.threads.get(&tid)?.pid;
        self.fds.get(&pid)?.get(num)
    }

    /// The fd table of the process of thread `tid`.
    pub fn fd_table(&self, tid: i64) -> Option<&FdTable> {
        let pid = self.threads.get(&tid)?.pid;
        self.fds.get(&pid)
    }

    /// The fd table of the process of thread `tid`, created if missing.
    fn fd_table_mut(&mut self, tid: i64) -> Option<&mut FdTable> {
        let pid = self.threads.get(&tid)?.pid;
        Some(self.fds.entry(pid).or_default())
    }

    /// The user `uid`, if the capture's user list has it.
    pub fn user(&self, uid: u32) -> Option<&UserInfo> {
        self.users.get(&uid).map(|u| &**u)
    }

    /// The thread `tid` as the event model sees it (rebuilt only after a change of the data it
    /// is made of).
    pub fn thread_info(&mut self, tid: i64) -> Option<Arc<ThreadInfo>> {
        let t = self.threads.get(&tid)?;
        let stamp = self.stamp(t);
        if let Some((s, info)) = t.cached.as_ref() {
            if *s == stamp {
                return Some(Arc::clone(info));
            }
        }
        self.fill_derived(tid);
        let info = Arc::new(self.build_thread_info(self.threads.get(&tid)?));
        if let Some(t) = self.threads.get_mut(&tid) {
            t.cached = Some((stamp, Arc::clone(&info)));
        }
        Some(info)
    }

    /// What the [`ThreadInfo`] of `t` is made of, summed up: the highest version among the
    /// threads [`build_thread_info`](State::build_thread_info) reads (the thread, its main
    /// thread, its ancestors, its session leader) and the user lists, with how many of them
    /// were found. Versions only grow and every change takes a new one, so the same stamp
    /// means the same record: a changed or new thread raises the highest version, a removed
    /// one changes what is found.
    fn stamp(&self, t: &Thread) -> Stamp {
        let mut newest = t.version.max(self.users_version);
        let mut found = 0u32;
        let main = if t.is_main() {
            t
        } else {
            match self.threads.get(&t.pid) {
                Some(m) => {
                    newest = newest.max(m.version);
                    found |= 1;
                    m
                }
                None => t,
            }
        };
        if let Some(s) = self.threads.get(&t.sid) {
            newest = newest.max(s.version);
            found |= 2;
        }
        let mut depth = 0u32;
        let mut ptid = main.ptid;
        while (depth as usize) < MAX_ANCESTORS {
            let Some(p) = self.threads.get(&ptid) else {
                break;
            };
            newest = newest.max(p.version);
            depth += 1;
            if p.ptid == ptid || p.ptid <= 0 {
                break;
            }
            ptid = p.ptid;
        }
        Stamp {
            newest,
            found: found | (depth << 2),
        }
    }

    /// Fills the per-thread caches [`build_thread_info`](State::build_thread_info) reads: the
    /// container of the thread, and each ancestor's snapshot up the parent chain.
    fn fill_derived(&mut self, tid: i64) {
        let host = &self.host;
        let Some(t) = self.threads.get_mut(&tid) else {
            return;
        };
        if t.container.is_none() {
            // Threads of a workload share their cgroups: the last ones looked up are kept.
            let known = self
                .containers
                .iter()
                .find(|(cgroups, _)| *cgroups == t.cgroups);
            let container = match known {
                Some((_, c)) => Arc::clone(c),
                None => {
                    let c = container_of(host, &t.cgroups);
                    if self.containers.len() >= CONTAINER_CACHE {
                        self.containers.remove(0);
                    }
                    self.containers.push((t.cgroups.clone(), Arc::clone(&c)));
                    c
                }
            };
            t.container = Some(container);
        }
        let (pid, own_ptid) = (t.pid, t.ptid);
        let mut ptid = if pid == tid {
            own_ptid
        } else {
            self.threads.get(&pid).map_or(own_ptid, |m| m.ptid)
        };
        for _ in 0..MAX_ANCESTORS {
            let Some(p) = self.threads.get_mut(&ptid) else {
                break;
            };
            if p.as_ancestor.is_none() {
                p.as_ancestor = Some(Arc::new(AncestorInfo {
                    pid: p.pid,
                    name: p.comm.clone(),
                    exe: p.exe.clone(),
                    exepath: p.exepath.clone(),
                    cmdline: cmdline(p),
                }));
            }
            if p.ptid == ptid || p.ptid <= 0 {
                break;
            }
            ptid = p.ptid;
        }
    }

    fn build_thread_info(&self, t: &Thread) -> ThreadInfo {
        let user = self.users.get(&t.uid).cloned().unwrap_or_else(|| {
            Arc::new(UserInfo {
                uid: t.uid,
                name: "<NA>".into(),
                home: "<NA>".into(),
                shell: "<NA>".into(),
            })
        });
        let group = self.groups.get(&t.gid).cloned().unwrap_or_else(|| {
            Arc::new(GroupInfo {
                gid: t.gid,
                name: "<NA>".into(),
            })
        });
        let loginname = self
            .users
            .get(&t.loginuid)
            .map(|u| u.name.clone())
            .unwrap_or_default();
        // proc.ppid is the parent thread id of the process' main thread.
        let main = if t.is_main() {
            t
        } else {
            self.threads.get(&t.pid).unwrap_or(t)
        };
        let mut ancestors = Vec::new();
        let mut ptid = main.ptid;
        while ancestors.len() < MAX_ANCESTORS {
            match self.threads.get(&ptid) {
                Some(p) => {
                    let snapshot = p.as_ancestor.clone().unwrap_or_else(|| {
                        Arc::new(AncestorInfo {
                            pid: p.pid,
                            name: p.comm.clone(),
                            exe: p.exe.clone(),
                            exepath: p.exepath.clone(),
                            cmdline: cmdline(p),
                        })
                    });
                    // The parent is named by its thread id.
                    if ancestors.is_empty() && snapshot.pid != ptid {
                        ancestors.push(Arc::new(AncestorInfo {
                            pid: ptid,
                            ..(*snapshot).clone()
                        }));
                    } else {
                        ancestors.push(snapshot);
                    }
                    if p.ptid == ptid || p.ptid <= 0 {
                        break;
                    }
                    ptid = p.ptid;
                }
                None => {
                    if ancestors.is_empty() {
                        ancestors.push(Arc::new(AncestorInfo {
                            pid: ptid,
                            ..AncestorInfo::default()
                        }));
                    }
                    break;
                }
            }
        }
        let sname = self
            .threads
            .get(&t.sid)
            .map(|s| s.comm.clone())
            .unwrap_or_default();
        ThreadInfo {
            pid: t.pid,
            tid: t.tid,
            vpid: t.vpid,
            sid: t.sid,
            sname,
            name: t.comm.clone(),
            exe: t.exe.clone(),
            exepath: t.exepath.clone(),
            args: t.args.clone(),
            cwd: t.cwd.clone(),
            env: t.env.clone(),
            tty: t.tty,
            loginuid: if t.loginuid == u32::MAX {
                -1
            } else {
                i64::from(t.loginuid)
            },
            loginname,
            user,
            group,
            start_ns: t.start_ns,
            ancestors,
            container: t
                .container
                .clone()
                .unwrap_or_else(|| container_of(&self.host, &t.cgroups)),
            cap_effective: String::new(),
            cap_permitted: String::new(),
            exe_writable: false,
            exe_upper_layer: false,
            exe_from_memfd: false,
            lines: Default::default(),
        }
        .with_lines()
    }

    /// The thread `tid`, created as a placeholder if unknown (unless the table is full).
    fn thread_or_fake(&mut self, tid: i64) -> Option<&mut Thread> {
        let full = self.threads.len() >= MAX_THREADS;
        match self.threads.entry(tid) {
            std::collections::hash_map::Entry::Occupied(e) => Some(e.into_mut()),
            std::collections::hash_map::Entry::Vacant(_) if full => {
                self.dropped_threads += 1;
                None
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                self.clock += 1;
                let mut t = Thread::fake(tid);
                t.version = self.clock;
                Some(e.insert(t))
            }
        }
    }

    fn add_thread(&mut self, mut t: Thread) {
        if self.threads.len() < MAX_THREADS || self.threads.contains_key(&t.tid) {
            self.clock += 1;
            t.version = self.clock;
            self.threads.insert(t.tid, t);
        } else {
            self.dropped_threads += 1;
        }
    }

    fn remove_thread(&mut self, tid: i64) {
        if let Some(t) = self.threads.remove(&tid) {
            let others = self.threads.values().any(|o| o.pid == t.pid);
            if !others {
                self.fds.remove(&t.pid);
            }
        }
    }

    /// Records a change of thread `tid`'s data.
    fn touch(&mut self, tid: i64) {
        self.clock += 1;
        if let Some(t) = self.threads.get_mut(&tid) {
            t.version = self.clock;
        }
    }
}

/// The container of a thread with these cgroups: `host` unless a cgroup path names a container
/// id as a runtime names its cgroups ([`crate::container`]).
fn container_of(host: &Arc<ContainerInfo>, cgroups: &[String]) -> Arc<ContainerInfo> {
    match crate::container::match_cgroups(cgroups.iter().map(String::as_str)) {
        Some(m) => Arc::new(ContainerInfo {
            id: m.short_id().to_string(),
            runtime: m.kind.as_str().to_string(),
            full_id: m.id,
            ..ContainerInfo::default()
        }),
        None => Arc::clone(host),
    }
}

fn cmdline(t: &Thread) -> String {
    let mut s = t.comm.clone();
    for a in &t.args {
        s.push(' ');
        s.push_str(a);
    }
    s
}
