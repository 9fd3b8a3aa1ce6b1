//! Falco rules pushed down to BPF-LSM: which rules to enforce, what the kernel must check for
//! each, and the tables it checks them with.
//!
//! An operator names the Falco rules that must also *block* (falco.yaml's `enforcement:`
//! section, or a rule's own `enforce:` key); `falcod-enforce` compiles each selected rule's
//! condition into checks the LSM hooks can make before the operation happens, or says exactly
//! why it cannot. It never produces a partial policy: a rule is enforced as written or not at
//! all.
//!
//! # Overview
//!
//! * [`config`]: [`EnforcementConfig`] (mode `off`/`audit`/`enforce`, rule selectors, `persist`,
//!   `optional`), and [`Report`]: the selected rules of a [`falcod_rules::ruleset::Ruleset`],
//!   each compiled or refused.
//! * [`compile`]: the pushdown compiler ([`compile::compile_rule`]): from a compiled rule's
//!   expanded condition to a [`RulePolicy`], or [`NotEnforceable`] naming every offending
//!   sub-expression and why.
//! * [`hooks`]: the hooks ([`Hook`]), the syscalls each decides, and what each Falco field means
//!   at each hook.
//! * [`policy`]: [`Policy`], all enforced rules laid out per hook as clause bits and
//!   per-attribute tables, and [`Policy::decide`], the userspace evaluator (`--enforce-dry-run`,
//!   and the oracle the kernel tables are tested against).
//! * [`request`]: [`LsmRequest`], what a hook sees of one operation; conversions from captured
//!   events (dry runs) and to events (tests).
//! * [`layout`] and [`encode`]: the `#[repr(C)]` map keys and values the eBPF programs will
//!   share, the policy flattened into them, and a simulation of the kernel's lookups.
//!
//! `falcod-enforce` depends on `falcod-rules` only: it reads the rules' syntax tree and knows
//! the syscall source's field names, but no capture, probe or kernel code. The daemon
//! (`crates/falcod`) reads the configuration, prints reports and will program the maps.
//!
//! # How a condition becomes kernel tables
//!
//! 1. **Atoms.** Each comparison is read as a kernel test: `evt.type` literals pick hooks; a
//!    supported field with a supported operator becomes a test on an attribute ([`hooks::Attr`]:
//!    comm, parent comm, exe path, uid, container id, a path or part of it, open intent, fd type,
//!    peer address and port); `fd.num >= 0`, `evt.failed = false`, `evt.dir = <` are constants at
//!    LSM time. Anything else is refused: `proc.cmdline` is not visible to the hooks, `contains`
//!    cannot be evaluated in the kernel, and so on.
//! 2. **DNF.** `not` is pushed to the comparisons and `and` distributed over `or`, keeping
//!    negated literals; contradictory clauses and absorbed clauses are dropped. The number of
//!    clauses is bounded ([`compile::MAX_DNF_CLAUSES`]) and exceeding it is an error.
//! 3. **Clauses per hook.** Each clause's `evt.type` literals give its syscalls, hence its hooks;
//!    a clause that does not restrict `evt.type`, or names a syscall no hook decides, is refused.
//!    At each hook every field of the clause must be visible there (`fd.sport` is not visible at
//!    `file_open`). A clause's positive tests on one attribute are folded into one (an exact set
//!    filtered by a prefix, two nested prefixes, intersected ranges); two tests that would need two
//!    lookups in one table (two globs) are refused.
//! 4. **Tables.** Per hook, each clause gets a bit (at most 64 per hook, across all rules, in rule
//!    order). Per attribute, each table entry maps a value to a [`policy::MaskPair`]: `pos`, the
//!    clauses whose positive test the value passes, and `neg`, the clauses one of whose negated
//!    tests it passes. The attribute's mask for a value is `(free | pos) & !neg`, `free` being the
//!    clauses without a positive test on it (a missing value gives `free`: every Falco comparison
//!    on a missing value is false). The hook ANDs the masks of its attributes; a surviving bit is
//!    a matching clause. A blocking rule's clause wins over an auditing one, then the first rule.
//!
//! # Example
//!
//! ```
//! use std::sync::Arc;
//! use falcod_enforce::{EnforcementConfig, Hook, LsmRequest, Report, Verdict};
//! use falcod_rules::ruleset::{EngineConfig, RulesetBuilder};
//!
//! let schema = Arc::new(falcod_probe::syscall_schema().clone());
//! let mut builder = RulesetBuilder::new(EngineConfig::new(vec![schema]));
//! let rules = r#"
//! - rule: Shadow read by untrusted program
//!   desc: d
//!   condition: >
//!     evt.type in (open, openat, openat2, creat) and evt.is_open_read = true
//!     and fd.name = /etc/shadow and not proc.name in (login, passwd)
//!   output: "%proc.name read %fd.name"
//!   priority: WARNING
//!   tags: [credentials]
//! "#;
//! assert!(builder.load("rules.yaml", rules.as_bytes()).successful());
//! let ruleset = builder.ruleset().expect("loaded");
//!
//! let config: EnforcementConfig =
//!     serde_yaml::from_str("mode: enforce\nrules: [{tag: credentials}]").expect("config");
//! let report = Report::new(&ruleset, &config);
//! assert!(report.all_enforceable());
//! let policy = report.policy().expect("fits the kernel tables");
//!
//! let mut cat = LsmRequest::new(Hook::FileOpen);
//! cat.comm = Some("cat".into());
//! cat.path = Some("/etc/shadow".into());
//! cat.open_read = true;
//! assert_eq!(
//!     policy.decide(&cat),
//!     Some(("Shadow read by untrusted program", Verdict::Block))
//! );
//! let mut login = cat.clone();
//! login.comm = Some("login".into());
//! assert_eq!(policy.decide(&login), None);
//! ```
//!
//! # What fields mean at LSM time (the caveats)
//!
//! Falco evaluates rules on the *exit* event of a syscall, after the operation happened; an LSM
//! hook runs *before* it completes. The policy is exact for the operations that would succeed;
//! where the two views differ:
//!
//! * **Attempts, not outcomes.** The hook blocks attempts, including ones that would have failed
//!   anyway. `fd.num >= 0` and `evt.failed = false` are taken as true; a rule about failed
//!   operations (`evt.res != SUCCESS`) is never true at a hook and is refused.
//! * **A hook serves a family of syscalls.** `file_open` cannot tell `open` from `openat`,
//!   `openat2`, `creat` or an io_uring open; a rule naming only some of them is enforced on all,
//!   and the report carries a note saying so. `unlinkat` reaches both `path_unlink` and
//!   `path_rmdir`.
//! * **Exec.** At `bprm_check_security` the task still runs the old program: falcod takes
//!   `proc.name` and `proc.exepath` from the binary being executed (the comm the kernel will set
//!   from its file name, the path of the opened binary), as Falco's `execve` exit event reports
//!   them; `proc.pname` is the parent of the exec'ing task.
//! * **Paths.** The kernel sees paths resolved through symlinks of the directories, relative to
//!   the task's root, without `.`/`..`; Falco's `fd.name` is resolved by libsinsp and
//!   `fs.path.name` is the argument made absolute against the cwd only (not the `dirfd` of
//!   `*at` calls). The policy matches the kernel's path; a rule written against a path through a
//!   symlink will not match it. `pmatch` is matched on normalised paths.
//! * **Comm.** `proc.name` is the 15-byte kernel comm; longer rule values never match.
//! * **Connect.** `fd.sip`/`fd.rip` and `fd.sport`/`fd.rport` are the peer's address; the local
//!   end (`fd.cip`, `fd.cport`, `fd.name` of a socket) is not known before the connect.
//! * **Selection ignores `enabled:`**: naming a rule for enforcement enforces it.
//!
//! # Failure and safety
//!
//! The default is fail-open: when the daemon stops, the programs detach and nothing is blocked.
//! `persist: true` is the opt-in to keep them pinned (kernel side, not in this crate).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod compile;
pub mod config;
mod dnf;
pub mod encode;
pub mod hooks;
pub mod layout;
pub mod literal;
pub mod policy;
pub mod request;

pub use compile::{NotEnforceable, Problem, RulePolicy, Verdict};
pub use config::{EnforcementConfig, Mode, Report, RuleReport, Selector};
pub use hooks::Hook;
pub use policy::{Policy, PolicyError};
pub use request::{LsmRequest, RequestEvent};
