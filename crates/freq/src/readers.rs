//! Reading a chunk's small files ahead of the workers, several at a time when they
//! come slowly.
//!
//! A file not in the page cache costs its reader a wait on the disk, tens of
//! microseconds on a fast one and milliseconds on a slow one: read one after the
//! other, a folder of small files that is not cached reads at a fraction of the speed
//! of one that is (the 16,020 files of the benchmark folder: 1.5 s against 0.65 s on one
//! worker). Read by several threads at once, the disk serves several files at a time.
//! They are threads of their own, not the workers', which would wait on the disk
//! instead of counting; and they are used only when the files are slow to come, since
//! from the page cache one thread reads faster than the workers count.

use std::time::{Duration, Instant};

use rayon::prelude::*;
use sozdik_corpus::{ReadOptions, Unit};

/// Threads that read small files when they come slowly: a disk serves many reads at once
/// (the benchmark folder read cold on two workers: 0.89 s with 4 threads, 0.80 s with 8,
/// 0.73 s with 16, medians of 3).
const READ_THREADS: usize = 16;
/// Files read and timed at the start of each chunk…
const PROBE_FILES: usize = 8;
/// …and the time the median of them may take before the rest of the chunk's files are
/// read in parallel. From the page cache a small file takes a few microseconds to open,
/// read and close (5 to 6 on the benchmark machine); from a disk, tens or more.
const SLOW_FILE: Duration = Duration::from_micros(40);

/// What [`Readers::load`] does with the rest of a chunk's files when the first ones
/// came fast.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fast {
    /// Reads them, one after the other (a thread that reads ahead of the workers).
    Load,
    /// Leaves them to be read where they are decoded (by the workers).
    Leave,
}

/// The threads that read a chunk's small files ([`Unit::load`]), made the first time
/// files come slowly.
pub(crate) struct Readers {
    pool: Option<rayon::ThreadPool>,
    /// [`SLOW_FILE`], but for tests.
    slow_file: Duration,
}

impl Default for Readers {
    fn default() -> Readers {
        Readers { pool: None, slow_file: SLOW_FILE }
    }
}

impl Readers {
    /// The units of `chunk`, in order, with the first few small files read here, timed;
    /// if they were slow to come, the rest are read by the reading threads, else as
    /// `fast` says.
    pub(crate) fn load(&mut self, chunk: Vec<Unit>, opts: &ReadOptions, fast: Fast) -> Vec<Unit> {
        let mut loaded = Vec::with_capacity(chunk.len());
        let mut rest = chunk.into_iter();
        let mut times: Vec<Duration> = Vec::with_capacity(PROBE_FILES);
        while times.len() < PROBE_FILES {
            let Some(unit) = rest.next() else { break };
            let (file, started) = (matches!(unit, Unit::File(_)), Instant::now());
            loaded.push(unit.load(opts));
            if file {
                times.push(started.elapsed());
            }
        }
        let slow = slow_to_come(&mut times, self.slow_file);
        if slow && rest.len() > 1 && self.pool.is_none() {
            self.pool = rayon::ThreadPoolBuilder::new().num_threads(READ_THREADS).build().ok();
        }
        match (&self.pool, fast) {
            (Some(pool), _) if slow => pool.install(|| {
                let rest: Vec<Unit> = rest.collect();
                loaded.par_extend(rest.into_par_iter().with_max_len(1).map(|u| u.load(opts)));
            }),
            (_, Fast::Load) => loaded.extend(rest.map(|u| u.load(opts))),
            (_, Fast::Leave) => loaded.extend(rest),
        }
        loaded
    }
}

/// Whether files that took `times` to read came slowly: their median is `slow_file` or
/// more. The median, not the mean: on a virtual machine one file in a few may take a
/// hundred times as long from the page cache (a page fault the host serves, the thread
/// taken off its core: 1 to 8 ms among files of 6 to 40 µs), and the mean of eight then
/// took cached files for files on the disk in 5 runs of 20 on the benchmark folder,
/// starting 16 reading threads on two cores.
fn slow_to_come(times: &mut [Duration], slow_file: Duration) -> bool {
    times.sort_unstable();
    times.get(times.len() / 2).is_some_and(|&t| t >= slow_file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_slow_file_does_not_make_a_chunk_slow() {
        let us = Duration::from_micros;
        // Times seen on the benchmark folder, from the page cache.
        let mut cached = [us(9), us(14), us(15), us(17), us(21), us(37), us(180), us(2475)];
        assert!(!slow_to_come(&mut cached, SLOW_FILE));
        let mut cold = [us(90), us(300), us(120), us(15), us(2000), us(250), us(80), us(30)];
        assert!(slow_to_come(&mut cold, SLOW_FILE));
        assert!(!slow_to_come(&mut [], SLOW_FILE));
    }

    #[test]
    fn files_read_in_parallel_come_in_order() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..40 {
            std::fs::write(dir.path().join(format!("{i:02}.txt")), "сөз ".repeat(i + 1)).unwrap();
        }
        let (mut sources, problems) = sozdik_corpus::discover(&[dir.path().to_string_lossy().into_owned()]).unwrap();
        assert!(problems.is_empty());
        sources.sort_by(|a, b| a.id.cmp(&b.id));
        // A file that is gone by the time it is read is reported in its place.
        std::fs::remove_file(dir.path().join("07.txt")).unwrap();
        let opts = ReadOptions::default();
        let read = |readers: &mut Readers, fast: Fast| -> (Vec<String>, usize) {
            let units: Vec<Unit> = sozdik_corpus::Units::new(&sources, &opts).collect();
            let loaded = readers.load(units, &opts, fast);
            let ahead = loaded.iter().filter(|u| matches!(u, Unit::Loaded(_))).count();
            let docs = loaded.into_iter().flat_map(|u| u.read(&opts));
            let docs =
                docs.map(|d| d.map_or_else(|p| format!("{}: failed", p.id), |d| format!("{}: {}", d.id, d.text.len())));
            (docs.collect(), ahead)
        };
        let slow = || Readers { pool: None, slow_file: Duration::ZERO };
        let fast = || Readers { pool: None, slow_file: Duration::MAX / 64 };
        // Every file taken as slow: all but the first few read by the reading threads.
        let (parallel, ahead) = read(&mut slow(), Fast::Leave);
        assert_eq!(ahead, 40);
        assert_eq!(read(&mut fast(), Fast::Load), (parallel.clone(), 40));
        // Files that come fast are left to the workers, but for the first few.
        assert_eq!(read(&mut fast(), Fast::Leave), (parallel.clone(), PROBE_FILES));
        assert_eq!(parallel.len(), 40);
        assert_eq!(parallel[7], "07.txt: failed");
        assert_eq!(parallel[39], format!("39.txt: {}", "сөз ".repeat(40).len()));
    }
}
