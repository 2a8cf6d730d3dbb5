# coop-budget: asyncio has no budget: a ready queue never yields, so we yield by hand.
import asyncio
import time

async def main():
    async with asyncio.TaskGroup() as group:  # step: main.1
        group.create_task(drain_backlog())
        group.create_task(heartbeat())

async def drain_backlog():
    backlog = asyncio.Queue()
    for job in range(8000):
        backlog.put_nowait(job)
    for n in range(8000):
        await backlog.get()  # always ready: returns without yielding  # step: drain_backlog.1
        until = time.perf_counter() + 0.0002
        while time.perf_counter() < until:  # 200 us of work per job
            pass
        if n % 128 == 127:
            await asyncio.sleep(0)  # what tokio's budget does for you

async def heartbeat():
    for _ in range(32):  # step: heartbeat.1
        await asyncio.sleep(0.05)  # step: tick.1

asyncio.run(main())
