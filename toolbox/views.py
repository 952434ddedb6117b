from django.shortcuts import render
from django.views.decorators.http import require_safe

from toolbox.models import Topic


@require_safe
def index(request):
    return render(request, "toolbox/index.html", {"topics": Topic.objects.all()})


@require_safe
def search(request):
    # Full-text search arrives with the toolbox issue; until then the page explains itself.
    return render(request, "toolbox/search.html", {"query": request.GET.get("q", "")[:200]})
