"""Demo policy content: Ballerup's volunteering policy (adopted) and the strategy work (draft).

Only what is missing is created, record by record (looked up by slug); nothing that exists is
changed, so staff edits survive and running the loader twice changes nothing.
"""

from pathlib import Path

from core.demo import read_toml, translated
from policy.models import ActionPoint, Body, Policy, ProgressNote, Theme
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
        if not Body.objects.filter(slug=data["slug"]).exists():
            _create(Body, slug=data["slug"], kind=data["kind"], **translated(data, "name"))
            created += 1
    stdout.write(f"Policy bodies: {created} created.")
    return {body.slug: body for body in Body.objects.all()}


def load_policy(data: dict, bodies: dict[str, Body], stdout) -> None:
    policy = Policy.objects.filter(slug=data["slug"]).first()
    if policy is None:
        status = data["status"]
        if status == Policy.Status.ADOPTED and Policy.objects.filter(status=status).exists():
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


def load(*, stdout) -> None:
    bodies = load_bodies(stdout)
    for name in POLICY_FILES:
        load_policy(read_toml(HERE / name), bodies, stdout)
