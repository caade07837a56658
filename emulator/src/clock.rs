//! The emulator's notion of "now". Long-running App Runner operations settle lazily from this clock,
//! so a manual clock makes every state transition deterministic in tests.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Clone, Debug)]
pub struct Clock {
    manual: Option<Arc<Mutex<f64>>>,
}

impl Clock {
    /// Wall-clock time.
    pub fn system() -> Self {
        Self { manual: None }
    }

    /// A clock that only moves when [`Clock::advance`] is called.
    pub fn manual(start_epoch_s: f64) -> Self {
        Self {
            manual: Some(Arc::new(Mutex::new(start_epoch_s))),
        }
    }

    pub fn is_manual(&self) -> bool {
        self.manual.is_some()
    }

    /// Epoch seconds, with sub-second precision.
    pub fn now(&self) -> f64 {
        match &self.manual {
            Some(now) => *now.lock().unwrap_or_else(PoisonError::into_inner),
            None => system_now(),
        }
    }

    /// Moves a manual clock forward; a system clock cannot be moved, so this is a no-op there.
    pub fn advance(&self, secs: f64) {
        if let Some(now) = &self.manual {
            *now.lock().unwrap_or_else(PoisonError::into_inner) += secs;
        }
    }
}

impl Default for Clock {
    fn default() -> Self {
        Self::system()
    }
}

pub(crate) fn system_now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_clock_moves_only_when_advanced() {
        let clock = Clock::manual(1_000.0);
        assert_eq!(clock.now(), 1_000.0);
        let shared = clock.clone();
        shared.advance(2.5);
        assert_eq!(clock.now(), 1_002.5, "clones share one time");
    }

    #[test]
    fn system_clock_ignores_advance_and_tracks_wall_time() {
        let clock = Clock::system();
        let before = system_now();
        clock.advance(1e9);
        let now = clock.now();
        assert!(
            now >= before && now < before + 1e8,
            "advance must not move a system clock"
        );
    }
}
