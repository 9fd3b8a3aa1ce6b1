//! What a hook sees of one operation ([`LsmRequest`]), and the two translations between requests
//! and Falco events: a captured event read as the request the kernel would have seen
//! ([`LsmRequest::from_event`], for dry runs), and a request presented as the Falco event that
//! reports the operation ([`RequestEvent`], the oracle the policy is tested against).

use std::net::IpAddr;

use falcod_rules::event::{Event, FieldArg, FieldRequest, Value, Values};
use falcod_rules::fields::SourceSchema;

use crate::hooks::{Attr, Hook, PathSlot, PathView};
use crate::literal::AttrValue;

/// One operation at one hook, as the values the kernel computes for each attribute.
///
/// Paths are absolute and normalised (no `//`, `.` or `..`, no trailing `/`), as `d_path`
/// gives them. `comm` values are at most 15 bytes, as the kernel's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LsmRequest {
    /// The hook.
    pub hook: Hook,
    /// `proc.name`: the task's comm; at `bprm_check_security` the new program's.
    pub comm: Option<String>,
    /// `proc.pname`: the parent's comm.
    pub parent_comm: Option<String>,
    /// `proc.exepath`: the executable; at `bprm_check_security` the new binary.
    pub exe: Option<String>,
    /// `user.uid`.
    pub uid: Option<u32>,
    /// `container.id` (`host` outside containers).
    pub container_id: Option<String>,
    /// The first path ([`PathSlot::First`]): opened file, removed/created/changed entry, old
    /// name of a rename, new link of `link`/`symlink`, module file.
    pub path: Option<String>,
    /// The second path ([`PathSlot::Second`]): new name of a rename, existing file of `link`.
    pub path2: Option<String>,
    /// `file_open`: read access asked.
    pub open_read: bool,
    /// `file_open`: write access asked.
    pub open_write: bool,
    /// `file_open`: opened with `O_DIRECTORY`.
    pub open_directory: bool,
    /// `socket_connect`: the peer's address and port; `None` for a non-IP socket (unix).
    pub peer: Option<(IpAddr, u16)>,
}

impl LsmRequest {
    /// A request at `hook` with no values.
    pub fn new(hook: Hook) -> LsmRequest {
        LsmRequest {
            hook,
            comm: None,
            parent_comm: None,
            exe: None,
            uid: None,
            container_id: None,
            path: None,
            path2: None,
            open_read: false,
            open_write: false,
            open_directory: false,
            peer: None,
        }
    }

    /// The request's value of an attribute (`None`: it has none).
    pub fn value(&self, attr: Attr) -> Option<AttrValue<'_>> {
        fn s(v: &Option<String>) -> Option<AttrValue<'_>> {
            v.as_deref().map(AttrValue::Str)
        }
        match attr {
            Attr::Comm => s(&self.comm),
            Attr::ParentComm => s(&self.parent_comm),
            Attr::Exe => s(&self.exe),
            Attr::Uid => self.uid.map(|u| AttrValue::Num(u64::from(u))),
            Attr::ContainerId => s(&self.container_id),
            Attr::Path(slot, view) => {
                let p = match slot {
                    PathSlot::First => self.path.as_deref()?,
                    PathSlot::Second => self.path2.as_deref()?,
                };
                let dir = self.open_directory && slot == PathSlot::First;
                path_view(p, view, dir).map(AttrValue::Str)
            }
            Attr::OpenRead => {
                (self.hook == Hook::FileOpen).then_some(AttrValue::Bool(self.open_read))
            }
            Attr::OpenWrite => {
                (self.hook == Hook::FileOpen).then_some(AttrValue::Bool(self.open_write))
            }
            Attr::FdType => self.fd_type().map(AttrValue::Str),
            Attr::PeerIp => self.peer.map(|(ip, _)| AttrValue::Ip(ip)),
            Attr::PeerPort => self.peer.map(|(_, p)| AttrValue::Num(u64::from(p))),
        }
    }

    /// `fd.typechar` at the hooks that have one.
    fn fd_type(&self) -> Option<&'static str> {
        match self.hook {
            Hook::FileOpen => Some(if self.open_directory { "d" } else { "f" }),
            Hook::SocketConnect => Some(match self.peer {
                Some((IpAddr::V4(_), _)) => "4",
                Some((IpAddr::V6(_), _)) => "6",
                None => "u",
            }),
            _ => None,
        }
    }

    /// The requests the kernel would have seen for a captured (exit) event: none for events no
    /// hook decides, one otherwise. Values come from the event's Falco fields (`fd.name`,
    /// `fs.path.*`, falling back to absolute path arguments when the source does not provide
    /// `fs.path.*`).
    pub fn from_event<E: Event + ?Sized>(event: &E, schema: &SourceSchema) -> Option<LsmRequest> {
        let name = schema.event_types.name(event.event_type())?;
        let x = Extractor { event, schema };
        let hook = match name {
            "unlinkat" => {
                let flags = x.str_arg("evt.arg", "flags").unwrap_or_default();
                if flags.contains("AT_REMOVEDIR") {
                    Hook::PathRmdir
                } else {
                    Hook::PathUnlink
                }
            }
            _ => *Hook::for_event(name).first()?,
        };
        let mut r = LsmRequest::new(hook);
        r.comm = x.str("proc.name");
        r.parent_comm = x.str("proc.pname");
        r.exe = x.str("proc.exepath");
        r.uid = x.num("user.uid").and_then(|u| u32::try_from(u).ok());
        r.container_id = x.str("container.id");
        let abs = |field: &str, args: &[&str]| {
            x.str(field).or_else(|| {
                args.iter()
                    .filter_map(|a| x.str_arg("evt.arg", a))
                    .find(|p| p.starts_with('/'))
            })
        };
        match hook {
            Hook::FileOpen | Hook::KernelReadFile => {
                r.path = x.str("fd.name");
                r.open_read = x.boolean("evt.is_open_read").unwrap_or(false);
                r.open_write = x.boolean("evt.is_open_write").unwrap_or(false);
                r.open_directory = x.str("fd.typechar").as_deref() == Some("d");
            }
            Hook::SocketConnect => {
                r.peer = match (x.ip("fd.sip"), x.num("fd.sport")) {
                    (Some(ip), Some(port)) => u16::try_from(port).ok().map(|p| (ip, p)),
                    _ => None,
                };
            }
            Hook::PathUnlink | Hook::PathRmdir | Hook::PathMkdir | Hook::PathChmod => {
                r.path = abs("fs.path.name", &["path", "name", "pathname", "filename"]);
            }
            Hook::PathRename => {
                r.path = abs("fs.path.source", &["oldpath"]);
                r.path2 = abs("fs.path.target", &["newpath"]);
            }
            Hook::PathLink => {
                r.path = abs("fs.path.source", &["newpath"]);
                r.path2 = abs("fs.path.target", &["oldpath"]);
            }
            Hook::PathSymlink => r.path = abs("fs.path.source", &["linkpath"]),
            _ => {}
        }
        Some(r)
    }
}

/// `fd.directory` and `fd.filename` of a path, as libsinsp derives them.
fn path_view(p: &str, view: PathView, directory: bool) -> Option<&str> {
    match view {
        PathView::Full => Some(p),
        PathView::Dir if directory => Some(p),
        PathView::Dir => Some(match p.rfind('/') {
            Some(0) | None => "/",
            Some(i) if i + 1 == p.len() => p,
            Some(i) => &p[..i],
        }),
        PathView::Base if directory => None,
        PathView::Base => Some(match p.rfind('/') {
            Some(i) if i + 1 < p.len() => &p[i + 1..],
            Some(_) => p,
            None => "/",
        }),
    }
}

struct Extractor<'a, E: ?Sized> {
    event: &'a E,
    schema: &'a SourceSchema,
}

impl<E: Event + ?Sized> Extractor<'_, E> {
    fn first<T>(
        &self,
        field: &str,
        arg: FieldArg,
        f: impl Fn(Value<'_>) -> Option<T>,
    ) -> Option<T> {
        let id = self.schema.fields.id(field)?;
        let mut values = Values::new();
        self.event.extract(&FieldRequest { id, arg }, &mut values);
        if values.is_empty() {
            return None;
        }
        f(values.get(0))
    }

    fn str(&self, field: &str) -> Option<String> {
        self.first(field, FieldArg::None, as_string)
    }

    fn str_arg(&self, field: &str, key: &str) -> Option<String> {
        self.first(field, FieldArg::Key(key.into()), as_string)
    }

    fn num(&self, field: &str) -> Option<u64> {
        self.first(field, FieldArg::None, |v| match v {
            Value::Uint(n) => Some(n),
            Value::Int(n) => u64::try_from(n).ok(),
            _ => None,
        })
    }

    fn boolean(&self, field: &str) -> Option<bool> {
        self.first(field, FieldArg::None, |v| match v {
            Value::Bool(b) => Some(b),
            _ => None,
        })
    }

    fn ip(&self, field: &str) -> Option<IpAddr> {
        self.first(field, FieldArg::None, |v| match v {
            Value::Ip(a) | Value::Net(a, _) => Some(a),
            _ => None,
        })
    }
}

fn as_string(v: Value<'_>) -> Option<String> {
    match v {
        Value::Str(s) | Value::Bytes(s) => Some(String::from_utf8_lossy(s).into_owned()),
        _ => None,
    }
}

/// A request presented as the Falco (exit) event reporting the same operation, when it
/// succeeds: the event the rule's original condition is evaluated on when testing a policy.
///
/// It answers the fields the pushdown compiler knows (with the same meaning per hook as the
/// compiler gives them), plus `evt.type` (the given syscall), `evt.dir` (`<`), `evt.failed`
/// (false), `evt.res` (`SUCCESS`) and `fd.num` (3, at hooks whose event has an fd).
#[derive(Debug, Clone)]
pub struct RequestEvent<'a> {
    req: &'a LsmRequest,
    schema: &'a SourceSchema,
    evt_type: &'a str,
    code: u16,
}

impl<'a> RequestEvent<'a> {
    /// The event for `req` as the syscall `evt_type` (one of `req.hook`'s syscalls); `None` if
    /// the schema has no such event type.
    pub fn new(
        req: &'a LsmRequest,
        evt_type: &'a str,
        schema: &'a SourceSchema,
    ) -> Option<RequestEvent<'a>> {
        let code = schema.event_types.codes(evt_type)?.iter().last()?;
        Some(RequestEvent {
            req,
            schema,
            evt_type,
            code,
        })
    }
}

impl Event for RequestEvent<'_> {
    fn event_type(&self) -> u16 {
        self.code
    }

    fn extract(&self, field: &FieldRequest, out: &mut Values) {
        if field.arg != FieldArg::None {
            return;
        }
        let name = self.schema.fields.get(field.id).name.as_str();
        let r = self.req;
        let push = |out: &mut Values, v: Option<AttrValue<'_>>| match v {
            Some(AttrValue::Str(s)) => out.push_str(s.as_bytes()),
            Some(AttrValue::Num(n)) => out.push_u64(n),
            Some(AttrValue::Bool(b)) => out.push_bool(b),
            Some(AttrValue::Ip(a)) => out.push_ip(a),
            None => {}
        };
        match name {
            "evt.type" => out.push_str(self.evt_type.as_bytes()),
            "evt.dir" => out.push_str(b"<"),
            "evt.failed" => out.push_bool(false),
            "evt.res" => out.push_str(b"SUCCESS"),
            "fd.num" => {
                if matches!(
                    r.hook,
                    Hook::FileOpen | Hook::SocketConnect | Hook::KernelReadFile
                ) {
                    out.push_i64(3);
                }
            }
            _ => {
                if let Ok(attr) = crate::hooks::field_attr(name, r.hook) {
                    push(out, r.value(attr));
                }
            }
        }
    }
}
