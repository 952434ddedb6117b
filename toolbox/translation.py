from modeltranslation.translator import TranslationOptions, register

from core.history import track
from toolbox.models import (
    Attachment, Audience, ChangeNote, Contact, Guide, GuideAttachment, Topic,
)


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Audience)
class AudienceTranslationOptions(TranslationOptions):
    fields = ("name", "description", "entry_label")


@register(Contact)
class ContactTranslationOptions(TranslationOptions):
    fields = ("name", "opening_hours")


@register(Guide)
class GuideTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "legal_basis")


@register(Attachment)
class AttachmentTranslationOptions(TranslationOptions):
    # The English file is optional: without it English readers get the Danish file.
    fields = ("title", "description", "file", "content_type", "size")
    required_languages = ("da",)


from toolbox.models import AnswerOption, Question, Requirement, Rule  # noqa: E402


@register(Rule)
class RuleTranslationOptions(TranslationOptions):
    fields = ("statement", "unit", "authority", "legal_basis")


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("text", "help_text")


@register(AnswerOption)
class AnswerOptionTranslationOptions(TranslationOptions):
    fields = ("label",)


@register(Requirement)
class RequirementTranslationOptions(TranslationOptions):
    fields = ("title", "why", "link_url", "link_text")


@register(ChangeNote)
class ChangeNoteTranslationOptions(TranslationOptions):
    fields = ("note",)
    required_languages = ("da",)


track(Topic, Audience, Contact, Guide, Attachment, GuideAttachment, Rule, Question, AnswerOption,
      Requirement)
