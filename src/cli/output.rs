//! Lines for standard output that never panic on a closed pipe.

use std::{
    fmt::Display,
    io::{self, Write},
};

/// Lines for a reader that may leave before the end: standard output piped into
/// `head`, a pager quit early, a closed terminal. `println!` panics when it
/// cannot write (exit code 101); this writes each line and, once writing fails
/// (typically `EPIPE`, [`io::ErrorKind::BrokenPipe`], because the reader has
/// gone), writes nothing more, so the command finishes its work and exits with
/// its own code. A broken pipe is expected and silent; any other write error is
/// logged once.
///
/// ```no_run
/// let mut out = consulta::cli::Lines::stdout();
/// for n in 1..=1000 {
///     if !out.line(n) {
///         break; // nobody reads any more
///     }
/// }
/// ```
pub struct Lines<W: Write = io::Stdout> {
    out: W,
    closed: bool,
}

impl Lines {
    /// Lines to standard output.
    pub fn stdout() -> Lines {
        Lines::new(io::stdout())
    }
}

impl<W: Write> Lines<W> {
    pub fn new(out: W) -> Lines<W> {
        Lines { out, closed: false }
    }

    /// Writes `text` and a newline, flushed so the line shows at once. Returns
    /// whether the reader still takes lines: `false` once writing has failed,
    /// after which nothing more is written.
    pub fn line(&mut self, text: impl Display) -> bool {
        if self.closed {
            return false;
        }
        if let Err(e) = writeln!(self.out, "{text}").and_then(|()| self.out.flush()) {
            if e.kind() != io::ErrorKind::BrokenPipe {
                tracing::warn!(error = %e, "the output could not be written; writing no more of it");
            }
            self.closed = true;
        }
        !self.closed
    }

    /// Whether writing has failed (the reader has gone).
    pub fn is_closed(&self) -> bool {
        self.closed
    }
}

/// Prints one line to standard output without panicking when nobody reads it
/// (see [`Lines`]). Returns `false` when it could not be written; each call
/// tries on its own, so a command that prints a few lines may ignore it.
pub fn print_line(text: impl Display) -> bool {
    Lines::stdout().line(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Takes `room` lines, then fails as a closed pipe (or with `kind`).
    struct Pipe {
        written: Vec<u8>,
        room: usize,
        kind: io::ErrorKind,
        attempts: usize,
    }

    impl Write for Pipe {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.attempts += 1;
            if self.written.iter().filter(|b| **b == b'\n').count() >= self.room {
                return Err(io::Error::from(self.kind));
            }
            self.written.extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn lines_stop_quietly_once_the_reader_is_gone() {
        for kind in [io::ErrorKind::BrokenPipe, io::ErrorKind::StorageFull] {
            let mut out = Lines::new(Pipe { written: Vec::new(), room: 1, kind, attempts: 0 });
            assert!(out.line("✓ first"));
            assert!(!out.is_closed());
            assert!(!out.line("✓ second"));
            assert!(out.is_closed());
            let attempts = out.out.attempts;
            assert!(!out.line("✓ third"), "nothing more is written");
            assert_eq!(out.out.attempts, attempts, "not even tried");
            assert_eq!(String::from_utf8_lossy(&out.out.written), "✓ first\n");
        }
    }
}
