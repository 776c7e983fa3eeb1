"""The table's key and attribute codec: the only place item keys are built and attribute values encoded.

Keys (layout: skill/store/dynamodb/__init__.py) come from an ItemKind: `ACCESS.key(token)` is the
access-token item, `ref_key(link_id, target)` the link's index entry pointing at `target`. Ids that
grant something (tokens, codes, states, Alexa userIds) are stored only as their SHA-256.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, NamedTuple

from skill.store.crypto import aad_for, token_hash

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef

    Item = dict[str, AttributeValueTypeDef]

PK: Final = "pk"
SK: Final = "sk"
TTL: Final = "ttl"
_REF: Final = "REF"
_SEP: Final = "#"

# Expression attribute names: several of ours (ttl, status, version, mode) are DynamoDB reserved words.
_NAMES: Final = {
    "#ttl": TTL,
    "#st": "status",
    "#v": "version",
    "#m": "mode",
    "#ex": "expires_at",
    "#lu": "lease_until",
    "#lo": "lease_owner",
    "#l": "link_id",
    "#g": "grace_until",
    "#c": "cred",
    "#ca": "changed_at",
    "#n": "count",
}


class Key(NamedTuple):
    pk: str
    sk: str

    def attrs(self) -> Item:
        return {PK: s(self.pk), SK: s(self.sk)}

    def aad(self) -> bytes:
        """Associated data for a ciphertext stored on this item: it fails to open anywhere else."""
        return aad_for(self.pk, self.sk)


@dataclass(frozen=True)
class ItemKind:
    """One kind of item: `{prefix}#{id}` / `{prefix}`, its `kind` attribute, whether the id is hashed."""

    prefix: str
    kind: str
    hashed: bool = True

    def key(self, value: str) -> Key:
        ident = token_hash(value) if self.hashed else value
        return Key(f"{self.prefix}{_SEP}{ident}", self.prefix)


LINK: Final = ItemKind("LINK", "link", hashed=False)  # the link id is random and grants nothing
ACCESS: Final = ItemKind("AT", "access")
REFRESH: Final = ItemKind("RT", "refresh")
CODE: Final = ItemKind("CODE", "code")
PENDING: Final = ItemKind("PENDING", "pending")
ALEXA: Final = ItemKind("ALEXA", "alexa")
# The notification subscriptions' daily mark, per Withings user under its keyed id (a userid is small
# enough to enumerate through a plain hash).
SUBSCRIPTIONS: Final = ItemKind("SUBS", "subscriptions", hashed=False)  # keyed by Sealer.keyed_id
REF_KIND: Final = "ref"
_BY_SK: Final = {k.prefix: k for k in (ACCESS, REFRESH, CODE, ALEXA)}  # what a link's index points at
# A recognised speaker's mapping sits beside the account's own, in the Alexa user's partition.
PERSON_SK_PREFIX: Final = f"{ALEXA.prefix}{_SEP}PERSON{_SEP}"


# The per-user data cache (skill.cache): one partition per Withings user, keyed by a keyed hash of
# the userid (Sealer.keyed_id: a plain hash of a small number is reversible), entries and changes in it.
CACHE_PREFIX: Final = "CACHE"
CACHE_KIND: Final = "cache"
CHANGE_KIND: Final = "change"
ENTRY_SK_PREFIX: Final = f"E{_SEP}"
CHANGE_SK_PREFIX: Final = f"CHG{_SEP}"
BUDGET: Final = ItemKind("BUDGET", "budget", hashed=False)  # pk BUDGET#<epoch minute>


def cache_pk(user_key: str) -> str:
    return f"{CACHE_PREFIX}{_SEP}{user_key}"


def cache_key(user_key: str, name: str) -> Key:
    return Key(cache_pk(user_key), f"{ENTRY_SK_PREFIX}{name}")


def change_key(user_key: str, appli: int) -> Key:
    return Key(cache_pk(user_key), f"{CHANGE_SK_PREFIX}{int(appli)}")


def person_key(alexa_user_id: str, person_id: str) -> Key:
    """The mapping of one recognised speaker (a voice profile) of an Alexa account to their link."""
    return Key(ALEXA.key(alexa_user_id).pk, f"{PERSON_SK_PREFIX}{token_hash(person_id)}")


def ref_key(link_id: str, target: Key) -> Key:
    """The index entry, in the link's partition, that lets the purge find `target`.

    A person's mapping shares its partition with the account's own (the same link may hold both):
    its entry names the sort key too, and carries the target's partition key (`tpk`)."""
    if target.sk.startswith(PERSON_SK_PREFIX):
        return Key(LINK.key(link_id).pk, f"{_REF}{_SEP}{target.pk}{_SEP}{target.sk}")
    return Key(LINK.key(link_id).pk, f"{_REF}{_SEP}{target.pk}")


def ref_item(link_id: str, target: Key, ttl: float) -> Item:
    item: Item = {**ref_key(link_id, target).attrs(), "kind": s(REF_KIND), "tsk": s(target.sk)}
    if target.sk.startswith(PERSON_SK_PREFIX):
        item["tpk"] = s(target.pk)
    return {**item, TTL: n(int(ttl))}


def ref_target(item: Item) -> Key | None:
    """The item an index entry points at (None for the link item itself or anything unexpected)."""
    sk, target_sk = text(item, SK) or "", text(item, "tsk")
    prefix = f"{_REF}{_SEP}"
    if not sk.startswith(prefix) or target_sk is None:
        return None
    if target_sk.startswith(PERSON_SK_PREFIX):
        target_pk = text(item, "tpk")
        return None if target_pk is None else Key(target_pk, target_sk)
    if target_sk not in _BY_SK:
        return None
    return Key(sk[len(prefix) :], target_sk)


def is_alexa_mapping(key: Key) -> bool:
    return key.sk == ALEXA.prefix or key.sk.startswith(PERSON_SK_PREFIX)


# -- attribute values --------------------------------------------------------------------------------


def s(value: str) -> AttributeValueTypeDef:
    return {"S": value}


def n(value: float) -> AttributeValueTypeDef:
    return {"N": f"{value:.3f}" if isinstance(value, float) else str(value)}


def b(value: bytes) -> AttributeValueTypeDef:
    return {"B": value}


def num(item: Item, name: str) -> float | None:
    attr = item.get(name)
    return float(attr["N"]) if attr is not None and "N" in attr else None


def text(item: Item, name: str) -> str | None:
    attr = item.get(name)
    return attr["S"] if attr is not None and "S" in attr else None


def blob(item: Item, name: str) -> bytes | None:
    attr = item.get(name)
    return bytes(attr["B"]) if attr is not None and "B" in attr else None


def names(expression: str) -> dict[str, str]:
    """Only the placeholders an expression uses: DynamoDB rejects unused ones."""
    used = set(re.findall(r"#\w+", expression))
    return {k: v for k, v in _NAMES.items() if k in used}
