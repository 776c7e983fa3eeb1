"""The app-wide Withings call budget: one counter item per minute, counted by a conditional ADD.

| pk                  | sk     | what                                                       |
| ------------------- | ------ | ---------------------------------------------------------- |
| BUDGET#<epoch min>  | BUDGET | `count` of Withings calls permitted in that minute, ttl     |

Every Lambda instance counts into the same item, so the limit holds for the application as a whole
(Withings counts 120 calls per minute per application, all users together).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from skill.store.dynamodb.codec import BUDGET, n, s
from skill.store.errors import ConditionFailed

if TYPE_CHECKING:
    from skill.store.dynamodb.table import Table
    from skill.withings.deadline import Deadline

# A minute's counter is useless once the minute is over; an hour lets DynamoDB's lazy TTL catch up.
_KEEP_SECONDS: Final = 3600


class BudgetItems:
    _table: Table

    def take_permit(self, minute: int, limit: int, deadline: Deadline | None) -> bool:
        try:
            self._table.update(
                BUDGET.key(str(int(minute))),
                update="ADD #n :one SET #ttl = :ttl, kind = :kind",
                condition="attribute_not_exists(#n) OR #n < :limit",
                values={
                    ":one": n(1),
                    ":limit": n(int(limit)),
                    ":ttl": n(int((minute + 1) * 60 + _KEEP_SECONDS)),
                    ":kind": s(BUDGET.kind),
                },
                deadline=deadline,
            )
        except ConditionFailed:
            return False
        return True
