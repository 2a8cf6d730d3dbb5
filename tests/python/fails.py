"""taskscope's tests: a program that fails after printing on both streams."""
import asyncio
import sys


async def main():
    print("to stdout")
    print("to stderr", file=sys.stderr)
    await asyncio.sleep(0.01)
    raise ValueError("the program failed")


asyncio.run(main())
