//! The process's memory allocator settings.
//!
//! glibc gives every thread that allocates under contention an arena of its own, up to eight
//! per core, and returns little of an arena's memory once it is fragmented. SQLite runs each
//! pooled connection on a thread of its own and tokio adds its workers and blocking threads,
//! so `tupa serve` on SQLite kept gaining about 0.2–0.3 MiB a minute under a steady load for
//! as long as the soak benchmark ran, while the same load on PostgreSQL levelled off. Two
//! arenas made the growth flat after the warm-up and cost nothing measurable in latency (see
//! the README's soak figures), so the server starts with two unless the operator chose
//! otherwise with glibc's own `MALLOC_ARENA_MAX`.

/// The arenas glibc may make. Two: one for the async workers, one for the rest, is plenty
/// for a server whose allocations are short-lived request buffers.
pub const ARENA_MAX: i32 = 2;

/// Bounds glibc's malloc arenas, unless `MALLOC_ARENA_MAX` is set (glibc has read it then).
/// Must run before the runtime starts its threads: arenas made before it stay.
pub fn bound_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only changes the allocator's tuning; called while the process has
        // one thread, before anything else allocates concurrently.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, ARENA_MAX);
        }
    }
}
