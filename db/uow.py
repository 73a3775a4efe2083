from __future__ import annotations

from types import TracebackType
from typing import Self, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

R = TypeVar("R")


class UnitOfWork:
    """One use case, one transaction: enter, stage through repositories, commit once.

    Leaving without commit rolls back, so a failed use case leaves nothing half-written.
    Repositories are built on demand (`uow.repo(PostRepo)`) so adding one touches no shared file.
    """

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory
        self._session: AsyncSession | None = None
        self._repos: dict[type, object] = {}
        self.committed = False

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("UnitOfWork used outside `async with`")
        return self._session

    def repo(self, repo_class: type[R]) -> R:
        found = self._repos.get(repo_class)
        if found is None:
            found = repo_class(self.session)  # type: ignore[call-arg]
            self._repos[repo_class] = found
        return found  # type: ignore[return-value]

    async def __aenter__(self) -> Self:
        self._session = self._session_factory()
        self._repos = {}
        self.committed = False
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session = self.session
        try:
            if not self.committed:
                await session.rollback()
        finally:
            await session.close()
            self._session = None

    async def commit(self) -> None:
        await self.session.commit()
        self.committed = True
