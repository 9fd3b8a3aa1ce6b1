//! Container ids from cgroup paths, matched as the Falco container plugin matches them.
//!
//! A container runtime puts every process of a container in a cgroup named after the
//! container's id: `/docker/<id>` (cgroupfs driver), `/system.slice/docker-<id>.scope`
//! (systemd driver), `cri-containerd-<id>.scope`, `crio-<id>.scope`, `libpod-<id>.scope`, and
//! under Kubernetes `/kubepods/<qos>/pod<uid>/<id>`. The plugin tries its engines in a fixed
//! order (podman, docker, CRI, containerd), each a list of `(prefix, suffix)` layouts: a cgroup
//! matches when, after the *last* occurrence of the prefix, exactly 64 hex digits run up to the
//! *last* occurrence of the suffix (or the end). Conmon's own cgroups (`crio-conmon-<id>.scope`,
//! `libpod-conmon-<id>.scope`) hold more than 64 characters there and so match nothing, which
//! is how the plugin leaves them on the host.
//!
//! Without a runtime to ask, the type is inferred from the layout that matched: what a runtime
//! would report for that naming scheme. A bare id (`.../<id>`) is `docker` outside Kubernetes
//! and `containerd` under a `kubepods` hierarchy (the CRI runtime of current clusters; a
//! cluster on cri-dockerd names its cgroups `docker-<id>.scope` instead).
//!
//! ```
//! use falcod_probe::container::{match_cgroup, ContainerType};
//! let id = "3f0c5d8e9a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5";
//! let m = match_cgroup(&format!("/system.slice/docker-{id}.scope")).unwrap();
//! assert_eq!((m.short_id(), m.kind), (&id[..12], ContainerType::Docker));
//! assert_eq!(m.kind.as_str(), "docker");
//! assert!(match_cgroup("/user.slice/user-1000.slice/session-2.scope").is_none());
//! ```

/// Length of a runc container id.
const ID_LEN: usize = 64;
/// Length of `container.id`.
pub const SHORT_ID_LEN: usize = 12;

/// The runtime family of a container, as `container.type` prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContainerType {
    /// Docker (and Moby-based engines).
    Docker,
    /// containerd, directly or as the CRI runtime of Kubernetes.
    Containerd,
    /// CRI-O.
    CriO,
    /// Podman.
    Podman,
}

impl ContainerType {
    /// The name `container.type` prints.
    pub fn as_str(self) -> &'static str {
        match self {
            ContainerType::Docker => "docker",
            ContainerType::Containerd => "containerd",
            ContainerType::CriO => "cri-o",
            ContainerType::Podman => "podman",
        }
    }
}

/// A container found in a cgroup path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerMatch {
    /// The full id (64 hex digits for runc-based runtimes).
    pub id: String,
    /// The runtime the naming scheme belongs to.
    pub kind: ContainerType,
}

impl ContainerMatch {
    /// `container.id`: the first 12 characters of the id.
    pub fn short_id(&self) -> &str {
        self.id.get(..SHORT_ID_LEN).unwrap_or(&self.id)
    }
}

/// How the layout decides the type once it matched.
#[derive(Clone, Copy)]
enum Kind {
    Fixed(ContainerType),
    /// A bare id: docker, or containerd under Kubernetes.
    Bare,
}

/// One `(prefix, suffix)` naming scheme.
struct Layout {
    prefix: &'static str,
    suffix: &'static str,
    kind: Kind,
}

const fn layout(prefix: &'static str, suffix: &'static str, kind: Kind) -> Layout {
    Layout {
        prefix,
        suffix,
        kind,
    }
}

use ContainerType::{Containerd, CriO, Docker, Podman};
use Kind::{Bare, Fixed};

/// The layouts in the plugin's engine order: podman, docker, CRI (containerd and CRI-O).
const LAYOUTS: &[Layout] = &[
    layout("/libpod-", ".scope", Fixed(Podman)),
    layout("/libpod-", ".scope/container", Fixed(Podman)),
    layout("/libpod-", "", Fixed(Podman)),
    layout("/libpod-payload-", ".scope", Fixed(Podman)),
    layout("/libpod-payload-", ".scope/container", Fixed(Podman)),
    layout("/libpod-payload-", "", Fixed(Podman)),
    layout("/", "", Bare),
    layout("/docker-", ".scope", Fixed(Docker)),
    layout("/crio-", "", Fixed(CriO)),
    layout("/cri-containerd-", ".scope", Fixed(Containerd)),
    layout("/crio-", ".scope", Fixed(CriO)),
    layout(":cri-containerd:", "", Fixed(Containerd)),
    layout("/nerdctl-", ".scope", Fixed(Containerd)),
];

/// The container a cgroup path (`/system.slice/docker-<id>.scope`) belongs to, `None` for the
/// host.
pub fn match_cgroup(path: &str) -> Option<ContainerMatch> {
    LAYOUTS.iter().find_map(|l| {
        let id = id_between(path, l.prefix, l.suffix)?;
        let kind = match l.kind {
            Fixed(kind) => kind,
            Bare if path.contains("/kubepods") => Containerd,
            Bare => Docker,
        };
        Some(ContainerMatch {
            id: id.to_string(),
            kind,
        })
    })
}

/// The container of a thread from its cgroups, as a capture's process list stores them
/// (`subsys=path`, or bare paths): the first entry that names one, in order, as the plugin
/// walks a thread's cgroup table.
pub fn match_cgroups<'a>(cgroups: impl IntoIterator<Item = &'a str>) -> Option<ContainerMatch> {
    cgroups
        .into_iter()
        .find_map(|entry| match_cgroup(cgroup_path(entry)))
}

/// The path of a `subsys=path` entry. Subsystem names may hold `=` themselves
/// (`name=systemd=/init.scope`) and paths start with `/`, so the path starts at the first `=/`.
pub fn cgroup_path(entry: &str) -> &str {
    match entry.find("=/") {
        Some(i) => entry.get(i + 1..).unwrap_or(entry),
        None => entry.split_once('=').map_or(entry, |(_, p)| p),
    }
}

/// The 64 hex digits between the last `prefix` and the last `suffix` (or the end) of `path`.
fn id_between<'a>(path: &'a str, prefix: &str, suffix: &str) -> Option<&'a str> {
    let start = path.rfind(prefix)? + prefix.len();
    let end = if suffix.is_empty() {
        path.len()
    } else {
        path.rfind(suffix)?
    };
    let id = path.get(start..end)?;
    (id.len() == ID_LEN && id.bytes().all(|b| b.is_ascii_hexdigit())).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "3f0c5d8e9a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5";

    /// The container of a `/proc/PID/cgroup` file's lines (`hierarchy:controllers:path`).
    fn from_proc_cgroup(text: &str) -> Option<ContainerMatch> {
        match_cgroups(
            text.lines()
                .filter_map(|l| l.splitn(3, ':').nth(2))
                .collect::<Vec<_>>(),
        )
    }

    fn check(text: &str, kind: ContainerType) {
        let m = from_proc_cgroup(text).unwrap_or_else(|| panic!("no container in {text}"));
        assert_eq!(m.id, ID, "{text}");
        assert_eq!(m.short_id(), "3f0c5d8e9a1b", "{text}");
        assert_eq!(m.kind, kind, "{text}");
    }

    #[test]
    fn docker_cgroupfs_v1() {
        let text = format!(
            "12:pids:/docker/{ID}\n11:memory:/docker/{ID}\n1:name=systemd:/docker/{ID}\n0::/\n"
        );
        check(&text, Docker);
    }

    #[test]
    fn docker_systemd_v2() {
        check(&format!("0::/system.slice/docker-{ID}.scope\n"), Docker);
    }

    #[test]
    fn containerd_cri_systemd_v2() {
        let text = format!(
            "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod0f4e2b9a_1c2d_4e5f_8a9b_0c1d2e3f4a5b.slice/cri-containerd-{ID}.scope\n"
        );
        check(&text, Containerd);
    }

    #[test]
    fn containerd_without_systemd_cgroup_driver() {
        let text = format!(
            "0::/kubepods-besteffort-pod0f4e2b9a_1c2d_4e5f_8a9b_0c1d2e3f4a5b.slice:cri-containerd:{ID}\n"
        );
        check(&text, Containerd);
    }

    #[test]
    fn kubepods_cgroupfs_v1() {
        let text = format!(
            "4:memory:/kubepods/besteffort/pod0f4e2b9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b/{ID}\n3:cpuset:/kubepods/besteffort/pod0f4e2b9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b/{ID}\n"
        );
        check(&text, Containerd);
    }

    #[test]
    fn crio_systemd_v2_and_conmon_excluded() {
        check(
            &format!("0::/kubepods.slice/kubepods-pod1.slice/crio-{ID}.scope\n"),
            CriO,
        );
        let conmon = format!("0::/kubepods.slice/kubepods-pod1.slice/crio-conmon-{ID}.scope\n");
        assert_eq!(from_proc_cgroup(&conmon), None);
    }

    #[test]
    fn crio_cgroupfs_v1() {
        check(&format!("5:cpu,cpuacct:/kubepods/pod1/crio-{ID}\n"), CriO);
    }

    #[test]
    fn podman_systemd_v2_and_conmon_excluded() {
        check(
            &format!(
                "0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-{ID}.scope\n"
            ),
            Podman,
        );
        check(
            &format!("0::/machine.slice/libpod-{ID}.scope/container\n"),
            Podman,
        );
        let conmon = format!("0::/machine.slice/libpod-conmon-{ID}.scope\n");
        assert_eq!(from_proc_cgroup(&conmon), None);
    }

    #[test]
    fn host_cgroups_match_nothing() {
        let text = "12:pids:/user.slice/user-1000.slice/session-3.scope\n1:name=systemd:/init.scope\n0::/system.slice/sshd.service\n";
        assert_eq!(from_proc_cgroup(text), None);
        // 64 characters that are not all hex digits.
        let not_hex = format!("0::/docker/{}\n", "g".repeat(64));
        assert_eq!(from_proc_cgroup(&not_hex), None);
        // A 63-digit id is not a runc id.
        assert_eq!(
            from_proc_cgroup(&format!("0::/docker/{}\n", &ID[1..])),
            None
        );
    }

    #[test]
    fn entries_as_a_capture_stores_them() {
        let entries = [
            "cpu=/".to_string(),
            "name=systemd=/init.scope".to_string(),
            format!("pids=/system.slice/docker-{ID}.scope"),
        ];
        let m = match_cgroups(entries.iter().map(String::as_str)).unwrap();
        assert_eq!((m.id.as_str(), m.kind), (ID, Docker));
        assert_eq!(cgroup_path("name=systemd=/init.scope"), "/init.scope");
        assert_eq!(cgroup_path("cpu=/a"), "/a");
    }
}
