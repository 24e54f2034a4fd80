import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "verbund.settings")
application = get_wsgi_application()

# A server without its static files or media storage refuses to start with a clear
# message instead of answering 500 later (docs/deployment.md, "Shared and local").
from verbund.core.observability.storage_checks import refuse_misconfiguration  # noqa: E402

refuse_misconfiguration()
