# One task that sleeps 10 ms, after printing the arguments the program was given.
import asyncio
import sys

print("ARGV", sys.argv[1:], file=sys.stderr)


async def main():
    await asyncio.sleep(0.01)


asyncio.run(main())
