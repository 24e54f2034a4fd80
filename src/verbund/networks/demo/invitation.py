"""Demo step: a pending invitation, so both sides of membership by consent can be tried.

The MehrWert coordination (login ``koordination``) has invited the VHS Hameln-Pyrmont; its
programme planner (login ``anbieter``, ``organizations.edit``) finds the invitation on the
dashboard and accepts or declines it (docs/privacy.md).
"""

from verbund.core.demo.registry import DemoContext, register_step
from verbund.core.services import audit
from verbund.networks.models import Invitation


@register_step(65, "networks: a pending invitation into MehrWert")
def load_invitation(ctx: DemoContext) -> None:
    invitation = Invitation.objects.create(
        network=ctx.network("mehrwert"),
        organization=ctx.org("vhs-hameln-pyrmont"),
        note="Wir laden Sie als Bildungsanbieter in den Weiterbildungsverbund ein.",
    )
    audit.record(invitation, "networks.invitation.created")
    ctx.log("1 pending invitation (MehrWert -> VHS Hameln-Pyrmont)")
