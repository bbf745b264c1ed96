//! The CLI's standard output and standard error: the lines the commands say, the plan
//! `aggregate` delivers, and the exit code that a failed write turns into 2.
//!
//! A reader that closed the pipe (`| head -1`) wanted no more: the rest is not printed but
//! the command goes on (its files are written) and ends with 0. Any other failure to write
//! (a full disk) is kept and ends the command with 2 once its work is done ([`finish`]).

use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// Writes one line to standard output (see the module's documentation for a closed pipe).
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::output::emit(
            &mut std::io::stdout().lock(),
            &$crate::output::STDOUT_CLOSED,
            format_args!($($arg)*),
        )
    };
}

/// [`say!`] for standard error: the dispositions and the notices.
macro_rules! tell {
    ($($arg:tt)*) => {
        $crate::output::emit(
            &mut std::io::stderr().lock(),
            &$crate::output::STDERR_CLOSED,
            format_args!($($arg)*),
        )
    };
}

/// A reader closed standard output, or standard error: nothing more is written to it.
pub static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);
pub static STDERR_CLOSED: AtomicBool = AtomicBool::new(false);
/// The first failure to write an output stream other than a closed pipe: the command ends
/// with 2 once its work is done.
static STREAM_FAILED: Mutex<Option<String>> = Mutex::new(None);

/// One line to `out`, unless a reader closed it; what [`say!`] and [`tell!`] call.
pub fn emit(out: &mut dyn Write, closed: &AtomicBool, line: std::fmt::Arguments) {
    if closed.load(Ordering::Relaxed) {
        return;
    }
    let written = out
        .write_fmt(line)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    match written {
        Ok(()) => {}
        Err(e) => {
            closed.store(true, Ordering::Relaxed);
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                stream_failed(&e);
            }
        }
    }
}

fn stream_failed(e: &std::io::Error) {
    let mut failed = STREAM_FAILED.lock().unwrap_or_else(|p| p.into_inner());
    failed.get_or_insert_with(|| format!("impossibile scrivere l'uscita ({e})"));
}

/// The plan on standard output, whole or an error: it is the command's product, and a
/// reader that closed the pipe did not get it.
pub fn deliver(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush())
        .map_err(|e| {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
            format!(
                "il piano non è stato scritto per intero sull'uscita standard ({e}); i file indicati con --docx, --xlsx, --csv e --reminder sono stati scritti"
            )
        })
}

/// The command's exit code once its output is flushed: 2 if an output stream failed other
/// than by a reader closing it, said on standard error if it can be.
pub fn finish(code: ExitCode) -> ExitCode {
    match std::io::stdout().flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => stream_failed(&e),
        _ => {}
    }
    let failed = STREAM_FAILED
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .take();
    match failed {
        // Standard error may be the stream that failed: said if it can be.
        Some(why) => {
            let _ = writeln!(std::io::stderr(), "errore: {why}");
            ExitCode::from(2)
        }
        None => code,
    }
}
