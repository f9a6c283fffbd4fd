"""Generators: each reads the state of one source and proposes next actions (`Candidate`).

A generator is a function `(today, owner_ids) -> Iterator[Candidate]`; `owner_ids` narrows it
to some users (None: everyone). `GENERATORS` lists them by the action kind they produce, so a
refresh knows which existing actions a generator is answerable for.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator

from ..models import ActionKind
from . import gifts, people, promises, service
from .base import Candidate

Generator = Callable[[datetime.date, set[int] | None], Iterator[Candidate]]

GENERATORS: dict[str, Generator] = {
    ActionKind.TELL_CUSTOMER: promises.tell_customer,
    ActionKind.OWN_UP: promises.own_up,
    ActionKind.ASSIGN_ENVOY: people.assign_envoy,
    ActionKind.START_RECOVERY: people.start_recovery,
    ActionKind.INFORMAL_MEETING: people.informal_meeting,
    ActionKind.IMPORTANT_DATE: people.important_dates,
    ActionKind.REACH_OUT: people.reach_out,
    ActionKind.KPK_REPORT: gifts.kpk_report,
    ActionKind.GIFT_DECIDED: gifts.gift_decided,
    ActionKind.CONVERSATION_FOLLOW_UP: service.conversation_follow_up,
    ActionKind.REVIEW_RESPOND: service.review_respond,
    ActionKind.DISPUTE_ANSWER: service.dispute_answer,
}

__all__ = ["GENERATORS", "Candidate", "Generator"]
