"""Demo policy content: Ballerup's volunteering policy (adopted) and the strategy work (draft),
and example responses and a høringsnotat from the policy's høring (hoering.toml).

Only what is missing is created, record by record (looked up by slug); nothing that exists is
changed, so staff edits survive and running the loader twice changes nothing.
"""

import datetime
from pathlib import Path

from django.utils import timezone

from core.demo import read_toml, translated
from places.models import Place
from policy.models import (
    ActionPoint,
    Body,
    BodyMeeting,
    BodyMember,
    ConsultationNote,
    ConsultationResponse,
    Meeting,
    Policy,
    PolicyChange,
    ProcessStep,
    ProgressNote,
    Theme,
)
from toolbox.models import Guide

HERE = Path(__file__).parent
POLICY_FILES = ["frivillighedspolitik.toml", "frivillighedsstrategi.toml"]
POLICY_FIELDS = ("title", "introduction", "consultation_how", "theme_body_heading",
                 "action_points_heading")
POLICY_DATES = ("adopted_on", "valid_from", "valid_to", "consultation_starts",
                "consultation_ends")


def _create(model, **values):
    obj = model(**values)
    obj.full_clean()
    obj.save()
    return obj


def load_bodies(stdout) -> dict[str, Body]:
    created = 0
    for data in read_toml(HERE / "bodies.toml")["body"]:
        body = Body.objects.filter(slug=data["slug"]).first()
        if body is None:
            body = _create(Body, slug=data["slug"], kind=data["kind"],
                           **translated(data, "name"))
            created += 1
        if data.get("has_page"):
            load_body_page(body, data)
    stdout.write(f"Policy bodies: {created} created.")
    return {body.slug: body for body in Body.objects.all()}


def load_body_page(body: Body, data: dict) -> None:
    """A body's page, if staff have not written one; members and meetings if it has none."""
    if not body.has_page and not body.role_da:
        for name, value in translated(data, "role", "contact").items():
            setattr(body, name, value)
        body.has_page, body.website = True, data.get("website", "")
        body.full_clean()
        body.save()
    if not body.members.exists():
        for position, member in enumerate(data.get("member", []), start=1):
            _create(BodyMember, body=body, position=position, name=member["name"],
                    party=member.get("party", ""), **translated(member, "role"))
    if not body.meetings.exists():
        today = timezone.localdate()
        for meeting in data.get("meeting", []):
            _create(BodyMeeting, body=body,
                    meets_on=today + datetime.timedelta(days=meeting["days_from_today"]))


def load_policy(data: dict, bodies: dict[str, Body], stdout) -> None:
    policy = Policy.objects.filter(slug=data["slug"]).first()
    if policy is None:
        status = data["status"]
        if status == Policy.Status.ADOPTED and Policy.objects.filter(
                status=status, kind=data["kind"]).exists():
            # Staff have adopted another policy: the demo one must not take its place.
            status = Policy.Status.ARCHIVED
        policy = _create(
            Policy, slug=data["slug"], kind=data["kind"], status=status,
            adopted_by=bodies.get(data.get("adopted_by", "")),
            **{name: data[name] for name in POLICY_DATES if name in data},
            **translated(data, *POLICY_FIELDS),
        )
        stdout.write(f"Policy {policy.slug} created ({policy.status}).")
    for theme_data in data.get("theme", []):
        load_theme(policy, theme_data, bodies, stdout)


def load_theme(policy: Policy, data: dict, bodies: dict[str, Body], stdout) -> None:
    theme = Theme.objects.filter(policy=policy, slug=data["slug"]).first()
    if theme is None:
        theme = _create(Theme, policy=policy, slug=data["slug"], position=data["position"],
                        **translated(data, "title", "summary", "body"))
    for point_data in data.get("action_point", []):
        load_action_point(theme, point_data, bodies, stdout)


def load_action_point(theme: Theme, data: dict, bodies: dict[str, Body], stdout) -> None:
    if ActionPoint.objects.filter(theme=theme, slug=data["slug"]).exists():
        return
    action_point = _create(
        ActionPoint, theme=theme, slug=data["slug"], position=data["position"],
        status=data["status"], start_on=data.get("start_on"), due_on=data.get("due_on"),
        **translated(data, "title", "description", "status_reason"),
    )
    action_point.owners.set(bodies[slug] for slug in data.get("owners", []))
    wanted = data.get("related_guides", [])
    guides = list(Guide.objects.filter(slug__in=wanted))
    action_point.related_guides.set(guides)
    missing = sorted(set(wanted) - {guide.slug for guide in guides})
    if missing:
        stdout.write(f"Action point {action_point.slug}: guides not found, not linked: "
                     f"{', '.join(missing)}.")
    note = translated(data, "progress_note")
    if note.get("progress_note_da"):
        _create(ProgressNote, action_point=action_point, noted_on=data["progress_on"],
                text_da=note["progress_note_da"], text_en=note.get("progress_note_en"))


def load_consultation(data: dict, stdout) -> None:
    """Example responses (published) and a høringsnotat for a policy whose høring is over. A
    response is known by its text, a note by its theme."""
    policy = Policy.objects.filter(slug=data["policy"]).first()
    if policy is None or policy.consultation_is_open():
        return
    themes = {theme.slug: theme for theme in policy.themes.all()}
    responses, created = {}, 0
    for item in data.get("response", []):
        response = ConsultationResponse.objects.filter(policy=policy, text=item["text"]).first()
        if response is None:
            response = _create(
                ConsultationResponse, policy=policy, name=item["name"],
                on_behalf_of=item["on_behalf_of"],
                organisation_name=item.get("organisation_name", ""),
                text=item["text"], publish_name=item["publish_name"],
                submitted_at=item["submitted_at"], is_published=True,
                published_at=item["submitted_at"],
            )
            response.themes.set(themes[slug] for slug in item.get("themes", []) if slug in themes)
            created += 1
        responses[item["key"]] = response
    for item in data.get("note", []):
        theme = themes.get(item["theme"])
        if theme is None or ConsultationNote.objects.filter(policy=policy, theme=theme).exists():
            continue
        note = _create(ConsultationNote, policy=policy, theme=theme, position=item["position"],
                       is_published=True, **translated(item, "said", "changed"))
        for position, change_data in enumerate(item.get("change", []), start=1):
            change = _create(PolicyChange, note=note, position=position,
                             **translated(change_data, "section", "description"))
            change.responses.set(responses[key] for key in change_data.get("responses", [])
                                 if key in responses)
    stdout.write(f"Consultation responses for {policy.slug}: {created} created.")
STEP_DATES = ("planned_start", "planned_end", "actual_start", "actual_end")


def load_process(stdout) -> None:
    """The steps and meetings of process.toml, for a demo policy that has no steps yet."""
    for data in read_toml(HERE / "process.toml")["policy"]:
        policy = Policy.objects.filter(slug=data["slug"]).first()
        if policy is None or policy.process_steps.exists():
            continue
        for step_data in data["step"]:
            step = _create(ProcessStep, policy=policy, position=step_data["position"],
                           status=step_data["status"],
                           adoption_by=step_data.get("adoption_by", ""),
                           **{name: step_data[name] for name in STEP_DATES if name in step_data},
                           **translated(step_data, "title", "description", "outcome"))
            for meeting_data in step_data.get("meeting", []):
                load_meeting(step, meeting_data)
        stdout.write(f"Process steps of {policy.slug} created.")


def load_meeting(step: ProcessStep, data: dict) -> None:
    date = data.get("date") or (timezone.localdate()
                                + datetime.timedelta(days=data["days_from_today"]))
    place = Place.objects.filter(slug=data.get("place", "")).first()
    _create(Meeting, step=step, kind=data["kind"], date=date,
            starts_at=datetime.time.fromisoformat(data["starts_at"]),
            ends_at=datetime.time.fromisoformat(data["ends_at"]), place=place,
            address="" if place else data.get("address", "Stedet oplyses senere (eksempeldata)"),
            capacity=data["capacity"], **translated(data, "title", "audience", "description"))


def load(*, stdout) -> None:
    bodies = load_bodies(stdout)
    for name in POLICY_FILES:
        load_policy(read_toml(HERE / name), bodies, stdout)
    load_consultation(read_toml(HERE / "hoering.toml"), stdout)
    load_process(stdout)
