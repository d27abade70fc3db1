"""The service's storage: SQLite through the standard library, every value a JSON document.

Each profile, program, session log and check-in is stored as the text
:func:`upperback.dumps` writes (a versioned document), never pickled, and read
back with :func:`upperback.loads`: a document saved by an older version of the
library still loads after an upgrade, and any client can read the column.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import threading
from typing import TYPE_CHECKING, ClassVar

import upperback as ub

if TYPE_CHECKING:
    import os
    from collections.abc import Iterator

SCHEMA = """
CREATE TABLE IF NOT EXISTS person (
    id INTEGER PRIMARY KEY,
    profile TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS program (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person (id),
    program TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS session_log (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES program (id),
    day TEXT NOT NULL,
    log TEXT NOT NULL,
    UNIQUE (program_id, day)
);
CREATE TABLE IF NOT EXISTS checkin (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES program (id),
    day TEXT NOT NULL,
    report TEXT NOT NULL
);
"""


class NotFound(ub.UpperbackError, LookupError):  # noqa: N818 - read as the answer says it
    """Nothing is stored under the id asked for: answered with a 404, in the library's shape."""

    status: ClassVar[int] = 404

    def __init__(self, what: str, id: object) -> None:  # noqa: A002 - the resource's id
        self.what = what
        self.id = id
        super().__init__(f"No {what} has the id {id}.")


class AlreadyLogged(ub.InvalidValue):
    """A log of that day is stored already: answered with a 409, at the path of the day."""

    status: ClassVar[int] = 409


class Store:
    """People, their programs, and each program's logs and check-ins, in one SQLite database.

    One connection, shared by the server's threads behind a lock; :meth:`atomic`
    makes several steps one transaction (a log and the program planned with it).

    Args:
        database: A file name, or ``":memory:"`` for a database that lives as
            long as the store (for tests).
    """

    def __init__(self, database: str | os.PathLike[str] = ":memory:") -> None:
        self._lock = threading.RLock()
        self._db = sqlite3.connect(database, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.executescript(SCHEMA)

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        """Every step inside, or none: one transaction, and no other thread in between."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _one(self, sql: str, *args: object) -> tuple[str, ...] | None:
        with self._lock:
            row: tuple[str, ...] | None = self._db.execute(sql, args).fetchone()
            return row

    def _insert(self, sql: str, *args: object) -> int:
        with self._lock:
            found = self._db.execute(sql, args).lastrowid
        if found is None:  # pragma: no cover - an INSERT always gives a row id
            raise AssertionError
        return found

    def add_person(self, profile: ub.Profile) -> int:
        """Store a person's profile; their new id."""
        return self._insert("INSERT INTO person (profile) VALUES (?)", ub.dumps(profile))

    def person(self, person_id: int) -> ub.Profile:
        """A person's profile.

        Raises:
            NotFound: No person has the id.
        """
        row = self._one("SELECT profile FROM person WHERE id = ?", person_id)
        if row is None:
            raise NotFound("person", person_id)
        return ub.loads(row[0], ub.Profile)

    def add_program(self, person_id: int, program: ub.Program) -> int:
        """Store a person's program; its new id."""
        return self._insert(
            "INSERT INTO program (person_id, program) VALUES (?, ?)", person_id, ub.dumps(program)
        )

    def program_text(self, program_id: int) -> str:
        """A program's document, as stored.

        Raises:
            NotFound: No program has the id.
        """
        row = self._one("SELECT program FROM program WHERE id = ?", program_id)
        if row is None:
            raise NotFound("program", program_id)
        return row[0]

    def program(self, program_id: int) -> ub.Program:
        """A program, as last planned.

        Raises:
            NotFound: No program has the id.
        """
        return ub.loads(self.program_text(program_id), ub.Program)

    def replace_program(self, program_id: int, program: ub.Program) -> None:
        """Store a program planned again in place of the one before."""
        with self._lock:
            self._db.execute(
                "UPDATE program SET program = ? WHERE id = ?", (ub.dumps(program), program_id)
            )

    def add_log(self, program_id: int, log: ub.SessionLog) -> int:
        """Store a session log of a program; its new id.

        Raises:
            AlreadyLogged: The program has a log of that day already.
        """
        try:
            return self._insert(
                "INSERT INTO session_log (program_id, day, log) VALUES (?, ?, ?)",
                program_id,
                log.date.isoformat(),
                ub.dumps(log),
            )
        except sqlite3.IntegrityError:
            raise AlreadyLogged(
                "date", log.date.isoformat(), "must be a day not logged yet for this program"
            ) from None

    def logs(self, program_id: int) -> list[ub.SessionLog]:
        """A program's session logs, by day."""
        with self._lock:
            rows = self._db.execute(
                "SELECT log FROM session_log WHERE program_id = ? ORDER BY day", (program_id,)
            ).fetchall()
        return [ub.loads(log, ub.SessionLog) for (log,) in rows]

    def add_checkin(self, program_id: int, day: dt.date, report: ub.SymptomReport) -> int:
        """Store a check-in of a program's person on a day; its new id."""
        return self._insert(
            "INSERT INTO checkin (program_id, day, report) VALUES (?, ?, ?)",
            program_id,
            day.isoformat(),
            ub.dumps(report),
        )

    def checkins(self, program_id: int) -> list[ub.CheckIn]:
        """A program's check-ins, by day."""
        with self._lock:
            rows = self._db.execute(
                "SELECT day, report FROM checkin WHERE program_id = ? ORDER BY day, id",
                (program_id,),
            ).fetchall()
        return [
            ub.CheckIn(date=dt.date.fromisoformat(day), report=ub.loads(report, ub.SymptomReport))
            for day, report in rows
        ]
