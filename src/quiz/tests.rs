//! The judge and the scorer on fixed runs: what each kind of question measures, which
//! choices are right, the sentences, and the runs that settle nothing.

use std::time::Duration;

use super::*;
use crate::record::{EndKind, EventKind, TaskKind};
use crate::scenario::{DurationChoice, Flavor, Question, Quiz, QuizKind};
use crate::testkit::{MS, Script, US, freeze_done, freeze_live, group_failure};
use crate::timeline::Timeline;

fn quiz(question: Question) -> Quiz {
    Quiz {
        ask: "What happens?".into(),
        question,
        line: 1,
    }
}

fn durations(texts: &[&str]) -> Vec<DurationChoice> {
    let choice = |text: &&str| DurationChoice {
        text: text.to_string(),
        duration: crate::scenario::parse_duration(text).unwrap(),
    };
    texts.iter().map(choice).collect()
}

fn names(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

fn duration_of(of: Option<&str>, choices: &[&str]) -> Quiz {
    quiz(Question::Duration {
        of: of.map(str::to_string),
        choices: durations(choices),
    })
}

fn settled(verdict: &Verdict) -> &Settled {
    verdict
        .settled()
        .unwrap_or_else(|| panic!("unsettled: {}", verdict.sentence()))
}

#[test]
fn a_duration_is_the_task_lifetime_and_the_closest_choice_is_right() {
    let run = freeze_done();
    let verdict = judge(
        &duration_of(Some("main"), &["1s", "2s", "3s"]),
        &run.timeline,
    );
    let s = settled(&verdict);
    assert_eq!(
        s.measured,
        Measured::Duration {
            scenario_ns: 2102 * MS + 200 * US
        }
    );
    assert_eq!(s.right, [1]);
    assert_eq!(s.sentence, "main took 2.10 s: 2s is right");
    assert_eq!(score(&verdict, &Answer::Choice(1)), Score::Right);
    assert_eq!(score(&verdict, &Answer::Choice(0)), Score::Wrong);
    assert_eq!(score(&verdict, &Answer::Choice(7)), Score::Wrong);
    assert_eq!(score(&verdict, &Answer::Choices(vec![1])), Score::Right);
    // A typed duration is judged by its distance even where there are choices.
    let typed = Answer::Duration(Duration::from_millis(2050));
    assert_eq!(score(&verdict, &typed), Score::Right);
    assert_eq!(score(&verdict, &Answer::Count(2)), Score::Wrong);
}

#[test]
fn without_of_the_run_wall_time_is_measured() {
    let run = freeze_done();
    let verdict = judge(&duration_of(None, &["1s", "2s"]), &run.timeline);
    assert_eq!(verdict.sentence(), "the run took 2.10 s: 2s is right");
}

#[test]
fn a_typed_duration_is_right_within_a_tenth() {
    let run = freeze_done();
    let verdict = judge(&duration_of(Some("main"), &[]), &run.timeline);
    let s = settled(&verdict);
    assert!(s.right.is_empty());
    assert_eq!(
        s.sentence,
        "main took 2.10 s: an answer from 1.89 s to 2.31 s is right"
    );
    let typed = |ms| Answer::Duration(Duration::from_millis(ms));
    assert_eq!(score(&verdict, &typed(2000)), Score::Right);
    assert_eq!(score(&verdict, &typed(2300)), Score::Right);
    assert_eq!(score(&verdict, &typed(2400)), Score::Wrong);
    assert_eq!(score(&verdict, &typed(1000)), Score::Wrong);
    assert_eq!(score(&verdict, &Answer::Choice(0)), Score::Wrong);
    assert_eq!(
        duration_range(5 * MS),
        (0, 15 * MS),
        "at least 10 ms of slack"
    );
}

#[test]
fn equally_close_choices_are_both_right() {
    let mut s = Script::new("tie", Flavor::CurrentThread, 1);
    s.spawn(0, 0, "main", TaskKind::BlockOn, None);
    s.last_poll(2000 * MS - 10 * US, 10 * US, 0, 0, None, EndKind::Ok);
    s.finish(2000 * MS);
    let run = s.done();
    let verdict = judge(
        &duration_of(Some("main"), &["1s", "3s", "4s"]),
        &run.timeline,
    );
    assert_eq!(settled(&verdict).right, [0, 1]);
    assert_eq!(verdict.sentence(), "main took 2.00 s: 1s and 3s are right");
}

#[test]
fn polls_are_counted_and_the_closest_count_is_right() {
    let run = freeze_done();
    let polls = |of: &str, choices: &[u64]| {
        let question = Question::Polls {
            of: of.into(),
            choices: choices.to_vec(),
        };
        judge(&quiz(question), &run.timeline)
    };
    let verdict = polls("slow_sync_call", &[1, 2, 50]);
    assert_eq!(settled(&verdict).measured, Measured::Polls(2));
    assert_eq!(settled(&verdict).right, [1]);
    assert_eq!(
        verdict.sentence(),
        "slow_sync_call was polled 2 times: 2 is right"
    );
    let never = polls("send_email", &[]);
    assert_eq!(
        never.sentence(),
        "send_email was never polled: an answer from 0 to 1 is right"
    );
    assert_eq!(score(&never, &Answer::Count(1)), Score::Right);
    assert_eq!(score(&never, &Answer::Count(2)), Score::Wrong);
    assert_eq!(count_range(16), (15, 17));
    assert_eq!(count_range(2000), (1800, 2200));
}

#[test]
fn first_is_the_task_that_ended_earliest_whatever_the_order_of_choices() {
    let run = freeze_done();
    let tasks = names(&["heartbeat", "fetch_weather", "slow_sync_call", "ghost"]);
    let verdict = judge(&quiz(Question::First { tasks }), &run.timeline);
    let s = settled(&verdict);
    assert_eq!(s.measured, Measured::First(names(&["slow_sync_call"])));
    assert_eq!(s.right, [2]);
    assert_eq!(
        s.sentence,
        "slow_sync_call ended first, at 2.10 s; then heartbeat at 2.10 s and \
         fetch_weather at 2.10 s; ghost never started"
    );
    assert_eq!(score(&verdict, &Answer::Choice(2)), Score::Right);
    assert_eq!(score(&verdict, &Answer::Choice(0)), Score::Wrong);
}

#[test]
fn first_says_how_the_tasks_ended_unless_they_simply_finished() {
    let run = group_failure();
    let tasks = names(&["slow_a", "flaky_call"]);
    let verdict = judge(&quiz(Question::First { tasks }), &run.timeline);
    assert_eq!(settled(&verdict).right, [1]);
    assert_eq!(
        verdict.sentence(),
        "flaky_call (failed) ended first, at 300 ms; then slow_a (cancelled) at 300 ms"
    );
}

#[test]
fn cancelled_is_the_set_of_listed_tasks_that_were_cancelled() {
    let run = group_failure();
    let tasks = names(&["slow_a", "flaky_call", "slow_b", "audit"]);
    let verdict = judge(&quiz(Question::Cancelled { tasks }), &run.timeline);
    let s = settled(&verdict);
    assert_eq!(
        s.measured,
        Measured::Cancelled(names(&["slow_a", "slow_b"]))
    );
    assert_eq!(s.right, [0, 2]);
    assert_eq!(
        s.sentence,
        "slow_a and slow_b were cancelled; flaky_call failed and audit panicked"
    );
    assert_eq!(score(&verdict, &Answer::Choices(vec![2, 0])), Score::Right);
    assert_eq!(score(&verdict, &Answer::Choices(vec![0])), Score::Wrong);
    assert_eq!(score(&verdict, &Answer::Choices(vec![])), Score::Wrong);
    assert_eq!(score(&verdict, &Answer::Choice(0)), Score::Wrong);
}

#[test]
fn none_cancelled_is_an_answer_too() {
    let run = freeze_done();
    let tasks = names(&["heartbeat", "send_email"]);
    let verdict = judge(&quiz(Question::Cancelled { tasks }), &run.timeline);
    assert!(settled(&verdict).right.is_empty());
    assert_eq!(
        verdict.sentence(),
        "none of them was cancelled: heartbeat finished and send_email never ran"
    );
    assert_eq!(score(&verdict, &Answer::Choices(vec![])), Score::Right);
    assert_eq!(score(&verdict, &Answer::Choices(vec![1])), Score::Wrong);
}

#[test]
fn a_run_still_going_settles_nothing() {
    let run = freeze_live();
    let verdict = judge(&duration_of(Some("main"), &["1s", "2s"]), &run.timeline);
    assert_eq!(
        verdict,
        Verdict::Unsettled("the run has not ended yet".into())
    );
    assert_eq!(score(&verdict, &Answer::Choice(0)), Score::Unsettled);
}

/// A run stopped at its timeout: `quick` ended at 50 ms, `main` and `slow` never did.
fn stopped() -> Timeline {
    let mut s = Script::new("stopped", Flavor::CurrentThread, 1);
    s.spawn(0, 0, "main", TaskKind::BlockOn, None);
    s.ev(10 * US, 0, EventKind::PollStart { worker: 0 });
    s.spawn(20 * US, 1, "quick", TaskKind::Task, Some(0));
    s.spawn(30 * US, 2, "slow", TaskKind::Task, Some(0));
    s.ev(40 * US, 0, EventKind::PollEnd);
    s.poll_then_wait(MS, 10 * US, 2, 0, None);
    s.last_poll(50 * MS, 10 * US, 1, 0, None, EndKind::Ok);
    s.finish(300 * MS);
    s.done().timeline
}

#[test]
fn a_stopped_run_says_what_it_stopped_before() {
    let t = stopped();
    let unsettled = |q: Quiz| judge(&q, &t).sentence().to_string();
    assert_eq!(
        unsettled(duration_of(Some("slow"), &[])),
        "the run was stopped before slow ended"
    );
    assert_eq!(
        unsettled(duration_of(None, &[])),
        "the run was stopped before main ended"
    );
    assert_eq!(
        unsettled(duration_of(Some("ghost"), &[])),
        "ghost never started in this run"
    );
    let tasks = names(&["slow", "quick"]);
    assert_eq!(
        unsettled(quiz(Question::Cancelled {
            tasks: tasks.clone()
        })),
        "the run was stopped before slow ended"
    );
    // One that ended before the stop did end first.
    let first = judge(&quiz(Question::First { tasks }), &t);
    assert_eq!(settled(&first).right, [1]);
    assert_eq!(
        first.sentence(),
        "quick ended first, at 50.0 ms; slow had not ended"
    );
    let none = quiz(Question::First {
        tasks: names(&["slow", "ghost"]),
    });
    assert_eq!(
        judge(&none, &t).sentence(),
        "the run was stopped before any of them ended"
    );
}

#[test]
fn a_name_stands_for_every_lane_that_carries_it() {
    let mut s = Script::new("twice", Flavor::CurrentThread, 1);
    s.spawn(0, 0, "main", TaskKind::BlockOn, None);
    s.spawn(10 * MS, 1, "fetch", TaskKind::Task, Some(0));
    s.spawn(20 * MS, 2, "fetch", TaskKind::Task, Some(0));
    s.spawn(30 * MS, 3, "audit_io", TaskKind::Blocking, Some(0));
    s.last_poll(100 * MS, 10 * US, 1, 0, None, EndKind::Ok);
    s.end(400 * MS, 2, EndKind::Cancelled);
    s.end(450 * MS, 3, EndKind::Ok);
    s.last_poll(500 * MS, 10 * US, 0, 0, None, EndKind::Ok);
    s.finish(500 * MS);
    let t = s.done().timeline;
    let verdict = judge(&duration_of(Some("fetch"), &[]), &t);
    let lifetime = 400 * MS - 10 * MS;
    assert_eq!(
        settled(&verdict).measured,
        Measured::Duration {
            scenario_ns: lifetime
        }
    );
    let tasks = names(&["fetch", "main"]);
    let cancelled = judge(&quiz(Question::Cancelled { tasks }), &t);
    assert_eq!(settled(&cancelled).right, [0]);
    // A blocking-pool closure is named after its label, not a task.
    let blocking = judge(&duration_of(Some("audit_io"), &[]), &t);
    assert_eq!(blocking.sentence(), "audit_io never started in this run");
}

#[test]
fn typed_answers_are_read_as_people_type_them() {
    let typed = |kind, text| Answer::typed(kind, text);
    let secs = |ms| Ok(Answer::Duration(Duration::from_millis(ms)));
    assert_eq!(typed(QuizKind::Duration, "2"), secs(2000));
    assert_eq!(typed(QuizKind::Duration, " 2.5 "), secs(2500));
    assert_eq!(typed(QuizKind::Duration, "250ms"), secs(250));
    assert_eq!(typed(QuizKind::Duration, "1.5s"), secs(1500));
    assert!(typed(QuizKind::Duration, "").is_err());
    assert!(typed(QuizKind::Duration, "two").is_err());
    assert_eq!(typed(QuizKind::Polls, "16"), Ok(Answer::Count(16)));
    assert!(typed(QuizKind::Polls, "1.5").is_err());
    assert!(typed(QuizKind::First, "1").is_err());
}

#[test]
fn a_typed_answer_that_does_not_read_or_is_out_of_bounds_says_why() {
    let error = |kind, text| Answer::typed(kind, text).expect_err(text);
    assert_eq!(
        error(QuizKind::Duration, "abc"),
        "`abc` is not a duration (it does not start with a number): type 2 (seconds), 1.5s or 250ms"
    );
    assert_eq!(
        error(QuizKind::Duration, "10000"),
        "`10000` is too long: at most 60m"
    );
    assert_eq!(
        error(QuizKind::Duration, "61m"),
        "`61m` is too long: at most 60m"
    );
    assert_eq!(
        error(QuizKind::Duration, "99999999999999999999"),
        "`99999999999999999999` is too long: at most 60m"
    );
    let nines = "9".repeat(40);
    assert_eq!(
        error(QuizKind::Duration, &nines),
        format!(
            "`{}…{}` is too long: at most 60m",
            "9".repeat(12),
            "9".repeat(12)
        )
    );
    assert_eq!(
        Answer::typed(QuizKind::Duration, "60m"),
        Ok(Answer::Duration(Duration::from_secs(3600)))
    );
    assert_eq!(
        error(QuizKind::Polls, "x1"),
        "`x1` is not a whole number: type a number of polls, like 16"
    );
    assert_eq!(
        error(QuizKind::Polls, "99999999999999999999"),
        "`99999999999999999999` is too many: at most 1000000000 polls"
    );
}

#[test]
fn answers_are_written_back_as_the_room_gave_them() {
    let cancelled = quiz(Question::Cancelled {
        tasks: names(&["a", "b", "c"]),
    });
    assert_eq!(Answer::Choices(vec![2, 0, 2]).text(&cancelled), "a and c");
    assert_eq!(Answer::Choices(vec![]).text(&cancelled), "none of them");
    assert_eq!(Answer::Choice(1).text(&cancelled), "b");
    let timed = duration_of(Some("main"), &["1.5s", "3s"]);
    assert_eq!(Answer::Choice(0).text(&timed), "1.5s");
    let typed = Answer::Duration(Duration::from_millis(2500));
    assert_eq!(typed.text(&timed), "2.50 s");
    assert_eq!(Answer::Count(16).text(&timed), "16");
}
