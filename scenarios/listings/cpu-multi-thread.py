# cpu-multi-thread: asyncio has one event loop thread, so it cannot show this one:
# the crunching starves everyone here, as in cpu-starvation. A second tokio worker
# keeps serving; in Python, move the work to a process: loop.run_in_executor.
import asyncio
import time

async def main():
    async with asyncio.TaskGroup() as group:  # step: main.1
        group.create_task(build_report())
        group.create_task(heartbeat())
        group.create_task(health_check())

async def build_report():
    await asyncio.sleep(0.1)  # SELECT * FROM sales  # step: build_report.1
    until = time.perf_counter() + 1.5
    while time.perf_counter() < until:  # aggregate 2M rows: no await  # step: build_report.2
        pass

async def heartbeat():
    for _ in range(8):  # step: heartbeat.1
        await asyncio.sleep(0.1)  # step: tick.1

async def health_check():
    await asyncio.sleep(0.3)  # GET /health  # step: health_check.1

asyncio.run(main())
