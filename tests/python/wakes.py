"""taskscope's tests: each wake a task's action causes names that task; a timer's does not."""
import asyncio
import time


async def setter(event):
    await asyncio.sleep(0.05)
    event.set()


async def putter(queue):
    await asyncio.sleep(0.05)
    queue.put_nowait("item")


async def holder(lock):
    async with lock:
        await asyncio.sleep(0.05)


async def resolver(future):
    await asyncio.sleep(0.05)
    asyncio.get_running_loop().call_soon(future.set_result, "done")  # run after this step


async def child():
    await asyncio.sleep(0.05)


async def parent():
    async with asyncio.TaskGroup() as group:
        group.create_task(child(), name="child")


async def main():
    event, queue, lock = asyncio.Event(), asyncio.Queue(), asyncio.Lock()
    future = asyncio.get_running_loop().create_future()
    async with asyncio.TaskGroup() as group:
        group.create_task(setter(event), name="setter")
        group.create_task(event.wait(), name="event-waiter")
        group.create_task(putter(queue), name="putter")
        group.create_task(queue.get(), name="getter")
        group.create_task(holder(lock), name="holder")
        await asyncio.sleep(0.01)
        group.create_task(lock.acquire(), name="locker")
        group.create_task(resolver(future), name="resolver")
        group.create_task(asyncio.wait_for(future, 1), name="future-waiter")
        group.create_task(parent(), name="parent")
        group.create_task(asyncio.to_thread(time.sleep, 0.05), name="threaded")
        group.create_task(asyncio.sleep(0.05), name="sleeper")
    print("woken")


asyncio.run(main())
