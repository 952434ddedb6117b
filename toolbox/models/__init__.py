"""The toolbox's models by subject: guides (with topics, audiences, contacts, attachments and
feedback), rules kept as data (with the citation token) and the planner. Imported from here."""

from toolbox.models.files import Document, document_field
from toolbox.models.guides import (
    Attachment, AttachmentAlias, Audience, Contact, Feedback, Guide, GuideAttachment,
    GuideQuerySet, Topic, attachment_path,
)
from toolbox.models.planner import (
    RESERVED_PLANNER_KEYS, AnswerOption, Question, QuestionQuerySet, Requirement,
    RequirementQuerySet, answers_apply, link_parameters,
)
from toolbox.models.rules import (
    ANY_RULE_TOKEN, RULE_TOKEN, TOKEN_KINDS, UNKNOWN_RULE, VALUE_PLACEHOLDER, Rule, RuleQuerySet,
    add_months, cited_rule_slugs, rule_review_cutoff, used_rule_slugs, validate_citations,
)
from toolbox.models.subscriptions import (
    ChangeNote, ChangeNoteQuerySet, Subscription, SubscriptionQuerySet, normalise_email,
)

__all__ = [
    "RULE_TOKEN", "UNKNOWN_RULE", "VALUE_PLACEHOLDER", "Rule", "RuleQuerySet", "add_months",
    "cited_rule_slugs", "rule_review_cutoff", "validate_citations", "ANY_RULE_TOKEN",
    "TOKEN_KINDS", "used_rule_slugs",
    "Attachment", "AttachmentAlias", "Audience", "Contact", "Feedback", "Guide",
    "GuideAttachment", "GuideQuerySet", "Topic", "attachment_path",
    "RESERVED_PLANNER_KEYS", "AnswerOption", "Question", "QuestionQuerySet", "Requirement",
    "link_parameters",
    "RequirementQuerySet", "answers_apply",
    "ChangeNote", "ChangeNoteQuerySet", "Subscription", "SubscriptionQuerySet",
    "normalise_email",
    "Document", "document_field",
]
