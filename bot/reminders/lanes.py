"""One lane per person: different people's sends at the same time, each person's in order.

Someone with a pile of reminders due waits (paced) in their own lane instead of holding up
everyone else.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable

# People whose reminders and digests are on their way at the same time. Most of a paced
# person's time is spent waiting for their turn, so this is how many piles can wait at once
# before the next person waits too. Telegram's overall limit is AIORateLimiter's job.
PEOPLE_AT_ONCE = 16
# Jobs queued at most before add() waits: memory stays bounded however many are due.
QUEUED = 100

Job = Callable[[], Awaitable[None]]


class Lanes:
    """Different people's jobs at once (at most PEOPLE_AT_ONCE), each person's one at a
    time in the order given. Jobs handle their own errors."""

    def __init__(self, tasks: asyncio.TaskGroup) -> None:
        self._tasks = tasks
        self._people = asyncio.Semaphore(PEOPLE_AT_ONCE)
        self._room = asyncio.Semaphore(QUEUED)
        self._queued: dict[int, deque[Job]] = {}
        self.progress = asyncio.Event()
        """Set whenever a job has finished."""

    @property
    def idle(self) -> bool:
        return not self._queued

    async def add(self, owner: int, job: Job) -> None:
        await self._room.acquire()
        if owner in self._queued:
            self._queued[owner].append(job)
            return
        self._queued[owner] = deque([job])
        self._tasks.create_task(self._run(owner))

    async def _run(self, owner: int) -> None:
        async with self._people:
            jobs = self._queued[owner]
            while jobs:
                await jobs.popleft()()
                self._room.release()
                self.progress.set()
            del self._queued[owner]  # no await since the last check: nothing was added
