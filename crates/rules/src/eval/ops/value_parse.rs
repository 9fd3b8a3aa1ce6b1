//! Literal right-hand values parsed as the left side's type (libsinsp `string_to_rawval`).
//!
//! One parser serves both the load-time type check (`compile::check`, which only wants the error
//! message) and the evaluator (which keeps the typed value). Numbers follow `sscanf("%d%c")` /
//! `sscanf("%u%c")`: leading blanks and a sign are accepted, anything after the digits is not,
//! hexadecimal (`0x1F`) is rejected, and the result is truncated to the field's width the way the
//! C casts do (`uint16 = 70000` compares against 4464).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::ast::CmpOp;
use crate::fields::FieldType;

/// A literal value, typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// A string or raw byte buffer (hex-decoded for `bcontains`/`bstartswith`).
    Bytes(Box<[u8]>),
    /// An unsigned number, already truncated to the field's width.
    Uint(u64),
    /// A signed number, already truncated to the field's width.
    Int(i64),
    /// A double (libsinsp parses only integers for DOUBLE fields).
    Double(f64),
    /// `true` / `false`.
    Bool(bool),
    /// An IPv4 or IPv6 address.
    Ip(IpAddr),
    /// A CIDR network.
    Net(IpNet),
}

/// An IPv4 or IPv6 network: address and prefix length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IpNet {
    /// The network address as written (host bits are ignored when testing membership).
    pub addr: IpAddr,
    /// The prefix length (0..=32 for IPv4, 1..=128 for IPv6).
    pub prefix: u8,
}

impl IpNet {
    /// True if `ip` lies in the network. An address of the other family never does.
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, ip) {
            (IpAddr::V4(n), IpAddr::V4(a)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(n) & mask == u32::from(a) & mask
            }
            (IpAddr::V6(n), IpAddr::V6(a)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(n) & mask == u128::from(a) & mask
            }
            _ => false,
        }
    }
}

/// The width and signedness libsinsp compares a numeric type in (`flt_compare`'s casts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumClass {
    /// Unsigned, compared on this many low bits.
    Unsigned(u32),
    /// Signed, compared on this many low bits (sign-extended).
    Signed(u32),
    /// Double.
    Double,
}

impl NumClass {
    /// The numeric class of a field type, `None` for non-numeric types.
    pub fn of(ty: FieldType) -> Option<NumClass> {
        use FieldType::*;
        Some(match ty {
            Int8 => NumClass::Signed(8),
            Int16 => NumClass::Signed(16),
            Int32 => NumClass::Signed(32),
            Int64 | Fd | Pid | Errno => NumClass::Signed(64),
            Uint8 | Flags8 | SigType | L4Proto => NumClass::Unsigned(8),
            Uint16 | Flags16 | Port | SyscallId => NumClass::Unsigned(16),
            Uint32 | Flags32 | Mode | Uid | Gid => NumClass::Unsigned(32),
            Uint64 | RelTime | AbsTime => NumClass::Unsigned(64),
            Double => NumClass::Double,
            _ => return None,
        })
    }

    /// Truncates an unsigned value to the class's width.
    pub fn truncate_u(self, v: u64) -> u64 {
        match self {
            NumClass::Unsigned(bits) if bits < 64 => v & ((1u64 << bits) - 1),
            _ => v,
        }
    }

    /// Truncates a signed value to the class's width, sign-extending.
    pub fn truncate_i(self, v: i64) -> i64 {
        match self {
            NumClass::Signed(bits) if bits < 64 => {
                let shift = 64 - bits;
                (v << shift) >> shift
            }
            _ => v,
        }
    }
}

/// True if `s` is a non-empty-or-empty even-length string of hex digits (what `bcontains`
/// accepts).
pub fn is_hex(s: &str) -> bool {
    s.len().is_multiple_of(2) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Decodes a hex string (`68656c6c6f` → `hello`); `None` if it is not hex.
pub fn decode_hex(s: &str) -> Option<Vec<u8>> {
    if !is_hex(s) {
        return None;
    }
    let digit = |b: u8| (b as char).to_digit(16).unwrap_or(0) as u8;
    Some(
        s.as_bytes()
            .chunks_exact(2)
            .map(|p| (digit(p[0]) << 4) | digit(p[1]))
            .collect(),
    )
}

const C_SPACE: [char; 6] = [' ', '\t', '\n', '\r', '\x0b', '\x0c'];

/// The sign and the digits of a decimal integer after leading C blanks (`sscanf`'s view), or
/// `None` when anything but digits follows the optional sign.
fn sign_and_digits(s: &str) -> Option<(bool, &str)> {
    let t = s.trim_start_matches(C_SPACE);
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some((neg, digits))
}

/// `sscanf("%lu%c")`: leading blanks, optional sign, digits, nothing after; saturates at
/// `u64::MAX` and wraps a negative value like `strtoul`.
pub fn scan_u64(s: &str) -> Option<u64> {
    let (neg, digits) = sign_and_digits(s)?;
    let v = digits.parse::<u64>().unwrap_or(u64::MAX);
    Some(if neg { v.wrapping_neg() } else { v })
}

/// `sscanf("%ld%c")`: like [`scan_u64`] but signed, saturating at the `i64` bounds like `strtol`.
pub fn scan_i64(s: &str) -> Option<i64> {
    let (neg, digits) = sign_and_digits(s)?;
    let magnitude = digits.parse::<u64>().unwrap_or(u64::MAX);
    Some(if neg {
        if magnitude > i64::MAX as u64 {
            i64::MIN
        } else {
            -(magnitude as i64)
        }
    } else {
        i64::try_from(magnitude).unwrap_or(i64::MAX)
    })
}

/// Parses one literal of a comparison whose left side has type `ty`.
///
/// `bcontains` and `bstartswith` take hex on any type (the operator check rejects them on
/// non-buffers); every other operator parses the text as the field's type. Errors carry
/// libsinsp's messages.
pub fn parse_literal(ty: FieldType, op: CmpOp, v: &str) -> Result<Literal, String> {
    if matches!(op, CmpOp::BContains | CmpOp::BStartsWith) {
        return decode_hex(v)
            .map(|b| Literal::Bytes(b.into()))
            .ok_or_else(|| {
                "filter error: bcontains and bstartswith operator support hex strings only".into()
            });
    }
    parse_value(ty, v)
}

/// Parses a literal as a value of type `ty` (libsinsp `string_to_rawval`).
pub fn parse_value(ty: FieldType, v: &str) -> Result<Literal, String> {
    use FieldType::*;
    let not_a_number = || format!("{v} is not a valid number");
    if let Some(class) = NumClass::of(ty) {
        if ty == Port {
            return parse_port(v).map(|p| Literal::Uint(u64::from(p)));
        }
        return match class {
            // `%d` reads into an int: 32-bit truncation first, then the field's cast.
            NumClass::Signed(bits) if bits < 64 => {
                let n = scan_i64(v).ok_or_else(not_a_number)? as i32;
                Ok(Literal::Int(class.truncate_i(i64::from(n))))
            }
            NumClass::Signed(_) => Ok(Literal::Int(scan_i64(v).ok_or_else(not_a_number)?)),
            NumClass::Unsigned(bits) if bits < 64 => {
                let n = scan_u64(v).ok_or_else(not_a_number)? as u32;
                Ok(Literal::Uint(class.truncate_u(u64::from(n))))
            }
            NumClass::Unsigned(_) => Ok(Literal::Uint(scan_u64(v).ok_or_else(not_a_number)?)),
            // libsinsp parses DOUBLE values as 32-bit integers.
            NumClass::Double => {
                let n = scan_i64(v).ok_or_else(not_a_number)? as i32;
                Ok(Literal::Double(f64::from(n)))
            }
        };
    }
    match ty {
        Bool => match v {
            "true" => Ok(Literal::Bool(true)),
            "false" => Ok(Literal::Bool(false)),
            _ => Err(format!("filter error: unrecognized boolean value {v}")),
        },
        IpAddr if v.contains('.') => parse_value(Ipv4Addr, v),
        IpAddr | Ipv6Addr => v
            .parse::<std::net::Ipv6Addr>()
            .map(|a| Literal::Ip(a.into()))
            .map_err(|_| format!("unrecognized IPv6 address {v}")),
        Ipv4Addr => v
            .parse::<std::net::Ipv4Addr>()
            .map(|a| Literal::Ip(a.into()))
            .map_err(|_| format!("unrecognized IPv4 address {v}")),
        IpNet if v.contains('.') => parse_value(Ipv4Net, v),
        Ipv4Net => parse_v4_net(v).map(Literal::Net),
        IpNet | Ipv6Net => parse_v6_net(v).map(Literal::Net),
        // Strings, buffers, socket tuples, dynamically typed fields: taken as written.
        _ => Ok(Literal::Bytes(v.as_bytes().into())),
    }
}

fn parse_v4_net(v: &str) -> Result<IpNet, String> {
    let Some((ip, mask)) = v.split_once('/') else {
        return Err(format!("unrecognized IP network {v}"));
    };
    let Ok(addr) = ip.parse::<Ipv4Addr>() else {
        return Err(format!("unrecognized IP address {v}"));
    };
    let bits = scan_u64(mask).ok_or_else(|| format!("{mask} is not a valid number"))? as u32 as u8;
    if bits > 32 {
        return Err(format!("invalid netmask {mask}"));
    }
    Ok(IpNet {
        addr: addr.into(),
        prefix: bits,
    })
}

fn parse_v6_net(v: &str) -> Result<IpNet, String> {
    let Some((ip, mask)) = v.split_once('/') else {
        return Err(format!("invalid v6 netmask: {v}"));
    };
    let Ok(addr) = ip.parse::<Ipv6Addr>() else {
        return Err(format!("unrecognized IPv6 address {v}"));
    };
    let bits = scan_u64(mask).ok_or_else(|| format!("{mask} is not a valid number"))? as u32 as u8;
    if bits == 0 || bits > 128 {
        return Err(format!("invalid v6 netmask {mask}"));
    }
    Ok(IpNet {
        addr: addr.into(),
        prefix: bits,
    })
}

/// A PORT literal: empty (0), all digits (`stoi`, truncated to 16 bits), or a service name from
/// [`service_port`].
pub fn parse_port(v: &str) -> Result<u16, String> {
    if v.is_empty() {
        return Ok(0);
    }
    if v.bytes().all(|b| b.is_ascii_digit()) {
        // `stoi` throws `out_of_range` past INT_MAX.
        return match v.parse::<i32>() {
            Ok(n) => Ok(n as u16),
            Err(_) => Err("stoi".into()),
        };
    }
    service_port(v).ok_or_else(|| format!("unrecognized protocol {v}"))
}

/// Port numbers of common service names.
///
/// libsinsp asks `getservbyname`, i.e. the host's `/etc/services`; this is a fixed table of the
/// names a typical system resolves (IANA assignments, tcp/udp), so a rule naming an exotic
/// service may be rejected here and accepted by Falco on a host that knows it.
pub fn service_port(name: &str) -> Option<u16> {
    SERVICES.iter().find(|(n, _)| *n == name).map(|(_, p)| *p)
}

const SERVICES: &[(&str, u16)] = &[
    ("tcpmux", 1),
    ("echo", 7),
    ("discard", 9),
    ("systat", 11),
    ("daytime", 13),
    ("netstat", 15),
    ("chargen", 19),
    ("ftp-data", 20),
    ("ftp", 21),
    ("ssh", 22),
    ("telnet", 23),
    ("smtp", 25),
    ("time", 37),
    ("whois", 43),
    ("tacacs", 49),
    ("domain", 53),
    ("bootps", 67),
    ("bootpc", 68),
    ("tftp", 69),
    ("gopher", 70),
    ("finger", 79),
    ("http", 80),
    ("kerberos", 88),
    ("iso-tsap", 102),
    ("pop3", 110),
    ("sunrpc", 111),
    ("auth", 113),
    ("nntp", 119),
    ("ntp", 123),
    ("epmap", 135),
    ("netbios-ns", 137),
    ("netbios-dgm", 138),
    ("netbios-ssn", 139),
    ("imap", 143),
    ("imap2", 143),
    ("snmp", 161),
    ("snmp-trap", 162),
    ("xdmcp", 177),
    ("bgp", 179),
    ("irc", 194),
    ("ldap", 389),
    ("https", 443),
    ("microsoft-ds", 445),
    ("kpasswd", 464),
    ("submissions", 465),
    ("isakmp", 500),
    ("exec", 512),
    ("login", 513),
    ("shell", 514),
    ("syslog", 514),
    ("printer", 515),
    ("route", 520),
    ("uucp", 540),
    ("submission", 587),
    ("ipp", 631),
    ("ldaps", 636),
    ("rsync", 873),
    ("ftps-data", 989),
    ("ftps", 990),
    ("telnets", 992),
    ("imaps", 993),
    ("pop3s", 995),
    ("socks", 1080),
    ("openvpn", 1194),
    ("ms-sql-s", 1433),
    ("ms-sql-m", 1434),
    ("ingreslock", 1524),
    ("l2tp", 1701),
    ("pptp", 1723),
    ("radius", 1812),
    ("radius-acct", 1813),
    ("nfs", 2049),
    ("gnunet", 2086),
    ("iscsi-target", 3260),
    ("mysql", 3306),
    ("ms-wbt-server", 3389),
    ("svn", 3690),
    ("sip", 5060),
    ("sip-tls", 5061),
    ("xmpp-client", 5222),
    ("xmpp-server", 5269),
    ("postgresql", 5432),
    ("amqp", 5672),
    ("x11", 6000),
    ("ircd", 6667),
    ("http-alt", 8080),
    ("git", 9418),
    ("zabbix-agent", 10050),
    ("zabbix-trapper", 10051),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_scanf_and_c_casts() {
        use FieldType::*;
        let cases: &[(FieldType, &str, Literal)] = &[
            (Uint16, "70000", Literal::Uint(4464)),
            (Uint8, "-1", Literal::Uint(255)),
            (Uint32, " 7", Literal::Uint(7)),
            (Int8, "200", Literal::Int(-56)),
            (Int64, "-9223372036854775809", Literal::Int(i64::MIN)),
            (Uint64, "-1", Literal::Uint(u64::MAX)),
            (Double, "12", Literal::Double(12.0)),
            (Port, "ssh", Literal::Uint(22)),
            (Port, "", Literal::Uint(0)),
            (Port, "65537", Literal::Uint(1)),
        ];
        for (ty, text, want) in cases {
            assert_eq!(parse_value(*ty, text).as_ref(), Ok(want), "{ty} {text}");
        }
        for bad in ["0x1F", "1.5", "", " ", "7 ", "+"] {
            assert_eq!(
                parse_value(Uint32, bad),
                Err(format!("{bad} is not a valid number"))
            );
        }
        assert_eq!(parse_value(Port, "99999999999"), Err("stoi".into()));
    }

    #[test]
    fn networks_follow_libsinsp() {
        let ok: &[(&str, &str, u8)] = &[
            ("10.0.0.0/8", "10.0.0.0", 8),
            ("0.0.0.0/0", "0.0.0.0", 0),
            ("1.2.3.4/264", "1.2.3.4", 8),
            ("2001:db8::/32", "2001:db8::", 32),
        ];
        for (text, addr, prefix) in ok {
            let want = Literal::Net(super::IpNet {
                addr: addr.parse().unwrap(),
                prefix: *prefix,
            });
            assert_eq!(parse_value(FieldType::IpNet, text), Ok(want), "{text}");
        }
        let bad: &[(&str, &str)] = &[
            ("10.0.0.1", "unrecognized IP network 10.0.0.1"),
            ("10.0.0/8", "unrecognized IP address 10.0.0/8"),
            ("10.0.0.0/33", "invalid netmask 33"),
            ("10.0.0.0/x", "x is not a valid number"),
            ("::1", "invalid v6 netmask: ::1"),
            ("::1/0", "invalid v6 netmask 0"),
            ("::1/129", "invalid v6 netmask 129"),
            ("fe80::zz/64", "unrecognized IPv6 address fe80::zz/64"),
        ];
        for (text, msg) in bad {
            assert_eq!(
                parse_value(FieldType::IpNet, text),
                Err(msg.to_string()),
                "{text}"
            );
        }
    }

    #[test]
    fn cidr_membership() {
        let net = |s: &str| match parse_value(FieldType::IpNet, s) {
            Ok(Literal::Net(n)) => n,
            other => panic!("{other:?}"),
        };
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert!(net("192.168.0.0/16").contains(ip("192.168.255.1")));
        assert!(!net("192.168.0.0/16").contains(ip("192.169.0.1")));
        assert!(net("0.0.0.0/0").contains(ip("8.8.8.8")));
        assert!(!net("0.0.0.0/0").contains(ip("::1")));
        assert!(net("2001:db8::/65").contains(ip("2001:db8::7fff:0:0:1")));
        assert!(!net("2001:db8::/65").contains(ip("2001:db8::8000:0:0:1")));
        assert!(net("::1/128").contains(ip("::1")));
    }

    #[test]
    fn hex() {
        assert_eq!(decode_hex("68656C6c6f").as_deref(), Some(&b"hello"[..]));
        assert_eq!(decode_hex("").as_deref(), Some(&b""[..]));
        assert_eq!(decode_hex("686"), None);
        assert_eq!(decode_hex("6g"), None);
    }
}
