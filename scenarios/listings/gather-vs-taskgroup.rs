// gather-vs-taskgroup: one call fails under join! (no cancel) and in a JoinSet (cancels).
use tokio::{task::JoinSet, time::{Duration, sleep}};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    tokio::spawn(with_gather()); // step: main.1
    tokio::spawn(with_group()); // step: main.2
    sleep(Duration::from_millis(1500)).await; // step: main.3
}

async fn with_gather() -> Result<(), String> {
    let (report, flaky) = tokio::join!(call(1000, false), call(300, true)); // step: with_gather.1
    report.and(flaky) // join! ran both to their end: the error comes after the report
}

async fn with_group() -> Result<(), String> {
    let mut group = JoinSet::new();
    group.spawn(call(1000, false)); // fetch_prices
    group.spawn(call(300, true)); // flaky_call
    // The first error returns; dropping the JoinSet aborts the other task.
    while let Some(done) = group.join_next().await { // step: with_group.1
        done.map_err(|e| e.to_string())??;
    }
    Ok(())
}

async fn call(ms: u64, fails: bool) -> Result<(), String> {
    sleep(Duration::from_millis(ms)).await; // step: build_report.1 fetch_prices.1 flaky_call.1
    if fails { Err("HTTP 503".into()) } else { Ok(()) } // step: flaky_call.2
}
