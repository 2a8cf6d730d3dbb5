"""taskscope's tests: a TaskGroup whose failing member cancels the other one."""
import asyncio


async def slow():
    await asyncio.sleep(1)


async def flaky():
    await asyncio.sleep(0.05)
    raise ValueError("flaky failed")


async def main():
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(slow(), name="slow")
            group.create_task(flaky(), name="flaky")
    except* ValueError as errors:
        print("caught", [str(error) for error in errors.exceptions])


asyncio.run(main())
