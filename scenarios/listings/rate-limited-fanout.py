# rate-limited-fanout: ten downloads start at once; a semaphore of 3 lets three run at a time.
import asyncio

async def main():
    api_quota = asyncio.Semaphore(3)
    async with asyncio.TaskGroup() as group:  # step: main.1
        for _ in range(10):
            group.create_task(fetch_page(api_quota))

async def fetch_page(api_quota):
    async with api_quota:  # step: fetch_page.1
        await download()

async def download():
    await asyncio.sleep(0.5)  # step: download.1

asyncio.run(main())
