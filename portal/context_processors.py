from core.models import Municipality


def site(request):
    return {"municipality": Municipality.load()}
