//! A small reader of the kernel's BTF (`/sys/kernel/btf/vmlinux`): enough to find the byte
//! offset of a struct member, which the kernel programs need because Rust eBPF has no CO-RE
//! relocations.
//!
//! Format: a header (magic `0xEB9F`, version, flags, header length, then offset and length of
//! the type and string sections, relative to the end of the header), a type section of
//! variable-length records (`name_off`, `info` with kind and member count, size or type, then
//! kind-specific data) and a string section of NUL-terminated names.

use std::collections::HashMap;

/// Why BTF could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BtfError {
    /// The data is not BTF or is cut short.
    #[error("invalid BTF: {0}")]
    Invalid(String),
    /// No struct of that name.
    #[error("the kernel's BTF has no struct {0}")]
    NoStruct(String),
    /// The struct has no such member.
    #[error("the kernel's BTF has no member {member} in struct {strukt}")]
    NoMember {
        /// The struct.
        strukt: String,
        /// The member path asked for.
        member: String,
    },
}

const KIND_INT: u32 = 1;
const KIND_ARRAY: u32 = 3;
const KIND_STRUCT: u32 = 4;
const KIND_UNION: u32 = 5;
const KIND_ENUM: u32 = 6;
const KIND_TYPEDEF: u32 = 8;
const KIND_VOLATILE: u32 = 9;
const KIND_CONST: u32 = 10;
const KIND_RESTRICT: u32 = 11;
const KIND_FUNC_PROTO: u32 = 13;
const KIND_VAR: u32 = 14;
const KIND_DATASEC: u32 = 15;
const KIND_DECL_TAG: u32 = 17;
const KIND_TYPE_TAG: u32 = 18;
const KIND_ENUM64: u32 = 19;

#[derive(Debug, Clone)]
struct Member {
    name: String,
    type_id: u32,
    bit_offset: u32,
}

#[derive(Debug, Clone)]
struct Type {
    kind: u32,
    /// The referenced type (typedef, const, volatile, ...).
    target: u32,
    members: Vec<Member>,
}

/// Parsed BTF: types by id and structs by name.
#[derive(Debug, Clone)]
pub struct Btf {
    /// Index 0 is the `void` type.
    types: Vec<Type>,
    structs: HashMap<String, u32>,
    /// Enumerator values by enum name, then enumerator name.
    enums: HashMap<String, HashMap<String, i64>>,
}

fn u32_at(b: &[u8], at: usize) -> Result<u32, BtfError> {
    b.get(at..at + 4)
        .and_then(|s| s.try_into().ok())
        .map(u32::from_le_bytes)
        .ok_or_else(|| BtfError::Invalid(format!("truncated at byte {at}")))
}

fn name_at(strings: &[u8], off: u32) -> String {
    let s = strings.get(off as usize..).unwrap_or_default();
    let end = s.iter().position(|&b| b == 0).unwrap_or(s.len());
    String::from_utf8_lossy(s.get(..end).unwrap_or_default()).into_owned()
}

impl Btf {
    /// Parses little-endian BTF data.
    pub fn parse(data: &[u8]) -> Result<Btf, BtfError> {
        let magic = data
            .get(..2)
            .map(|m| u16::from_le_bytes([m[0], m[1]]))
            .ok_or_else(|| BtfError::Invalid("empty".into()))?;
        if magic != 0xEB9F {
            return Err(BtfError::Invalid(format!(
                "bad magic {magic:#x} (expected 0xeb9f, little-endian BTF)"
            )));
        }
        let hdr_len = u32_at(data, 4)? as usize;
        let type_off = u32_at(data, 8)? as usize;
        let type_len = u32_at(data, 12)? as usize;
        let str_off = u32_at(data, 16)? as usize;
        let str_len = u32_at(data, 20)? as usize;
        let section = |off: usize, len: usize, what: &str| {
            data.get(hdr_len + off..hdr_len + off + len)
                .ok_or_else(|| BtfError::Invalid(format!("{what} section out of bounds")))
        };
        let types = section(type_off, type_len, "type")?;
        let strings = section(str_off, str_len, "string")?;
        let mut btf = Btf {
            types: vec![Type {
                kind: 0,
                target: 0,
                members: Vec::new(),
            }],
            structs: HashMap::new(),
            enums: HashMap::new(),
        };
        let mut at = 0;
        while at < types.len() {
            let name_off = u32_at(types, at)?;
            let info = u32_at(types, at + 4)?;
            let size_or_type = u32_at(types, at + 8)?;
            at += 12;
            let vlen = (info & 0xffff) as usize;
            let kind = (info >> 24) & 0x1f;
            let kind_flag = info >> 31 == 1;
            let mut ty = Type {
                kind,
                target: size_or_type,
                members: Vec::new(),
            };
            match kind {
                KIND_INT | KIND_VAR | KIND_DECL_TAG => at += 4,
                KIND_ARRAY => {
                    // element type, index type, count
                    ty.target = u32_at(types, at)?;
                    at += 12;
                }
                KIND_STRUCT | KIND_UNION => {
                    for _ in 0..vlen {
                        let m_name = u32_at(types, at)?;
                        let m_type = u32_at(types, at + 4)?;
                        let m_off = u32_at(types, at + 8)?;
                        at += 12;
                        ty.members.push(Member {
                            name: name_at(strings, m_name),
                            type_id: m_type,
                            bit_offset: if kind_flag { m_off & 0xff_ffff } else { m_off },
                        });
                    }
                    if kind == KIND_STRUCT && name_off != 0 {
                        let id = btf.types.len() as u32;
                        btf.structs.entry(name_at(strings, name_off)).or_insert(id);
                    }
                }
                KIND_ENUM => {
                    let mut values = HashMap::new();
                    for _ in 0..vlen {
                        let e_name = u32_at(types, at)?;
                        let e_val = u32_at(types, at + 4)? as i32;
                        at += 8;
                        values.insert(name_at(strings, e_name), i64::from(e_val));
                    }
                    if name_off != 0 {
                        btf.enums
                            .entry(name_at(strings, name_off))
                            .or_insert(values);
                    }
                }
                KIND_FUNC_PROTO => at += 8 * vlen,
                KIND_DATASEC | KIND_ENUM64 => at += 12 * vlen,
                _ => {}
            }
            btf.types.push(ty);
        }
        Ok(btf)
    }

    /// The type behind typedefs and qualifiers.
    fn resolve(&self, mut id: u32) -> Option<&Type> {
        for _ in 0..32 {
            let t = self.types.get(id as usize)?;
            match t.kind {
                KIND_TYPEDEF | KIND_VOLATILE | KIND_CONST | KIND_RESTRICT | KIND_TYPE_TAG => {
                    id = t.target
                }
                _ => return Some(t),
            }
        }
        None
    }

    /// Finds member `name` in `ty`, looking into anonymous struct and union members; returns
    /// its bit offset and type.
    fn find(&self, ty: &Type, name: &str, depth: u32) -> Option<(u32, u32)> {
        if depth > 8 {
            return None;
        }
        for m in &ty.members {
            if m.name == name {
                return Some((m.bit_offset, m.type_id));
            }
        }
        for m in ty.members.iter().filter(|m| m.name.is_empty()) {
            let inner = self.resolve(m.type_id)?;
            if let Some((off, t)) = self.find(inner, name, depth + 1) {
                return Some((m.bit_offset + off, t));
            }
        }
        None
    }

    /// The value of enumerator `name` of `enum enum_name`, if the kernel has it.
    pub fn enum_value(&self, enum_name: &str, name: &str) -> Option<i64> {
        self.enums.get(enum_name)?.get(name).copied()
    }

    /// The byte offset of the first of `names` that `struct strukt` has (members renamed
    /// between kernel versions).
    pub fn member_offset_any(&self, strukt: &str, names: &[&str]) -> Result<u32, BtfError> {
        let mut last = Err(BtfError::NoStruct(strukt.to_string()));
        for name in names {
            last = self.member_offset(strukt, name);
            if last.is_ok() {
                return last;
            }
        }
        last
    }

    /// The byte offset of `path` (members separated by dots, e.g. `loginuid.val`) inside
    /// `struct strukt`.
    ///
    /// ```
    /// # use falcod_probe::live::btf::Btf;
    /// if let Ok(data) = std::fs::read("/sys/kernel/btf/vmlinux") {
    ///     let btf = Btf::parse(&data).unwrap();
    ///     assert!(btf.member_offset("task_struct", "pid").unwrap() > 0);
    /// }
    /// ```
    pub fn member_offset(&self, strukt: &str, path: &str) -> Result<u32, BtfError> {
        let no_member = || BtfError::NoMember {
            strukt: strukt.to_string(),
            member: path.to_string(),
        };
        let id = *self
            .structs
            .get(strukt)
            .ok_or_else(|| BtfError::NoStruct(strukt.to_string()))?;
        let mut ty = self.resolve(id).ok_or_else(no_member)?;
        let mut bits = 0;
        for part in path.split('.') {
            let (off, next) = self.find(ty, part, 0).ok_or_else(no_member)?;
            bits += off;
            ty = self.resolve(next).ok_or_else(no_member)?;
        }
        if bits % 8 != 0 {
            return Err(BtfError::Invalid(format!(
                "{strukt}.{path} is a bitfield (bit offset {bits})"
            )));
        }
        Ok(bits / 8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds BTF with `struct outer { int a; union { struct inner b; }; }`,
    /// `struct inner { int x; int y; }`.
    fn sample() -> Vec<u8> {
        let strings = b"\0int\0outer\0a\0inner\0x\0y\0b\0ids\0one_id\0two_id\0".to_vec();
        let s = |name: &str| {
            let hay = String::from_utf8_lossy(&strings).into_owned();
            hay.find(&format!("\0{name}\0")).map_or(0, |p| p + 1) as u32
        };
        let mut types = Vec::new();
        let mut push = |words: &[u32]| {
            for w in words {
                types.extend_from_slice(&w.to_le_bytes());
            }
        };
        // 1: int (4 bytes)
        push(&[s("int"), KIND_INT << 24, 4, 32]);
        // 2: struct inner { int x @0; int y @32 }
        push(&[s("inner"), (KIND_STRUCT << 24) | 2, 8]);
        push(&[s("x"), 1, 0, s("y"), 1, 32]);
        // 3: anonymous union { struct inner b @0 }
        push(&[0, (KIND_UNION << 24) | 1, 8]);
        push(&[s("b"), 2, 0]);
        // 4: struct outer { int a @0; <anon union> @64 }
        push(&[s("outer"), (KIND_STRUCT << 24) | 2, 16]);
        push(&[s("a"), 1, 0, 0, 3, 64]);
        // 5: enum ids { one_id = 1, two_id = 7 }
        push(&[s("ids"), (KIND_ENUM << 24) | 2, 4]);
        push(&[s("one_id"), 1, s("two_id"), 7]);
        let mut out = Vec::new();
        out.extend_from_slice(&0xEB9Fu16.to_le_bytes());
        out.extend_from_slice(&[1, 0]);
        for w in [
            24u32,
            0,
            types.len() as u32,
            types.len() as u32,
            strings.len() as u32,
        ] {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.extend_from_slice(&types);
        out.extend_from_slice(&strings);
        out
    }

    #[test]
    fn finds_members_through_anonymous_unions_and_nested_paths() {
        let btf = Btf::parse(&sample()).unwrap();
        assert_eq!(btf.member_offset("outer", "a"), Ok(0));
        assert_eq!(btf.member_offset("outer", "b"), Ok(8));
        assert_eq!(btf.member_offset("outer", "b.y"), Ok(12));
        assert_eq!(btf.member_offset("inner", "y"), Ok(4));
        assert_eq!(btf.member_offset_any("inner", &["__y", "y"]), Ok(4));
        assert_eq!(btf.enum_value("ids", "two_id"), Some(7));
        assert_eq!(btf.enum_value("ids", "three_id"), None);
        assert_eq!(
            btf.member_offset("outer", "zz"),
            Err(BtfError::NoMember {
                strukt: "outer".into(),
                member: "zz".into()
            })
        );
        assert_eq!(
            btf.member_offset("nope", "a"),
            Err(BtfError::NoStruct("nope".into()))
        );
    }

    #[test]
    fn rejects_data_that_is_not_btf() {
        assert!(matches!(
            Btf::parse(b"\x7fELF...."),
            Err(BtfError::Invalid(_))
        ));
        let mut cut = sample();
        cut.truncate(40);
        assert!(matches!(Btf::parse(&cut), Err(BtfError::Invalid(_))));
    }
}
