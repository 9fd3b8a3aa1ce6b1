//! Users and groups from `/etc/passwd` and `/etc/group` under the host root.
//!
//! libscap asks the C library (so NSS sources such as LDAP count) unless `HOST_ROOT` is set,
//! then it reads the host's files; falcod always reads the files.

use std::fs;
use std::io::ErrorKind;
use std::path::Path;

use super::ProcfsError;
use crate::scap::{GroupInfo, UserInfo, UserList};

/// Longest user or group string a capture holds (libscap's buffers keep 255 bytes and a NUL;
/// its reader wants them shorter than 255).
const MAX_CREDENTIAL: usize = 254;

/// The users of `<host_root>/etc/passwd` and the groups of `<host_root>/etc/group`, in file
/// order. A missing file gives no entries (as libscap gives none); comment, blank, NIS (`+`,
/// `-`) and malformed lines are skipped.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("falcod-users-doc-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join("etc"))?;
/// std::fs::write(dir.join("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n")?;
/// let list = falcod_probe::procfs::read_user_list(&dir)?;
/// assert_eq!((list.users[0].uid, list.users[0].name.as_str()), (0, "root"));
/// assert!(list.groups.is_empty()); // no etc/group
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_user_list(host_root: &Path) -> Result<UserList, ProcfsError> {
    let passwd = read_optional(&host_root.join("etc/passwd"))?;
    let group = read_optional(&host_root.join("etc/group"))?;
    Ok(UserList {
        users: entries(&passwd).filter_map(user).collect(),
        groups: entries(&group).filter_map(group_entry).collect(),
    })
}

fn read_optional(path: &Path) -> Result<String, ProcfsError> {
    match fs::read(path) {
        Ok(bytes) => Ok(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(ProcfsError::read(path, e)),
    }
}

/// The lines that hold entries, split at `:`.
fn entries(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with(['#', '+', '-']))
        .map(|l| l.split(':').collect())
}

/// `name:password:uid:gid:gecos:home:shell`.
fn user(f: Vec<&str>) -> Option<UserInfo> {
    let text = |i: usize| bounded(f.get(i).copied().unwrap_or_default());
    Some(UserInfo {
        uid: f.get(2)?.parse().ok()?,
        gid: f.get(3)?.parse().ok()?,
        name: text(0),
        homedir: text(5),
        shell: text(6),
    })
}

/// `name:password:gid:members`.
fn group_entry(f: Vec<&str>) -> Option<GroupInfo> {
    Some(GroupInfo {
        gid: f.get(2)?.parse().ok()?,
        name: bounded(f.first()?),
    })
}

/// `s` cut to what a capture holds, on a character boundary.
fn bounded(s: &str) -> String {
    let mut end = s.len().min(MAX_CREDENTIAL);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or_default().to_string()
}
