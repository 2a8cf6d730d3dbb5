// agent-loop: a model call, three tool calls at once, then a second model call.
use std::time::Duration;
use tokio::{task::JoinSet, time::sleep};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    ask_model().await; // step: main.1
    let mut tools = JoinSet::new();
    tools.spawn(search_web());
    tools.spawn(read_calendar());
    tools.spawn(query_db());
    tools.join_all().await; // step: main.2
    ask_model().await; // step: main.3
}

async fn ask_model() {
    sleep(Duration::from_millis(800)).await; // step: ask_model.1
}

async fn search_web() {
    sleep(Duration::from_millis(600)).await; // step: search_web.1
}

async fn read_calendar() {
    sleep(Duration::from_millis(300)).await; // step: read_calendar.1
}

async fn query_db() {
    sleep(Duration::from_millis(450)).await; // step: query_db.1
}
