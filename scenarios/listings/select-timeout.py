# select-timeout: a 5 s request under a 2 s timeout is cut off at the deadline.
import asyncio

async def main():
    try:  # when the timer wins, the request is cancelled mid-await
        async with asyncio.timeout(2):
            await fetch_report()  # step: main.1
    except TimeoutError:
        pass
    await load_cached_report()  # step: main.2

async def fetch_report():
    await asyncio.sleep(5)  # step: fetch_report.1

async def load_cached_report():
    await asyncio.sleep(0.1)  # step: load_cached_report.1

asyncio.run(main())
