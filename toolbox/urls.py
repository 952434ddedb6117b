from django.urls import path
from django.utils.translation import gettext_lazy as _

from toolbox import views

app_name = "toolbox"
urlpatterns = [
    path("", views.index, name="index"),
    path(_("search/"), views.search, name="search"),
]
