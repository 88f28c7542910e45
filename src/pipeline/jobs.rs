//! Runs a build's jobs (editions, social images) on threads of their own,
//! not as tasks of rayon's pool: typst's PDF writer (krilla) waits for its
//! background work with `rayon::yield_now`, which runs *every* pending task
//! of the pool on the waiting thread. Editions queued as pool tasks were
//! then started inside one another, each holding its half-made documents on
//! the same stack: memory grew with the number of editions and 162 editions
//! overflowed the stack. On threads outside the pool, that wait only blocks,
//! and the pool's threads are left to krilla's own work.

use std::sync::Mutex;

/// Stack of each job thread: typst's layout recurses deeply.
const STACK_BYTES: usize = 16 * 1024 * 1024;

/// Runs `job` on every item, on as many threads as rayon would use
/// (`RAYON_NUM_THREADS`), and returns the results in the items' order.
/// At most that many jobs run at once, none inside another.
pub fn run<T: Send, R: Send>(items: Vec<T>, job: impl Fn(T) -> R + Sync) -> Vec<R> {
    let count = items.len();
    let queue = Mutex::new(items.into_iter().enumerate());
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..count).map(|_| None).collect());
    let threads = rayon::current_num_threads().clamp(1, count.max(1));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let worker = || {
                while let Some((i, item)) = queue.lock().map_or(None, |mut q| q.next()) {
                    let result = job(item);
                    if let Ok(mut all) = results.lock() {
                        all[i] = Some(result);
                    }
                }
            };
            if std::thread::Builder::new().stack_size(STACK_BYTES).spawn_scoped(scope, worker).is_err() {
                // No thread to be had: this one does the work.
                worker();
            }
        }
    });
    results.into_inner().unwrap_or_default().into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// How many jobs run at once.
    static RUNNING: AtomicUsize = AtomicUsize::new(0);

    /// A job that waits for background work as typst's PDF writer does
    /// (`rayon::spawn`, then `rayon::yield_now` until nothing is pending).
    fn pdf_like_job(most: &AtomicUsize) {
        let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
        most.fetch_max(now, Ordering::SeqCst);
        let done = std::sync::Arc::new(std::sync::OnceLock::new());
        let set = done.clone();
        rayon::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(2));
            let _ = set.set(());
        });
        while let Some(rayon::Yield::Executed) = rayon::yield_now() {}
        done.wait();
        RUNNING.fetch_sub(1, Ordering::SeqCst);
    }

    #[test]
    fn jobs_never_run_inside_one_another() {
        let most = AtomicUsize::new(0);
        let results = run((0..64).collect(), |i: usize| {
            pdf_like_job(&most);
            i * 2
        });
        assert_eq!(results, (0..64).map(|i| i * 2).collect::<Vec<_>>());
        let threads = rayon::current_num_threads();
        assert!(most.load(Ordering::SeqCst) <= threads, "{} jobs alive at once on {threads} threads", most.load(Ordering::SeqCst));
    }
}
