//! The event interface: how an event source answers the engine's questions about one event.
//!
//! The engine asks two things of an event: its type code (to pick the rules that can match it)
//! and, lazily, the values of the fields its conditions and outputs use. An event source
//! implements [`Event`] for its event type; the engine calls [`Event::extract`] at most once per
//! field per event and keeps what was extracted in a [`Values`] buffer owned by the caller's
//! per-thread scratch, so extraction allocates nothing once the buffer has grown to its working
//! size.
//!
//! Values are written, not returned by reference: a source pushes numbers, addresses and byte
//! strings into [`Values`], copying strings into its arena. That keeps the interface free of
//! lifetimes (the scratch outlives every event) at the price of one short copy per extracted
//! string.
//!
//! ```
//! use falcod_rules::event::{Event, FieldArg, FieldRequest, Value, Values};
//! use falcod_rules::fields::FieldId;
//!
//! struct HttpRequest { path: String, status: u64 }
//!
//! impl Event for HttpRequest {
//!     fn event_type(&self) -> u16 { 0 }
//!     fn extract(&self, field: &FieldRequest, out: &mut Values) {
//!         match field.id.0 {
//!             0 => out.push_str(self.path.as_bytes()),
//!             1 => out.push_u64(self.status),
//!             _ => {} // unknown to this event: no value
//!         }
//!     }
//! }
//!
//! let ev = HttpRequest { path: "/admin".into(), status: 403 };
//! let mut values = Values::new();
//! let first = values.len();
//! ev.extract(&FieldRequest { id: FieldId(0), arg: FieldArg::None }, &mut values);
//! assert_eq!(values.get(first), Value::Str(b"/admin"));
//! ```

use std::fmt;
use std::net::IpAddr;

use crate::fields::FieldId;

/// A source's answer to "what is the event's value of this field?".
///
/// Implementations must be deterministic for a given event (the engine may memoise) and should be
/// cheap for fields that are not needed: the engine only asks for fields a condition reaches.
pub trait Event {
    /// The event-type code, in the code space of the source's
    /// [`EventTypeTable`](crate::fields::EventTypeTable).
    fn event_type(&self) -> u16;

    /// Pushes the value(s) of `field` into `out`.
    ///
    /// Push nothing when the event has no value for the field (Falco's "missing value": every
    /// comparison on it is false, `exists` is false). Push several values for list fields
    /// (`proc.aname` without an index, `fd.types`).
    fn extract(&self, field: &FieldRequest, out: &mut Values);
}

/// A field as the engine asks for it: the field and its argument, resolved when the rules were
/// compiled.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FieldRequest {
    /// The field, an id in the source's [`FieldRegistry`](crate::fields::FieldRegistry).
    pub id: FieldId,
    /// Its argument, if any.
    pub arg: FieldArg,
}

/// The argument of a field reference.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FieldArg {
    /// No argument.
    None,
    /// A numeric argument: `proc.aname[2]`, `evt.arg[0]`.
    Index(u64),
    /// A key: `evt.arg.flags`, `container.label[app]`.
    Key(Box<str>),
}

impl FieldArg {
    /// The argument from its written form, as an index when the text is a number.
    pub fn parse(arg: Option<&str>) -> FieldArg {
        match arg {
            None => FieldArg::None,
            Some(a) => match a.parse::<u64>() {
                Ok(n) => FieldArg::Index(n),
                Err(_) => FieldArg::Key(a.into()),
            },
        }
    }
}

/// One extracted value, borrowed from a [`Values`] buffer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    /// A string (CHARBUF, FSPATH, ...). Bytes, not necessarily UTF-8: paths and command lines
    /// from the kernel may hold anything.
    Str(&'a [u8]),
    /// Raw bytes (BYTEBUF).
    Bytes(&'a [u8]),
    /// Unsigned integer types (UINT*, PORT, ABSTIME, RELTIME, FLAGS*, MODE, UID, GID, ...).
    Uint(u64),
    /// Signed integer types (INT*, ERRNO, FD, PID).
    Int(i64),
    /// DOUBLE.
    Double(f64),
    /// BOOL.
    Bool(bool),
    /// IPV4ADDR, IPV6ADDR, IPADDR.
    Ip(IpAddr),
    /// IPV4NET, IPV6NET, IPNET: an address and a prefix length.
    Net(IpAddr, u8),
}

#[derive(Debug, Clone, Copy)]
enum Item {
    Str { start: u32, len: u32 },
    Bytes { start: u32, len: u32 },
    Uint(u64),
    Int(i64),
    Double(f64),
    Bool(bool),
    Ip(IpAddr),
    Net(IpAddr, u8),
}

/// A growable buffer of extracted values: items plus a byte arena for their strings.
///
/// Cleared (not freed) between events, so after warm-up extraction allocates nothing. Values are
/// addressed by position: note [`Values::len`] before extracting, and the field's values are the
/// items from there to the new length.
#[derive(Debug, Default, Clone)]
pub struct Values {
    items: Vec<Item>,
    bytes: Vec<u8>,
}

impl Values {
    /// An empty buffer.
    pub fn new() -> Values {
        Values::default()
    }

    /// Forgets every value, keeping the allocations.
    pub fn clear(&mut self) {
        self.items.clear();
        self.bytes.clear();
    }

    /// Number of values held.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True if no value is held.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Drops the values from position `len` on (and their bytes).
    pub fn truncate(&mut self, len: usize) {
        let first_bytes = self.items.iter().skip(len).find_map(|item| match *item {
            Item::Str { start, .. } | Item::Bytes { start, .. } => Some(start),
            _ => None,
        });
        if let Some(start) = first_bytes {
            self.bytes.truncate(start as usize);
        }
        self.items.truncate(len);
    }

    /// The value at position `i`.
    ///
    /// # Panics
    /// If `i >= self.len()`: positions come from the engine's own bookkeeping, never from input.
    pub fn get(&self, i: usize) -> Value<'_> {
        match self.items[i] {
            Item::Str { start, len } => {
                Value::Str(&self.bytes[start as usize..(start + len) as usize])
            }
            Item::Bytes { start, len } => {
                Value::Bytes(&self.bytes[start as usize..(start + len) as usize])
            }
            Item::Uint(v) => Value::Uint(v),
            Item::Int(v) => Value::Int(v),
            Item::Double(v) => Value::Double(v),
            Item::Bool(v) => Value::Bool(v),
            Item::Ip(v) => Value::Ip(v),
            Item::Net(a, p) => Value::Net(a, p),
        }
    }

    /// The values at positions `range`.
    pub fn range(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = Value<'_>> + '_ {
        range.map(move |i| self.get(i))
    }

    fn arena(&mut self, s: &[u8]) -> (u32, u32) {
        let start = self.bytes.len() as u32;
        self.bytes.extend_from_slice(s);
        (start, s.len() as u32)
    }

    /// Pushes a string value (copied).
    pub fn push_str(&mut self, s: &[u8]) {
        let (start, len) = self.arena(s);
        self.items.push(Item::Str { start, len });
    }

    /// Pushes a string value built in place: `write` appends to the arena (e.g. a command line
    /// joined from its arguments) without a temporary allocation.
    pub fn push_str_with(&mut self, write: impl FnOnce(&mut Vec<u8>)) {
        let start = self.bytes.len();
        write(&mut self.bytes);
        let len = (self.bytes.len() - start) as u32;
        self.items.push(Item::Str {
            start: start as u32,
            len,
        });
    }

    /// Pushes a string value formatted with `format_args!`.
    pub fn push_fmt(&mut self, args: fmt::Arguments<'_>) {
        use std::io::Write as _;
        self.push_str_with(|buf| {
            // Writing into a Vec cannot fail.
            let _ = buf.write_fmt(args);
        });
    }

    /// Pushes a byte-buffer value (copied).
    pub fn push_bytes(&mut self, b: &[u8]) {
        let (start, len) = self.arena(b);
        self.items.push(Item::Bytes { start, len });
    }

    /// Pushes an unsigned integer.
    pub fn push_u64(&mut self, v: u64) {
        self.items.push(Item::Uint(v));
    }

    /// Pushes a signed integer.
    pub fn push_i64(&mut self, v: i64) {
        self.items.push(Item::Int(v));
    }

    /// Pushes a double.
    pub fn push_f64(&mut self, v: f64) {
        self.items.push(Item::Double(v));
    }

    /// Pushes a boolean.
    pub fn push_bool(&mut self, v: bool) {
        self.items.push(Item::Bool(v));
    }

    /// Pushes an IP address.
    pub fn push_ip(&mut self, v: IpAddr) {
        self.items.push(Item::Ip(v));
    }

    /// Pushes an IP network (address and prefix length).
    pub fn push_net(&mut self, addr: IpAddr, prefix: u8) {
        self.items.push(Item::Net(addr, prefix));
    }

    /// Pushes a value of any kind (copying borrowed bytes).
    pub fn push(&mut self, v: Value<'_>) {
        match v {
            Value::Str(s) => self.push_str(s),
            Value::Bytes(b) => self.push_bytes(b),
            Value::Uint(x) => self.push_u64(x),
            Value::Int(x) => self.push_i64(x),
            Value::Double(x) => self.push_f64(x),
            Value::Bool(x) => self.push_bool(x),
            Value::Ip(a) => self.push_ip(a),
            Value::Net(a, p) => self.push_net(a, p),
        }
    }
}
