//! Which of the shell's shared controls a page uses: the region selector where the page reads
//! one region, the time range where it reads a window. Each page says which it reads (see
//! `browser::set_page`), and a control a page ignores is not shown, so none of them says
//! something the page does not do.

/// The top bar's controls a page reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Controls {
    pub region: bool,
    pub time: bool,
}

impl Controls {
    /// The map, the trace search, the kiosk: a window in a region.
    pub const ALL: Controls = Controls {
        region: true,
        time: true,
    };
    /// One trace: found by id in a region; it has its own time.
    pub const REGION: Controls = Controls {
        region: true,
        time: false,
    };
    /// The services: the list shows every region, a service names its own; neither has a window.
    pub const NONE: Controls = Controls {
        region: false,
        time: false,
    };
}
