//! How the rows between the time axis and the legend are shared among the lanes and the
//! panes below them, so that the room goes to what a presenter needs and never to a hole:
//! first a row a lane (a pane never hides a lane), then the quiz's answer and the
//! findings; then lanes two and three rows tall, the quiz's question, the lesson, every
//! finding in full, the code pane; then taller lanes still; then what is left of the lesson and the code pane, however few rows
//! that is. Only what no part can use stays blank (less than a row a lane), under the
//! findings.

/// Most rows a lane grows to while the room is shared with the lesson and the code pane.
pub const TALL_LANE_ROWS: u16 = 3;
/// Most rows a lane grows to when every pane has what it needs and room is left: enough
/// for two lanes to fill a 60-row terminal, the bars still reading as bars.
pub const MAX_LANE_ROWS: u16 = 16;
/// Fewest rows a pane is given from what is left at the end: its title and a line.
const LEFT_MIN_ROWS: u16 = 2;
/// Fewest rows the lesson pane is given: its title and a few lines.
pub const LESSON_MIN_ROWS: u16 = 4;
/// Fewest rows the code pane is opened with where the room allows: its title and a few
/// lines around the lit one.
pub const CODE_MIN_ROWS: u16 = 8;
/// Most rows the code pane takes where the room allows (the listing scrolls to its lit
/// lines), so that the lanes keep some of the room.
pub const CODE_MAX_ROWS: u16 = 32;
/// Findings the dashboard shows however short the room (the latest ones); the others get
/// the rows the lanes leave at a row each.
pub const FEW_FINDINGS: u16 = 3;

/// What the parts below the axis need, in rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Needs {
    /// Worker lanes.
    pub workers: u16,
    /// Task lanes.
    pub tasks: u16,
    /// The quiz pane's title, the room's answer and the verdict (0: no pane).
    pub quiz: u16,
    /// The question, above them, when there is room.
    pub quiz_ask: u16,
    /// The lesson pane with its title, every line of it (0: none).
    pub lesson: u16,
    /// The findings pane with a row a finding (0: no finding).
    pub findings: u16,
    /// The findings pane with every finding in full.
    pub findings_full: u16,
    /// Panes that take their rows whatever the room: the details below the lanes, the
    /// code pane opened with `c` below them.
    pub fixed: u16,
    /// Rows the code pane would take where the room allows (None: not offered).
    pub code: Option<u16>,
}

/// How many rows each part gets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rows {
    /// Rows of each lane.
    pub lane_rows: u16,
    /// The worker lanes.
    pub workers: u16,
    /// The task lanes (those that fit, if they scroll).
    pub tasks: u16,
    /// The quiz pane, question included if it fits.
    pub quiz: u16,
    /// The lesson pane.
    pub lesson: u16,
    /// The code pane where the room allows.
    pub code: u16,
    /// The findings pane.
    pub findings: u16,
    /// Worker lanes, then task lanes, a blank row taller than `lane_rows`: the rows left
    /// once no lane can grow a whole row, spread among them.
    pub spare: (u16, u16),
    /// Rows left blank, under the findings.
    pub gap: u16,
}

/// Shares `middle` rows (between the axis and the legend, the fixed panes included) among
/// the parts of `needs`; one row of them is the rule between workers and tasks.
pub fn share(middle: u16, needs: &Needs) -> Rows {
    let lanes = needs.workers + needs.tasks;
    if 1 + lanes + needs.fixed > middle {
        return short(middle, needs);
    }
    // Every lane has its row; the quiz's answer and the findings (the latest few) take
    // what is left of theirs.
    let mut room = middle - 1 - lanes - needs.fixed;
    let quiz = at_least(LEFT_MIN_ROWS, needs.quiz, room);
    room -= quiz;
    let latest = needs.findings.min(FEW_FINDINGS + 1);
    let few = at_least(LEFT_MIN_ROWS, latest, room);
    room -= few;
    // Every finding gets its row before the lanes grow.
    let more = if few == latest {
        (needs.findings - few).min(room)
    } else {
        0
    };
    room -= more;
    let mut rows = Rows {
        lane_rows: 1,
        quiz,
        findings: few + more,
        ..Rows::default()
    };
    let grow = |rows: &mut Rows, room: &mut u16, most: u16| {
        while rows.lane_rows < most && lanes > 0 && *room >= lanes {
            rows.lane_rows += 1;
            *room -= lanes;
        }
    };
    grow(&mut rows, &mut room, TALL_LANE_ROWS);
    // The question whole, or not at all: half a question is none.
    if needs.quiz > 0 && rows.quiz == needs.quiz && needs.quiz_ask <= room {
        rows.quiz += needs.quiz_ask;
        room -= needs.quiz_ask;
    }
    if room >= LESSON_MIN_ROWS.min(needs.lesson) && needs.lesson > 0 {
        rows.lesson = needs.lesson.min(room);
        room -= rows.lesson;
    }
    let full = needs.findings_full.saturating_sub(rows.findings);
    if rows.findings == needs.findings && full <= room {
        rows.findings += full;
        room -= full;
    }
    // The code pane comes after every finding in full.
    let findings_full = rows.findings >= needs.findings_full;
    if let Some(code) = needs.code
        && findings_full
        && room >= CODE_MIN_ROWS.min(code)
    {
        rows.code = code.min(room).min(CODE_MAX_ROWS);
        room -= rows.code;
    }
    grow(&mut rows, &mut room, MAX_LANE_ROWS);
    // What the lanes cannot use goes to the lesson, then the code pane, where they were
    // given less than they need (or nothing, for want of their fewest rows).
    if needs.lesson > rows.lesson && room >= LEFT_MIN_ROWS.saturating_sub(rows.lesson) {
        let more = (needs.lesson - rows.lesson).min(room);
        rows.lesson += more;
        room -= more;
    }
    if let Some(code) = needs.code
        && findings_full
        && code.min(CODE_MAX_ROWS) > rows.code
        && room >= LEFT_MIN_ROWS.saturating_sub(rows.code)
    {
        let more = (code.min(CODE_MAX_ROWS) - rows.code).min(room);
        rows.code += more;
        room -= more;
    }
    // Rows that make no lane a whole row taller write findings in full, as many as fit,
    // rather than stay blank.
    if rows.findings == needs.findings && needs.findings_full > rows.findings {
        let more = (needs.findings_full - rows.findings).min(room);
        rows.findings += more;
        room -= more;
    }
    // The rows still left give some lanes a blank row more: the tasks' first, then the
    // workers'.
    // With no task lane yet, the room stays theirs (an attach view says there what its
    // connection is doing).
    let tasks = room.min(needs.tasks);
    let workers = if needs.tasks == 0 {
        0
    } else {
        (room - tasks).min(needs.workers)
    };
    rows.spare = (workers, tasks);
    rows.workers = needs.workers * rows.lane_rows + workers;
    rows.tasks = needs.tasks * rows.lane_rows + tasks;
    rows.gap = room - tasks - workers;
    rows
}

/// Rows for a pane that needs `need` in `room`: as many as fit, if `least` of them do
/// (a title alone says nothing).
fn at_least(least: u16, need: u16, room: u16) -> u16 {
    let rows = need.min(room);
    if rows >= least.min(need) { rows } else { 0 }
}

/// The rows when not every lane fits at a row each: the lanes take them all (the task
/// lanes scroll, and the rule says how many are not shown), the workers a quarter of them;
/// the panes that share the room wait for a larger one.
fn short(middle: u16, needs: &Needs) -> Rows {
    let lanes = middle.saturating_sub(needs.fixed).saturating_sub(1);
    // The workers keep at least a quarter, and every row the tasks do not need.
    let spare = lanes.saturating_sub(needs.tasks);
    let workers = needs.workers.min((lanes / 4).max(spare).max(1));
    Rows {
        lane_rows: 1,
        workers: workers.min(lanes),
        tasks: lanes.saturating_sub(workers),
        ..Rows::default()
    }
}

/// Rows per lane for `lanes` lanes in `rows` rows: as tall as fits, up to `most`.
pub fn lane_rows(lanes: usize, rows: u16, most: u16) -> u16 {
    match u16::try_from(lanes) {
        Ok(n) if n > 0 => (rows / n).clamp(1, most.max(1)),
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needs(workers: u16, tasks: u16) -> Needs {
        Needs {
            workers,
            tasks,
            findings: 2,
            findings_full: 2,
            lesson: 5,
            ..Needs::default()
        }
    }

    #[test]
    fn few_lanes_take_three_rows_then_the_lesson_then_the_code_then_more_rows() {
        let mut n = needs(1, 3);
        n.code = Some(20);
        let rows = share(34, &n);
        // 1 rule + 4 lanes x 3 + 5 lesson + 2 findings = 20; 14 left for the code.
        assert_eq!((rows.lane_rows, rows.lesson, rows.code), (3, 5, 14));
        assert_eq!(rows.gap, 0);
        // 20 code rows, and the 16 left make the four lanes four rows taller.
        let roomy = share(56, &n);
        assert_eq!((roomy.code, roomy.lane_rows, roomy.gap), (20, 7, 0));
    }

    #[test]
    fn the_room_left_goes_to_taller_lanes_up_to_a_bound() {
        let rows = share(54, &needs(1, 3));
        assert_eq!((rows.lane_rows, rows.spare, rows.gap), (11, (0, 2), 0));
        let rows = share(200, &needs(1, 3));
        assert_eq!(rows.lane_rows, MAX_LANE_ROWS);
        assert_eq!(rows.gap, 200 - 1 - 4 * (MAX_LANE_ROWS + 1) - 5 - 2);
    }

    /// Every screen shape in a range: the rows add up, and what stays blank is less than a
    /// row a lane (the lanes could not use it) unless the lanes are as tall as they get;
    /// a lesson needing a row more never leaves more rows blank.
    #[test]
    fn no_band_of_blank_rows_is_left_that_a_part_could_use() {
        for middle in 6..70 {
            for (workers, tasks) in [(1, 0), (1, 1), (1, 3), (2, 4), (1, 8), (4, 12)] {
                for lesson in [0, 3, 5, 6, 9, 14] {
                    for code in [None, Some(6), Some(18)] {
                        for (quiz, findings) in [(0, 0), (3, 2), (0, 5)] {
                            let n = Needs {
                                workers,
                                tasks,
                                quiz,
                                quiz_ask: if quiz > 0 { 3 } else { 0 },
                                lesson,
                                findings,
                                findings_full: findings + findings / 2,
                                code,
                                ..Needs::default()
                            };
                            let r = share(middle, &n);
                            let used = 1 + r.workers + r.tasks + r.quiz + r.lesson + r.code;
                            assert_eq!(used + r.findings + r.gap, middle.max(used), "{n:?} {r:?}");
                            let lanes = workers + tasks;
                            if tasks > 0
                                && 1 + lanes + quiz + findings.min(FEW_FINDINGS + 1) <= middle
                                && r.lane_rows < MAX_LANE_ROWS
                            {
                                assert_eq!(r.gap, 0, "{middle}: {n:?} {r:?}");
                            }
                            let more = share(
                                middle,
                                &Needs {
                                    lesson: lesson + 1,
                                    ..n
                                },
                            );
                            assert!(more.gap <= r.gap, "{middle}: {n:?} {r:?} {more:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_answer_and_the_findings_show_before_the_lanes_grow() {
        let mut n = needs(1, 4);
        n.quiz = 3;
        n.quiz_ask = 2;
        // 1 rule + 5 lanes + 3 quiz + 2 findings = 11 in 14: no room for two rows a lane.
        let rows = share(14, &n);
        assert_eq!((rows.lane_rows, rows.quiz, rows.findings), (1, 5, 2));
        assert_eq!(rows.lesson, 0, "less than its fewest rows");
        let short = share(12, &n);
        assert_eq!(short.quiz, 3, "half a question is none: {short:?}");
    }

    #[test]
    fn lanes_that_do_not_fit_take_every_row_and_scroll() {
        let mut n = needs(1, 40);
        n.quiz = 3;
        let rows = share(20, &n);
        assert_eq!(rows.lane_rows, 1);
        assert_eq!(
            (rows.quiz, rows.findings),
            (0, 0),
            "a pane never hides a lane"
        );
        assert_eq!(1 + rows.workers + rows.tasks, 20);
    }

    #[test]
    fn the_panes_take_what_is_left_once_every_lane_has_its_row() {
        // gather-vs-taskgroup's lanes: 1 rule + 8 lanes, and 2 rows left.
        let mut n = needs(1, 7);
        n.quiz = 3;
        let rows = share(11, &n);
        assert_eq!((rows.workers, rows.tasks), (1, 7), "{rows:?}");
        assert_eq!(
            (rows.quiz, rows.findings),
            (2, 0),
            "title and answer: {rows:?}"
        );
        // A row left: a title alone says nothing, so a lane gets it.
        let rows = share(10, &n);
        assert_eq!((rows.quiz, rows.findings), (0, 0), "{rows:?}");
        assert_eq!((rows.tasks, rows.spare), (8, (0, 1)), "{rows:?}");
    }

    #[test]
    fn many_findings_take_what_the_lanes_leave_at_a_row_each() {
        let mut n = needs(1, 5);
        n.findings = 21;
        n.findings_full = 30;
        let rows = share(24, &n);
        assert_eq!((rows.lane_rows, rows.tasks, rows.findings), (1, 5, 24 - 7));
        let short = share(10, &n);
        assert_eq!(short.findings, 3, "the title and the latest two: {short:?}");
    }

    #[test]
    fn workers_take_the_rows_the_tasks_leave_when_not_every_lane_fits() {
        let mut n = needs(4, 8);
        n.quiz = 3;
        n.findings = 3;
        // 1 rule + 12 lanes = 13 in 12: a worker is cut, no task, no row blank, no pane.
        let rows = share(12, &n);
        assert_eq!((rows.workers, rows.tasks), (3, 8));
        assert_eq!((rows.quiz, rows.findings), (0, 0));
        assert_eq!(1 + rows.workers + rows.tasks, 12);
    }

    #[test]
    fn the_code_pane_waits_for_every_finding_in_full() {
        // missing-await-warning at 120x40 on asyncio: 4 lanes, 3 findings two rows each.
        let n = Needs {
            workers: 1,
            tasks: 4,
            quiz: 3,
            quiz_ask: 2,
            lesson: 6,
            findings: 4,
            findings_full: 7,
            code: Some(20),
            ..Needs::default()
        };
        // 1 rule + 5 lanes x 3 + 5 quiz + 6 lesson + 4 findings = 31, and 3 more in full.
        let rows = share(34, &n);
        assert_eq!((rows.findings, rows.code), (7, 0), "{rows:?}");
        // A row short of that: not a code pane of two rows, but two findings in full.
        let rows = share(33, &n);
        assert_eq!((rows.findings, rows.code, rows.gap), (6, 0, 0), "{rows:?}");
    }

    #[test]
    fn findings_are_written_in_full_when_the_room_allows() {
        let mut n = needs(1, 2);
        n.findings_full = 4;
        assert_eq!(share(30, &n).findings, 4);
        assert_eq!(
            share(10, &n).findings,
            3,
            "a row no lane can use: a finding in full"
        );
        assert_eq!(share(9, &n).findings, 2);
    }
}
