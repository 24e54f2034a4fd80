"""``verbund erasmus oid|check|export``: what the Erasmus+ Beneficiary Module needs.

``oid ORGANISATION_ID E12345678`` stores an organisation's OID; ``check PROJECT_ID`` names
every missing mandatory value per stay; ``export PROJECT_ID --out FILE`` writes the stays
(CSV) only when nothing is missing.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from verbund.core.models import Organization
from verbund.mobility.models import MobilityProject
from verbund.mobility.services import beneficiary, reporting


class Command(BaseCommand):
    help = "Erasmus+: OIDs der Einrichtungen, Prüfung und Export für das Beneficiary Module"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        oid = sub.add_parser("oid", help="OID einer Einrichtung setzen")
        oid.add_argument("organization", type=int)
        oid.add_argument("oid", help="„E“ und acht Ziffern")
        check = sub.add_parser("check", help="fehlende Pflichtangaben eines Projekts nennen")
        check.add_argument("project", type=int)
        export = sub.add_parser("export", help="Aufenthalte exportieren, wenn nichts fehlt")
        export.add_argument("project", type=int)
        export.add_argument("--out", type=Path, required=True)

    def handle(self, *args, action, **options):
        getattr(self, f"do_{action}")(**options)

    def do_oid(self, organization, oid, **options):
        found = Organization.objects.filter(pk=organization).first()
        if found is None:
            raise CommandError(f"Einrichtung {organization} gibt es nicht.")
        try:
            beneficiary.set_oid(found, oid)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"{found.name}: OID {oid.strip().upper()}.")

    def _checked(self, project):
        found = MobilityProject.objects.filter(pk=project).first()
        if found is None:
            raise CommandError(f"Projekt {project} gibt es nicht.")
        missing = beneficiary.problems(found)
        for problem in missing:
            self.stdout.write(problem)
        return found, missing

    def do_check(self, project, **options):
        _project, missing = self._checked(project)
        if missing:
            raise CommandError(f"{len(missing)} Pflichtangaben fehlen.")
        self.stdout.write("Alle Pflichtangaben sind vorhanden.")

    def do_export(self, project, out, **options):
        found, missing = self._checked(project)
        if missing:
            raise CommandError(f"Nichts exportiert: {len(missing)} Pflichtangaben fehlen.")
        out.write_bytes(reporting.export_csv(found))
        self.stdout.write(f"Aufenthalte nach {out} geschrieben.")
