"""taskscope's tests: prints the order in which the loop runs things, to compare a plain run
with a recorded one (they must be the same). Nothing here depends on how long anything
takes (no timers), so only the instrumentation could change the order. It runs twice: on
asyncio's loop, then on a loop class with a `_call_soon` of its own, which must still be
called for every callback."""
import asyncio

trace = []


async def worker(name, n):
    for i in range(n):
        trace.append(f"{name}{i}")
        await asyncio.sleep(0)


async def waiter(name, future):
    trace.append(f"{name} waits")
    trace.append(f"{name} got {await future}")


async def resolve(future):
    for _ in range(2):
        await asyncio.sleep(0)
    trace.append("resolve")
    future.set_result("done")


async def main():
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    loop.call_soon(trace.append, "callback")
    tasks = [asyncio.create_task(worker(name, 3)) for name in "abc"]
    tasks += [asyncio.create_task(waiter(name, future)) for name in "xy"]
    tasks.append(asyncio.create_task(resolve(future)))
    await asyncio.gather(*tasks, worker("g", 2))
    async with asyncio.TaskGroup() as group:
        for name in "pq":
            group.create_task(worker(name, 2))
    await asyncio.to_thread(trace.append, "thread")
    print(" ".join(trace))
    trace.clear()


class CountingLoop(asyncio.SelectorEventLoop):
    """A loop whose `_call_soon` is its own: it counts the callbacks."""

    calls = 0

    def _call_soon(self, callback, args, context):
        CountingLoop.calls += 1
        return super()._call_soon(callback, args, context)


asyncio.run(main())
with asyncio.Runner(loop_factory=CountingLoop) as runner:
    runner.run(main())
print("own _call_soon calls:", CountingLoop.calls)
