"""The activity planner: a form built from the questions in the admin, and the checklist an
answer set brings in. Nothing here writes to the database; the answers live in the URL."""

import calendar
import datetime
import functools
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from toolbox.models import (
    AnswerOption, Question, Requirement, add_months, answers_apply, link_parameters,
)
from toolbox.rules import RuleBook

DATE_FIELD = "dato"
EARLIEST = datetime.date(2000, 1, 1)
# The value from the address is not repeated back: it may be long or odd.
INVALID_CHOICE = _("We did not recognise that answer. Choose one of the answers below.")
YEARS_AHEAD = 10


def closed_days(year: int) -> frozenset[datetime.date]:
    """The days of `year` that are not working days besides weekends: the public holidays of
    settings.PLANNER_HOLIDAY_COUNTRY (for Denmark those of helligdagsloven, without Store Bededag
    from 2024) and settings.PLANNER_CLOSED_DAYS (Grundlovsdag, 24 and 31 December)."""
    return _closed_days(settings.PLANNER_HOLIDAY_COUNTRY, tuple(settings.PLANNER_CLOSED_DAYS),
                        year)


@functools.lru_cache(maxsize=64)
def _closed_days(country: str, fixed: tuple[str, ...], year: int) -> frozenset[datetime.date]:
    import holidays  # ~0.2 s to load: only when a deadline is counted in working days

    public = holidays.country_holidays(country, years=year, categories=(holidays.PUBLIC,))
    days = {datetime.date.fromisoformat(f"{year}-{day}") for day in fixed
            if day != "02-29" or calendar.isleap(year)}
    return frozenset(public) | days


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in closed_days(day.year)


def deadline(event: datetime.date, days: int, *, working_days: bool = False) -> datetime.date:
    """The last day to act: `days` before `event`, counting calendar days, or working days
    (Monday–Friday, holidays and the other closed days skipped)."""
    if not working_days:
        return event - datetime.timedelta(days=days)
    day = event
    remaining = days
    while remaining > 0:
        day -= datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


class PlannerForm(forms.Form):
    """The date, then one field per question (radio buttons or check boxes)."""

    def __init__(self, data, *, questions):
        super().__init__(data)
        self.questions = questions
        self.fields[DATE_FIELD] = forms.DateField(
            label=_("Date of the activity"), required=False,
            help_text=_("Used to count the deadlines back from. Format: 2026-06-17."),
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"],
        )
        for question in questions:
            choices = [(option.key, option.label) for option in question.options.all()]
            if question.kind == Question.Kind.MULTIPLE:
                field = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple)
            else:
                field = forms.ChoiceField(widget=forms.RadioSelect)
            field.choices = choices
            field.error_messages["invalid_choice"] = INVALID_CHOICE
            field.required = False
            field.label = question.text
            field.help_text = question.help_text
            field.question = question
            self.fields[question.key] = field

    def clean_dato(self):
        day = self.cleaned_data.get(DATE_FIELD)
        latest = add_months(timezone.localdate(), 12 * YEARS_AHEAD)
        if day is not None and not EARLIEST <= day <= latest:
            raise forms.ValidationError(_("Choose a date between %(first)s and %(last)s.") % {
                "first": EARLIEST.isoformat(), "last": latest.isoformat()})
        return day

    @property
    def question_fields(self):
        return [self[question.key] for question in self.questions]

    def chosen_option_ids(self) -> set:
        ids = set()
        for question in self.questions:
            value = self.cleaned_data.get(question.key) or []
            keys = {value} if isinstance(value, str) else set(value)
            ids |= {option.pk for option in question.options.all() if option.key in keys}
        return ids

    def answers(self) -> list:
        """[(question, [labels])] for the summary of what the reader answered."""
        answered = []
        for question in self.questions:
            value = self.cleaned_data.get(question.key) or []
            keys = {value} if isinstance(value, str) else set(value)
            labels = [option.label for option in question.options.all() if option.key in keys]
            if labels:
                answered.append((question, labels))
        return answered


@dataclass
class Item:
    requirement: Requirement
    lead_days: int | None = None
    working_days: bool = False
    deadline_rule: object = None
    deadline: datetime.date | None = None
    is_past: bool = False
    link: str = ""

    @property
    def deadline_unsettled(self) -> bool:
        """The deadline comes from a rule whose value is not settled: no date is given for it,
        only "check the deadline with …" (on the page and in the calendar file)."""
        return bool(self.deadline_rule and self.deadline_rule.to_check)

    @property
    def contact(self):
        return self.requirement.contact


@dataclass
class Group:
    category: str
    label: str
    items: list


def checklist(option_ids: set, event: datetime.date | None, *, today=None) -> list[Group]:
    """The items the answers bring in, grouped must / check / good advice, with deadlines."""
    today = today or timezone.localdate()
    requirements = [r for r in Requirement.objects.for_answers(option_ids) if r.applies(option_ids)]
    groups = {value: Group(value, label, []) for value, label in Requirement.Category.choices}
    parameters = []
    if any(requirement.link_url for requirement in requirements):
        # The answers carry the filters the linked page understands (e.g. the list of places).
        for query in (AnswerOption.objects.filter(pk__in=option_ids).exclude(link_query="")
                      .order_by("question__position", "position")
                      .values_list("link_query", flat=True)):
            parameters += link_parameters(query)
    for requirement in sorted(requirements, key=lambda r: (r.position, r.pk)):
        item = Item(requirement, link=requirement.link_with(parameters))
        lead = requirement.lead
        if lead is not None:
            item.lead_days, item.working_days, item.deadline_rule = lead
            if event is not None and not item.deadline_unsettled:
                item.deadline = deadline(event, item.lead_days, working_days=item.working_days)
                item.is_past = item.deadline < today
        groups[requirement.category].items.append(item)
    return [group for group in groups.values() if group.items]


def load_questions():
    return list(Question.objects.with_options())


def fill_question_texts(questions, book: RuleBook) -> None:
    """The questions' and answers' rule tokens filled in, in memory only (never saved)."""
    for question in questions:
        question.text = book.fill(question.text)
        question.help_text = book.fill(question.help_text)
        for option in question.options.all():
            option.label = book.fill(option.label)


def fill_checklist_texts(groups, book: RuleBook) -> None:
    for group in groups:
        for item in group.items:
            requirement = item.requirement
            for name in ("title", "why", "link_text"):
                setattr(requirement, name, book.fill(getattr(requirement, name)))


@dataclass(frozen=True)
class Answer:
    """One answer as plain values: what a link into the planner needs of it."""
    id: int
    key: str
    question_id: int
    question_key: str
    multiple: bool  # its question takes several answers (check boxes)


def answers_for(triggers: list[Answer], also: list[Answer],
                excluded_ids: set) -> list[tuple[str, str]]:
    """The answers that bring a checklist item in, as (question key, answer key) pairs for the
    planner's address: its first trigger and, when it needs one, the first "and also" answer to
    another question (or to the same one, when it takes several answers). [] when those
    answers would hide it (its "but not when"). `triggers` and `also` in the planner's order."""
    if not triggers:
        return []
    chosen = [triggers[0]]
    if also:
        other = [answer for answer in also
                 if answer.question_id != chosen[0].question_id or answer.multiple]
        if not other:
            return []
        chosen.append(other[0])
    if not answers_apply({answer.id for answer in chosen},
                         also_one_of={answer.id for answer in also}, not_when=excluded_ids):
        return []
    return [(answer.question_key, answer.key) for answer in chosen]


def planner_items(requirements, book: RuleBook, planner_url: str) -> list[tuple[str, str]]:
    """(title, address) for each checklist item the planner brings in with a short answer set:
    a guide's readers open the planner at that item with the answers already given. Each of
    `requirements` has its `title` and, as plain values, `trigger_answers` and `also_answers`
    (lists of Answer) and `excluded_ids` (toolbox.guide_page reads them)."""
    items = []
    for requirement in requirements:
        answers = answers_for(requirement.trigger_answers, requirement.also_answers,
                              requirement.excluded_ids)
        if answers:
            items.append((book.fill(requirement.title), f"{planner_url}?{urlencode(answers)}"))
    return items
