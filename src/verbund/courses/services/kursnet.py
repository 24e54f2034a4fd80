"""Deliveries to KURSNET: check first, then a full or differential openQ-cat file per supplier.

``problems`` names every missing or too long value per offer ("Angebot „X“ (K-1): Dauer
fehlt") so no invalid file is written. ``deliver`` writes the provider's next delivery:
the first one is a full catalogue (NEW_CATALOG), every later one an UPDATE_CATALOG with the
next ``seq_number``, NEW for what changed since the last delivery and DELETE for what is
gone. ``zip_for`` bundles one full file per provider (a chamber's export).
"""

import io
import zipfile
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.courses.models import Format, KursnetDelivery, KursnetSupplier, Offer
from verbund.courses.services import openqcat_write

LOCATION_FREE = (Format.ONLINE, Format.FERNLERNEN)


class Incomplete(Exception):
    """The offers lack data KURSNET requires; ``problems`` says which, per offer."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Delivery:
    content: bytes
    seq_number: int
    full: bool
    new: int
    deleted: int

    @property
    def filename(self) -> str:
        kind = "gesamt" if self.full else "differenz"
        return f"openqcat-{kind}-{self.seq_number}.xml"


def supplier_of(provider) -> KursnetSupplier:
    supplier, _created = KursnetSupplier.objects.get_or_create(provider=provider)
    provider.kursnet_supplier = supplier
    return supplier


def supplier_id_of(provider) -> str:
    """The provider's supplier id at the Federal Employment Agency (KURSNET), or ""."""
    supplier = KursnetSupplier.objects.filter(provider=provider).first()
    return supplier.supplier_id if supplier is not None else ""


def offers_of(provider):
    return (
        Offer.objects.filter(provider=provider, status=Offer.Status.ACTIVE)
        .select_related("provider__kursnet_supplier")
        .prefetch_related("topics", "runs")
        .order_by("pk")
    )


def problems(provider, offers) -> list[str]:
    found = []
    supplier = supplier_of(provider)
    if supplier.institution_type is None:
        found.append(
            _("Anbieter „%(name)s“: Art der Bildungseinrichtung (KURSNET-Code) fehlt.")
            % {"name": provider.name}
        )
    if not (provider.email or provider.phone or provider.website):
        found.append(
            _("Anbieter „%(name)s“: E-Mail-Adresse, Telefonnummer oder Website fehlt.")
            % {"name": provider.name}
        )
    for offer in offers:
        found += _offer_problems(offer)
    return found


def _offer_problems(offer) -> list[str]:
    label = _("Angebot „%(title)s“ (%(id)s)") % {"title": offer.title, "id": offer.external_id}
    missing = []
    if offer.education_type is None:
        missing.append(_("Bildungsart (KURSNET-Code) fehlt"))
    if len(offer.title) > 255:
        missing.append(_("Titel länger als 255 Zeichen"))
    runs = list(offer.runs.all())
    if not runs:
        missing.append(_("kein Termin"))
    for run in runs:
        when = _("Termin %(id)s") % {"id": openqcat_write.product_id(offer, run)}
        if run.start_date is None or run.end_date is None:
            missing.append(_("%(run)s: Dauer fehlt (Beginn und Ende)") % {"run": when})
        located = (run.format or offer.format) not in LOCATION_FREE
        if located and not run.city:
            missing.append(_("%(run)s: Veranstaltungsort fehlt") % {"run": when})
        if len(run.street) > 30 or len(run.city) > 36:
            missing.append(
                _("%(run)s: Straße (höchstens 30 Zeichen) oder Ort (36) zu lang") % {"run": when}
            )
    return [f"{label}: {text}" for text in missing]


def fingerprints(offers) -> dict[str, str]:
    """PRODUCT_ID -> what was sent; a change of the offer or a run changes it."""
    sent = {}
    for offer in offers:
        stamp = f"{offer.version}:{offer.updated_at.isoformat()}"
        sent[openqcat_write.product_id(offer)] = stamp
        for run in offer.runs.all():
            sent[openqcat_write.product_id(offer, run)] = f"{stamp}:{run.updated_at.isoformat()}"
    return sent


def full_file(provider, now=None) -> bytes:
    """The provider's whole catalogue (NEW_CATALOG), not recorded as a delivery."""
    offers = offers_of(provider)
    found = problems(provider, offers)
    if found:
        raise Incomplete(found)
    return openqcat_write.write(offers, provider, now or timezone.now())


def deliver(provider, now=None) -> Delivery:
    """The next delivery to KURSNET, recorded so the one after it is a differential one."""
    offers = offers_of(provider)
    found = problems(provider, offers)
    if found:
        raise Incomplete(found)
    now = now or timezone.now()
    with transaction.atomic():
        last = (
            KursnetDelivery.objects.select_for_update()
            .filter(provider=provider)
            .order_by("-seq_number")
            .first()
        )
        current = fingerprints(offers)
        if last is None:
            content = openqcat_write.write(offers, provider, now)
            changed, gone, seq_number = set(current), [], 1
        else:
            changed = {pid for pid, stamp in current.items() if last.products.get(pid) != stamp}
            gone = sorted(set(last.products) - set(current))
            seq_number = last.seq_number + 1
            content = openqcat_write.write(
                offers, provider, now, seq_number=seq_number, only=changed, deletes=gone
            )
        KursnetDelivery.objects.create(
            provider=provider,
            seq_number=seq_number,
            full=last is None,
            products=current,
            new_count=len(changed),
            delete_count=len(gone),
        )
    return Delivery(content, seq_number, last is None, len(changed), len(gone))


def zip_for(providers, now=None) -> bytes:
    """One full file per provider with offers; refused as a whole if any offer is incomplete."""
    now = now or timezone.now()
    found, files = [], []
    for provider in providers:
        offers = offers_of(provider)
        if not offers.exists():
            continue
        trouble = problems(provider, offers)
        if trouble:
            found += trouble
            continue
        files.append((provider, openqcat_write.write(offers, provider, now)))
    if found:
        raise Incomplete(found)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for provider, content in files:
            ref, _type = openqcat_write.supplier_ref(provider)
            archive.writestr(f"openqcat-{ref}.xml", content)
    return buffer.getvalue()


def save_supplier(provider, data: dict, user) -> KursnetSupplier:
    """The provider's KURSNET details from the page or the command line (validated, audited)."""
    from verbund.core.services import editing

    supplier = supplier_of(provider)
    return editing.save_changes(supplier, data, user, "courses.kursnet_supplier")


def offer_count(providers) -> int:
    return Offer.objects.filter(provider__in=providers, status=Offer.Status.ACTIVE).count()
