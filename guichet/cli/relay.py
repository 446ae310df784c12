"""``guichet relayer ID -o DOSSIER``: relays an opportunity (merged letters PDF + drafts)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from guichet.cli.common import Context, add_command, print_json
from guichet.errors import ValidationError


def _ids(text: str) -> list[int]:
    try:
        return [int(part) for part in text.replace(" ", "").split(",") if part]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"« {text} » : attendu des numéros d'organisation séparés par des virgules"
        ) from exc


def register(subparsers: Any) -> None:
    relay = add_command(
        subparsers,
        "relayer",
        "relaie une opportunité aux adhérents : courriers fusionnés (PDF) et brouillons "
        "d'e-mail (.eml, documents joints) écrits dans un dossier, relais enregistrés et datés",
    )
    relay.add_argument("opportunity", type=int, metavar="ID", help="numéro de l'opportunité")
    relay.add_argument("-o", "--sortie", required=True, type=Path, dest="folder", metavar="DOSSIER")
    relay.add_argument(
        "--adherents",
        type=_ids,
        default=None,
        metavar="ID,ID…",
        help="organisations à qui relayer (par défaut : les adhérents proposés par la "
        "correspondance, pas encore relayés)",
    )
    relay.add_argument(
        "--cci",
        action="store_true",
        help="un seul brouillon avec les adhérents en copie cachée (par défaut : un par adhérent)",
    )
    relay.add_argument("--json", action="store_true", help="sortie JSON")
    relay.set_defaults(func=run_relay)


def run_relay(ctx: Context, args: argparse.Namespace) -> int:
    from guichet.services.relay import RelayChoice, relay_opportunity
    from guichet.services.relay_candidates import relay_candidates

    if args.folder.exists() and not args.folder.is_dir():
        raise ValidationError(f"« {args.folder} » n'est pas un dossier.")
    candidates = relay_candidates(ctx.db, args.opportunity)
    if args.adherents is None:
        choices = [c.choice() for c in candidates if c.ticked]
        if not choices:
            raise ValidationError(
                "Aucun adhérent proposé à qui relayer : nommez-les avec --adherents."
            )
    else:
        lots = {c.organization_id: c.lot_ids for c in candidates}
        choices = [RelayChoice(i, lot_ids=lots.get(i, ())) for i in args.adherents]
    args.folder.mkdir(parents=True, exist_ok=True)
    result = relay_opportunity(
        ctx.db, args.opportunity, choices, folder=args.folder, one_draft_per_member=not args.cci
    )
    if args.json:
        print_json(
            {
                "opportunity": result.opportunity_id,
                "relayed_to": list(result.organization_ids),
                "relayed_at": result.relayed_at.isoformat(timespec="seconds"),
                "letters": str(result.letters_path),
                "drafts": [str(p) for p in result.draft_paths],
            }
        )
        return 0
    print(f"Opportunité {result.opportunity_id} relayée à {len(result.relay_ids)} adhérent(s).")
    print(f"Courriers : {result.letters_path}")
    for path in result.draft_paths:
        print(f"Brouillon : {path}")
    return 0
