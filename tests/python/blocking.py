"""taskscope's tests: a blocking call holds the loop; the same wait moved to a thread does not."""
import asyncio
import time


async def ticker():
    for _ in range(4):
        await asyncio.sleep(0.05)


async def blocker():
    await asyncio.sleep(0.02)
    time.sleep(0.4)
    await asyncio.to_thread(time.sleep, 0.1)


async def main():
    await asyncio.gather(ticker(), blocker())


asyncio.run(main())
