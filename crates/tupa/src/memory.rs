//! The process's memory allocators.
//!
//! Rust's allocations go to mimalloc (`main.rs`, `#[global_allocator]`). Under load glibc's
//! malloc was a quarter of the CPU of a cached public page (`perf`: `_int_free`, `malloc`,
//! `malloc_consolidate`), and its arenas kept what a burst had used. `cargo bench -p tupa
//! --bench serve`, the two builds one after the other (5 December 2026): `/api/v1/me` with 32
//! clients 14 089 → 38 057 req/s on SQLite and 10 343 → 16 972 on PostgreSQL, RSS after that
//! load 99.8 → 77.1 MiB and 246.9 → 70.7 MiB; an idle server holds more (58.3 → 80.1 MiB on
//! SQLite, 53.8 → 69.4 on PostgreSQL: each thread's heap keeps some pages of its own). `wrk`
//! of an ad page from the cache, 8 clients: 53 000–55 000 → 65 000–67 000 req/s.
//!
//! SQLite's own allocations (C, bundled) still use glibc's malloc, hence the rest of this.
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
