"""The REST API under /api/v1: one NinjaAPI, one router per app."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="verbund API",
    version="1",
    urls_namespace="api",
    description="REST-API von verbund. Authentifizierung mit persönlichem API-Token.",
)
