# missing-await-warning: audit() is called without await after each order: it never runs.
import asyncio

async def main():
    for _ in range(3):  # step: main.1
        await save_order()

async def save_order():
    await asyncio.sleep(0.4)  # step: save_order.1
    # CPython warns: "RuntimeWarning: coroutine 'audit' was never awaited"
    audit()  # step: save_order.2

async def audit():
    await asyncio.sleep(0.1)  # step: audit.1

asyncio.run(main())
