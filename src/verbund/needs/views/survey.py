"""The questionnaire: by personal token (no account) or as an interview recorded by staff."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation

from verbund.core.services import surveys
from verbund.core.services.params import parse_int
from verbund.needs import questionnaire
from verbund.needs.forms import NeedForm, SurveyForm, topic_choices
from verbund.needs.services import responses

MAX_NEEDS = 12
UI = {  # the few interface texts of the public form, in the respondent's language
    "company": {"de": "Ihr Betrieb", "en": "Your company", "fr": "Votre entreprise"},
    "needs": {"de": "Qualifizierungsbedarfe", "en": "Training needs", "fr": "Besoins de formation"},
    "need": {"de": "Bedarf", "en": "Need", "fr": "Besoin"},
    "more": {"de": "Weitere Angaben", "en": "Further information", "fr": "Autres informations"},
    "save": {"de": "Zwischenspeichern", "en": "Save for later", "fr": "Enregistrer"},
    "add": {
        "de": "Weiteren Bedarf hinzufügen",
        "en": "Add another need",
        "fr": "Ajouter un besoin",
    },
    "submit": {"de": "Absenden", "en": "Submit", "fr": "Envoyer"},
    "saved": {
        "de": "Gespeichert. Sie können über Ihren persönlichen Link weitermachen.",
        "en": "Saved. You can continue later through your personal link.",
        "fr": "Enregistré. Vous pouvez continuer plus tard avec votre lien personnel.",
    },
    "thanks": {
        "de": "Vielen Dank! Ihre Antworten sind eingegangen. Bis zum Ende der Befragung können Sie sie hier ändern.",
        "en": "Thank you! Your answers have been received. You can change them here until the survey closes.",
        "fr": "Merci ! Vos réponses ont été enregistrées. Vous pouvez les modifier ici jusqu'à la clôture.",
    },
    "closed": {
        "de": "Die Befragung ist abgeschlossen. Ihre Antworten können nicht mehr geändert werden.",
        "en": "The survey has closed. Your answers can no longer be changed.",
        "fr": "L'enquête est close. Vos réponses ne peuvent plus être modifiées.",
    },
    "concurrent": {
        "de": "Diese Antworten wurden eben in einem anderen Fenster gespeichert. Bitte prüfen Sie die Angaben unten und senden Sie sie bei Bedarf erneut.",
        "en": "These answers were saved in another window a moment ago. Please check the answers below and send them again if needed.",
        "fr": "Ces réponses viennent d'être enregistrées dans une autre fenêtre. Veuillez vérifier les réponses ci-dessous et les renvoyer si nécessaire.",
    },
    "errors": {
        "de": "Bitte prüfen Sie die markierten Angaben.",
        "en": "Please check the marked answers.",
        "fr": "Veuillez vérifier les réponses signalées.",
    },
}


def _texts(language):
    return {key: value[language] for key, value in UI.items()}


def _initial(response):
    initial = {
        "person_group": response.person_group,
        "district": response.district_id,
        "sector": response.sector,
        "size_class": response.size_class,
        "funding_awareness": response.funding_awareness,
        "obstacles": response.obstacles,
        "free_text": response.free_text,
    }
    initial.update(
        {f"custom_{key}": value for key, value in (response.custom_answers or {}).items()}
    )
    return initial


def _need_initial(response):
    if response.pk is None:
        return []
    return [
        {
            "topic": str(need.topic_id),
            "target_group": need.target_group,
            "employees": need.employees,
            "urgency": str(need.urgency),
            "format": need.format,
            "time_budget_days": need.time_budget_days,
            "time_of_day": need.time_of_day,
            "budget_per_person": need.budget_per_person,
            "details": need.details,
        }
        for need in response.needs.all()
    ]


def build_forms(request, response, language, draft):
    wave = response.wave
    topics = topic_choices(language)
    data = request.POST if request.method == "POST" else None
    existing = _need_initial(response)
    if data is not None:
        count = parse_int(data.get("need_count"), 1, minimum=1, maximum=MAX_NEEDS)
        if "add_need" in data:
            count = min(MAX_NEEDS, count + 1)
    else:
        count = max(2, len(existing) + 1)
    form = SurveyForm(data, wave=wave, language=language, draft=draft, initial=_initial(response))
    need_forms = [
        NeedForm(
            data,
            prefix=f"need-{index}",
            wave=wave,
            language=language,
            draft=draft,
            topics=topics,
            initial=existing[index] if index < len(existing) else None,
            size_class=(data.get("size_class") if data is not None else None)
            or response.size_class,
        )
        for index in range(count)
    ]
    return form, need_forms


def handle(request, response, language, template, context, success_url, user=None):
    """GET shows the form; POST saves a draft (``save``/``add_need``) or submits."""
    wave = response.wave
    editable = wave.accepts_answers
    submit = request.method == "POST" and "submit" in request.POST
    form, need_forms = build_forms(request, response, language, draft=not submit)
    status = 200
    if request.method == "POST":
        if not editable:
            status = 403
        elif form.is_valid() and all(need.is_valid() for need in need_forms):
            needs = [data for data in (need.need_data() for need in need_forms) if data]
            answers = {
                name: form.cleaned_data.get(name)
                for name in responses.RESPONSE_FIELDS
                if name in form.cleaned_data and form.cleaned_data.get(name) not in (None,)
            }
            try:
                responses.save_answers(
                    response, answers, needs, form.custom_answers(), submit=submit, user=user
                )
            except responses.WaveClosed:
                status = 403
            except responses.AlreadyAnswered:
                # lost a race with another submit of the same link: show what was stored
                messages.warning(request, _texts(language)["concurrent"])
                status = 409
                if response.invitation_id:
                    response = responses.response_for(response.invitation)
                form, need_forms = build_forms(request, response, language, draft=True)
            else:
                if "add_need" not in request.POST:
                    messages.success(request, _texts(language)["thanks" if submit else "saved"])
                    return redirect(success_url)
                form, need_forms = build_forms(request, response, language, draft=True)
        else:
            status = 400
    context.update(
        wave=wave,
        response=response,
        form=form,
        need_forms=need_forms,
        need_count=len(need_forms),
        editable=editable,
        language=language,
        texts=_texts(language),
        languages=questionnaire.LANGUAGES,
    )
    return render(request, template, context, status=status)


@surveys.link_page
def survey(request, token):
    invitation = responses.invitation_for_token(token)
    if invitation is None:
        raise Http404
    language = questionnaire.language_of(request.GET.get("lang") or invitation.language)
    if not invitation.wave.accepts_answers:
        with translation.override(language):
            # an expired link shows nothing of the company: no answers, no free text
            return surveys.expired_link_page(request, invitation.wave)
    response = responses.response_for(invitation)
    with translation.override(language):
        result = handle(
            request,
            response,
            language,
            "needs/survey.html",
            {"invitation": invitation},
            f"{invitation.survey_path()}?lang={language}",
        )
    return result
