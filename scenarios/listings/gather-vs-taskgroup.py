# gather-vs-taskgroup: one call fails under gather (no cancel) and in a TaskGroup (cancels).
import asyncio

async def main():
    asyncio.create_task(with_gather(), name="gathered")  # step: main.1
    asyncio.create_task(with_group(), name="grouped")  # step: main.2
    await asyncio.sleep(1.5)  # step: main.3

async def with_gather():
    # The first error comes back at once; build_report runs on, alone.
    await asyncio.gather(build_report(), flaky_call())  # step: with_gather.1

async def with_group():
    # The first error cancels the other task; the group raises it.
    async with asyncio.TaskGroup() as group:  # step: with_group.1
        group.create_task(fetch_prices())
        group.create_task(flaky_call())

async def build_report():
    await asyncio.sleep(1)  # step: build_report.1

async def fetch_prices():
    await asyncio.sleep(1)  # step: fetch_prices.1

async def flaky_call():
    await asyncio.sleep(0.3)  # step: flaky_call.1
    raise ConnectionError("HTTP 503")  # step: flaky_call.2

asyncio.run(main())
