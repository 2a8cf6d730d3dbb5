"""taskscope's tests: a program that writes to stdout and stderr in turn."""
import asyncio
import sys


async def main():
    for i in range(8):
        print(f"out {i}")
        print(f"err {i}", file=sys.stderr)
        await asyncio.sleep(0)


asyncio.run(main())
