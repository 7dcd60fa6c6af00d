"""Transfers between communes: the list of the Transfers page, a case's transfers, the
sending commune's request, and the receiving commune's decision.

The casework services (``casework.services.transfers``) and their scope queries: a
transfer is visible from both its communes; the case is requested from its own commune
only, and a case waiting to move into the user's communes may be read, as on the pages.
A transfer has no version: it is decided once, and a second decision is refused (409).
"""

from flask import url_for
from flask_login import current_user

from reintegration.api.auth import CASEWORK_ROLES, roles_allowed
from reintegration.api.blueprint import ApiBlueprint
from reintegration.api.cases import CASE, case_or_404, case_rows
from reintegration.api.http import not_found, paged_query
from reintegration.api.schemas.common import MAX_ID, NoBodySchema, PageArgsSchema
from reintegration.api.schemas.transfers import (
    PENDING,
    AcceptBodySchema,
    RefuseBodySchema,
    TransferListArgsSchema,
    TransferPageSchema,
    TransferRequestBodySchema,
    TransferSchema,
)
from reintegration.casework.models import Transfer
from reintegration.casework.services import transfers as service
from reintegration.core.database import commit_keeping_loaded

TRANSFER = f"/transfers/<int(min=1, max={MAX_ID}):transfer_id>"
CASE_TRANSFERS = "/cases" + CASE + "/transfers"

blp = ApiBlueprint(
    "api_transfers",
    __name__,
    path="",
    tag="Transfers",
    description="Moving a case to another commune: request, accept, refuse, cancel.",
)


def answer(transfer: Transfer, status: int = 200):
    commit_keeping_loaded()
    return transfer, status


def transfer_or_404(transfer_id: int) -> Transfer:
    transfer = service.find_transfer(transfer_id, current_user)
    if transfer is None:
        raise not_found()
    return transfer


@blp.route("/transfers", methods=["GET"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(TransferListArgsSchema, location="query")
@blp.response(200, TransferPageSchema)
def list_transfers(args: dict):
    """The transfers from or to your communes

    Waiting ones, oldest first (the default), or those decided in the last 30 days,
    newest first.
    """
    return paged_query(
        service.transfers_query(current_user, pending=args["state"] == PENDING), args
    )


@blp.route(TRANSFER, methods=["GET"])
@roles_allowed(*CASEWORK_ROLES)
@blp.response(200, TransferSchema)
def read_transfer(transfer_id: int):
    """Read a transfer from or to one of your communes"""
    return answer(transfer_or_404(transfer_id))


@blp.route(CASE_TRANSFERS, methods=["GET"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, TransferPageSchema)
def case_transfers(args: dict, case_id: int):
    """A case's transfers, newest first (its history as it travelled)

    Readable by the case's commune and by a commune it is waiting to move into. The read
    is audited as a view of the case file.
    """
    return case_rows(case_id, args, service.transfers_of, "api:transfers")


@blp.route(CASE_TRANSFERS, methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(TransferRequestBodySchema)
@blp.response(201, TransferSchema)
def request_transfer(body: dict, case_id: int):
    """Ask another commune to take the case over (the person moves there)

    From the case's own commune; the receiving commune's caseworkers (or, when it has
    none, its province officers) are told. One transfer waits at a time (409).
    """
    case = case_or_404(case_id)
    transfer = service.request_transfer(case, body["to_commune_code"], body["reason"], current_user)
    view, status = answer(transfer, 201)
    return view, status, {"Location": url_for(".read_transfer", transfer_id=transfer.id)}


@blp.route(TRANSFER + "/accept", methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(AcceptBodySchema, required=False)
@blp.response(200, TransferSchema)
def accept(body: dict | None = None, *, transfer_id: int):
    """Accept a transfer into your commune: the case moves, keeping its id and history

    By the receiving commune (403 otherwise); 409 when it is decided already.
    """
    transfer = transfer_or_404(transfer_id)
    caseworker_id = (body or {}).get("caseworker_id")
    service.accept_transfer(transfer, current_user, caseworker_id=caseworker_id)
    return answer(transfer)


@blp.route(TRANSFER + "/refuse", methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(RefuseBodySchema)
@blp.response(200, TransferSchema)
def refuse(body: dict, transfer_id: int):
    """Refuse a transfer into your commune, saying why

    By the receiving commune (403 otherwise); 409 when it is decided already.
    """
    transfer = transfer_or_404(transfer_id)
    service.refuse_transfer(transfer, body["note"], current_user)
    return answer(transfer)


@blp.route(TRANSFER + "/cancel", methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(NoBodySchema, required=False)
@blp.response(200, TransferSchema)
def cancel(body: dict | None = None, *, transfer_id: int):
    """Withdraw a transfer your commune asked for (the person did not move after all)"""
    transfer = transfer_or_404(transfer_id)
    service.cancel_transfer(transfer, current_user)
    return answer(transfer)
