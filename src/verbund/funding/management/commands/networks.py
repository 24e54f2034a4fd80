"""``verbund networks proof-of-use FILE.json [--format json]`` (shared/domain/funding.md).

The command is named after the networks it serves, as the interface specifies; the figures
come from ``verbund.funding.services.proof_of_use``, the same code as the screens and PDFs.
"""

import json
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from verbund.core.services.numbers import format_money
from verbund.funding.services import proof_of_use


class Command(BaseCommand):
    help = "Netzwerke: zahlenmäßiger Nachweis aus einer JSON-Datei berechnen"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        proof = sub.add_parser(
            "proof-of-use", help="zahlenmäßigen Verwendungsnachweis aus FILE.json berechnen"
        )
        proof.add_argument("file", type=Path)
        proof.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, action, **options):
        if action == "proof-of-use":
            self.proof_of_use(options["file"], options["format"])

    def proof_of_use(self, path: Path, output_format: str):
        try:
            raw = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
        except OSError as error:
            raise CommandError(f"{path}: Datei nicht lesbar ({error.strerror}).") from None
        except UnicodeDecodeError:
            raise CommandError(f"{path}: Die Datei ist nicht UTF-8-kodiert.") from None
        except json.JSONDecodeError as error:
            raise CommandError(
                f"{path}: kein gültiges JSON (Zeile {error.lineno}, Spalte {error.colno}: "
                f"{error.msg})."
            ) from None
        try:
            result = proof_of_use.compute(proof_of_use.read_input(raw))
        except proof_of_use.ProofError as error:
            raise CommandError(f"{path}: {error}") from None
        if output_format == "json":
            self.stdout.write(proof_of_use.to_json(result.as_interface()))
            return
        self.stdout.write(self.as_table(result))

    @staticmethod
    def as_table(result) -> str:
        rows = [("Position", "geplant", "Ist", "förderfähig", "nicht förderfähig")]
        for line in result.lines:
            rows.append(
                (
                    line.label,
                    format_money(line.planned),
                    format_money(line.actual),
                    format_money(line.eligible),
                    format_money(line.not_eligible),
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(5)]
        text = [
            "  ".join(
                cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
                for i, cell in enumerate(row)
            )
            for row in rows
        ]
        text.append("")
        text.append(f"Förderfähige Ausgaben: {format_money(result.eligible_total)}")
        text.append(f"Zuwendung:             {format_money(result.grant)}")
        text.append(f"Ausgezahlt:            {format_money(result.paid)}")
        if result.balance > 0:
            text.append(f"Rückforderung:         {format_money(result.balance)}")
        elif result.balance < 0:
            text.append(f"Restzahlung:           {format_money(-result.balance)}")
        else:
            text.append("Saldo:                 ausgeglichen")
        for cofunder in result.cofunders:
            text.append(f"{cofunder.name}: {format_money(cofunder.amount)}")
        return "\n".join(text)
