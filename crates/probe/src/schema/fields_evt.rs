//! The `evt` class: fields about the event itself (libsinsp's generic and syscall event checks).

use super::FieldDef as D;
use falcod_rules::fields::{ArgForm, FieldFlags as F, FieldType as T};

/// Fields every event source has (libsinsp's `gen_event` check, listed under class `evt`).
pub(super) const GEN_EVENT: &[D] = &[
    D::new("evt.num", T::Uint64, "Sequence number of the event."),
    D::new(
        "evt.time",
        T::CharBuf,
        "Time of day of the event, down to the nanosecond.",
    ),
    D::new(
        "evt.time.s",
        T::CharBuf,
        "Time of day of the event, down to the second.",
    ),
    D::new(
        "evt.time.iso8601",
        T::CharBuf,
        "Event timestamp as ISO 8601 text in UTC, with nanoseconds.",
    ),
    D::new(
        "evt.datetime",
        T::CharBuf,
        "Date and time of day of the event, with nanoseconds.",
    ),
    D::new(
        "evt.datetime.s",
        T::CharBuf,
        "Date and time of day of the event, to the second.",
    ),
    D::new(
        "evt.rawtime",
        T::AbsTime,
        "Event timestamp in nanoseconds since the Unix epoch.",
    ),
    D::new(
        "evt.rawtime.s",
        T::AbsTime,
        "Whole seconds of the event timestamp since the epoch.",
    ),
    D::new(
        "evt.rawtime.ns",
        T::AbsTime,
        "Sub-second part of the event timestamp, in nanoseconds.",
    ),
    D::new(
        "evt.reltime",
        T::RelTime,
        "Nanoseconds elapsed between the capture start and the event.",
    ),
    D::new(
        "evt.reltime.s",
        T::RelTime,
        "Whole seconds elapsed since the capture started.",
    ),
    D::new(
        "evt.reltime.ns",
        T::RelTime,
        "Sub-second part of the time elapsed since the capture started, in nanoseconds.",
    ),
    D::new(
        "evt.pluginname",
        T::CharBuf,
        "For events of a plugin source, the name of the (loaded) plugin that produced them.",
    ),
    D::new(
        "evt.plugininfo",
        T::CharBuf,
        "For events of a plugin source, the producing plugin's one-line rendering of the event.",
    ),
    D::new(
        "evt.source",
        T::CharBuf,
        "Name of the event source the event belongs to.",
    ),
    D::new(
        "evt.is_async",
        T::Bool,
        "True for asynchronous events, false for all others.",
    ),
    D::new(
        "evt.asynctype",
        T::CharBuf,
        "For asynchronous events, the event's own name (for instance 'container').",
    ),
    D::new(
        "evt.hostname",
        T::CharBuf,
        "Name of the host the event was seen on; an environment variable can override it.",
    ),
];

/// Fields of syscall events (libsinsp's `event` check, listed under class `evt`).
pub(super) const EVENT: &[D] = &[
    D::new("evt.latency", T::RelTime, "Nanoseconds between an exit event and its enter event.")
        .flags(F::DEPRECATED),
    D::new("evt.latency.s", T::RelTime, "Whole seconds of the enter-to-exit latency.")
        .flags(F::DEPRECATED),
    D::new("evt.latency.ns", T::RelTime, "Sub-second part of the enter-to-exit latency.")
        .flags(F::DEPRECATED),
    D::new(
        "evt.latency.quantized",
        T::Uint64,
        "Decimal logarithm of the enter-to-exit latency.",
    )
    .flags(F::HIDDEN.union(F::DEPRECATED)),
    D::new(
        "evt.latency.human",
        T::CharBuf,
        "Enter-to-exit latency as readable text such as '10.3ms'.",
    )
    .flags(F::DEPRECATED),
    D::new("evt.deltatime", T::RelTime, "Nanoseconds since the previous event."),
    D::new("evt.deltatime.s", T::RelTime, "Whole seconds since the previous event."),
    D::new("evt.deltatime.ns", T::RelTime, "Sub-second part of the time since the previous event."),
    D::new(
        "evt.outputtime",
        T::CharBuf,
        "Event time rendered in the format selected for output timestamps (evt.time by default).",
    ),
    D::new("evt.dir", T::CharBuf, "Direction of the event: '>' on syscall entry, '<' on return.")
        .flags(F::DEPRECATED),
    D::new("evt.type", T::CharBuf, "Name of the event, such as 'open' or 'execve'."),
    D::new(
        "evt.type.is",
        T::Uint32,
        "1 if the event has the type named (or numbered) after the dot, e.g. evt.type.is.open; else 0.",
    )
    .arg(ArgForm::Key, true)
    .flags(F::ARG_DOTTED_ONLY),
    D::new(
        "syscall.type",
        T::CharBuf,
        "Name of the system call for syscall events; not set for other events.",
    ),
    D::new(
        "evt.category",
        T::CharBuf,
        "Broad kind of the event, such as 'file', 'net', 'memory' or 'process'.",
    ),
    D::new("evt.cpu", T::Int16, "Number of the CPU the event occurred on."),
    D::new("evt.args", T::CharBuf, "Every argument of the event joined into one string."),
    D::new(
        "evt.arg",
        T::CharBuf,
        "One event argument, chosen by name (evt.arg.fd) or position (evt.arg[0]), rendered as text.",
    )
    .arg(ArgForm::IndexOrKey, true)
    .flags(F::NO_PTR_STABILITY),
    D::new(
        "evt.rawarg",
        T::Dyn,
        "One event argument chosen by name (evt.rawarg.size), with its raw type and value.",
    )
    .arg(ArgForm::Key, true)
    .flags(F::NO_RHS.union(F::NO_TRANSFORMER).union(F::ARG_DOTTED_ONLY)),
    D::new("evt.info", T::CharBuf, "Same text as evt.args."),
    D::new(
        "evt.buffer",
        T::ByteBuf,
        "The data buffer carried by I/O events such as read or sendto.",
    )
    .flags(F::NO_PTR_STABILITY),
    D::new("evt.buflen", T::Uint64, "Length of the data buffer carried by I/O events."),
    D::new(
        "evt.res",
        T::CharBuf,
        "Return value as text: 'SUCCESS', or the error name (e.g. 'ENOENT') when it failed.",
    )
    .flags(F::NO_PTR_STABILITY),
    D::new("evt.rawres", T::Int64, "Return value as a number (negative errno on failure)."),
    D::new("evt.failed", T::Bool, "True if the event returned an error."),
    D::new("evt.is_io", T::Bool, "True for events that read from or write to a file descriptor."),
    D::new("evt.is_io_read", T::Bool, "True for events that read from a file descriptor."),
    D::new("evt.is_io_write", T::Bool, "True for events that write to a file descriptor."),
    D::new("evt.io_dir", T::CharBuf, "'r' for reading I/O events, 'w' for writing ones."),
    D::new(
        "evt.is_wait",
        T::Bool,
        "True for events that put the thread to sleep, such as poll, select or nanosleep.",
    ),
    D::new(
        "evt.wait_latency",
        T::RelTime,
        "For waiting events, nanoseconds the thread spent waiting.",
    )
    .flags(F::DEPRECATED),
    D::new("evt.is_syslog", T::Bool, "True for writes to /dev/log."),
    D::new("evt.count", T::Uint32, "Constant 1, for counting events."),
    D::new("evt.count.error", T::Uint32, "1 for events that failed, else 0."),
    D::new("evt.count.error.file", T::Uint32, "1 for failed file I/O events, else 0."),
    D::new("evt.count.error.net", T::Uint32, "1 for failed network I/O events, else 0."),
    D::new("evt.count.error.memory", T::Uint32, "1 for failed memory events, else 0."),
    D::new(
        "evt.count.error.other",
        T::Uint32,
        "1 for failed events outside the file, network and memory groups, else 0.",
    ),
    D::new("evt.count.exit", T::Uint32, "1 for exit events, else 0."),
    D::new("evt.count.procinfo", T::Uint32, "1 for procinfo events of main threads, else 0.")
        .flags(F::HIDDEN),
    D::new("evt.count.threadinfo", T::Uint32, "1 for procinfo events, else 0.").flags(F::HIDDEN),
    D::new(
        "evt.around",
        T::Uint64,
        "Filter only: evt.around[T]=D accepts events within D milliseconds of raw timestamp T.",
    )
    .arg(ArgForm::Index, true)
    .flags(F::FILTER_ONLY.union(F::NO_RHS).union(F::NO_TRANSFORMER)),
    D::new(
        "evt.abspath",
        T::CharBuf,
        "Absolute path built from a directory fd and a relative name; .src and .dst pick one path.",
    )
    .arg(ArgForm::Key, false)
    .flags(F::ARG_DOTTED_ONLY),
    D::new("evt.buflen.in", T::Uint64, "Buffer length of input I/O events only.").flags(F::HIDDEN),
    D::new("evt.buflen.out", T::Uint64, "Buffer length of output I/O events only.")
        .flags(F::HIDDEN),
    D::new("evt.buflen.file", T::Uint64, "Buffer length of file I/O events only.")
        .flags(F::HIDDEN),
    D::new("evt.buflen.file.in", T::Uint64, "Buffer length of file input events only.")
        .flags(F::HIDDEN),
    D::new("evt.buflen.file.out", T::Uint64, "Buffer length of file output events only.")
        .flags(F::HIDDEN),
    D::new("evt.buflen.net", T::Uint64, "Buffer length of network I/O events only.")
        .flags(F::HIDDEN),
    D::new("evt.buflen.net.in", T::Uint64, "Buffer length of network input events only.")
        .flags(F::HIDDEN),
    D::new("evt.buflen.net.out", T::Uint64, "Buffer length of network output events only.")
        .flags(F::HIDDEN),
    D::new(
        "evt.is_open_read",
        T::Bool,
        "True for open-family events that opened the path for reading.",
    ),
    D::new(
        "evt.is_open_write",
        T::Bool,
        "True for open-family events that opened the path for writing.",
    ),
    D::new("evt.infra.docker.name", T::CharBuf, "Name of a docker infrastructure event.")
        .flags(F::HIDDEN),
    D::new(
        "evt.infra.docker.container.id",
        T::CharBuf,
        "Container ID a docker infrastructure event is about.",
    )
    .flags(F::HIDDEN),
    D::new(
        "evt.infra.docker.container.name",
        T::CharBuf,
        "Container name a docker infrastructure event is about.",
    )
    .flags(F::HIDDEN),
    D::new(
        "evt.infra.docker.container.image",
        T::CharBuf,
        "Image of the container a docker infrastructure event is about.",
    )
    .flags(F::HIDDEN),
    D::new(
        "evt.is_open_exec",
        T::Bool,
        "True for open-family or creat events that created a file with execute permission.",
    ),
    D::new("evt.is_open_create", T::Bool, "True for open-family events that created the file."),
];
