"""taskscope's tests: a task waits on a queue, an event, a lock, another task, a gather."""
import asyncio


async def consumer(queue, ready, lock):
    while await queue.get() != 2:
        pass
    async with lock:
        await ready.wait()


async def producer(queue):
    for item in range(3):
        await asyncio.sleep(0.01)
        await queue.put(item)


async def main():
    queue, ready, lock = asyncio.Queue(), asyncio.Event(), asyncio.Lock()
    consume = asyncio.create_task(consumer(queue, ready, lock), name="consumer")
    produce = asyncio.create_task(producer(queue), name="producer")
    await asyncio.sleep(0.05)
    ready.set()
    async with lock:
        pass
    await asyncio.gather(consume, produce, asyncio.sleep(0.01))
    waiter = asyncio.create_task(asyncio.sleep(0.01), name="napper")
    await waiter


asyncio.run(main())
