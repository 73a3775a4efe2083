"""Repositories take an AsyncSession, read and stage; they never commit (the UnitOfWork does)."""
