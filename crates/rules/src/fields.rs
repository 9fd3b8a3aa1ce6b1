//! How an event source describes itself to the rules engine: its fields and its event types.
//!
//! The rules engine knows no field names of its own. An event source (the syscall probe, a JSON
//! audit stream, a user's own type) hands the engine a [`SourceSchema`]: a [`FieldRegistry`]
//! listing every field with its type, flags and argument form, and an [`EventTypeTable`] naming
//! the event types a condition may test with `evt.type`. The compiler resolves and type-checks
//! every field reference against it, and the event-type index is built from it.
//!
//! ```
//! use falcod_rules::fields::{ArgForm, EventTypeTable, FieldFlags, FieldInfo, FieldRegistry,
//!     FieldType, SourceSchema};
//!
//! let mut fields = FieldRegistry::new();
//! fields.add(FieldInfo::new("req.path", FieldType::CharBuf, "the request path"));
//! fields.add(FieldInfo::new("req.header", FieldType::CharBuf, "a request header")
//!     .arg(ArgForm::Key, true));
//! let schema = SourceSchema::new("http", fields, EventTypeTable::single("http"));
//! let (info, arg) = schema.fields.resolve("req.header", Some("Host")).unwrap();
//! assert_eq!(info.name, "req.header");
//! assert_eq!(arg.as_deref(), Some("Host"));
//! ```

use std::fmt;
use std::sync::Arc;

mod keys;
mod names;

pub use keys::ArgKeys;
pub(crate) use names::{NameMap, NameRefMap};

/// The value type of a field, after libsinsp's `ppm_param_type` names (`PT_*`).
///
/// The type decides which operators apply (numeric types take `<`, strings take `contains`, ...)
/// and how literal values on the right are parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FieldType {
    /// PT_INT8
    Int8,
    /// PT_INT16
    Int16,
    /// PT_INT32
    Int32,
    /// PT_INT64
    Int64,
    /// PT_UINT8
    Uint8,
    /// PT_UINT16
    Uint16,
    /// PT_UINT32
    Uint32,
    /// PT_UINT64
    Uint64,
    /// PT_CHARBUF: a string.
    CharBuf,
    /// PT_BYTEBUF: raw bytes (`evt.buffer`).
    ByteBuf,
    /// PT_ERRNO
    Errno,
    /// PT_FD
    Fd,
    /// PT_PID
    Pid,
    /// PT_UID
    Uid,
    /// PT_GID
    Gid,
    /// PT_DOUBLE
    Double,
    /// PT_BOOL
    Bool,
    /// PT_IPV4ADDR
    Ipv4Addr,
    /// PT_IPV4NET
    Ipv4Net,
    /// PT_IPV6ADDR
    Ipv6Addr,
    /// PT_IPV6NET
    Ipv6Net,
    /// PT_IPADDR: v4 or v6 address.
    IpAddr,
    /// PT_IPNET: v4 or v6 network; `in` tests CIDR membership.
    IpNet,
    /// PT_PORT: a port number, also given by service name in conditions.
    Port,
    /// PT_L4PROTO
    L4Proto,
    /// PT_SOCKFAMILY
    SockFamily,
    /// PT_ABSTIME: nanoseconds since the epoch.
    AbsTime,
    /// PT_RELTIME: a duration in nanoseconds.
    RelTime,
    /// PT_FSPATH: an absolute path.
    FsPath,
    /// PT_FSRELPATH: a path relative to a directory argument.
    FsRelPath,
    /// PT_FLAGS8
    Flags8,
    /// PT_FLAGS16
    Flags16,
    /// PT_FLAGS32
    Flags32,
    /// PT_MODE
    Mode,
    /// PT_SIGTYPE
    SigType,
    /// PT_SYSCALLID
    SyscallId,
    /// PT_SOCKADDR
    SockAddr,
    /// PT_SOCKTUPLE
    SockTuple,
    /// PT_CHARBUFARRAY
    CharBufArray,
    /// PT_DYN: type decided per event (evt.rawarg).
    Dyn,
}

impl FieldType {
    /// libsinsp's name of the type without the `PT_` prefix, as `--list` prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::Int8 => "INT8",
            FieldType::Int16 => "INT16",
            FieldType::Int32 => "INT32",
            FieldType::Int64 => "INT64",
            FieldType::Uint8 => "UINT8",
            FieldType::Uint16 => "UINT16",
            FieldType::Uint32 => "UINT32",
            FieldType::Uint64 => "UINT64",
            FieldType::CharBuf => "CHARBUF",
            FieldType::ByteBuf => "BYTEBUF",
            FieldType::Errno => "ERRNO",
            FieldType::Fd => "FD",
            FieldType::Pid => "PID",
            FieldType::Uid => "UID",
            FieldType::Gid => "GID",
            FieldType::Double => "DOUBLE",
            FieldType::Bool => "BOOL",
            FieldType::Ipv4Addr => "IPV4ADDR",
            FieldType::Ipv4Net => "IPV4NET",
            FieldType::Ipv6Addr => "IPV6ADDR",
            FieldType::Ipv6Net => "IPV6NET",
            FieldType::IpAddr => "IPADDR",
            FieldType::IpNet => "IPNET",
            FieldType::Port => "PORT",
            FieldType::L4Proto => "L4PROTO",
            FieldType::SockFamily => "SOCKFAMILY",
            FieldType::AbsTime => "ABSTIME",
            FieldType::RelTime => "RELTIME",
            FieldType::FsPath => "FSPATH",
            FieldType::FsRelPath => "FSRELPATH",
            FieldType::Flags8 => "FLAGS8",
            FieldType::Flags16 => "FLAGS16",
            FieldType::Flags32 => "FLAGS32",
            FieldType::Mode => "MODE",
            FieldType::SigType => "SIGTYPE",
            FieldType::SyscallId => "SYSCALLID",
            FieldType::SockAddr => "SOCKADDR",
            FieldType::SockTuple => "SOCKTUPLE",
            FieldType::CharBufArray => "CHARBUFARRAY",
            FieldType::Dyn => "DYN",
        }
    }

    /// Integer-like types that take the numeric operators (`<`, `<=`, `>`, `>=`).
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            FieldType::Int8
                | FieldType::Int16
                | FieldType::Int32
                | FieldType::Int64
                | FieldType::Uint8
                | FieldType::Uint16
                | FieldType::Uint32
                | FieldType::Uint64
                | FieldType::Errno
                | FieldType::Fd
                | FieldType::Pid
                | FieldType::Uid
                | FieldType::Gid
                | FieldType::Double
                | FieldType::Port
                | FieldType::L4Proto
                | FieldType::SockFamily
                | FieldType::AbsTime
                | FieldType::RelTime
                | FieldType::Flags8
                | FieldType::Flags16
                | FieldType::Flags32
                | FieldType::Mode
                | FieldType::SigType
                | FieldType::SyscallId
        )
    }

    /// String-like types that take the string operators (`contains`, `glob`, ...).
    pub fn is_string(self) -> bool {
        matches!(
            self,
            FieldType::CharBuf
                | FieldType::FsPath
                | FieldType::FsRelPath
                | FieldType::ByteBuf
                | FieldType::CharBufArray
                | FieldType::Dyn
        )
    }
}

impl fmt::Display for FieldType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Field flags, after libsinsp's `EPF_*` flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct FieldFlags(u32);

impl FieldFlags {
    /// No flags.
    pub const NONE: FieldFlags = FieldFlags(0);
    /// Not usable in outputs (`EPF_FILTER_ONLY`).
    pub const FILTER_ONLY: FieldFlags = FieldFlags(1 << 0);
    /// Hidden from `--list` (`EPF_TABLE_ONLY`).
    pub const HIDDEN: FieldFlags = FieldFlags(1 << 1);
    /// Cannot be the right side of a comparison (`EPF_NO_RHS`).
    pub const NO_RHS: FieldFlags = FieldFlags(1 << 2);
    /// Rejects transformers (`EPF_NO_TRANSFORMER`).
    pub const NO_TRANSFORMER: FieldFlags = FieldFlags(1 << 3);
    /// Yields several values per event (`EPF_IS_LIST`).
    pub const IS_LIST: FieldFlags = FieldFlags(1 << 4);
    /// Value storage is not stable across extractions (`EPF_NO_PTR_STABILITY`).
    pub const NO_PTR_STABILITY: FieldFlags = FieldFlags(1 << 5);
    /// Deprecated: using it in a condition or output warns.
    pub const DEPRECATED: FieldFlags = FieldFlags(1 << 6);
    /// Printed in outputs by `append_output: suggested_output` (plugin "suggested output").
    pub const SUGGESTED_OUTPUT: FieldFlags = FieldFlags(1 << 7);
    /// The argument is accepted only in brackets (`name[arg]`), never dotted (`name.arg`): plugin
    /// fields such as `container.label[app]`, and `proc.env[HOME]`.
    pub const ARG_BRACKETS_ONLY: FieldFlags = FieldFlags(1 << 8);
    /// The argument is accepted only dotted (`name.arg`), never in brackets: `thread.cgroup.cpu`,
    /// `evt.type.is.open`, `evt.rawarg.fd`.
    pub const ARG_DOTTED_ONLY: FieldFlags = FieldFlags(1 << 9);

    /// True if every flag of `other` is set.
    pub fn contains(self, other: FieldFlags) -> bool {
        self.0 & other.0 == other.0
    }

    /// The union of two flag sets.
    pub const fn union(self, other: FieldFlags) -> FieldFlags {
        FieldFlags(self.0 | other.0)
    }
}

impl std::ops::BitOr for FieldFlags {
    type Output = FieldFlags;
    fn bitor(self, rhs: FieldFlags) -> FieldFlags {
        self.union(rhs)
    }
}

/// What a field's argument looks like, when it takes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArgForm {
    /// No argument.
    None,
    /// A non-negative integer in brackets: `proc.aname[2]`.
    Index,
    /// A string key in brackets or after a dot: `container.label[app]`, `container.label.app`.
    Key,
    /// Either an index in brackets or a name after a dot: `evt.arg[0]`, `evt.arg.fd`. With
    /// [`FieldFlags::ARG_BRACKETS_ONLY`], both go in brackets: `container.mount[0]`,
    /// `container.mount[/usr/local]`.
    IndexOrKey,
}

/// One field of an event source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldInfo {
    /// Full name, e.g. `proc.aname`.
    pub name: String,
    /// Value type.
    pub ty: FieldType,
    /// Flags.
    pub flags: FieldFlags,
    /// Argument form.
    pub arg: ArgForm,
    /// True if the argument must be given (`EPF_ARG_REQUIRED`); otherwise it is optional.
    pub arg_required: bool,
    /// The field class it belongs to (`process`, `fd`, `container`, ...), for `--list`.
    pub class: String,
    /// One-line description, for `--list`.
    pub desc: String,
    /// The keys its argument may name, when the source restricts them (see [`ArgKeys`]).
    pub keys: Option<Arc<ArgKeys>>,
}

impl FieldInfo {
    /// A field without argument or flags, class taken from the name's first component.
    pub fn new(name: impl Into<String>, ty: FieldType, desc: impl Into<String>) -> FieldInfo {
        let name = name.into();
        let class = name.split('.').next().unwrap_or("").to_string();
        FieldInfo {
            name,
            ty,
            flags: FieldFlags::NONE,
            arg: ArgForm::None,
            arg_required: false,
            class,
            desc: desc.into(),
            keys: None,
        }
    }

    /// Restricts the keys the argument may name (see [`ArgKeys`]).
    pub fn keys(mut self, keys: ArgKeys) -> FieldInfo {
        self.keys = Some(Arc::new(keys));
        self
    }

    /// True if `arg`, given dotted or in brackets, is used as a key rather than an index.
    fn arg_is_key(&self, arg: &str, dotted: bool) -> bool {
        dotted
            || self.arg == ArgForm::Key
            || (self.arg == ArgForm::IndexOrKey && arg.parse::<u64>().is_err())
    }

    /// For a field with [`ArgKeys`], the key a key argument names: `Ok(None)` when the
    /// argument is no key or the field has no key table, `Err(true)` when the argument is longer
    /// than its longest match (the reference names no field), `Err(false)` when it starts with
    /// no key.
    fn key_of(&self, arg: Option<&str>, dotted: bool) -> Result<Option<FieldType>, bool> {
        let (Some(keys), Some(arg)) = (&self.keys, arg) else {
            return Ok(None);
        };
        if !self.arg_is_key(arg, dotted) {
            return Ok(None);
        }
        match keys.longest_match(arg) {
            Some((key, ty)) if key.len() == arg.len() => Ok(Some(ty)),
            Some(_) => Err(true),
            None => Err(false),
        }
    }

    /// Sets the argument form and whether it is required.
    pub fn arg(mut self, form: ArgForm, required: bool) -> FieldInfo {
        self.arg = form;
        self.arg_required = required;
        self
    }

    /// Adds flags.
    pub fn flags(mut self, flags: FieldFlags) -> FieldInfo {
        self.flags = self.flags | flags;
        self
    }

    /// Sets the field class.
    pub fn class(mut self, class: impl Into<String>) -> FieldInfo {
        self.class = class.into();
        self
    }
}

/// Index of a field in its [`FieldRegistry`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldId(pub u32);

/// Why a field reference did not resolve.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FieldError {
    /// No field by that name (Falco: `filter_check called with nonexistent field <name>`).
    #[error("filter_check called with nonexistent field {0}")]
    Unknown(String),
    /// The field takes no argument but one was given.
    #[error("filter {0} does not support arguments")]
    ArgNotAllowed(String),
    /// The field needs an argument and none was given.
    #[error("filter {0} requires an argument")]
    ArgRequired(String),
    /// The argument has the wrong form (e.g. not a number for an index).
    #[error("{message}")]
    BadArg {
        /// The field name.
        field: String,
        /// What is wrong, in Falco's words where it has them.
        message: String,
    },
}

/// The fields of one event source, looked up by name.
#[derive(Debug, Clone, Default)]
pub struct FieldRegistry {
    fields: Vec<FieldInfo>,
    by_name: NameMap<FieldId>,
}

impl FieldRegistry {
    /// An empty registry.
    pub fn new() -> FieldRegistry {
        FieldRegistry::default()
    }

    /// Adds a field; a later field with the same name replaces the earlier one's lookup.
    pub fn add(&mut self, info: FieldInfo) -> FieldId {
        let id = FieldId(self.fields.len() as u32);
        self.by_name.insert(info.name.clone(), id);
        self.fields.push(info);
        id
    }

    /// All fields in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (FieldId, &FieldInfo)> {
        self.fields
            .iter()
            .enumerate()
            .map(|(i, f)| (FieldId(i as u32), f))
    }

    /// The field with this id.
    pub fn get(&self, id: FieldId) -> &FieldInfo {
        &self.fields[id.0 as usize]
    }

    /// Exact lookup by full name.
    pub fn id(&self, name: &str) -> Option<FieldId> {
        self.by_name.get(name).copied()
    }

    /// Number of fields.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// True if there are no fields.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Resolves a field reference as written (`name`, optional bracketed `arg`) to a registered
    /// field and its effective argument.
    ///
    /// Dotted arguments are split here: `evt.arg.flags` resolves to `evt.arg` with argument
    /// `flags` when `evt.arg` takes a key and no field is named `evt.arg.flags` exactly. The
    /// syntax flags [`FieldFlags::ARG_BRACKETS_ONLY`] and [`FieldFlags::ARG_DOTTED_ONLY`] restrict
    /// which of the two spellings a field accepts; an index (in brackets) must be a number.
    pub fn resolve(
        &self,
        name: &str,
        arg: Option<&str>,
    ) -> Result<(&FieldInfo, Option<String>), FieldError> {
        self.resolve_typed(name, arg)
            .map(|(info, arg, _)| (info, arg))
    }

    /// [`resolve`](Self::resolve), also giving the type the reference has: the field's own,
    /// or for a field whose [`ArgKeys`] are typed, the type of the key it names
    /// (`evt.rawarg.res` is an errno).
    pub fn resolve_typed(
        &self,
        name: &str,
        arg: Option<&str>,
    ) -> Result<(&FieldInfo, Option<String>, FieldType), FieldError> {
        let (info, arg, dotted) = self.resolve_syntax(name, arg)?;
        match info.key_of(arg.as_deref(), dotted) {
            Ok(Some(ty)) if info.keys.as_ref().is_some_and(|k| k.typed) => Ok((info, arg, ty)),
            Ok(_) => Ok((info, arg, info.ty)),
            Err(true) => Err(FieldError::Unknown(name.to_string())),
            Err(false) => {
                let prefix = info
                    .keys
                    .as_ref()
                    .map(|k| k.unknown_message.as_str())
                    .unwrap_or_default();
                Err(FieldError::BadArg {
                    field: info.name.clone(),
                    message: format!("{prefix} {}", arg.as_deref().unwrap_or_default()),
                })
            }
        }
    }

    /// Resolution up to the argument's syntax (everything but [`ArgKeys`]); also says whether
    /// the argument was dotted.
    fn resolve_syntax(
        &self,
        name: &str,
        arg: Option<&str>,
    ) -> Result<(&FieldInfo, Option<String>, bool), FieldError> {
        let (id, arg, dotted) = self.lookup(name, arg)?;
        let info = self.get(id);
        let not_a_number = |a: &str| FieldError::BadArg {
            field: info.name.clone(),
            message: format!("wrong argument '{a}' for field {}: not a number", info.name),
        };
        match (&arg, info.arg) {
            (Some(_), ArgForm::None) => Err(FieldError::ArgNotAllowed(info.name.clone())),
            (None, _) if info.arg_required => Err(FieldError::ArgRequired(info.name.clone())),
            (Some(_), _) if !dotted && info.flags.contains(FieldFlags::ARG_DOTTED_ONLY) => {
                let message = match info.keys.as_ref().and_then(|k| k.bracketed_message.clone()) {
                    Some(m) => m,
                    None => format!(
                        "filter syntax error: {name}[{}]",
                        arg.as_deref().unwrap_or("")
                    ),
                };
                Err(FieldError::BadArg {
                    field: info.name.clone(),
                    message,
                })
            }
            (Some(a), ArgForm::Index) if a.parse::<u64>().is_err() => Err(not_a_number(a)),
            (Some(a), ArgForm::IndexOrKey)
                if !dotted
                    && !info.flags.contains(FieldFlags::ARG_BRACKETS_ONLY)
                    && a.parse::<u64>().is_err() =>
            {
                Err(not_a_number(a))
            }
            _ => Ok((info, arg, dotted)),
        }
    }

    /// Finds the field a reference names: an exact name, or the longest registered prefix that
    /// takes a dotted key (the rest after the dot becomes the argument). Also says whether the
    /// argument came from the dotted spelling.
    fn lookup(
        &self,
        name: &str,
        arg: Option<&str>,
    ) -> Result<(FieldId, Option<String>, bool), FieldError> {
        match self.find(name, arg) {
            Some((id, None)) => Ok((id, arg.map(str::to_string), false)),
            Some((id, Some(dot))) => Ok((id, Some(name[dot + 1..].to_string()), true)),
            None => Err(FieldError::Unknown(name.to_string())),
        }
    }

    /// True if `name` (with `arg`) names a registered field, whether or not the argument is
    /// acceptable: what [`resolve`](Self::resolve) does not answer with
    /// [`FieldError::Unknown`].
    pub fn knows(&self, name: &str, arg: Option<&str>) -> bool {
        // Most values name no field at all: answer those without building an error.
        self.find(name, arg).is_some()
            && !matches!(self.resolve_typed(name, arg), Err(FieldError::Unknown(_)))
    }

    /// The field `name` names and, for the dotted spelling, the offset of the dot before the
    /// argument.
    fn find(&self, name: &str, arg: Option<&str>) -> Option<(FieldId, Option<usize>)> {
        if let Some(id) = self.id(name) {
            return Some((id, None));
        }
        if arg.is_none() {
            let mut end = name.len();
            while let Some(dot) = name[..end].rfind('.') {
                if let Some(id) = self.id(&name[..dot]) {
                    let info = self.get(id);
                    let takes_key = matches!(info.arg, ArgForm::Key | ArgForm::IndexOrKey);
                    if takes_key && !info.flags.contains(FieldFlags::ARG_BRACKETS_ONLY) {
                        return Some((id, Some(dot)));
                    }
                }
                end = dot;
            }
        }
        None
    }
}

/// A set of event type codes, as a bit set over the source's code space.
#[derive(Debug, Clone, Default)]
pub struct EventTypeSet {
    words: Vec<u64>,
}

impl EventTypeSet {
    /// The words without trailing zero words: equal sets have equal significant words, however
    /// they were built.
    fn significant_words(&self) -> &[u64] {
        let len = self
            .words
            .iter()
            .rposition(|w| *w != 0)
            .map_or(0, |i| i + 1);
        &self.words[..len]
    }
}

impl PartialEq for EventTypeSet {
    fn eq(&self, other: &EventTypeSet) -> bool {
        self.significant_words() == other.significant_words()
    }
}
impl Eq for EventTypeSet {}

impl std::hash::Hash for EventTypeSet {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.significant_words().hash(state);
    }
}

impl EventTypeSet {
    /// The empty set.
    pub fn new() -> EventTypeSet {
        EventTypeSet::default()
    }

    /// Every code in `0..count`.
    pub fn all(count: usize) -> EventTypeSet {
        let mut s = EventTypeSet::new();
        for code in 0..count {
            s.insert(code as u16);
        }
        s
    }

    /// Adds a code.
    pub fn insert(&mut self, code: u16) {
        let w = code as usize / 64;
        if self.words.len() <= w {
            self.words.resize(w + 1, 0);
        }
        self.words[w] |= 1 << (code % 64);
    }

    /// True if the code is in the set.
    pub fn contains(&self, code: u16) -> bool {
        self.words
            .get(code as usize / 64)
            .is_some_and(|w| w & (1 << (code % 64)) != 0)
    }

    /// Number of codes in the set.
    pub fn len(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// True if no code is in the set.
    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|w| *w == 0)
    }

    /// Codes in ascending order.
    pub fn iter(&self) -> impl Iterator<Item = u16> + '_ {
        self.words.iter().enumerate().flat_map(|(i, w)| {
            (0..64).filter_map(move |b| (w & (1u64 << b) != 0).then_some((i * 64 + b) as u16))
        })
    }

    /// Set union.
    pub fn union(&self, other: &EventTypeSet) -> EventTypeSet {
        let n = self.words.len().max(other.words.len());
        EventTypeSet {
            words: (0..n)
                .map(|i| self.words.get(i).unwrap_or(&0) | other.words.get(i).unwrap_or(&0))
                .collect(),
        }
    }

    /// Set intersection.
    pub fn intersect(&self, other: &EventTypeSet) -> EventTypeSet {
        let n = self.words.len().min(other.words.len());
        EventTypeSet {
            words: (0..n).map(|i| self.words[i] & other.words[i]).collect(),
        }
    }

    /// Codes of `self` not in `other`.
    pub fn difference(&self, other: &EventTypeSet) -> EventTypeSet {
        EventTypeSet {
            words: self
                .words
                .iter()
                .enumerate()
                .map(|(i, w)| w & !other.words.get(i).unwrap_or(&0))
                .collect(),
        }
    }
}

impl FromIterator<u16> for EventTypeSet {
    fn from_iter<I: IntoIterator<Item = u16>>(iter: I) -> EventTypeSet {
        let mut s = EventTypeSet::new();
        for c in iter {
            s.insert(c);
        }
        s
    }
}

/// The event types of a source: names usable in `evt.type` checks and the codes they stand for.
///
/// For syscalls one name covers several codes (enter and exit events, old versions of an event),
/// and syscall names without an event of their own map to the generic event codes.
#[derive(Debug, Clone, Default)]
pub struct EventTypeTable {
    /// Number of codes; codes are `0..count`.
    pub count: usize,
    names: NameMap<EventTypeSet>,
    code_names: Vec<String>,
}

impl EventTypeTable {
    /// A table with `count` codes and no names yet.
    pub fn new(count: usize) -> EventTypeTable {
        EventTypeTable {
            count,
            names: NameMap::default(),
            code_names: vec![String::new(); count],
        }
    }

    /// A table with one code (0) under one name: plugin-style sources.
    pub fn single(name: &str) -> EventTypeTable {
        let mut t = EventTypeTable::new(1);
        t.add_code(0, name);
        t
    }

    /// Declares that `code` is an event named `name` (the code's own name, used when printing).
    pub fn add_code(&mut self, code: u16, name: &str) {
        if self.code_names.len() <= code as usize {
            self.code_names.resize(code as usize + 1, String::new());
            self.count = self.count.max(code as usize + 1);
        }
        self.code_names[code as usize] = name.to_string();
        self.names.entry(name.to_string()).or_default().insert(code);
    }

    /// Names `code` for display without making the name select it in `evt.type` checks (libsinsp
    /// names the generic events `syscall`, yet `evt.type = syscall` selects no code).
    pub fn set_code_name(&mut self, code: u16, name: &str) {
        if self.code_names.len() <= code as usize {
            self.code_names.resize(code as usize + 1, String::new());
            self.count = self.count.max(code as usize + 1);
        }
        self.code_names[code as usize] = name.to_string();
    }

    /// Declares `name` as an alias covering `codes` (e.g. a syscall name without its own event
    /// mapping to the generic event codes).
    pub fn add_alias(&mut self, name: &str, codes: &EventTypeSet) {
        let e = self.names.entry(name.to_string()).or_default();
        *e = e.union(codes);
    }

    /// The codes a name stands for; `None` for an unknown name.
    pub fn codes(&self, name: &str) -> Option<&EventTypeSet> {
        self.names.get(name)
    }

    /// The name of a code.
    pub fn name(&self, code: u16) -> Option<&str> {
        self.code_names
            .get(code as usize)
            .map(String::as_str)
            .filter(|s| !s.is_empty())
    }

    /// Every code of the source.
    pub fn all(&self) -> EventTypeSet {
        EventTypeSet::all(self.count)
    }

    /// Every known name, sorted.
    pub fn names(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.names.keys().map(String::as_str).collect();
        v.sort_unstable();
        v
    }
}

/// Everything the engine needs to know about one event source.
#[derive(Debug, Clone)]
pub struct SourceSchema {
    /// The source name rules name in `source:` (`syscall` is the default source).
    pub name: String,
    /// Its fields.
    pub fields: FieldRegistry,
    /// Its event types.
    pub event_types: EventTypeTable,
    /// Codes every rule of this source is also indexed under (Falco adds the async event code
    /// to every syscall rule).
    pub always_codes: EventTypeSet,
}

impl SourceSchema {
    /// A schema from its parts.
    pub fn new(
        name: impl Into<String>,
        fields: FieldRegistry,
        event_types: EventTypeTable,
    ) -> Self {
        SourceSchema {
            name: name.into(),
            fields,
            event_types,
            always_codes: EventTypeSet::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> FieldRegistry {
        let mut r = FieldRegistry::new();
        r.add(FieldInfo::new("ev.name", FieldType::CharBuf, "plain"));
        r.add(FieldInfo::new("ev.anc", FieldType::CharBuf, "index").arg(ArgForm::Index, false));
        r.add(
            FieldInfo::new("ev.arg", FieldType::CharBuf, "index or dotted key")
                .arg(ArgForm::IndexOrKey, true),
        );
        r.add(
            FieldInfo::new("ev.label", FieldType::CharBuf, "bracketed key")
                .arg(ArgForm::Key, true)
                .flags(FieldFlags::ARG_BRACKETS_ONLY),
        );
        r.add(
            FieldInfo::new("ev.mount", FieldType::CharBuf, "bracketed index or key")
                .arg(ArgForm::IndexOrKey, true)
                .flags(FieldFlags::ARG_BRACKETS_ONLY),
        );
        r.add(
            FieldInfo::new("ev.cgroup", FieldType::CharBuf, "dotted key")
                .arg(ArgForm::Key, true)
                .flags(FieldFlags::ARG_DOTTED_ONLY),
        );
        r.add(
            FieldInfo::new("ev.any", FieldType::CharBuf, "key, both spellings")
                .arg(ArgForm::Key, false),
        );
        r
    }

    #[test]
    fn resolve_accepts_each_argument_spelling() {
        let r = registry();
        let cases: [(&str, Option<&str>, &str, Option<&str>); 10] = [
            ("ev.name", None, "ev.name", None),
            ("ev.anc", Some("3"), "ev.anc", Some("3")),
            ("ev.arg", Some("0"), "ev.arg", Some("0")),
            ("ev.arg.flags", None, "ev.arg", Some("flags")),
            (
                "ev.label",
                Some("app.kubernetes.io/name"),
                "ev.label",
                Some("app.kubernetes.io/name"),
            ),
            ("ev.mount", Some("/usr/*"), "ev.mount", Some("/usr/*")),
            ("ev.mount", Some("1"), "ev.mount", Some("1")),
            ("ev.cgroup.cpu", None, "ev.cgroup", Some("cpu")),
            ("ev.any", Some("k"), "ev.any", Some("k")),
            ("ev.any.k", None, "ev.any", Some("k")),
        ];
        for (name, arg, field, want) in cases {
            let (info, got) = r.resolve(name, arg).unwrap();
            assert_eq!(
                (info.name.as_str(), got.as_deref()),
                (field, want),
                "{name} {arg:?}"
            );
        }
    }

    #[test]
    fn arg_keys_take_the_longest_matching_key_and_its_type() {
        let mut r = registry();
        let keys = [("fd", FieldType::Fd), ("fdlimit", FieldType::Uint64)];
        r.add(
            FieldInfo::new("ev.param", FieldType::CharBuf, "param by name or index")
                .arg(ArgForm::IndexOrKey, true)
                .keys(ArgKeys::new("unknown param", keys)),
        );
        r.add(
            FieldInfo::new("ev.raw", FieldType::Dyn, "typed param, dotted only")
                .arg(ArgForm::Key, true)
                .flags(FieldFlags::ARG_DOTTED_ONLY)
                .keys(
                    ArgKeys::new("unknown param", keys)
                        .typed()
                        .bracketed_message("name it dotted"),
                ),
        );
        let ok = [
            ("ev.param.fd", None, FieldType::CharBuf),
            ("ev.param.fdlimit", None, FieldType::CharBuf),
            ("ev.param", Some("3"), FieldType::CharBuf),
            ("ev.raw.fd", None, FieldType::Fd),
            ("ev.raw.fdlimit", None, FieldType::Uint64),
        ];
        for (name, arg, ty) in ok {
            let got = r.resolve_typed(name, arg).map(|(_, _, t)| t);
            assert_eq!(got, Ok(ty), "{name} {arg:?}");
        }
        let bad = |message: &str| message.to_string();
        let rejected = [
            ("ev.param.x", None, Some(bad("unknown param x"))),
            ("ev.raw.x", None, Some(bad("unknown param x"))),
            ("ev.raw", Some("0"), Some(bad("name it dotted"))),
            // Longer than its longest match: no such field.
            ("ev.param.fdx", None, None),
        ];
        for (name, arg, message) in rejected {
            match (r.resolve_typed(name, arg), message) {
                (Err(FieldError::BadArg { message: got, .. }), Some(want)) => {
                    assert_eq!(got, want, "{name}")
                }
                (Err(FieldError::Unknown(_)), None) => assert!(!r.knows(name, arg)),
                (other, _) => panic!("{name} {arg:?}: {other:?}"),
            }
        }
        // Fields without a key table accept any key.
        assert!(r.resolve_typed("ev.any.whatever", None).is_ok());
    }

    #[test]
    fn resolve_rejects_wrong_spellings() {
        let r = registry();
        let unknown = ["ev.name.x", "ev.label.app", "ev.mount.x", "ev.nosuch"];
        for name in unknown {
            assert!(
                matches!(r.resolve(name, None), Err(FieldError::Unknown(_))),
                "{name}"
            );
        }
        assert!(matches!(
            r.resolve("ev.name", Some("1")),
            Err(FieldError::ArgNotAllowed(_))
        ));
        assert!(matches!(
            r.resolve("ev.arg", None),
            Err(FieldError::ArgRequired(_))
        ));
        assert!(matches!(
            r.resolve("ev.label", None),
            Err(FieldError::ArgRequired(_))
        ));
        for (name, arg) in [("ev.anc", "x"), ("ev.arg", "flags"), ("ev.cgroup", "cpu")] {
            assert!(
                matches!(r.resolve(name, Some(arg)), Err(FieldError::BadArg { .. })),
                "{name}"
            );
        }
        let Err(FieldError::BadArg { message, .. }) = r.resolve("ev.cgroup", Some("cpu")) else {
            panic!("bracketed argument of a dotted-only field accepted");
        };
        assert_eq!(message, "filter syntax error: ev.cgroup[cpu]");
    }
}
