"""``verbund courses <reindex|apply|follow|refresh|import|export|supplier-id|deliver|generate>``: tools."""

import sys
import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from verbund.core.models import Organization
from verbund.courses.services import catalog, generate, indexing, kursnet

# Files with more rows than this get a progress bar (small ones print just the report).
PROGRESS_MIN_BYTES = 1_000_000


class Command(BaseCommand):
    help = "Kursdatenbank: Suchindex, Import, Export, synthetische Angebote"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        reindex = sub.add_parser("reindex", help="Suchindex neu aufbauen oder prüfen")
        reindex.add_argument("--check", action="store_true", help="nur prüfen, nichts ändern")
        sub.add_parser("apply", help="ausstehende Änderungen aus dem Änderungsprotokoll anwenden")
        follower = sub.add_parser(
            "follow", help="Änderungen fortlaufend übernehmen (läuft bis SIGTERM)"
        )
        follower.add_argument("--interval", type=float, default=1.0, help="Sekunden")
        sub.add_parser("refresh", help="täglich: begonnene Termine und Karenzzeit nachziehen")
        importer = sub.add_parser("import", help="CSV, XLSX oder openQ-cat-XML importieren")
        importer.add_argument("file", type=Path)
        importer.add_argument("--provider", type=int, help="ID des Bildungsanbieters")
        importer.add_argument("--dry-run", action="store_true", help="nur prüfen")
        importer.add_argument(
            "--skip-invalid", action="store_true", help="gültige Zeilen schreiben"
        )
        exporter = sub.add_parser("export", help="Angebote exportieren")
        exporter.add_argument("--format", choices=catalog.FORMATS, default="csv")
        exporter.add_argument("--provider", type=int)
        exporter.add_argument("--out", type=Path, help="Datei (sonst Standardausgabe)")
        exporter.add_argument(
            "--site-url", help="Adresse der Plattform für Links (sonst VERBUND_SITE_URL)"
        )
        supplier = sub.add_parser(
            "supplier-id", help="Anbieternummer bei KURSNET (BA) eines Bildungsanbieters setzen"
        )
        supplier.add_argument("provider", type=int, help="ID des Bildungsanbieters")
        supplier.add_argument("supplier_id", help="Anbieternummer der Bundesagentur für Arbeit")
        supplier.add_argument(
            "--institution-type", type=int, help="Art der Bildungseinrichtung (KURSNET-Code)"
        )
        deliver = sub.add_parser(
            "deliver", help="nächste KURSNET-Lieferung (erst gesamt, dann Differenz) schreiben"
        )
        deliver.add_argument("--provider", type=int, required=True)
        deliver.add_argument("--out", type=Path, required=True, help="Datei")
        generator = sub.add_parser("generate", help="synthetische Angebote erzeugen")
        generator.add_argument("--offers", type=int, required=True)
        generator.add_argument("--seed", type=int, default=1)
        generator.add_argument("--no-index", action="store_true", help="Index nicht neu aufbauen")

    def handle(self, *args, action, **options):
        getattr(self, f"do_{action.replace('-', '_')}")(**options)

    def _provider(self, pk):
        if pk is None:
            return None
        provider = Organization.objects.filter(pk=pk).first()
        if provider is None:
            raise CommandError(f"Organisation {pk} gibt es nicht.")
        return provider

    def do_reindex(self, check=False, **options):
        if check:
            report = indexing.check()
            for label, ids in (
                ("fehlt im Index", report.missing),
                ("veraltet im Index", report.outdated),
                ("im Index, aber nicht (mehr) suchbar", report.extra),
            ):
                for offer_id in ids:
                    self.stdout.write(f"Angebot {offer_id}: {label}")
            if not report.ok:
                total = len(report.missing) + len(report.outdated) + len(report.extra)
                raise CommandError(f"{total} Abweichungen zwischen Index und Datenbank.")
            self.stdout.write(self.style.SUCCESS("Index und Datenbank stimmen überein."))
            return
        started = time.perf_counter()
        with tqdm(unit=" Angebote", disable=None, file=sys.stderr) as bar:
            count = indexing.rebuild(progress=bar.update)
        self.stdout.write(f"{count} Angebote indiziert in {time.perf_counter() - started:.1f} s.")

    def do_apply(self, **options):
        self.stdout.write(f"{indexing.apply_pending()} Änderungen angewendet.")

    def do_follow(self, interval=1.0, **options):
        from verbund.courses.services import follower

        follower.run_forever(interval)

    def do_refresh(self, **options):
        self.stdout.write(f"{indexing.refresh()} Angebote im Index aktualisiert.")

    def do_import(self, file, provider=None, dry_run=False, skip_invalid=False, **options):
        if not file.exists():
            raise CommandError(f"Datei {file} nicht gefunden.")
        data = file.read_bytes()
        with tqdm(
            unit=" Zeilen",
            disable=len(data) < PROGRESS_MIN_BYTES or None,
            file=sys.stderr,
            desc="Prüfen",
        ) as bar:
            report = catalog.import_file(
                data,
                file.name,
                provider=self._provider(provider),
                dry_run=dry_run,
                skip_invalid=skip_invalid,
                progress=bar.update,
            )
        for error in report.errors:
            self.stdout.write(str(error))
        if dry_run:
            for offer_id, step in catalog.plan(report):
                self.stdout.write(f"{step}: {offer_id}")
        self.stdout.write(
            f"{report.rows} Zeilen, {len(report.offers)} gültige Angebote, "
            f"{report.bad_rows} fehlerhafte Zeilen."
        )
        if report.written:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Geschrieben: {report.created} neu, {report.updated} geändert, "
                    f"{report.deleted} gelöscht."
                )
            )
        elif dry_run:
            self.stdout.write("Probelauf: nichts geschrieben.")
        else:
            raise CommandError(
                "Nichts geschrieben: die Datei enthält Fehler "
                "(mit --skip-invalid werden nur die gültigen Angebote geschrieben)."
            )

    def do_export(self, format="csv", provider=None, out=None, site_url=None, **options):
        from django.conf import settings

        from verbund.core.services.jsonld import is_local_site

        if site_url:
            settings.SITE_URL = site_url
        elif format == "jsonld" and is_local_site():
            self.stderr.write(
                "Hinweis: VERBUND_SITE_URL ist nicht gesetzt; die Links zeigen auf "
                f"{settings.SITE_URL}. Mit --site-url oder VERBUND_SITE_URL die öffentliche "
                "Adresse angeben."
            )
        try:
            data = catalog.export(format, self._provider(provider))
        except kursnet.Incomplete as error:
            for problem in error.problems:
                self.stdout.write(problem)
            raise CommandError(
                f"Nichts exportiert: {len(error.problems)} fehlende Angaben für KURSNET."
            ) from error
        if out is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            out.write_bytes(data)
            self.stderr.write(f"{len(data):,} Bytes nach {out} geschrieben.")

    def do_supplier_id(self, provider, supplier_id, institution_type=None, **options):
        organization = self._provider(provider)
        data = {"supplier_id": supplier_id.strip()}
        if institution_type is not None:
            data["institution_type"] = institution_type
        try:
            kursnet.save_supplier(organization, data, None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"{organization.name}: Anbieternummer bei KURSNET {supplier_id}.")

    def do_deliver(self, provider, out, **options):
        try:
            delivery = kursnet.deliver(self._provider(provider))
        except kursnet.Incomplete as error:
            for problem in error.problems:
                self.stdout.write(problem)
            raise CommandError(
                f"Nichts geliefert: {len(error.problems)} fehlende Angaben für KURSNET."
            ) from error
        out.write_bytes(delivery.content)
        kind = "Gesamtlieferung" if delivery.full else "Differenzlieferung"
        self.stdout.write(
            f"{kind} Nr. {delivery.seq_number}: {delivery.new} neu oder geändert, "
            f"{delivery.deleted} gelöscht, nach {out} geschrieben."
        )

    def do_generate(self, offers, seed=1, no_index=False, **options):
        started = time.perf_counter()
        with tqdm(total=offers, unit=" Angebote", disable=None, file=sys.stderr) as bar:
            count = generate.generate(offers, seed=seed, progress=bar.update)
        self.stdout.write(f"{count} Angebote in {time.perf_counter() - started:.1f} s erzeugt.")
        if not no_index:
            self.do_reindex()
