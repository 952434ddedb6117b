"""What measures an action point: the figures an app above policy links to it (indicators), shown
on the action plan, the theme page and the print view.

Policy knows nothing of indicators (the house of layers, docs/architecture.md): the indicators
app registers one function here in its AppConfig.ready. Without one, nothing is attached and
the policy pages show no figures.

The provider is called once per list, `provider(action_points, user)`, and sets on each action
point `measured_by` (a list of objects with `name`, `url`, `is_example_data`, `is_internal`,
`latest_text`, `latest_period`, `latest_provisional`, `sentence`, `code`, `label`) and
`computed` (None, or an object with `code` and `label`: the status the figures give), in a
fixed number of queries.
"""

_providers: list = []


def register(provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def attach(action_points, *, user) -> list:
    """The action points, each with `measured_by` and `computed` set (empty without a
    provider)."""
    action_points = list(action_points)
    for action_point in action_points:
        action_point.measured_by = []
        action_point.computed = None
    if action_points:
        for provider in _providers:
            provider(action_points, user)
    return action_points
