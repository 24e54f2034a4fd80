"""The REST API under /api/v1: one NinjaAPI, one router per app.

OpenAPI at /api/v1/openapi.json, interactive docs at /api/v1/docs (served from ninja's
bundled static files, no CDN, no inline script: CSP-compatible). See docs/api.md.
"""

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from verbund.api import errors
from verbund.api.auth import api_auth
from verbund.core.api import router as core_router
from verbund.networks.api import router as networks_router

api = NinjaAPI(
    title="verbund API",
    version="1",
    urls_namespace="api",
    description="REST-API von verbund. Authentifizierung mit persönlichem API-Token.",
    auth=api_auth(),
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
)
errors.install(api)
api.add_router("/", core_router)
api.add_router("/", networks_router)
api.add_router("/", "verbund.exams.api.router")
api.add_router("/", "verbund.courses.api.router")
api.add_router("/", "verbund.needs.api.router")
api.add_router("/", "verbund.advice.api.router")
api.add_router("/", "verbund.events.api.router")
api.add_router("/", "verbund.economy.api.router")
api.add_router("/", "verbund.apprenticeship.api.router")
api.add_router("/", "verbund.mobility.api.router")
