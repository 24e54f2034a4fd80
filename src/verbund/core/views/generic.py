"""A uniform skeleton for list, detail, edit and delete pages of every app.

Visibility and permissions come only from the model's queryset (``visible_to`` /
``with_perm``); writes go through ``services.editing`` so every change is audited.
An object the user may not see is a 404; one they may see but not change is a 403.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from verbund.core.services import access, audit, editing

PAGE_SIZE = 25


class ObjectListView(LoginRequiredMixin, TemplateView):
    """List with free-text search (``q``), filters, sorting (``sort``) and pagination."""

    model = None
    template_name = "core/object_list.html"
    search_fields: tuple[str, ...] = ()
    filter_fields: tuple[str, ...] = ()
    sort_options: dict[str, str | tuple[str, ...]] = {}
    default_sort = ""
    columns: tuple[tuple[str, str], ...] = ()
    create_url_name = ""
    create_perm = ""

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user)

    def filtered(self):
        queryset = self.get_queryset()
        query = self.request.GET.get("q", "").strip()
        if query and self.search_fields:
            condition = Q()
            for name in self.search_fields:
                condition |= Q(**{f"{name}__icontains": query})
            queryset = queryset.filter(condition)
        for name in self.filter_fields:
            value = self.request.GET.get(name)
            if value:
                try:
                    queryset = queryset.filter(**{name: value})
                except (ValueError, TypeError, ValidationError):
                    queryset = queryset.none()  # "?region=abc" matches nothing, no 500
        sort = self.request.GET.get("sort", self.default_sort)
        if sort.lstrip("-") in self.sort_options:
            # A sort option is one field or a tuple of fields (year, then season).
            fields = self.sort_options[sort.lstrip("-")]
            fields = fields if isinstance(fields, tuple) else (fields,)
            prefix = "-" if sort.startswith("-") else ""
            queryset = queryset.order_by(*(prefix + field for field in fields), "pk")
        return queryset, query, sort

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queryset, query, sort = self.filtered()
        page = Paginator(queryset, PAGE_SIZE).get_page(self.request.GET.get("page"))
        params = self.request.GET.copy()
        params.pop("page", None)
        context.update(
            page=page,
            object_list=page.object_list,
            query=query,
            sort=sort,
            querystring=params.urlencode(),
            model_meta=self.model._meta,
            may_create=bool(self.create_perm)
            and access.has_perm(self.request.user, self.create_perm),
            create_url_name=self.create_url_name,
        )
        return context


class ObjectDetailView(LoginRequiredMixin, TemplateView):
    model = None
    edit_perm = ""

    def get_object(self):
        return get_object_or_404(
            self.model.objects.visible_to(self.request.user), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.get_object()
        context.update(
            object=obj,
            may_edit=bool(self.edit_perm)
            and access.has_perm(self.request.user, self.edit_perm, obj),
            history=audit.entries_for(obj)[:50],
        )
        return context


def editable_object(user, model, pk, perm):
    """The object for an edit: 404 if the user cannot see it, 403 if they may not change it."""
    obj = get_object_or_404(model.objects.visible_to(user), pk=pk)
    access.require(user, perm, obj)
    return obj


class ObjectFormView(LoginRequiredMixin, TemplateView):
    """Create (no ``pk`` in the URL) or edit an object with a ModelForm."""

    model = None
    form_class = None
    perm = ""
    action_prefix = ""
    template_name = "core/object_form.html"
    # The key of the privacy notice shown beside the form (``core.services.legal``), if the
    # form collects personal data.
    privacy_notice = ""

    def get_object(self):
        if "pk" in self.kwargs:
            return editable_object(self.request.user, self.model, self.kwargs["pk"], self.perm)
        access.require(self.request.user, self.perm, self.get_parent_for_permission())
        return self.new_object()

    def get_parent_for_permission(self):
        """The object whose permission a creation needs (None: permission anywhere)."""
        return None

    def new_object(self):
        return self.model()

    def get_form(self, obj):
        kwargs = {"instance": obj}
        if self.request.method == "POST":
            kwargs.update(data=self.request.POST, files=self.request.FILES)
        form = self.form_class(**kwargs)
        if hasattr(form, "limit_choices"):
            form.limit_choices(self.request.user)
        return form

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        return self.render_to_response(self.get_context_data(form=self.get_form(obj), object=obj))

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        form = self.get_form(obj)
        if form.is_valid():
            model_fields = {field.name for field in self.model._meta.get_fields()}
            data = {
                name: form.cleaned_data[name]
                for name in form._meta.fields
                if name in form.cleaned_data and name in model_fields
            }
            try:
                saved = self.save(obj, data, form)
            except ValidationError as error:
                form.add_error(None, error)
            except PermissionDenied:
                raise
            else:
                messages.success(request, _("Gespeichert."))
                return redirect(self.get_success_url(saved))
        return self.render_to_response(self.get_context_data(form=form, object=obj), status=400)

    def save(self, obj, data, form):
        return editing.save_changes(obj, data, self.request.user, self.action_prefix)

    def get_success_url(self, obj):
        return obj.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("model_meta", self.model._meta)
        context["creating"] = "pk" not in self.kwargs
        context["privacy_notice"] = self.privacy_notice
        return context


class ObjectDeleteView(LoginRequiredMixin, TemplateView):
    """Ask for confirmation, then delete with an audit entry."""

    model = None
    perm = ""
    action_prefix = ""
    template_name = "core/object_confirm_delete.html"

    def get_object(self):
        return editable_object(self.request.user, self.model, self.kwargs["pk"], self.perm)

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        return self.render_to_response(
            self.get_context_data(object=obj, cancel_url=obj.get_absolute_url())
        )

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        target = self.get_success_url(obj)
        editing.delete_object(obj, request.user, self.action_prefix)
        messages.success(request, _("Gelöscht: %(object)s") % {"object": obj})
        return redirect(target)

    def get_success_url(self, obj):
        return obj.get_absolute_url()
