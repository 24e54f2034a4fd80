"""The questionnaire by personal link: no account, drafts, corrections until the wave closes."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from verbund.core.services import surveys
from verbund.core.survey_forms import question_initial
from verbund.core.survey_models import LANGUAGES
from verbund.economy.forms import SurveyForm
from verbund.economy.services import answers


def _initial(answer):
    initial = {
        name: getattr(answer, name)
        for name in (
            "lage",
            "erwartungen",
            "exporte",
            "investitionen",
            "beschaeftigung",
            "free_text",
        )
    }
    initial["risiken"] = answer.risiken
    initial.update(question_initial(answer.extra_answers, "extra_"))
    return initial


@surveys.link_page
def survey(request, token):
    invitation = answers.invitation_for_token(token)
    if invitation is None:
        raise Http404
    language = surveys.language_of(request.GET.get("lang") or invitation.language)
    with translation.override(language):
        if not invitation.wave.accepts_answers:
            # an expired link shows nothing of the firm: no answers, no free text
            return surveys.expired_link_page(request, invitation.wave)
        answer = answers.answer_for(invitation)
        questions = answers.extra_questions(answer)
        editable = invitation.wave.accepts_answers
        form = SurveyForm(
            request.POST if request.method == "POST" else None,
            initial=_initial(answer),
            questions=questions,
            language=language,
        )
        status = 200
        if request.method == "POST":
            if form.is_valid():
                submit = bool(request.POST.get("submit"))
                try:
                    answers.save_answer(
                        answer, form.answer_data(), submit=submit, user=request.user
                    )
                except answers.WaveClosed:
                    return surveys.expired_link_page(request, invitation.wave)
                except answers.AlreadyAnswered:
                    # lost a race with another submit of the same link: show what was stored
                    messages.warning(
                        request,
                        _(
                            "Ihre Antworten wurden gerade in einem anderen Fenster gespeichert. "
                            "Bitte prüfen Sie sie und senden Sie erneut."
                        ),
                    )
                    status = 409
                    answer = answers.answer_for(invitation)
                    form = SurveyForm(
                        None, initial=_initial(answer), questions=questions, language=language
                    )
                else:
                    messages.success(
                        request,
                        _("Vielen Dank! Ihre Antworten sind eingegangen.")
                        if submit
                        else _(
                            "Gespeichert. Sie können über Ihren persönlichen Link weitermachen."
                        ),
                    )
                    suffix = f"?lang={language}" if language != invitation.language else ""
                    return redirect(invitation.survey_path() + suffix)
            else:
                status = 400
        return render(
            request,
            "economy/survey.html",
            {
                "invitation": invitation,
                "wave": invitation.wave,
                "answer": answer,
                "form": form,
                "editable": editable,
                "language": language,
                "languages": LANGUAGES,
            },
            status=status,
        )
