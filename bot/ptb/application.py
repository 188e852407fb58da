"""PTB's Application with the bot's services, and the typed callback context handlers get."""

from __future__ import annotations

from typing import Any, cast

from telegram import Update
from telegram.ext import Application, CallbackContext, ExtBot, JobQueue

from bot.ptb.persistence import SqlitePersistence
from bot.services import Services as Services  # re-exported: handlers take it from here
from bot.storage import inbox


class Context(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    @property
    def services(self) -> Services:
        return cast(CommonGroundApplication, self.application).services


class CommonGroundApplication(
    Application[
        ExtBot[None],
        Context,
        dict[Any, Any],
        dict[Any, Any],
        dict[Any, Any],
        JobQueue[Context],
    ]
):
    """PTB's Application plus our services (built through ApplicationBuilder.application_class)."""

    def __init__(self, *, services: Services, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.services = services

    async def initialize(self) -> None:
        # PTB opens the bot's connections before it loads the stored state and leaves them
        # open when that fails (an unreadable database, a refused token).
        try:
            await super().initialize()
        except BaseException:
            await self.bot.shutdown()
            raise

    async def process_update(self, update: object) -> None:
        """Handle an update, then record it as done together with the state it left.

        Writing the conversation state and drafts right away (not on PTB's timer) means a
        crash loses nothing the user already answered; marking the inbox in the same
        transaction means a crash before it hands the update over again at the next start.
        """
        await super().process_update(update)
        if isinstance(update, Update):
            await self._save(update)

    async def update_persistence(self) -> None:
        """PTB's timer and `stop()` come here too, so what they hand over is written."""
        await self._save(None)

    async def _save(self, done: Update | None) -> None:
        await super().update_persistence()  # hands the changed state to the persistence
        persistence = self.persistence
        assert isinstance(persistence, SqlitePersistence)
        if done is None:
            await persistence.flush()
            return
        user = done.effective_user
        if user is not None and not self.services.settings.admits(user.id):
            # Someone the allowlist keeps out: the refusal is all they get, and the update
            # they sent is not kept (nor any state, which no handler of theirs could leave).
            await persistence.save(user.id, also=inbox.forget(done.update_id))
            return
        marked = inbox.mark_done(done.update_id, self.services.db.now())
        await persistence.save(user.id if user else None, also=marked)
