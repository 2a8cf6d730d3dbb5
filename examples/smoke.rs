use std::sync::Arc;
use std::time::Duration;
use taskscope::scenario::*;
fn step(action: Action) -> Step {
    Step {
        action,
        label: None,
        say: None,
        line: 1,
    }
}
fn main() {
    let flavor = if std::env::args().nth(1).is_some() {
        Flavor::MultiThread
    } else {
        Flavor::CurrentThread
    };
    let sc = Scenario {
        name: "t".into(),
        summary: "".into(),
        lesson: "".into(),
        runtime: RuntimeSpec {
            flavor,
            workers: if flavor == Flavor::MultiThread { 2 } else { 1 },
        },
        functions: vec![
            Function {
                name: "main".into(),
                line: 1,
                steps: vec![
                    step(Action::Group(vec![
                        Member {
                            function: "slow".into(),
                            task: "slow".into(),
                        },
                        Member {
                            function: "tick".into(),
                            task: "tick".into(),
                        },
                        Member {
                            function: "bad".into(),
                            task: "bad".into(),
                        },
                    ])),
                    step(Action::Forget("tick".into())),
                ],
            },
            Function {
                name: "slow".into(),
                line: 1,
                steps: vec![
                    step(Action::Sleep(Duration::from_millis(10))),
                    step(Action::Block(Duration::from_millis(200))),
                    step(Action::SpawnBlocking(Duration::from_millis(50))),
                ],
            },
            Function {
                name: "tick".into(),
                line: 1,
                steps: vec![
                    step(Action::Sleep(Duration::from_millis(50))),
                    step(Action::Yield),
                ],
            },
            Function {
                name: "bad".into(),
                line: 1,
                steps: vec![
                    step(Action::Sleep(Duration::from_millis(400))),
                    step(Action::Panic("boom".into())),
                ],
            },
        ],
        origin: "x.toml".into(),
    };
    let mut h = taskscope::runner::start(Arc::new(sc), Default::default());
    let mut tl = h.timeline();
    while !tl.is_finished() {
        std::thread::sleep(Duration::from_millis(20));
        h.drain_into(&mut tl);
    }
    for m in &tl.metas {
        println!("{m:?}");
    }
    for e in &tl.events {
        println!("{:>10} {:>3} {:?}", e.at_ns / 1000, e.task, e.kind);
    }
}
