//! The fields [`SyscallEvent`](super::SyscallEvent) extracts, and the table mapping the syscall
//! schema's field ids to them (built once).

use std::sync::OnceLock;

use crate::schema::syscall_schema;

/// A field of the syscall schema that the event model knows how to extract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    /// Not extracted by this model: pushes nothing.
    Unknown,
    /// `evt.num`
    EvtNum,
    /// `evt.time`
    EvtTime,
    /// `evt.rawtime`
    EvtRawtime,
    /// `evt.rawtime.s`
    EvtRawtimeS,
    /// `evt.rawtime.ns`
    EvtRawtimeNs,
    /// `evt.type`
    EvtType,
    /// `evt.dir`
    EvtDir,
    /// `evt.source`
    EvtSource,
    /// `evt.is_async`
    EvtIsAsync,
    /// `evt.args`
    EvtArgs,
    /// `evt.arg`
    EvtArg,
    /// `evt.rawarg`
    EvtRawarg,
    /// `evt.res`
    EvtRes,
    /// `evt.rawres`
    EvtRawres,
    /// `evt.failed`
    EvtFailed,
    /// `evt.is_open_read`
    EvtIsOpenRead,
    /// `evt.is_open_write`
    EvtIsOpenWrite,
    /// `evt.is_open_exec`
    EvtIsOpenExec,
    /// `evt.is_open_create`
    EvtIsOpenCreate,
    /// `proc.exe`
    ProcExe,
    /// `proc.pexe`
    ProcPexe,
    /// `proc.aexe`
    ProcAexe,
    /// `proc.exepath`
    ProcExepath,
    /// `proc.pexepath`
    ProcPexepath,
    /// `proc.aexepath`
    ProcAexepath,
    /// `proc.name`
    ProcName,
    /// `proc.pname`
    ProcPname,
    /// `proc.aname`
    ProcAname,
    /// `proc.args`
    ProcArgs,
    /// `proc.cmdline`
    ProcCmdline,
    /// `proc.pcmdline`
    ProcPcmdline,
    /// `proc.acmdline`
    ProcAcmdline,
    /// `proc.cmdnargs`
    ProcCmdnargs,
    /// `proc.exeline`
    ProcExeline,
    /// `proc.env`
    ProcEnv,
    /// `proc.cwd`
    ProcCwd,
    /// `proc.tty`
    ProcTty,
    /// `proc.pid`
    ProcPid,
    /// `proc.ppid`
    ProcPpid,
    /// `proc.apid`
    ProcApid,
    /// `proc.vpid`
    ProcVpid,
    /// `proc.sid`
    ProcSid,
    /// `proc.sname`
    ProcSname,
    /// `proc.duration`
    ProcDuration,
    /// `proc.is_exe_writable`
    ProcIsExeWritable,
    /// `proc.is_exe_upper_layer`
    ProcIsExeUpperLayer,
    /// `proc.is_exe_from_memfd`
    ProcIsExeFromMemfd,
    /// `thread.tid`
    ThreadTid,
    /// `thread.ismain`
    ThreadIsMain,
    /// `thread.cap_effective`
    ThreadCapEffective,
    /// `thread.cap_permitted`
    ThreadCapPermitted,
    /// `user.uid`
    UserUid,
    /// `user.name`
    UserName,
    /// `user.homedir`
    UserHomedir,
    /// `user.shell`
    UserShell,
    /// `user.loginuid`
    UserLoginuid,
    /// `user.loginname`
    UserLoginname,
    /// `group.gid`
    GroupGid,
    /// `group.name`
    GroupName,
    /// `fd.num`
    FdNum,
    /// `fd.type`
    FdType,
    /// `fd.typechar`
    FdTypechar,
    /// `fd.name`
    FdName,
    /// `fd.nameraw`
    FdNameraw,
    /// `fd.name_changed`
    FdNameChanged,
    /// `fd.directory`
    FdDirectory,
    /// `fd.filename`
    FdFilename,
    /// `fd.ip`
    FdIp,
    /// `fd.cip`
    FdCip,
    /// `fd.sip`
    FdSip,
    /// `fd.lip`
    FdLip,
    /// `fd.rip`
    FdRip,
    /// `fd.port`
    FdPort,
    /// `fd.cport`
    FdCport,
    /// `fd.sport`
    FdSport,
    /// `fd.lport`
    FdLport,
    /// `fd.rport`
    FdRport,
    /// `fd.l4proto`
    FdL4proto,
    /// `fd.sockfamily`
    FdSockfamily,
    /// `fd.is_server`
    FdIsServer,
    /// `fd.net`
    FdNet,
    /// `fd.cnet`
    FdCnet,
    /// `fd.snet`
    FdSnet,
    /// `fd.lnet`
    FdLnet,
    /// `fd.rnet`
    FdRnet,
    /// `fd.connected`
    FdConnected,
    /// `fd.sip.name`
    FdSipName,
    /// `container.id`
    ContainerId,
    /// `container.full_id`
    ContainerFullId,
    /// `container.name`
    ContainerName,
    /// `container.type`
    ContainerType,
    /// `container.image`
    ContainerImage,
    /// `container.image.repository`
    ContainerImageRepository,
    /// `container.image.tag`
    ContainerImageTag,
    /// `container.privileged`
    ContainerPrivileged,
    /// `container.start_ts`
    ContainerStartTs,
    /// `k8s.pod.name`
    K8sPodName,
    /// `k8s.ns.name`
    K8sNsName,
}

/// Field names and their kinds.
const NAMES: &[(&str, Field)] = &[
    ("evt.num", Field::EvtNum),
    ("evt.time", Field::EvtTime),
    ("evt.rawtime", Field::EvtRawtime),
    ("evt.rawtime.s", Field::EvtRawtimeS),
    ("evt.rawtime.ns", Field::EvtRawtimeNs),
    ("evt.type", Field::EvtType),
    ("evt.dir", Field::EvtDir),
    ("evt.source", Field::EvtSource),
    ("evt.is_async", Field::EvtIsAsync),
    ("evt.args", Field::EvtArgs),
    ("evt.arg", Field::EvtArg),
    ("evt.rawarg", Field::EvtRawarg),
    ("evt.res", Field::EvtRes),
    ("evt.rawres", Field::EvtRawres),
    ("evt.failed", Field::EvtFailed),
    ("evt.is_open_read", Field::EvtIsOpenRead),
    ("evt.is_open_write", Field::EvtIsOpenWrite),
    ("evt.is_open_exec", Field::EvtIsOpenExec),
    ("evt.is_open_create", Field::EvtIsOpenCreate),
    ("proc.exe", Field::ProcExe),
    ("proc.pexe", Field::ProcPexe),
    ("proc.aexe", Field::ProcAexe),
    ("proc.exepath", Field::ProcExepath),
    ("proc.pexepath", Field::ProcPexepath),
    ("proc.aexepath", Field::ProcAexepath),
    ("proc.name", Field::ProcName),
    ("proc.pname", Field::ProcPname),
    ("proc.aname", Field::ProcAname),
    ("proc.args", Field::ProcArgs),
    ("proc.cmdline", Field::ProcCmdline),
    ("proc.pcmdline", Field::ProcPcmdline),
    ("proc.acmdline", Field::ProcAcmdline),
    ("proc.cmdnargs", Field::ProcCmdnargs),
    ("proc.exeline", Field::ProcExeline),
    ("proc.env", Field::ProcEnv),
    ("proc.cwd", Field::ProcCwd),
    ("proc.tty", Field::ProcTty),
    ("proc.pid", Field::ProcPid),
    ("proc.ppid", Field::ProcPpid),
    ("proc.apid", Field::ProcApid),
    ("proc.vpid", Field::ProcVpid),
    ("proc.sid", Field::ProcSid),
    ("proc.sname", Field::ProcSname),
    ("proc.duration", Field::ProcDuration),
    ("proc.is_exe_writable", Field::ProcIsExeWritable),
    ("proc.is_exe_upper_layer", Field::ProcIsExeUpperLayer),
    ("proc.is_exe_from_memfd", Field::ProcIsExeFromMemfd),
    ("thread.tid", Field::ThreadTid),
    ("thread.ismain", Field::ThreadIsMain),
    ("thread.cap_effective", Field::ThreadCapEffective),
    ("thread.cap_permitted", Field::ThreadCapPermitted),
    ("user.uid", Field::UserUid),
    ("user.name", Field::UserName),
    ("user.homedir", Field::UserHomedir),
    ("user.shell", Field::UserShell),
    ("user.loginuid", Field::UserLoginuid),
    ("user.loginname", Field::UserLoginname),
    ("group.gid", Field::GroupGid),
    ("group.name", Field::GroupName),
    ("fd.num", Field::FdNum),
    ("fd.type", Field::FdType),
    ("fd.typechar", Field::FdTypechar),
    ("fd.name", Field::FdName),
    ("fd.nameraw", Field::FdNameraw),
    ("fd.name_changed", Field::FdNameChanged),
    ("fd.directory", Field::FdDirectory),
    ("fd.filename", Field::FdFilename),
    ("fd.ip", Field::FdIp),
    ("fd.cip", Field::FdCip),
    ("fd.sip", Field::FdSip),
    ("fd.lip", Field::FdLip),
    ("fd.rip", Field::FdRip),
    ("fd.port", Field::FdPort),
    ("fd.cport", Field::FdCport),
    ("fd.sport", Field::FdSport),
    ("fd.lport", Field::FdLport),
    ("fd.rport", Field::FdRport),
    ("fd.l4proto", Field::FdL4proto),
    ("fd.sockfamily", Field::FdSockfamily),
    ("fd.is_server", Field::FdIsServer),
    ("fd.net", Field::FdNet),
    ("fd.cnet", Field::FdCnet),
    ("fd.snet", Field::FdSnet),
    ("fd.lnet", Field::FdLnet),
    ("fd.rnet", Field::FdRnet),
    ("fd.connected", Field::FdConnected),
    ("fd.sip.name", Field::FdSipName),
    ("container.id", Field::ContainerId),
    ("container.full_id", Field::ContainerFullId),
    ("container.name", Field::ContainerName),
    ("container.type", Field::ContainerType),
    ("container.image", Field::ContainerImage),
    (
        "container.image.repository",
        Field::ContainerImageRepository,
    ),
    ("container.image.tag", Field::ContainerImageTag),
    ("container.privileged", Field::ContainerPrivileged),
    ("container.start_ts", Field::ContainerStartTs),
    ("k8s.pod.name", Field::K8sPodName),
    ("k8s.ns.name", Field::K8sNsName),
];

/// The kind of every field id of [`syscall_schema`], indexed by id.
pub(super) fn kinds() -> &'static [Field] {
    static KINDS: OnceLock<Vec<Field>> = OnceLock::new();
    KINDS.get_or_init(|| {
        let fields = &syscall_schema().fields;
        let mut kinds = vec![Field::Unknown; fields.len()];
        for &(name, kind) in NAMES {
            if let Some(id) = fields.id(name) {
                if let Some(slot) = kinds.get_mut(id.0 as usize) {
                    *slot = kind;
                }
            }
        }
        kinds
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mapped_name_is_a_schema_field() {
        let fields = &syscall_schema().fields;
        for (name, _) in NAMES {
            assert!(
                fields.id(name).is_some(),
                "{name} is not in the syscall schema"
            );
        }
        let mapped = kinds().iter().filter(|k| **k != Field::Unknown).count();
        assert_eq!(mapped, NAMES.len());
    }
}
