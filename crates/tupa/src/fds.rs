//! The process's limit on open files. Every live socket (guidance spaces, the desk) and every
//! database connection is a file descriptor; the usual soft limit of 1,024 would refuse
//! connections at about a thousand open pages, long before memory or CPU run out. The hard
//! limit is what the operator allows (systemd's default is 524,288), so `tupa serve` raises
//! its soft limit to it at start, as the chat latency benchmark's 5,000 sockets need.

/// Raises the soft RLIMIT_NOFILE to the hard limit; the limit now in force, if known.
// rlim_t is u64 here but u32 on 32-bit targets: the casts are needed there.
#[allow(clippy::unnecessary_cast)]
pub fn raise_limit() -> Option<u64> {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let mut lim = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: getrlimit and setrlimit with a valid struct; they change only this process.
        unsafe {
            if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) != 0 {
                return None;
            }
            if lim.rlim_cur < lim.rlim_max {
                let raised = libc::rlimit { rlim_cur: lim.rlim_max, rlim_max: lim.rlim_max };
                if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                    return Some(raised.rlim_cur as u64);
                }
            }
        }
        Some(lim.rlim_cur as u64)
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    None
}
