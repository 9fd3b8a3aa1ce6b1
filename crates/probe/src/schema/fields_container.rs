//! The `container` class: the fields of the Falco container plugin, which falcod provides itself.
//!
//! Plugin field arguments go in brackets only (`container.label[app]`); the dotted spelling is
//! rejected as it is by libsinsp's plugin field parser.

use super::FieldDef as D;
use falcod_rules::fields::{ArgForm, FieldFlags as F, FieldType as T};

/// Flags of the mount fields: a required argument in brackets, a mount index or a source glob.
const MOUNT_ARG: F = F::ARG_BRACKETS_ONLY;

/// Fields the plugin marks for `append_output: suggested_output`.
const SUGGESTED: F = F::SUGGESTED_OUTPUT;

/// A required `[key]` argument (labels).
const fn label(name: &'static str, desc: &'static str) -> D {
    D::new(name, T::CharBuf, desc)
        .arg(ArgForm::Key, true)
        .flags(F::ARG_BRACKETS_ONLY)
}

/// A mount field: required `[index]` or `[source glob]` argument.
const fn mount(name: &'static str, desc: &'static str) -> D {
    D::new(name, T::CharBuf, desc)
        .arg(ArgForm::IndexOrKey, true)
        .flags(MOUNT_ARG)
}

/// The container plugin's field table, in the plugin's order.
pub(super) const CONTAINER: &[D] = &[
    D::new(
        "container.id",
        T::CharBuf,
        "Container ID cut to 12 characters, from the cgroup; 'host' for processes on the host.",
    )
    .flags(SUGGESTED),
    D::new("container.full_id", T::CharBuf, "Full container ID, once the runtime was queried."),
    D::new("container.name", T::CharBuf, "Container name; 'host' for processes on the host.")
        .flags(SUGGESTED),
    D::new("container.image", T::CharBuf, "Image reference of the container, e.g. 'repo/app:1.2'."),
    D::new("container.image.id", T::CharBuf, "Image ID of the container."),
    D::new("container.type", T::CharBuf, "Container runtime kind: docker, cri-o, containerd, ..."),
    D::new("container.privileged", T::Bool, "True for containers started privileged."),
    D::new(
        "container.mounts",
        T::CharBuf,
        "Every mount as 'source:dest:mode:rdwr:propagation', space-separated.",
    ),
    mount(
        "container.mount",
        "One mount, by index [0] or source glob [/usr/*]: 'source:dest:mode:rdwr:propagation', or 'none'.",
    ),
    mount("container.mount.source", "Source of a mount chosen by index or destination glob."),
    mount("container.mount.dest", "Destination of a mount chosen by index or source glob."),
    mount("container.mount.mode", "Mode of a mount chosen by index or source glob."),
    mount("container.mount.rdwr", "Read/write flag of a mount chosen by index or source glob."),
    mount(
        "container.mount.propagation",
        "Propagation of a mount chosen by index or source glob.",
    ),
    D::new(
        "container.image.repository",
        T::CharBuf,
        "Repository part of the container image, e.g. 'falcosecurity/falco'.",
    )
    .flags(SUGGESTED),
    D::new("container.image.tag", T::CharBuf, "Tag part of the container image, e.g. 'latest'.")
        .flags(SUGGESTED),
    D::new("container.image.digest", T::CharBuf, "Registry digest of the container image."),
    D::new("container.healthcheck", T::CharBuf, "Deprecated by the plugin: the container health check."),
    D::new("container.liveness_probe", T::CharBuf, "Deprecated by the plugin: the pod liveness probe."),
    D::new("container.readiness_probe", T::CharBuf, "Deprecated by the plugin: the pod readiness probe."),
    D::new(
        "container.start_ts",
        T::AbsTime,
        "Container start in nanoseconds since the epoch, taken from its PID namespace start.",
    ),
    D::new("container.duration", T::RelTime, "Nanoseconds since container.start_ts."),
    D::new("container.ip", T::CharBuf, "Primary IPv4 address of the container or pod."),
    D::new("container.cni.json", T::CharBuf, "CNI result of the container's pod, as JSON text."),
    D::new("container.host_pid", T::Bool, "True if the container shares the host PID namespace."),
    D::new(
        "container.host_network",
        T::Bool,
        "True if the container shares the host network namespace.",
    ),
    D::new("container.host_ipc", T::Bool, "True if the container shares the host IPC namespace."),
    label("container.label", "Value of one container label: container.label[key]."),
    D::new("container.labels", T::CharBuf, "Container labels as comma-separated key:value pairs."),
    D::new("proc.is_container_healthcheck", T::Bool, "Deprecated by the plugin: process is a health check."),
    D::new("proc.is_container_liveness_probe", T::Bool, "Deprecated by the plugin: process is a liveness probe."),
    D::new("proc.is_container_readiness_probe", T::Bool, "Deprecated by the plugin: process is a readiness probe."),
    D::new("k8s.pod.name", T::CharBuf, "Kubernetes pod name, from the container runtime.")
        .flags(SUGGESTED),
    D::new("k8s.ns.name", T::CharBuf, "Kubernetes namespace name, from the container runtime.")
        .flags(SUGGESTED),
    D::new("k8s.pod.id", T::CharBuf, "Legacy alias of k8s.pod.uid."),
    D::new("k8s.pod.uid", T::CharBuf, "Kubernetes pod UID assigned at pod creation."),
    D::new("k8s.pod.sandbox_id", T::CharBuf, "Pod sandbox ID cut to 12 characters."),
    D::new("k8s.pod.full_sandbox_id", T::CharBuf, "Full pod sandbox ID."),
    label("k8s.pod.label", "Value of one pod label: k8s.pod.label[app.kubernetes.io/name]."),
    D::new("k8s.pod.labels", T::CharBuf, "Pod labels as comma-separated key:value pairs."),
    D::new("k8s.pod.ip", T::CharBuf, "Primary IPv4 address of the pod."),
    D::new("k8s.pod.cni.json", T::CharBuf, "CNI result of the pod, as JSON text."),
    D::new("k8s.rc.name", T::CharBuf, "Deprecated by the plugin: replication controller name."),
    D::new("k8s.rc.id", T::CharBuf, "Deprecated by the plugin: replication controller ID."),
    label("k8s.rc.label", "Deprecated by the plugin: one replication controller label."),
    D::new("k8s.rc.labels", T::CharBuf, "Deprecated by the plugin: replication controller labels."),
    D::new("k8s.svc.name", T::CharBuf, "Deprecated by the plugin: service name."),
    D::new("k8s.svc.id", T::CharBuf, "Deprecated by the plugin: service ID."),
    label("k8s.svc.label", "Deprecated by the plugin: one service label."),
    D::new("k8s.svc.labels", T::CharBuf, "Deprecated by the plugin: service labels."),
    D::new("k8s.ns.id", T::CharBuf, "Deprecated by the plugin: namespace ID."),
    label("k8s.ns.label", "Deprecated by the plugin: one namespace label."),
    D::new("k8s.ns.labels", T::CharBuf, "Deprecated by the plugin: namespace labels."),
    D::new("k8s.rs.name", T::CharBuf, "Deprecated by the plugin: replica set name."),
    D::new("k8s.rs.id", T::CharBuf, "Deprecated by the plugin: replica set ID."),
    label("k8s.rs.label", "Deprecated by the plugin: one replica set label."),
    D::new("k8s.rs.labels", T::CharBuf, "Deprecated by the plugin: replica set labels."),
    D::new("k8s.deployment.name", T::CharBuf, "Deprecated by the plugin: deployment name."),
    D::new("k8s.deployment.id", T::CharBuf, "Deprecated by the plugin: deployment ID."),
    label("k8s.deployment.label", "Deprecated by the plugin: one deployment label."),
    D::new("k8s.deployment.labels", T::CharBuf, "Deprecated by the plugin: deployment labels."),
];
