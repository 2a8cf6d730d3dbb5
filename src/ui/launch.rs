//! Opening a screen: a run, a comparison, an attached process, a saved run, or a run fed by
//! the caller. Each sets up the screen's state and asks the loop to start what feeds it.

use std::sync::Arc;

use super::app::{App, Overlay};
use super::msg::{Effect, Effects, Launch};
use super::run_view::RunView;
use super::screen::{AttachScreen, CompareScreen, RunScreen, Screen};
use crate::scenario::Scenario;
use crate::source::Status;

/// Opens the screen `launch` describes and returns what the loop must start for it.
pub(super) fn launch(app: &mut App, launch: Launch) -> Effects {
    app.overlay = Overlay::None;
    match launch {
        Launch::Run(scenario) => start_run(app, scenario),
        Launch::Compare(pair) => start_compare(app, pair),
        Launch::Attach { target, options } => {
            let info = crate::attach::run_info(&target, &options);
            let mut run = RunView::attached(target.as_str(), info);
            run.note = Some(crate::attach::sampling_note(None));
            app.screen = attach_screen(app, run, target.as_str().to_string());
            vec![Effect::StopRun, Effect::Attach { target, options }].into()
        }
        Launch::Open {
            info,
            scenario,
            attached,
            tape,
        } => {
            let replay = Effect::Replay {
                info: info.clone(),
                tape,
            };
            app.screen = match (scenario, attached) {
                (Some(scenario), _) => {
                    let speed = info.speed;
                    let run = RunView::with_timeline(
                        scenario,
                        crate::timeline::Timeline::new(info),
                        speed,
                    );
                    Screen::Run(Box::new(RunScreen::new(run, app.area())))
                }
                (None, target) => {
                    let target = target.unwrap_or_else(|| info.scenario.clone());
                    let run = RunView::attached(&target, info);
                    attach_screen(app, run, target)
                }
            };
            vec![Effect::StopRun, replay].into()
        }
        Launch::Show {
            scenario,
            info,
            cursor,
        } => {
            let speed = info.speed;
            let mut run =
                RunView::with_timeline(scenario, crate::timeline::Timeline::new(info), speed);
            run.cursor = cursor;
            app.screen = Screen::Run(Box::new(RunScreen::new(run, app.area())));
            Effects::none()
        }
    }
}

fn attach_screen(app: &App, run: RunView, target: String) -> Screen {
    Screen::Attach(Box::new(AttachScreen {
        view: RunScreen::new(run, app.area()),
        target,
        status: Status::Connecting,
    }))
}

/// Opens the run view on `scenario` and asks the loop to start it. The code pane and its
/// language carry over from the run shown before, if any.
pub(super) fn start_run(app: &mut App, scenario: Arc<Scenario>) -> Effects {
    let speed = app.next_speed;
    let step_mode = app.step_mode;
    let mut view = RunView::new(scenario.clone(), speed);
    if let Some(old) = app.run() {
        (view.code, view.lang) = (old.code, old.lang);
    }
    view.step_mode = step_mode;
    app.screen = Screen::Run(Box::new(RunScreen::new(view, app.area())));
    app.overlay = Overlay::None;
    vec![
        Effect::StopRun,
        Effect::StartRun {
            scenario,
            speed,
            step_mode,
        },
    ]
    .into()
}

/// Opens the compare view on two scenarios and asks the loop to start both at once.
pub(super) fn start_compare(app: &mut App, scenarios: [Arc<Scenario>; 2]) -> Effects {
    let speed = app.next_speed;
    let runs = scenarios.clone().map(|s| RunView::new(s, speed));
    app.screen = Screen::Compare(Box::new(CompareScreen::new(runs, app.area())));
    app.overlay = Overlay::None;
    vec![Effect::StopRun, Effect::StartCompare { scenarios, speed }].into()
}

/// Leaves the dashboard, stopping what runs.
pub(super) fn quit(app: &mut App) -> Effects {
    app.quit = true;
    vec![Effect::StopRun, Effect::Quit].into()
}

/// Back to the menu, stopping what runs.
pub(super) fn back_to_menu(app: &mut App) -> Effects {
    app.screen = Screen::Menu;
    vec![Effect::StopRun].into()
}
