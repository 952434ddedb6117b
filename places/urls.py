from django.urls import path
from django.utils.translation import gettext_lazy as _

from places import views

app_name = "places"
urlpatterns = [
    path("", views.place_list, name="place-list"),
    path("<slug:slug>/", views.place_detail, name="place-detail"),
    path(_("<slug:slug>/photo"), views.place_photo, name="place-photo"),
]
