//! Opening a screen: a run, a comparison, an attached process, a saved run, or a run fed by
//! the caller. Each sets up the screen's state and asks the loop to start what feeds it. A
//! run of a scenario with a question for the room (and a saved run of one) is asked first.

use std::sync::Arc;

use super::app::{App, Overlay};
use super::ask::AskScreen;
use super::msg::{Effect, Effects, Launch};
use super::run_view::RunView;
use super::screen::{AttachScreen, CompareScreen, RunScreen, Screen};
use crate::scenario::Scenario;
use crate::source::Status;

/// Opens the screen `launch` describes, or first the question of its scenario when the room
/// is asked (see [`asks`]); returns what the loop must start.
pub(super) fn launch(app: &mut App, launch: Launch) -> Effects {
    let scenario = match &launch {
        Launch::Run(scenario) => Some(scenario),
        Launch::Open { scenario, .. } => scenario.as_ref(),
        _ => None,
    };
    match scenario.filter(|s| asks(app, s)).cloned() {
        Some(scenario) => {
            app.overlay = Overlay::None;
            app.screen = Screen::Ask(Box::new(AskScreen::new(scenario, launch)));
            vec![Effect::StopRun].into()
        }
        None => open(app, launch),
    }
}

/// Whether the room is asked `scenario`'s question before its run: it has one, and questions
/// are on (the menu's ctrl-a, `run --no-quiz`). A comparison, a picture and a rerun (`r`)
/// ask nothing.
pub fn asks(app: &App, scenario: &Scenario) -> bool {
    app.ask && !app.picture && scenario.quiz.is_some()
}

/// Opens the screen `launch` describes, without asking, and returns what the loop must
/// start for it.
pub(super) fn open(app: &mut App, launch: Launch) -> Effects {
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
                    let run = RunView::of(scenario, info);
                    Screen::Run(Box::new(RunScreen::new(run, app.area(), app.step_mode)))
                }
                (None, target) => {
                    let target = target.unwrap_or_else(|| info.scenario.clone());
                    let run = RunView::attached(&target, info);
                    attach_screen(app, run, target)
                }
            };
            vec![Effect::StopRun, replay].into()
        }
        Launch::Show { scenario, info, at } => {
            let speed = info.speed;
            let mut run = RunView::of(scenario, info);
            run.hold = at.map(|t| real_ns(t, speed));
            app.screen = Screen::Run(Box::new(RunScreen::new(run, app.area(), false)));
            Effects::none()
        }
    }
}

/// Real ns into a run played at `speed` of `scenario_ns` of the scenario's own time.
fn real_ns(scenario_ns: u64, speed: f64) -> u64 {
    let real = scenario_ns as f64 / speed;
    if real.is_finite() && real >= 0.0 {
        real.round().min(u64::MAX as f64) as u64
    } else {
        scenario_ns
    }
}

fn attach_screen(app: &App, run: RunView, target: String) -> Screen {
    Screen::Attach(Box::new(AttachScreen {
        view: RunScreen::new(run, app.area(), false),
        target,
        status: Status::Connecting,
    }))
}

/// Opens the run view on `scenario` and asks the loop to start it. The code pane, its
/// language, the lanes' filter and the room's answer carry over from the run shown before,
/// if any (a rerun is judged against the answer given before the first run).
pub(super) fn start_run(app: &mut App, scenario: Arc<Scenario>) -> Effects {
    let speed = app.next_speed;
    let mut view = RunView::new(scenario.clone(), speed);
    if let Some(old) = app.run() {
        (view.code, view.lang) = (old.code, old.lang);
        view.choice.filter = old.choice.filter.clone();
        view.answer = old.answer.clone();
    }
    app.screen = Screen::Run(Box::new(RunScreen::new(view, app.area(), app.step_mode)));
    app.overlay = Overlay::None;
    vec![Effect::StopRun, Effect::StartRun { scenario, speed }].into()
}

/// Opens the compare view on two scenarios and asks the loop to start both at once.
pub(super) fn start_compare(app: &mut App, scenarios: [Arc<Scenario>; 2]) -> Effects {
    let speed = app.next_speed;
    let runs = scenarios.clone().map(|s| RunView::new(s, speed));
    let screen = CompareScreen::new(runs, app.area(), app.step_mode);
    app.screen = Screen::Compare(Box::new(screen));
    app.overlay = Overlay::None;
    vec![Effect::StopRun, Effect::StartCompare { scenarios, speed }].into()
}

/// Leaves the dashboard, stopping what runs.
pub(super) fn quit(app: &mut App) -> Effects {
    app.quit = true;
    vec![Effect::StopRun, Effect::Quit].into()
}

/// Back to the menu, stopping what runs: the filter is cleared, and the scenario just
/// watched (or asked about) is selected.
pub(super) fn back_to_menu(app: &mut App) -> Effects {
    let watched = match &app.screen {
        Screen::Ask(ask) => Some(ask.scenario.origin.clone()),
        _ => app.runs().first().map(|r| r.scenario.origin.clone()),
    };
    app.screen = Screen::Menu;
    let menu = &mut app.menu;
    menu.filter.clear();
    menu.editing = false;
    menu.scroll = 0;
    if let Some(at) = watched.and_then(|o| menu.entries.iter().position(|e| e.origin == o)) {
        menu.selected = at;
    }
    vec![Effect::StopRun].into()
}
