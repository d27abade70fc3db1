"""A home-exercise web service on upperback: FastAPI, and SQLite through the standard library.

What a physiotherapy home-exercise app asks of its server, each a call into
upperback:

- ``POST /people``: a profile from the person's answers to a form, with the
  dates it holds (a pregnancy's week, an injury's day);
- ``POST /people/{id}/compose``: a routine composed for a goal, screened for
  the person as they are today;
- ``POST /people/{id}/programs``: a routine (the composed one, maybe edited)
  planned week by week from a start day, each week screened for the person
  as they are that week;
- ``POST /programs/{id}/logs``: a session log from the phone's form, and the
  program planned again with it;
- ``POST /programs/{id}/checkins``: a check-in of how the back is doing;
- ``GET /programs/{id}/next``: the next session on a day, with the advice in force;
- ``GET /programs/{id}/sheet``, ``/calendar.ics``, ``/adherence`` and
  ``/adherence.html``: the printable sheet, the calendar, and the clinician's summary.

Every value is stored and returned as the library's versioned JSON document.
Every bad request is answered 422 in one shape, the library's RFC 9457
problem details, each problem at the JSON path of what the client sent.

Run it from ``docs/examples`` (``SERVICE_DATABASE`` names the SQLite file;
memory by default)::

    uvicorn --factory service.app:create_app
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
from typing import TYPE_CHECKING, Annotated, Any, Final, cast

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response

import upperback as ub
from service.forms import Fields, day, query_day, time_of_day, under, weeks
from service.store import NotFound, Store
from upperback import render
from upperback.compose import compose

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable

PROBLEM_JSON: Final = "application/problem+json"
"""The media type of an RFC 9457 problem-details answer."""


async def json_body(request: Request) -> Any:
    """The request's body read as JSON, whatever its content type.

    Raises:
        upperback.InvalidDocument: The body is missing, or is not JSON (at ``$``).
    """
    raw = await request.body()
    if not raw.strip():
        reason = "must be given: a JSON object"
    else:
        try:
            return json.loads(raw)
        except json.JSONDecodeError as error:
            reason = f"must be JSON ({error.msg}, line {error.lineno} column {error.colno})"
        except UnicodeDecodeError:
            reason = "must be JSON in UTF-8"
        except RecursionError:
            reason = "must be JSON nested less deeply"
    raise ub.InvalidDocument([ub.Problem(path="$", message=reason)], what="request")


JsonBody = Annotated[Any, Depends(json_body)]
"""A request body: any JSON, read by the route so that the library says what is wrong with it."""


def problem_answer(request: Request, error: Exception) -> JSONResponse:
    """A library error as its problem details: the one shape of every error answer."""
    if not isinstance(error, ub.UpperbackError):  # pragma: no cover - registered for them only
        raise error
    details = error.to_problem_details(instance=request.url.path)
    return JSONResponse(details, status_code=details["status"], media_type=PROBLEM_JSON)


def not_found(request: Request, error: Exception) -> JSONResponse:
    """An id in the address that is not a number: nothing is there (404), in the same shape.

    The routes read their bodies and query parameters themselves, so this
    is the only check FastAPI makes before a route runs.
    """
    if not isinstance(error, RequestValidationError):  # pragma: no cover - as above
        raise error
    where = error.errors()[0]
    what = str(where["loc"][-1]).removesuffix("_id")
    return problem_answer(request, NotFound(what, where["input"]))


def next_answer(found: ub.NextSession) -> dict[str, Any]:
    """The next session as JSON: its day and routine, or why there is none; the advice in force."""
    session = found.session
    return {
        "on": found.on.isoformat(),
        "status": found.status.value,
        "reason": found.reason,
        "week": found.week,
        "session": None if session is None else session.number,
        "date": None if session is None or session.date is None else session.date.isoformat(),
        "routine": None if found.routine is None else ub.to_dict(found.routine),
        "advice": None if found.advice is None else ub.to_dict(found.advice),
    }


@dataclasses.dataclass(frozen=True)
class Service:
    """What the routes share: the store, the catalog the exercises come from, and today."""

    store: Store
    catalog: ub.Catalog
    today: Callable[[], dt.date]


def _service(request: Request) -> Service:
    found: Service = request.app.state.service
    return found


Shared = Annotated[Service, Depends(_service)]
routes = APIRouter()


@routes.post("/people", status_code=201)
def add_person(answers: JsonBody, service: Shared) -> dict[str, Any]:
    """A person, from their answers to the profile form, answered today.

    The profile keeps the dated facts the answers give (a pregnancy dated
    from its week today, the day of an injury or an operation), so that
    each plan follows the person week by week.
    """
    profile = ub.Profile.from_answers(answers, on=service.today())
    return {"id": service.store.add_person(profile), "profile": ub.to_dict(profile)}


@routes.get("/people/{person_id}")
def person(person_id: int, service: Shared) -> dict[str, Any]:
    """A person's profile."""
    return {"id": person_id, "profile": ub.to_dict(service.store.person(person_id))}


@routes.post("/people/{person_id}/compose")
def compose_for(person_id: int, goal: JsonBody, service: Shared) -> dict[str, Any]:
    """A routine composed for a goal (a Goal's data), for the person as they are today.

    Nothing is stored.
    """
    profile = service.store.person(person_id).on(service.today())
    composed = compose(service.catalog, ub.from_data(goal, ub.Goal), profile=profile)
    return ub.to_dict(composed)


@routes.post("/people/{person_id}/programs", status_code=201)
def add_program(person_id: int, body: JsonBody, service: Shared) -> dict[str, Any]:
    """A routine (a Routine's data) planned for the person: ``routine``, ``weeks``, ``start``.

    Each week is screened for the person as they are that week. The answer
    says what the first week leaves out, and what changes in later weeks.
    """
    person = service.store.person(person_id)
    fields = Fields(body, known=("routine", "weeks", "start"))
    routine, length, start = fields.check(
        fields.take("routine", lambda data: ub.from_data(data, ub.Routine)),
        fields.take("weeks", weeks),
        fields.take("start", day),
    )
    try:
        # The routine came from outside: its exercises' facts are taken from the catalog.
        resolved = ub.resolve_exercises(routine, service.catalog)
        program = ub.plan(
            resolved.value, weeks=length, profile=person, catalog=service.catalog, start=start
        )
    except ub.UpperbackError as error:  # about the routine, at its paths
        raise ub.InvalidDocument(under("$.routine", error), what="request") from None
    # The first week's person, as the plan screened them (planned for a person: never None).
    screened = ub.screen(resolved.value, cast("ub.Profile", program.person_in(1)))
    return {
        "id": service.store.add_program(person_id, program),
        "mismatches": [
            {"path": "$.routine" + m.path.removeprefix("$"), "detail": m.describe()}
            for m in resolved.mismatches
        ],
        "left_out": [
            {"exercise_id": item.block.exercise.id, "reasons": list(item.reasons)}
            for item in screened.excluded
        ],
        "changes": [
            {
                "week": week.number,
                "code": change.code.value,
                "left_out": list(change.left_out),
                "back": list(change.back),
                "summary": change.summary,
            }
            for week in program.weeks
            for change in week.changes
        ],
    }


@routes.get("/programs/{program_id}")
def program(program_id: int, service: Shared) -> Response:
    """A program's document, as stored: planned with every log so far."""
    return Response(service.store.program_text(program_id), media_type="application/json")


@routes.post("/programs/{program_id}/logs", status_code=201)
def add_log(program_id: int, body: JsonBody, service: Shared) -> dict[str, Any]:
    """A session log from the phone's form (``date``, ``answers``, ``symptoms``); then re-plan."""
    store = service.store
    fields = Fields(body, known=("date", "answers", "symptoms"))
    on = fields.take("date", day)
    symptoms = fields.take(
        "symptoms", lambda data: ub.from_data(data, ub.SymptomReport), required=False
    )
    answers = fields.body.get("answers")
    with store.atomic():
        planned = store.program(program_id)
        log = None
        if on is not None:
            try:
                log = ub.SessionLog.from_form(
                    planned, date=on, answers={} if answers is None else answers, symptoms=symptoms
                )
            except ub.UpperbackError as error:  # its paths name the request's fields
                fields.add(error)
        log = fields.check(log)
        log_id = store.add_log(program_id, log)
        replanned = ub.plan(
            planned.routine,
            weeks=len(planned.weeks),
            rules=planned.rules,
            profile=planned.profile,
            catalog=service.catalog,
            start=planned.start,
            logs=store.logs(program_id),
        )
        store.replace_program(program_id, replanned)
    return {"id": log_id, "log": ub.to_dict(log)}


@routes.get("/programs/{program_id}/logs")
def logs(program_id: int, service: Shared) -> dict[str, Any]:
    """A program's session logs, by day."""
    service.store.program_text(program_id)
    return {"logs": [ub.to_dict(log) for log in service.store.logs(program_id)]}


@routes.post("/programs/{program_id}/checkins", status_code=201)
def add_checkin(program_id: int, body: JsonBody, service: Shared) -> dict[str, Any]:
    """A check-in of how the back is doing: ``date`` and ``report`` (a SymptomReport's data)."""
    service.store.program_text(program_id)
    fields = Fields(body, known=("date", "report"))
    on, report = fields.check(
        fields.take("date", day),
        fields.take("report", lambda data: ub.from_data(data, ub.SymptomReport)),
    )
    return {"id": service.store.add_checkin(program_id, on, report)}


@routes.get("/programs/{program_id}/next")
def next_session(program_id: int, service: Shared, on: str | None = None) -> dict[str, Any]:
    """The next session on the day ``on`` (today by default), with the advice in force."""
    asked = query_day("on", on, default=service.today())
    found = ub.next_session(
        service.store.program(program_id),
        on=asked,
        logs=service.store.logs(program_id),
        check_ins=service.store.checkins(program_id),
    )
    return next_answer(found)


@routes.get("/programs/{program_id}/sheet", response_class=HTMLResponse)
def sheet(program_id: int, service: Shared) -> str:
    """The program as a printable HTML sheet, for the person it was planned for."""
    planned = service.store.program(program_id)
    return render.html(planned, profile=planned.profile)


@routes.get("/programs/{program_id}/calendar.ics")
def calendar(
    program_id: int, service: Shared, tz: str | None = None, time: str | None = None
) -> Response:
    """The program's sessions as an iCalendar file: at ``time`` (HH:MM) in the time zone ``tz``."""
    planned = service.store.program(program_id)
    fields = Fields({"tz": tz, "time": time}, known=("tz", "time"), what="query")
    zone, at = fields.check(fields.take("tz", str), fields.take("time", time_of_day))
    return Response(render.ical(planned, tz=zone, time=at), media_type="text/calendar")


@routes.get("/programs/{program_id}/adherence")
def adherence(program_id: int, service: Shared, on: str | None = None) -> dict[str, Any]:
    """How much of the program was done as of the day ``on`` (today by default)."""
    asked = query_day("on", on, default=service.today())
    store = service.store
    return ub.to_dict(ub.adherence(store.program(program_id), store.logs(program_id), on=asked))


@routes.get("/programs/{program_id}/adherence.html", response_class=HTMLResponse)
def adherence_page(program_id: int, service: Shared, on: str | None = None) -> str:
    """The clinician's summary of adherence as an HTML page, with its chart."""
    asked = query_day("on", on, default=service.today())
    store = service.store
    return render.summary_html(
        ub.adherence(store.program(program_id), store.logs(program_id), on=asked)
    )


def create_app(
    database: str | os.PathLike[str] | None = None,
    *,
    today: Callable[[], dt.date] = dt.date.today,
    catalog: ub.Catalog | None = None,
) -> FastAPI:
    """The service, storing into ``database`` (``SERVICE_DATABASE``, or memory, by default).

    Args:
        database: The SQLite file, or ``":memory:"``.
        today: The day it is, for what is asked about "today" (tests fix it).
        catalog: Where exercises' facts come from; the built-in catalog by default.
    """
    store = Store(database or os.environ.get("SERVICE_DATABASE", ":memory:"))

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="Home exercise", version="1", lifespan=lifespan)
    app.state.service = Service(
        store=store,
        catalog=catalog if catalog is not None else ub.default_catalog(),
        today=today,
    )
    app.add_exception_handler(ub.UpperbackError, problem_answer)
    app.add_exception_handler(RequestValidationError, not_found)
    app.include_router(routes)
    return app
