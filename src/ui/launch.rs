//! Opening a screen: a run, a comparison, an attached process, a saved run, or a run fed by
//! the caller. Each sets up the screen's state and asks the loop to start what feeds it. A
//! run of a scenario with a question for the room (and a saved run of one) is asked first.

use std::sync::Arc;

use super::app::{App, Overlay};
use super::ask::AskScreen;
use super::msg::{Effect, Effects, Launch};
use super::run_view::RunView;
use super::screen::{AttachScreen, CompareScreen, RunScreen, Screen};
use crate::pyrun::Script;
use crate::scenario::Scenario;
use crate::source::{Engine, RunInfo, Status};

/// Opens the screen `launch` describes, or first the question of its scenario when the room
/// is asked (see [`asks`]); returns what the loop must start.
pub(super) fn launch(app: &mut App, launch: Launch) -> Effects {
    // The question of the runtime the run will be on.
    let scenario = match &launch {
        Launch::Run(scenario) => Some((scenario, app.next_engine)),
        Launch::Open { scenario, info, .. } => scenario.as_ref().zip(Some(info.runtime.engine())),
        _ => None,
    };
    match scenario.filter(|(s, engine)| asks(app, s, *engine)) {
        Some((scenario, engine)) => {
            let ask = AskScreen::new(scenario.clone(), engine, launch);
            app.overlay = Overlay::None;
            app.screen = Screen::Ask(Box::new(ask));
            vec![Effect::StopRun].into()
        }
        None => open(app, launch),
    }
}

/// Whether the room is asked `scenario`'s question before its run on `engine`: it has one
/// there, and questions are on (the menu's ctrl-a, `run --no-quiz`). A comparison, a
/// picture and a rerun (`r`) ask nothing.
pub fn asks(app: &App, scenario: &Scenario, engine: Engine) -> bool {
    app.ask && !app.picture && engine.quiz(scenario).is_some()
}

/// Opens the screen `launch` describes, without asking, and returns what the loop must
/// start for it.
pub(super) fn open(app: &mut App, launch: Launch) -> Effects {
    app.overlay = Overlay::None;
    match launch {
        Launch::Run(scenario) => start_run(app, scenario),
        Launch::Compare(pair) => {
            let engine = app.next_engine;
            start_compare(app, pair, [engine; 2])
        }
        Launch::CompareOn { scenarios, engines } => start_compare(app, scenarios, engines),
        Launch::Script(script) => start_script(app, script),
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
            script,
            tape,
        } => {
            let replay = Effect::Replay {
                info: info.clone(),
                tape,
            };
            app.screen = match (scenario, attached) {
                (Some(scenario), _) => {
                    let mut run = RunView::of(scenario, info);
                    run.script = script;
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

/// Opens the run view on `scenario`, on the next runs' runtime and speed, and asks the loop
/// to start it. The code pane, its language (unless the runtime changed), the lanes' filter
/// and the room's answer carry over from the run shown before, if any (a rerun is judged
/// against the answer given before the first run).
pub(super) fn start_run(app: &mut App, scenario: Arc<Scenario>) -> Effects {
    let (speed, engine) = (app.next_speed, app.next_engine);
    let info = crate::start::run_info(&scenario, engine, speed);
    let view = carried_over(app, RunView::of(scenario.clone(), info));
    app.screen = Screen::Run(Box::new(RunScreen::new(view, app.area(), app.step_mode)));
    app.overlay = Overlay::None;
    let start = Effect::StartRun {
        scenario,
        speed,
        engine,
    };
    vec![Effect::StopRun, start].into()
}

/// Opens the run view on a Python program of the user's and asks the loop to start it.
pub(super) fn start_script(app: &mut App, script: Arc<Script>) -> Effects {
    let info = RunInfo::asyncio(script.name());
    let mut view = carried_over(app, RunView::of(Arc::new(script.stand_in()), info));
    view.script = Some(script.clone());
    app.screen = Screen::Run(Box::new(RunScreen::new(view, app.area(), false)));
    app.overlay = Overlay::None;
    vec![Effect::StopRun, Effect::StartScript(script)].into()
}

/// `view` with the code pane, its language, the lanes' filter and the room's answer of the
/// run shown before (the language only on the same runtime: an asyncio run opens on its
/// Python listing).
fn carried_over(app: &App, mut view: RunView) -> RunView {
    if let Some(old) = app.run() {
        view.code = old.code;
        if old.timeline.info().runtime.engine() == view.timeline.info().runtime.engine() {
            view.lang = old.lang;
        }
        view.choice.filter = old.choice.filter.clone();
        // The answer to the same question: a rerun on the other runtime may ask another.
        if old.question() == view.question() {
            view.answer = old.answer.clone();
        }
    }
    view
}

/// Opens the compare view on two scenarios, each on its runtime, and asks the loop to start
/// both at once.
pub(super) fn start_compare(
    app: &mut App,
    scenarios: [Arc<Scenario>; 2],
    engines: [Engine; 2],
) -> Effects {
    let speed = app.next_speed;
    let runs = [0, 1].map(|i| {
        let info = crate::start::run_info(&scenarios[i], engines[i], speed);
        RunView::of(scenarios[i].clone(), info)
    });
    let screen = CompareScreen::new(runs, app.area(), app.step_mode);
    app.screen = Screen::Compare(Box::new(screen));
    app.overlay = Overlay::None;
    let start = Effect::StartCompare {
        scenarios,
        speed,
        engines,
    };
    vec![Effect::StopRun, start].into()
}

/// The scenario selected in the menu on tokio above and on asyncio below.
pub(super) fn compare_runtimes(app: &mut App) -> Effects {
    let scenario = match &app.screen {
        Screen::Menu => app
            .menu
            .selected_entry()
            .and_then(|e| e.scenario.clone().ok()),
        _ => None,
    };
    match scenario {
        Some(s) => start_compare(app, [s.clone(), s], Engine::ALL),
        None => Effects::none(),
    }
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
