"""Language of API answers: ``?lang=`` or the ``Accept-Language`` header (or the language cookie).

Django's ``LocaleMiddleware`` gives every unprefixed URL the default language when the pages use
``i18n_patterns(prefix_default_language=False)``; API URLs carry no prefix, so they choose here.
"""

from django.conf import settings
from django.utils import translation


class ApiLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.codes = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        language = request.GET.get("lang")
        if language not in self.codes:
            language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
