//! The [`Driver`] carries out `update`'s effects: it owns the runs in progress (one, or two
//! side by side) or the attach session, and moves their events into the app's timelines.
//! The only part of the dashboard that talks to the runtime, and only through handles.

use super::app::{App, Attached, RunView, Screen};
use super::update::Effect;
use crate::attach::Session;
use crate::runner::console::ConsoleTap;
use crate::runner::{self, RunHandle, RunOptions};

/// Carries out effects: owns the runs in progress, and moves their events into the app.
#[derive(Default)]
pub struct Driver {
    /// The runs feeding `app.run` and, in compare mode, `app.other`.
    handles: Vec<RunHandle>,
    /// The attach session feeding `app.run`, in place of a run.
    session: Option<Session>,
    console: Option<ConsoleTap>,
}

impl Driver {
    /// A driver whose runs also report to tokio-console through `console`.
    pub fn with_console(console: Option<ConsoleTap>) -> Driver {
        Driver {
            console,
            ..Driver::default()
        }
    }

    /// Opens the run view of `app` on an attached process's lanes, fed by `session`.
    pub fn attach(&mut self, app: &mut App, session: Session) {
        self.handles.clear();
        app.run = Some(RunView::attached(session.target(), session.info().clone()));
        app.other = None;
        app.screen = Screen::Run;
        self.session = Some(session);
    }

    /// Carries out `effects`; true when one of them is [`Effect::Quit`].
    pub fn execute(&mut self, effects: Vec<Effect>) -> bool {
        let mut quit = false;
        for effect in effects {
            match effect {
                Effect::StartRun {
                    scenario,
                    speed,
                    step_mode,
                } => {
                    let options = RunOptions {
                        speed,
                        step_mode,
                        console: self.console,
                        ..RunOptions::default()
                    };
                    self.handles = vec![runner::start(scenario, options)];
                }
                Effect::StartCompare { scenarios, speed } => {
                    // Both are started before either is drained: their clocks start together.
                    let options = RunOptions {
                        speed,
                        ..RunOptions::default()
                    };
                    self.handles = scenarios
                        .into_iter()
                        .map(|s| runner::start(s, options))
                        .collect();
                }
                Effect::NextStep => {
                    if let Some(handle) = self.handles.first() {
                        handle.next_step();
                    }
                }
                // Dropping a handle stops its run without waiting for it; dropping the
                // session stops its client thread the same way.
                Effect::StopRun => {
                    self.handles.clear();
                    self.session = None;
                }
                Effect::Quit => quit = true,
            }
        }
        quit
    }

    /// Whether something is going on that changes the picture: a run whose timeline is not
    /// final yet, or an attach session that has not given up.
    pub fn is_live(&self, app: &App) -> bool {
        if let Some(session) = &self.session {
            // Keep pumping until the view shows that the session gave up for good.
            let shown = app.run.as_ref().and_then(|r| r.attached.as_ref());
            let failed = matches!(session.status(), crate::attach::Status::Failed(_));
            return !failed || shown.is_none_or(|a| &a.status != session.status());
        }
        let views = [app.run.as_ref(), app.other.as_ref()];
        self.handles
            .iter()
            .zip(views)
            .any(|(_, view)| view.is_some_and(|v| !v.timeline.is_finished()))
    }

    /// Moves the new events into the app's timelines and advances their clocks; false when
    /// there was nothing to do. Never waits on a scenario or on the network.
    pub fn pump(&mut self, app: &mut App) -> bool {
        if let (Some(session), Some(run)) = (self.session.as_mut(), app.run.as_mut()) {
            session.drain_into(&mut run.timeline);
            run.attached = Some(Attached {
                target: session.target().to_string(),
                status: session.status().clone(),
                interval: session.publish_interval(),
            });
            return true;
        }
        let mut any = false;
        let views = [app.run.as_mut(), app.other.as_mut()];
        for (handle, view) in self.handles.iter_mut().zip(views) {
            if let Some(view) = view
                && !view.timeline.is_finished()
            {
                handle.drain_into(&mut view.timeline);
                any = true;
            }
        }
        any
    }
}
