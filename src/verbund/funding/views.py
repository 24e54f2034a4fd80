"""Pages of a funded network's finances: plan and budget, receipts, calls, co-funder bills,
the proof of use. Views translate HTTP; the figures come from ``services.budget``."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from verbund.core.services import access, audit, import_jobs
from verbund.core.services.tabular import RowError
from verbund.core.views.generic import ObjectFormView, editable_object
from verbund.funding import forms
from verbund.funding.jobs import IMPORT_KIND
from verbund.funding.models import BudgetLine, Cofunder, FinancingPlan, FundsCall, Receipt
from verbund.funding.permissions import FUNDING_MANAGE
from verbund.funding.services import budget, documents, receipts
from verbund.networks.models import Network

RECEIPT_SORTS = {"date": "date", "amount": "amount", "number": "number", "line": "line__position"}


@login_required
def plan_list(request):
    plans = FinancingPlan.objects.visible_to(request.user).select_related("network")
    bills = (
        Cofunder.objects.visible_to(request.user)
        .exclude(plan__in=plans)
        .select_related("plan__network")
    )
    may_create = Network.objects.with_perm(request.user, FUNDING_MANAGE).exists()
    return render(
        request,
        "funding/plan_list.html",
        {"plans": plans, "bills": bills, "may_create": may_create},
    )


def _plan(request, pk) -> FinancingPlan:
    return get_object_or_404(FinancingPlan.objects.visible_to(request.user), pk=pk)


def _until(request):
    form = forms.ProofPeriodForm(request.GET or None)
    return (form.cleaned_data.get("until") if form.is_valid() else None), form


@login_required
def plan_detail(request, pk):
    plan = _plan(request, pk)
    until, period_form = _until(request)
    figures = budget.figures(plan, until=until)
    return render(
        request,
        "funding/plan_detail.html",
        {
            "object": plan,
            "figures": figures,
            "period_form": period_form,
            "chart": documents.budget_chart(figures),
            "may_edit": access.has_perm(request.user, FUNDING_MANAGE, plan),
            "calls": plan.calls.all(),
            "cofunders": zip(plan.cofunders.all(), figures.result.cofunders, strict=False),
            "lines": plan.lines.all(),
            "history": audit.entries_for(plan)[:50],
        },
    )


class PlanFormView(ObjectFormView):
    model = FinancingPlan
    form_class = forms.FinancingPlanForm
    perm = FUNDING_MANAGE
    action_prefix = "funding.financingplan"

    def get_parent_for_permission(self):
        network = self.request.POST.get("network") or self.request.GET.get("network")
        if network and str(network).isdigit():
            found = Network.objects.visible_to(self.request.user).filter(pk=network).first()
            if found is not None:
                return found
        return None


class PlanPartFormView(ObjectFormView):
    """Create (URL has ``plan``) or edit (URL has ``pk``) one row of a plan."""

    perm = FUNDING_MANAGE

    def get_parent_for_permission(self):
        return _plan(self.request, self.kwargs["plan"])

    def new_object(self):
        return self.model(plan=self.get_parent_for_permission())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = context["object"].plan.get_absolute_url()
        context["network"] = context["object"].plan.network
        return context


class BudgetLineFormView(PlanPartFormView):
    model = BudgetLine
    form_class = forms.BudgetLineForm
    action_prefix = "funding.budgetline"


class CofunderFormView(PlanPartFormView):
    model = Cofunder
    form_class = forms.CofunderForm
    action_prefix = "funding.cofunder"

    def get_success_url(self, obj):
        return obj.plan.get_absolute_url()


class FundsCallFormView(PlanPartFormView):
    model = FundsCall
    form_class = forms.FundsCallForm
    action_prefix = "funding.fundscall"


class ReceiptFormView(PlanPartFormView):
    model = Receipt
    form_class = forms.ReceiptForm
    action_prefix = "funding.receipt"

    def save(self, obj, data, form):
        return receipts.book(obj.plan, data, self.request.user, receipt=obj if obj.pk else None)

    def get_success_url(self, obj):
        return obj.plan.get_absolute_url() + "belege/"


@login_required
def receipt_list(request, pk):
    plan = _plan(request, pk)
    queryset = Receipt.objects.visible_to(request.user).filter(plan=plan).select_related("line")
    line = request.GET.get("line", "")
    if line.isdigit():
        queryset = queryset.filter(line_id=int(line))
    sort = request.GET.get("sort", "-date")
    if sort.lstrip("-") in RECEIPT_SORTS:
        prefix = "-" if sort.startswith("-") else ""
        queryset = queryset.order_by(prefix + RECEIPT_SORTS[sort.lstrip("-")], "-pk")
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "funding/receipt_list.html",
        {
            "object": plan,
            "page": page,
            "sort": sort,
            "line": line,
            "lines": receipts.booking_lines(plan),
            "querystring": params.urlencode(),
            "may_edit": access.has_perm(request.user, FUNDING_MANAGE, plan),
        },
    )


@login_required
def receipt_file(request, pk):
    receipt = get_object_or_404(Receipt.objects.visible_to(request.user), pk=pk)
    if not receipt.file:
        raise Http404
    return FileResponse(receipt.file.open("rb"), as_attachment=True)


@login_required
@require_POST
def receipt_delete(request, pk):
    receipt = editable_object(request.user, Receipt, pk, FUNDING_MANAGE)
    receipts.delete(receipt, request.user)
    messages.success(request, _("Beleg gelöscht."))
    return redirect(receipt.plan.get_absolute_url() + "belege/")


BACKGROUND_IMPORT_BYTES = 200_000  # larger files are read by a job, as every importer does


@login_required
def receipt_import(request, pk):
    plan = editable_object(request.user, FinancingPlan, pk, FUNDING_MANAGE)
    report = None
    form = forms.ReceiptImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > BACKGROUND_IMPORT_BYTES:
            return import_jobs.start(
                request,
                IMPORT_KIND,
                upload=upload,
                title=_("Belege importieren: %(file)s") % {"file": upload.name},
                page_url=reverse("funding:receipt_import", args=[plan.pk]),
                plan=plan.pk,
                dry_run=form.cleaned_data["dry_run"],
            )
        report = receipts.import_file(
            plan,
            upload.name,
            upload.read(),
            request.user,
            dry_run=form.cleaned_data["dry_run"],
        )
        if report.ok and not report.dry_run:
            messages.success(
                request,
                ngettext(
                    "%(count)s Beleg importiert.", "%(count)s Belege importiert.", report.created
                )
                % {"count": report.created},
            )
            return redirect(plan.get_absolute_url() + "belege/")
    elif request.method != "POST":
        job = import_jobs.finished(request, IMPORT_KIND, plan=plan.pk)
        if job is not None:
            report = receipts.ImportReport(
                rows=job.result.get("rows", 0),
                created=job.result["created"],
                errors=[
                    RowError(e["line"], e["column"], e["reason"]) for e in job.result["errors"]
                ],
                dry_run=job.result.get("dry_run", False),
            )
    status = 400 if report is not None and not report.ok else 200
    return render(
        request,
        "funding/receipt_import.html",
        {"object": plan, "form": form, "report": report},
        status=status,
    )


@login_required
def cofunder_bill(request, pk):
    cofunder = get_object_or_404(
        Cofunder.objects.visible_to(request.user).select_related("plan__network"), pk=pk
    )
    figures = budget.figures(cofunder.plan)
    amount = dict(
        zip(
            [c.pk for c in cofunder.plan.cofunders.all()],
            [c.amount for c in figures.result.cofunders],
            strict=False,
        )
    ).get(cofunder.pk)
    context = {"cofunder": cofunder, "plan": cofunder.plan, "figures": figures, "amount": amount}
    if request.GET.get("format") == "pdf":
        response = HttpResponse(documents.bill_pdf(context), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="kofinanzierung-{cofunder.pk}.pdf"'
        return response
    return render(request, "funding/cofunder_bill.html", context)


@login_required
def proof_of_use(request, pk):
    plan = _plan(request, pk)
    until, period_form = _until(request)
    figures = budget.figures(plan, until=until)
    output = request.GET.get("format")
    stamp = (until or plan.period_end or datetime.date.today()).isoformat()
    if output == "pdf":
        response = HttpResponse(documents.proof_pdf(figures), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="verwendungsnachweis-{stamp}.pdf"'
        return response
    if output == "xlsx":
        response = HttpResponse(
            documents.proof_xlsx(figures),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="verwendungsnachweis-{stamp}.xlsx"'
        return response
    return render(
        request,
        "funding/proof_of_use.html",
        {
            "object": plan,
            "figures": figures,
            "period_form": period_form,
            "reports": plan.reports.all(),
            "may_edit": access.has_perm(request.user, FUNDING_MANAGE, plan),
        },
    )


def refused_as_message(view):
    """A refusal meant for the user (retention) becomes a message on the plan, not a 403."""

    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except access.Refused as refused:
            messages.error(request, str(refused))
            receipt = Receipt.objects.visible_to(request.user).filter(pk=kwargs.get("pk")).first()
            if receipt is None:
                raise
            return redirect(receipt.plan.get_absolute_url() + "belege/")

    return wrapped


receipt_delete = refused_as_message(receipt_delete)
