"""Organisations that need volunteers and the opportunities (frivillige opgaver) they offer.

What the public may see is decided in one place per model: `Organisation.objects.public()` and
`Opportunity.objects.published()`. Lists, search, the sitemap and the feed all start there, so
a draft, an unapproved submission or an expired opportunity leaves every public output at once.
"""

from volunteering.models.opportunities import Opportunity, Suits
from volunteering.models.organisations import (
    RESERVED_SLUGS,
    Area,
    Field,
    Organisation,
    Status,
    logo_path,
)
from volunteering.models.submissions import InterestMessage, Submission

__all__ = [
    "RESERVED_SLUGS", "Area", "Field", "InterestMessage", "Opportunity", "Organisation", "Status",
    "Submission", "Suits", "logo_path",
]
