//! The call graph of a scenario: which functions each step runs, starts or creates. Built
//! once (names found through the index), walked without recursion (a chain of a hundred
//! thousand functions is as safe to check as a short one), it rejects endless cycles and
//! nesting deeper than the runner's stack is sized for, and gives an order, callees first,
//! in which anything that flows up from callees is worked out in one pass.

use super::diagnostic::Diagnostic;
use super::model::Action;
use super::source::Source;
use super::spans::Parsed;
use crate::limits::MAX_NESTING;

/// One step naming one function.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Edge {
    /// The step's index in its function.
    pub step: usize,
    /// Which of the step's functions (`Action::functions` order) this is.
    pub nth: usize,
    /// The function named.
    pub callee: usize,
    /// Whether the callee runs inside the caller's task (a call, a timeout, a race, ...)
    /// rather than as a task of its own (spawn, group) or not at all (forget).
    pub inline: bool,
}

/// The functions' edges and, once checked, an order with every function after all it names.
pub(crate) struct CallGraph {
    /// Per function, its steps' edges in file order.
    pub edges: Vec<Vec<Edge>>,
    /// Every function, callees before callers.
    pub order: Vec<usize>,
}

/// Depth-first search state of one function.
#[derive(Clone, Copy, PartialEq)]
enum Visit {
    New,
    OnPath,
    Done,
}

impl CallGraph {
    /// The graph of a scenario whose names were checked, with no cycle and no chain of
    /// nested calls deeper than [`MAX_NESTING`]; otherwise the diagnostic of the first.
    pub fn check(src: &Source, parsed: &Parsed) -> Result<CallGraph, Diagnostic> {
        let mut graph = CallGraph {
            edges: edges(parsed),
            order: Vec::new(),
        };
        graph.order = graph.callees_first(src, parsed)?;
        graph.check_nesting(src, parsed)?;
        Ok(graph)
    }

    /// Depth-first from `main`, then from the others in file order, with an explicit stack;
    /// a function met again while it is on the path closes a cycle.
    fn callees_first(&self, src: &Source, parsed: &Parsed) -> Result<Vec<usize>, Diagnostic> {
        let count = self.edges.len();
        let mut state = vec![Visit::New; count];
        let mut order = Vec::with_capacity(count);
        let main = parsed.function_index("main");
        let starts = main
            .into_iter()
            .chain((0..count).filter(|&i| Some(i) != main));
        for start in starts {
            if state[start] != Visit::New {
                continue;
            }
            state[start] = Visit::OnPath;
            let mut path: Vec<(usize, usize)> = vec![(start, 0)];
            while let Some((at, next)) = path.last_mut() {
                let at = *at;
                let Some(edge) = self.edges[at].get(*next).copied() else {
                    state[at] = Visit::Done;
                    order.push(at);
                    path.pop();
                    continue;
                };
                *next += 1;
                match state[edge.callee] {
                    Visit::OnPath => return Err(cycle_error(src, parsed, &path, edge)),
                    Visit::New => {
                        state[edge.callee] = Visit::OnPath;
                        path.push((edge.callee, 0));
                    }
                    Visit::Done => {}
                }
            }
        }
        Ok(order)
    }

    /// How many functions deep each function nests inside its task (itself alone is 1), and
    /// an error at the first step, in file order, that makes a chain one too deep.
    fn check_nesting(&self, src: &Source, parsed: &Parsed) -> Result<(), Diagnostic> {
        let mut depth = vec![1u32; self.edges.len()];
        for &at in &self.order {
            let below = self.inline(at).map(|e| depth[e.callee]).max().unwrap_or(0);
            depth[at] = below.saturating_add(1);
        }
        let Some(at) = (0..depth.len()).find(|&f| depth[f] == MAX_NESTING + 1) else {
            return Ok(());
        };
        let edge = self
            .inline(at)
            .find(|e| depth[e.callee] == MAX_NESTING)
            .expect("a function one too deep calls one at the limit");
        let mut chain = vec![at];
        while let Some(deeper) = self
            .inline(*chain.last().expect("not empty"))
            .max_by_key(|e| depth[e.callee])
        {
            chain.push(deeper.callee);
        }
        let functions = &parsed.scenario.functions;
        let name = |i: usize| format!("`{}`", functions[i].name);
        let shown = match chain.len() {
            n if n <= 6 => chain.iter().map(|&i| name(i)).collect::<Vec<_>>(),
            n => [chain[0], chain[1], chain[2]]
                .map(name)
                .into_iter()
                .chain(["…".to_string()])
                .chain([chain[n - 2], chain[n - 1]].map(name))
                .collect(),
        };
        let span = parsed.functions[at].steps[edge.step].functions[edge.nth].clone();
        let first = &functions[at].name;
        Err(src
            .error(
                span,
                format!(
                    "calls nest {} functions deep from `{first}`: the limit is {MAX_NESTING}",
                    chain.len()
                ),
            )
            .with_help(format!(
                "{} run inside one task, each within the one before;\n\
                 a task nests at most {MAX_NESTING} functions (main alone is 1);\n\
                 start a deep part as a task of its own with `spawn` and `join`: it begins again at 1",
                shown.join(" → ")
            )))
    }

    /// The edges of `at` that run their callee inside the same task.
    pub fn inline(&self, at: usize) -> impl Iterator<Item = &Edge> {
        self.edges[at].iter().filter(|e| e.inline)
    }
}

/// Every step's edges, function by function; `check_names` made sure every name exists.
fn edges(parsed: &Parsed) -> Vec<Vec<Edge>> {
    let functions = &parsed.scenario.functions;
    functions
        .iter()
        .map(|function| {
            let mut edges = Vec::new();
            for (step, s) in function.steps.iter().enumerate() {
                let inline = !matches!(
                    s.action,
                    Action::Spawn(_) | Action::Group(_) | Action::Forget(_)
                );
                for (nth, callee) in s.action.functions().into_iter().enumerate() {
                    let callee = parsed
                        .function_index(callee)
                        .expect("check_names ran first");
                    edges.push(Edge {
                        step,
                        nth,
                        callee,
                        inline,
                    });
                }
            }
            edges
        })
        .collect()
}

/// "endless cycle: a → b → a", pointing at the step that closes it.
fn cycle_error(src: &Source, parsed: &Parsed, path: &[(usize, usize)], edge: Edge) -> Diagnostic {
    let functions = &parsed.scenario.functions;
    let back_to = edge.callee;
    let from = path
        .iter()
        .position(|&(i, _)| i == back_to)
        .expect("on the path");
    let mut names: Vec<&str> = path[from..]
        .iter()
        .map(|&(i, _)| functions[i].name.as_str())
        .collect();
    names.push(&functions[back_to].name);
    let last = path.last().expect("not empty").0;
    let verb = functions[last].steps[edge.step].action.verb();
    let span = parsed.functions[last].steps[edge.step].functions[edge.nth].clone();
    let message = format!("endless cycle: {}", names.join(" → "));
    let help = format!(
        "the `{verb}` in `{}` leads back to `{}`, so it would never end\n\
         a function must not reach itself again through call, spawn, group, join_all, race,\n\
         timeout, repeat or forget; to do something several times, use `repeat`",
        functions[last].name, functions[back_to].name
    );
    src.error(span, message).with_help(help)
}
